"""Per-check precision as judged by reviewers (``align project report``).

For each flag type, over the reviewed pairs of a project:

* ``raised``: flags of the type on the pairs' beads now, shown or held back by a
  suppression (``align.store.edit.suppress``; the alignment lists those in
  ``meta["suppressed"]``);
* ``accepted`` / ``false_positive``: reviewers' verdicts on the type (one per bead and
  type, counted whether or not the flag is still on the bead: a flag marked false positive
  is usually suppressed by the next re-check);
* ``open``: shown flags on a bead with no verdict on their type;
* ``suppressed``: flags held back by a suppression;
* ``precision`` = accepted / (accepted + false_positive), None ("—") when nothing of the
  type was judged.

Types come in the QA registry's order (:func:`align.qa.registry.types`, every registered
check, so a check that raised nothing reads 0), then any other type found, sorted.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from align.qa.registry import types
from align.types import Alignment

Verdict = tuple[int, str, str]
"""``(bead position, flag type, resolution)``: a reviewer's verdict on a bead's flag."""

FIELDS = ("type", "raised", "accepted", "false_positive", "open", "suppressed", "precision")
"""The record's keys, in order (JSON and the CSV message follow them)."""


@dataclass(frozen=True)
class CheckPrecision:
    """The figures of one flag type (see the module docstring)."""

    type: str
    raised: int = 0
    accepted: int = 0
    false_positive: int = 0
    open: int = 0
    suppressed: int = 0

    @property
    def precision(self) -> float | None:
        judged = self.accepted + self.false_positive
        return self.accepted / judged if judged else None

    @property
    def precision_text(self) -> str:
        """``0.75``, or ``—`` when nothing was judged."""
        p = self.precision
        return "—" if p is None else f"{p:.2f}"

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in FIELDS}

    def summary(self) -> str:
        """One line: ``raised 12, accepted 3, false positive 1, open 8, suppressed 2,
        precision 0.75``."""
        return (f"raised {self.raised}, accepted {self.accepted}, false positive "
                f"{self.false_positive}, open {self.open}, suppressed {self.suppressed}, "
                f"precision {self.precision_text}")


def check_precision(pairs: Iterable[tuple[Alignment, Sequence[Verdict]]]) -> list[CheckPrecision]:
    """The per-type figures over *pairs*: each an alignment as the store hands it out and
    the verdicts on its beads."""
    counts: dict[str, dict[str, int]] = {}

    def add(t: str, field: str, n: int = 1) -> None:
        counts.setdefault(t, dict.fromkeys(FIELDS[1:-1], 0))[field] += n

    for aln, verdicts in pairs:
        judged = {(int(b), str(t)): str(r) for b, t, r in verdicts}
        for (_, t), r in judged.items():
            add(t, "accepted" if r == "accepted" else "false_positive")
        for k, bead in enumerate(aln.beads):
            for f in bead.flags:
                add(f.type, "raised")
                if (k, f.type) not in judged:
                    add(f.type, "open")
        held = aln.meta.get("suppressed")
        for item in held if isinstance(held, Sequence) else ():
            if isinstance(item, Mapping) and item.get("type"):
                add(str(item["type"]), "raised")
                add(str(item["type"]), "suppressed")
    order = types()
    found = [*order, *sorted(t for t in counts if t not in order)]
    return [CheckPrecision(t, **counts.get(t, {})) for t in found]


__all__ = ["FIELDS", "CheckPrecision", "Verdict", "check_precision"]
