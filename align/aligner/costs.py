"""Bead shapes and the cost model the dynamic programme minimises.

A link bead of shape (a, b) with similarity s costs ``(a + b) * (1 - s) + shape_penalty``;
leaving a source sentence unaligned costs ``skip_src``, a target sentence ``skip_tgt``.
The profile sets the skip costs: in a summary most source sentences are unaligned by
design (cheap source skips), in a translation almost nothing is. Constants were tuned on
the tuning half of NTREX (summary and translation cases) and Text+Berg ``dev``; see
``benchmarks/tune.py``.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from math import log
from typing import Any, TypeVar

import numpy as np

from align.types import Profile

# Gale & Church (1993) bead priors: 1-1 .89, 1-0/0-1 .0099, 2-1/1-2 .089, 2-2 .011.
GC_PRIORS = {"1-1": -log(0.89), "2-1": -log(0.089 / 2), "1-2": -log(0.089 / 2),
             "2-2": -log(0.011)}

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
    # "linear": (a + b) * (1 - sim) + penalty; "logprob": -log(sim) + penalty, with
    # penalties -log(prior) — Gale & Church's own formulation, for probability-like sims.
    kind: str = "linear"

    def penalty(self, a: int, b: int) -> float:
        return self.shape_penalty.get(f"{a}-{b}", self.many_penalty * (a + b - 2))

    def link_cost(self, a: int, b: int, sim: Any) -> Any:
        """Cost of a link bead; ``sim`` is a float or an ndarray in [0, 1]."""
        if self.kind == "logprob":
            return -np.log(np.maximum(sim, 1e-12)) + self.penalty(a, b)
        return (a + b) * (1.0 - sim) + self.penalty(a, b)

    def params(self) -> dict[str, Any]:
        p: dict[str, Any] = {"skip_src": self.skip_src, "skip_tgt": self.skip_tgt,
                             "many_penalty": self.many_penalty}
        if self.kind != "linear":
            p["cost"] = self.kind
        return p


# Tuned defaults per (profile, evidence) — benchmarks/tune.py on tuning data only:
# "lexicon": NTREX tune half (tr-en); "surface" and "length": Text+Berg dev (de-fr).
# With a strong lexicon, merging neighbours raises coverage spuriously (shared names), so
# n:m beads cost more; with surface evidence, merges are what the evidence supports.
# Translation + lexicon: many_penalty 0.7 -> 0.9 (tuned on the NTREX tune half of
# ``ntrex_omissions`` and ``ntrex_translation``). At 0.7 a 2:1 bead cost about as much as
# a 1-0 bead plus a 1:1 bead, so a source sentence whose English was dropped merged into its
# neighbour's bead and the omission was hidden (omissions tune: strict 0.973 -> 0.995,
# src-null 0.846 -> 0.982). 0.9 kept synthetic genuine 2:1 merges of the same documents at
# strict 0.994 (1.0 dropped them to 0.985; a weak-member term was dominated by this).
# Hybrid (lexical + a sentence encoder; benchmarks/tune.py --scorer hybrid@use-m3 at weight
# 0.5): summary on the NTREX tune half and the digest samples together: the NTREX objective
# is a ridge (skip_src 1.3 / many 0.9: 0.9854; 1.1 / 0.7: 0.9836), and of its points
# 1.1 / 0.7 keeps the samples' excerpts right (mean strict 0.951 against 0.915) and the QA
# checks' false flags low (`align eval --qa`: 0.35 per 20 English sentences against 1.24);
# skip_tgt is flat over 1.2-2.0. Translation with surface evidence on Text+Berg dev
# (strict 0.904 with runs embedded whole); with a
# lexicon on the NTREX tune half of ``ntrex_translation`` and ``ntrex_omissions`` (strict
# 0.998, src-null 1.000 there).
PROFILES: dict[tuple[Profile, str], CostModel] = {
    (Profile.SUMMARY, "lexicon"): CostModel(Profile.SUMMARY, 1.3, 1.5, many_penalty=0.7),
    (Profile.TRANSLATION, "lexicon"): CostModel(Profile.TRANSLATION, 1.6, 1.6, many_penalty=0.9),
    (Profile.TRANSLATION, "surface"): CostModel(Profile.TRANSLATION, 1.3, 1.3, many_penalty=0.3),
    (Profile.TRANSLATION, "length"): CostModel(
        Profile.TRANSLATION, 3.0, 3.0, GC_PRIORS, many_penalty=3.0,
        kind="logprob"),
    (Profile.SUMMARY, "hybrid"): CostModel(Profile.SUMMARY, 1.1, 1.5, many_penalty=0.7),
    (Profile.TRANSLATION, "hybrid/lexicon"): CostModel(Profile.TRANSLATION, 1.2, 1.6,
                                                       many_penalty=0.9),
    (Profile.TRANSLATION, "hybrid/surface"): CostModel(Profile.TRANSLATION, 1.3, 1.3,
                                                       many_penalty=0.3),
    # Embeddings alone (benchmarks/tune.py --scorer embed@use-m3): summary on the NTREX tune
    # half (strict 0.929, src-null 0.974 there; the lexicon profile gave strict 0.59:
    # merging a rendered sentence with an unrendered neighbour costs embeddings too little);
    # translation on Text+Berg dev (strict 0.856).
    (Profile.SUMMARY, "embedding"): CostModel(Profile.SUMMARY, 0.9, 1.3, many_penalty=0.7),
    (Profile.TRANSLATION, "embedding"): CostModel(Profile.TRANSLATION, 1.4, 1.4,
                                                  many_penalty=0.5),
}


T = TypeVar("T")


def lookup(table: Mapping[str, T], evidence: str, fallback: str = "lexicon") -> T | None:
    """The entry for an evidence kind, else for its nearest fitted parent, else ``fallback``'s.

    Evidence kinds are paths, most general first: ``hybrid/surface/use-m3`` (the hybrid of
    surface evidence, de-fr, with USE) falls back to ``hybrid/surface``, then ``hybrid``,
    then ``lexicon``.
    """
    key = evidence
    while key:
        if key in table:
            return table[key]
        key = key.rpartition("/")[0]
    return table.get(fallback)


def cost_model(profile: Profile | str, evidence: str = "lexicon") -> CostModel:
    """Tuned costs for a profile and the kind of evidence the scorer has."""
    p = Profile(profile)
    if p is Profile.AUTO:
        raise ValueError("resolve the 'auto' profile before asking for its costs")
    found = lookup({e: cm for (pr, e), cm in PROFILES.items() if pr is p}, evidence)
    assert found is not None, f"no cost profile for {p.value}"
    return found
