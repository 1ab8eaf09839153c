"""What the Review page shows, computed without Streamlit: rows (one per bead) with their
sentences cut into pieces where QA flags point, score bands, gloss and review facts, and the
role of digest furniture among the English sentences (``meta["roles"]``, see
:mod:`align.digest.roles`).

Positions are 0-based bead positions in display order (the store's addressing); sentence
ids are 0-based per side; flag spans are character ``[start, end)`` into the side's
``Document.text`` and are drawn inside a sentence only when that sentence's own span is
placed in the text (``text[start:end] == sentence.text``).
"""
from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from align.digest.roles import UNCHECKED, roles_in
from align.qa.levels import get_level
from align.qa.metrics import severity_rank
from align.types import Alignment, Bead, Document, Flag
from ui.config import SCORE_BANDS

STATUS_ICON = {"auto": "○", "confirmed": "✔", "rejected": "✖"}


@dataclass(frozen=True)
class Piece:
    """A run of a sentence's text; ``mark`` is the flag severity drawn on it (or
    ``"fp"`` for a flag marked false positive, None for plain text)."""

    text: str
    mark: str | None = None
    title: str = ""


@dataclass(frozen=True)
class SentView:
    side: str  # "src" | "tgt"
    index: int  # 0-based sentence id on that side
    text: str
    pieces: tuple[Piece, ...]
    gloss: str | None = None  # machine translation of a source sentence
    original: str | None = None  # first text before post-editing (English only)
    role: str | None = None  # digest furniture (English only): "citation" | "framing" | "lead"


@dataclass(frozen=True)
class FlagView:
    type: str
    severity: str
    message: str
    resolution: str | None  # "accepted" | "false_positive" | None (open)
    confidence: float | None = None  # probability the flag is right (None: not stated)


@dataclass(frozen=True)
class RowView:
    position: int
    kind: str  # "1-0" | "0-1" | "1-1" | "n-m"
    status: str  # "auto" | "confirmed" | "rejected"
    score: float
    band: str  # "good" | "fair" | "poor"
    src: tuple[SentView, ...]
    tgt: tuple[SentView, ...]
    flags: tuple[FlagView, ...] = ()
    reviewer: str = ""
    updated_at: str = ""
    n_comments: int = 0

    @property
    def unused(self) -> bool:
        """A 1-0 bead: Turkish sentences the English does not use (shown greyed)."""
        return not self.tgt

    @property
    def furniture(self) -> bool:
        """A 0-1 bead of citation or framing sentences only: English with no Turkish source
        by design (``align.digest.roles.UNCHECKED``), not a possible addition."""
        return not self.src and bool(self.tgt) and all(s.role in UNCHECKED for s in self.tgt)

    @property
    def open_flags(self) -> int:
        return sum(1 for f in self.flags if f.resolution is None)

    @property
    def icon(self) -> str:
        return STATUS_ICON.get(self.status, "?")


def band(score: float) -> str:
    """Colour band of a score in [0, 1] (see ``ui.config.SCORE_BANDS``)."""
    good, fair = SCORE_BANDS
    return "good" if score >= good else "fair" if score >= fair else "poor"


def resolution_map(resolutions: Iterable[Any]) -> dict[tuple[int, str], str]:
    """``(bead position, flag type) -> resolution``; the latest record wins."""
    out: dict[tuple[int, str], str] = {}
    for r in resolutions:
        out[(int(r.bead), str(r.flag_type))] = str(r.resolution)
    return out


@dataclass
class _Marks:
    """Flag spans per sentence of one side: ``index -> [(lo, hi, mark, title)]`` relative
    to the sentence start."""

    doc: Document
    starts: list[int] = field(default_factory=list)
    by_sent: dict[int, list[tuple[int, int, str, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.starts = [s.start for s in self.doc.sentences]

    def add(self, span: tuple[int, int] | None, mark: str, title: str) -> None:
        if span is None or not self.doc.text:
            return
        a, b = int(span[0]), max(int(span[1]), int(span[0]) + 1)
        k = max(0, bisect.bisect_right(self.starts, a) - 1)
        while k < len(self.doc.sentences):
            s = self.doc.sentences[k]
            if s.start >= b:
                break
            placed = 0 <= s.start <= s.end <= len(self.doc.text) \
                and self.doc.text[s.start:s.end] == s.text
            lo, hi = max(a, s.start) - s.start, min(b, s.end) - s.start
            if placed and lo < hi:
                self.by_sent.setdefault(k, []).append((lo, hi, mark, title))
            k += 1


def _pieces(text: str, marks: Sequence[tuple[int, int, str, str]]) -> tuple[Piece, ...]:
    """Cut ``text`` at every mark boundary; each run takes its most severe mark."""
    if not marks:
        return (Piece(text),)
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out: list[Piece] = []
    for lo, hi in itertools.pairwise(cuts):
        over = [m for m in marks if m[0] < hi and lo < m[1]]
        if not over:
            out.append(Piece(text[lo:hi]))
            continue
        top = min(over, key=lambda m: 99 if m[2] == "fp" else severity_rank(m[2]))
        out.append(Piece(text[lo:hi], top[2], "; ".join(dict.fromkeys(m[3] for m in over))))
    return tuple(p for p in out if p.text)


class PairView:
    """Rows of one pair state, built lazily per page (so 2,000-sentence pairs stay fast).

    ``alignment``: the state's alignment (beads in display order); ``resolutions``: the
    state's FlagResolution records; ``comments``: its Comment records; ``level``: the QA
    level (:data:`align.qa.levels.LEVELS`) whose flags are shown (``beads``: the beads with
    only those; ``n_hidden``: how many it hides).
    """

    def __init__(self, alignment: Alignment, resolutions: Iterable[Any] = (),
                 comments: Iterable[Any] = (), *, level: str = "strict") -> None:
        self.aln = alignment
        lv = get_level(level)
        self.level = lv.name
        self.beads = tuple(b if all(lv.shown(f) for f in b.flags) else dataclasses.replace(
            b, flags=tuple(f for f in b.flags if lv.shown(f))) for b in alignment.beads)
        self.n_hidden = sum(len(a.flags) - len(b.flags)
                            for a, b in zip(alignment.beads, self.beads, strict=True))
        self.resolved = resolution_map(resolutions)
        self.comments_by_bead: dict[int | None, int] = {}
        for c in comments:
            self.comments_by_bead[c.bead] = self.comments_by_bead.get(c.bead, 0) + 1
        meta: Mapping[str, Any] = alignment.meta
        gloss = (meta.get("gloss") or {}).get("source") if isinstance(meta.get("gloss"),
                                                                      Mapping) else None
        self.gloss = list(gloss) if gloss and len(gloss) == len(alignment.source) else None
        self.originals = {int(p["tgt"]): str(p.get("original", ""))
                          for p in meta.get("postedits") or () if "tgt" in p}
        self.bead_meta: Sequence[Mapping[str, Any]] = meta.get("bead_meta") or ()
        self.roles = roles_in(meta)  # English sentence id -> digest furniture role
        self.src_marks = _Marks(alignment.source)
        self.tgt_marks = _Marks(alignment.target)
        for k, bead in enumerate(self.beads):
            for f in bead.flags:
                res = self.resolved.get((k, f.type))
                mark = "fp" if res == "false_positive" else f.severity.value
                title = f"{f.type}: {f.message}" if f.message else f.type
                self.src_marks.add(f.src_span, mark, title)
                self.tgt_marks.add(f.tgt_span, mark, title)

    def __len__(self) -> int:
        return len(self.aln.beads)

    def sentence(self, side: str, i: int) -> SentView:
        doc = self.aln.source if side == "src" else self.aln.target
        marks = (self.src_marks if side == "src" else self.tgt_marks).by_sent.get(i, [])
        text = doc.sentences[i].text
        gloss = self.gloss[i] if side == "src" and self.gloss else None
        original = self.originals.get(i) if side == "tgt" else None
        role = self.roles.get(i) if side == "tgt" else None
        return SentView(side, i, text, _pieces(text, marks), gloss, original, role)

    def flags(self, k: int, bead: Bead | None = None) -> tuple[FlagView, ...]:
        bead = bead or self.beads[k]
        return tuple(FlagView(f.type, f.severity.value, f.message, self.resolved.get((k, f.type)),
                              f.confidence) for f in sorted(bead.flags, key=_flag_order))

    def row(self, k: int) -> RowView:
        b = self.beads[k]
        bm = self.bead_meta[k] if k < len(self.bead_meta) else {}
        return RowView(
            k, b.kind.value, b.status.value, b.score, band(b.score),
            tuple(self.sentence("src", i) for i in b.src),
            tuple(self.sentence("tgt", j) for j in b.tgt), self.flags(k, b),
            str(bm.get("reviewer") or ""), str(bm.get("updated_at") or ""),
            self.comments_by_bead.get(k, 0))

    def rows(self, start: int, stop: int) -> list[RowView]:
        """Rows for positions ``[start, stop)`` (clipped to the pair)."""
        return [self.row(k) for k in range(max(0, start), min(stop, len(self)))]

    def unused(self) -> list[tuple[int, int]]:
        """``(bead position, source id)`` of every Turkish sentence in a 1-0 bead."""
        return [(k, i) for k, b in enumerate(self.aln.beads) if not b.tgt for i in b.src]

    def bead_of(self, side: str, index: int) -> int:
        """Position of the bead holding sentence ``index`` of ``side``."""
        for k, b in enumerate(self.aln.beads):
            if index in (b.src if side == "src" else b.tgt):
                return k
        raise IndexError(f"{side} sentence {index} is in no bead")


def _flag_order(f: Flag) -> tuple[int, str]:
    return (severity_rank(f.severity), f.type)  # most severe first


def page_count(n_rows: int, page_size: int) -> int:
    """Pages needed for ``n_rows`` (at least 1)."""
    return max(1, -(-n_rows // max(1, page_size)))


def page_of(position: int, page_size: int) -> int:
    """1-based page holding 0-based bead ``position``."""
    return max(0, position) // max(1, page_size) + 1


def page_range(page: int, page_size: int, n_rows: int) -> tuple[int, int]:
    """``[start, stop)`` bead positions of 1-based ``page`` (clamped to the pages there are)."""
    page = min(max(1, page), page_count(n_rows, page_size))
    start = (page - 1) * page_size
    return start, min(n_rows, start + page_size)
