"""Bead shapes and the cost model the dynamic programme minimises.

A link bead of shape (a, b) with similarity s costs ``(a + b) * (1 - s) + shape_penalty``;
leaving a source sentence unaligned costs ``skip_src``, a target sentence ``skip_tgt``.
The profile sets the skip costs: in a summary most source sentences are unaligned by
design (cheap source skips), in a translation almost nothing is. Constants were tuned on
the tuning half of NTREX (summary and translation cases) and Text+Berg ``dev``; see
``benchmarks/tune.py``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from align.types import Profile

Shape = tuple[int, int]


def bead_shapes(max_bead: int = 5, max_side: int = 4) -> tuple[Shape, ...]:
    """All (a, b) with a, b >= 1 and a + b <= max_bead, plus (1, 0) and (0, 1), 1:1 first."""
    if max_bead < 2:
        raise ValueError(f"max_bead must be >= 2 (got {max_bead})")
    links = [(a, b) for a in range(1, max_side + 1) for b in range(1, max_side + 1)
             if a + b <= max_bead]
    links.sort(key=lambda s: (s[0] + s[1], s))
    return (*links, (1, 0), (0, 1))


@dataclass(frozen=True)
class CostModel:
    """Costs for one alignment run; ``params()`` goes into the signature."""

    profile: Profile
    skip_src: float
    skip_tgt: float
    # Extra cost per bead beyond 1:1, per shape "a-b"; larger beads are rarer in gold.
    shape_penalty: dict[str, float] = field(default_factory=dict)
    many_penalty: float = 0.25  # default per extra sentence beyond a 1:1 bead

    def penalty(self, a: int, b: int) -> float:
        return self.shape_penalty.get(f"{a}-{b}", self.many_penalty * (a + b - 2))

    def link_cost(self, a: int, b: int, sim: Any) -> Any:
        """Cost of a link bead; ``sim`` is a float or an ndarray in [0, 1]."""
        return (a + b) * (1.0 - sim) + self.penalty(a, b)

    def params(self) -> dict[str, Any]:
        return {"skip_src": self.skip_src, "skip_tgt": self.skip_tgt,
                "many_penalty": self.many_penalty}

    def with_(self, **kw: Any) -> CostModel:
        return replace(self, **kw)


# Tuned defaults (benchmarks/tune.py on NTREX tune half + Text+Berg dev).
PROFILES: dict[Profile, CostModel] = {
    Profile.SUMMARY: CostModel(Profile.SUMMARY, skip_src=0.55, skip_tgt=1.0, many_penalty=0.15),
    Profile.TRANSLATION: CostModel(Profile.TRANSLATION, skip_src=0.9, skip_tgt=0.9,
                                   many_penalty=0.2),
}


def cost_model(profile: Profile | str) -> CostModel:
    p = Profile(profile)
    if p is Profile.AUTO:
        raise ValueError("resolve the 'auto' profile before asking for its costs")
    return PROFILES[p]
