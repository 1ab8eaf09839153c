"""Whole-pair QA re-check: the body of ``review.recheck``.

Review operations re-check flags on a window around the beads they change (``refresh``),
so a flag that depends on the whole document (``length``'s median ratio, the "occurs
anywhere in the source" severity rule, an ``omission`` far from the edit) can go stale.
``recheck_flags`` runs ``align.qa.checks.run_checks`` on the pair's whole current
alignment (as ``Store.load`` builds it) and gives every bead exactly the flags it returns;
statuses, scores, reviewers and texts are untouched, and only beads whose flags differ
are changed (so only their rows are written and logged). Flags the project suppresses
(``edit.suppress``) are stored marked, not shown.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from align.store.edit.spans import anchor_flag
from align.store.edit.state import to_alignment
from align.store.edit.suppress import bead_texts, is_suppressed, mark
from align.store.model import SIDES

if TYPE_CHECKING:
    from align.store.edit.work import Work
    from align.types import Alignment


def recheck_flags(w: Work) -> None:
    """Set the flags of every bead of *w* to those ``run_checks`` finds on the whole pair
    (flags of types no check produces, e.g. imported ones, are kept, as ``run_checks``
    keeps them; so are suppressed ones of such types). A flag whose suppression key is in
    the project's (``w.suppressed_keys()``) is stored marked suppressed. Beads whose
    resolved flags and suppressed flags are already equal are left alone."""
    from align.qa.checks import CHECKS, run_checks

    aln = to_alignment(w.base)
    checked = run_checks(aln)
    starts = {"src": [s.start for s in aln.source.sentences],
              "tgt": [s.start for s in aln.target.sentences]}
    ids = {side: list(w.base.order[side]) for side in SIDES}
    keys, langs, known = w.suppressed_keys(), w.langs, set(CHECKS)
    for row, old, new in zip(w.base.beads, aln.beads, checked.beads, strict=True):
        stored = mark([anchor_flag(f, starts, ids) for f in new.flags], bead_texts(aln, new),
                      langs, keys)
        stored += tuple(dict(f) for f in row.flags
                        if is_suppressed(f) and f.get("type") not in known)
        shown = tuple(f for f, d in zip(new.flags, stored, strict=False) if not is_suppressed(d))
        if shown != old.flags or _held(stored) != _held(row.flags):
            w.set_bead(row.id, flags=stored)


def _held(stored: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """The suppressed flags of a bead, as (type, severity, message)."""
    return [(f.get("type"), f.get("severity"), f.get("message")) for f in stored
            if is_suppressed(f)]


def flag_delta(before: Alignment, after: Alignment) -> tuple[int, int]:
    """(flags added, flags removed) from *before* to *after*, two alignments with the same
    beads (as ``recheck`` leaves them): flags compared per bead position, as multisets."""
    added = removed = 0
    for b, a in zip(before.beads, after.beads, strict=True):
        old, new = Counter(b.flags), Counter(a.flags)
        added += sum((new - old).values())
        removed += sum((old - new).values())
    return added, removed
