"""Alignments built by hand for the QA-check tests."""
from __future__ import annotations

from typing import Any

from align.types import Alignment, Bead, Document, Signature, Status

Links = list[tuple[tuple[int, ...], tuple[int, ...]]]

UNPLANTED = frozenset({"mojibake", "terminology", "consistency"})
"""Checks with no planted errors in ``samples/qa`` (added with issue 14; the planted-error
benchmark, ``benchmarks/planted.py``, measures them): the samples must give them no false
flag, and no recall is asked of them there."""


def planted_types() -> list[str]:
    """The check types ``samples/qa`` plants errors of, in registry order."""
    from align.qa.registry import types

    return [t for t in types() if t not in UNPLANTED]


def make(tr: list[str], en: list[str], links: Links | None = None, mode: str = "monotonic",
         score: float = 0.9, status: Status = Status.AUTO, tr_par: list[int] | None = None,
         en_par: list[int] | None = None, meta: dict[str, Any] | None = None) -> Alignment:
    """Alignment of sentence lists; *links* default to i <-> i; the rest are null beads."""
    links = links if links is not None else [((i,), (i,)) for i in range(min(len(tr), len(en)))]
    used_s = {i for s, _ in links for i in s}
    used_t = {j for _, t in links for j in t}
    beads = [Bead(s, t, score, status) for s, t in links]
    beads += [Bead((i,), ()) for i in range(len(tr)) if i not in used_s]
    beads += [Bead((), (j,)) for j in range(len(en)) if j not in used_t]
    return Alignment(Document.from_texts(tr, "tr", tr_par), Document.from_texts(en, "en", en_par),
                     tuple(beads), Signature("test", mode=mode), meta or {})
