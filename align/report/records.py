"""What a QA report holds, and its flat records for spreadsheets (CSV) and scripts (JSON).

A :class:`ReportData` is built by :mod:`align.report.build`; HTML, CSV and JSON are views
of the same data. Flat records are one per flag (``record = "flag"``), then, in a report on
reviewed pairs (``align project report``), one per flag type with the reviewers' verdicts
(``record = "precision"``, the figures in ``message``; :mod:`align.report.precision`), then
one per note (``record = "note"``: a file that could not be read, a pair with zero links,
…); flags in the report's order: most severe first, then input order (file, pair, bead,
flag).

JSON (schema ``align.report/1``)::

    {"schema": "align.report/1", "version": …, "mqm_weights": {"minor": 1, …},
     "per_words": 1000, "checks": "…",
     "summary": [PairMetrics.to_dict() + file/pair/title/signature, …, total],
     "records": [flat record, …],
     "postedits": [{file, pair, …PostEditSummary.to_dict()}, …],
     "reliability": [Reliability.to_dict(), …],   (align.report.reliability)
     "precision": [CheckPrecision.to_dict(), …]}  (reviewed pairs only; else [])
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from align.io.cells import neutralise
from align.qa.metrics import PER_WORDS, SEVERITY_WEIGHTS, PairMetrics, severity_rank
from align.qa.postedit import PostEditSummary
from align.report.precision import CheckPrecision, Verdict
from align.report.reliability import Reliability
from align.types import Alignment, Document, Flag

REPORT_SCHEMA = "align.report/1"
RECORD_FIELDS = ("record", "severity", "type", "message", "file", "pair", "title", "bead",
                 "src_ids", "tgt_ids", "score", "status", "src_span", "tgt_span",
                 "src_excerpt", "tgt_excerpt", "src_text", "tgt_text")
"""CSV columns, in order. Ids are 0-based sentence ids joined by spaces; spans ``start-end``
are 0-based character offsets into the pair's source/target text, end exclusive."""


@dataclass(frozen=True)
class Note:
    """Something the reader must know: ``level`` is ``error`` (input skipped), ``warning``
    (pair rendered with gaps) or ``info``."""

    level: str
    message: str
    file: str = ""
    pair: str = ""


@dataclass(frozen=True)
class ReportPair:
    """One aligned document pair from one input file. ``order`` is its 0-based input rank."""

    order: int
    file: str
    pair_id: str
    title: str
    url: str | None
    alignment: Alignment
    metrics: PairMetrics
    postedit: PostEditSummary | None = None

    @property
    def label(self) -> str:
        return f"{self.file} · {self.pair_id}" if self.pair_id else self.file


@dataclass(frozen=True)
class ReportInput:
    """One pair to report on from memory: the name of where it came from (``file``: a file
    name or ``project``), its pair id (``block:1``), title, URL and alignment; ``verdicts``:
    the reviewers' verdicts on its flags when it comes from the review store (None
    otherwise), for the per-check precision table."""

    file: str
    pair_id: str
    title: str
    url: str | None
    alignment: Alignment
    verdicts: tuple[Verdict, ...] | None = None


@dataclass(frozen=True)
class FlagRow:
    """A flag with its place: bead ``bead`` (0-based index into ``alignment.beads``) and the
    sentence ids to show (the bead's, plus any sentence the flag's spans touch)."""

    pair: ReportPair
    bead: int
    index: int  # 0-based position of the flag in the bead
    flag: Flag
    src_ids: tuple[int, ...]
    tgt_ids: tuple[int, ...]

    @property
    def sort_key(self) -> tuple[int, int, int, int]:
        return (severity_rank(self.flag.severity), self.pair.order, self.bead, self.index)


@dataclass(frozen=True)
class ReportData:
    pairs: tuple[ReportPair, ...]
    notes: tuple[Note, ...]
    flags: tuple[FlagRow, ...]  # sorted by FlagRow.sort_key
    total: PairMetrics
    checks: str  # how the flags came about (stored, or run at report time)
    # reliability tables to draw: the shipped held-out one, then one computed against gold
    reliability: tuple[Reliability, ...] = ()
    # per flag type, the reviewers' verdicts (reviewed pairs only; align.report.precision)
    precision: tuple[CheckPrecision, ...] = ()


def _touching(doc: Document, span: tuple[int, int] | None) -> set[int]:
    if span is None:
        return set()
    a, b = span
    return {i for i, s in enumerate(doc.sentences) if s.start < max(b, a + 1) and a < s.end}


def flag_rows(pair: ReportPair) -> list[FlagRow]:
    """Every flag of the pair's alignment as a :class:`FlagRow`, in bead order."""
    aln = pair.alignment
    out = []
    for k, bead in enumerate(aln.beads):
        for n, flag in enumerate(bead.flags):
            src = tuple(sorted(set(bead.src) | _touching(aln.source, flag.src_span)))
            tgt = tuple(sorted(set(bead.tgt) | _touching(aln.target, flag.tgt_span)))
            out.append(FlagRow(pair, k, n, flag, src, tgt))
    return out


def sentence_text(doc: Document, i: int) -> tuple[str, bool]:
    """The sentence's text and whether its span is placed in ``doc.text`` (so that flag
    spans, which index ``doc.text``, can be drawn inside it)."""
    s = doc.sentences[i]
    placed = bool(doc.text) and 0 <= s.start <= s.end <= len(doc.text) \
        and doc.text[s.start:s.end] == s.text
    return s.text, placed


def pieces(doc: Document, ids: Sequence[int], span: tuple[int, int] | None
           ) -> list[tuple[str, bool]]:
    """The sentences ``ids`` (ascending) joined by a space, or by `` … `` where ids skip
    sentences, cut into ``(text, marked)`` pieces: marked is True for the part inside
    ``span``."""
    out: list[tuple[str, bool]] = []
    ids = list(ids)
    for n, i in enumerate(ids):
        if n:
            out.append((" " if i == ids[n - 1] + 1 else " … ", False))
        text, placed = sentence_text(doc, i)
        s = doc.sentences[i]
        if span is not None and placed:
            lo, hi = max(span[0], s.start) - s.start, min(span[1], s.end) - s.start
            if lo < hi:
                out += [(text[:lo], False), (text[lo:hi], True), (text[hi:], False)]
                continue
        out.append((text, False))
    return [p for p in out if p[0]]


def excerpt(doc: Document, span: tuple[int, int] | None) -> str:
    if span is None or not doc.text or not 0 <= span[0] <= span[1] <= len(doc.text):
        return ""
    return doc.text[span[0]:span[1]]


def _span(span: tuple[int, int] | None) -> str:
    return "" if span is None else f"{span[0]}-{span[1]}"


def flag_record(row: FlagRow) -> dict[str, Any]:
    """The flat record of one flag (keys: ``RECORD_FIELDS``)."""
    aln, f = row.pair.alignment, row.flag
    bead = aln.beads[row.bead]
    return {
        "record": "flag", "severity": f.severity.value, "type": f.type, "message": f.message,
        "file": row.pair.file, "pair": row.pair.pair_id, "title": row.pair.title,
        "bead": row.bead, "src_ids": " ".join(map(str, row.src_ids)),
        "tgt_ids": " ".join(map(str, row.tgt_ids)), "score": round(bead.score, 6),
        "status": bead.status.value, "src_span": _span(f.src_span), "tgt_span": _span(f.tgt_span),
        "src_excerpt": excerpt(aln.source, f.src_span), "tgt_excerpt": excerpt(aln.target, f.tgt_span),
        "src_text": "".join(t for t, _ in pieces(aln.source, row.src_ids, None)),
        "tgt_text": "".join(t for t, _ in pieces(aln.target, row.tgt_ids, None)),
    }


def note_record(note: Note) -> dict[str, Any]:
    rec: dict[str, Any] = dict.fromkeys(RECORD_FIELDS, "")
    rec.update(record="note", severity=note.level, type="note", message=note.message,
               file=note.file, pair=note.pair)
    return rec


def precision_record(p: CheckPrecision) -> dict[str, Any]:
    """The flat record of one flag type's verdicts (the figures in ``message``)."""
    rec: dict[str, Any] = dict.fromkeys(RECORD_FIELDS, "")
    rec.update(record="precision", type=p.type, message=p.summary())
    return rec


def records(data: ReportData) -> list[dict[str, Any]]:
    """Flag records (most severe first), precision records, then note records."""
    return ([flag_record(r) for r in data.flags] + [precision_record(p) for p in data.precision]
            + [note_record(n) for n in data.notes])


def summary_records(data: ReportData) -> list[dict[str, Any]]:
    """Per-pair metrics (with file, pair, title) and, last, the total (``pair = "total"``)."""
    out = [{"file": p.file, "pair": p.pair_id, "title": p.title, **p.metrics.to_dict(),
            "signature": str(p.alignment.signature)} for p in data.pairs]
    out.append({"file": "", "pair": "total", "title": "", **data.total.to_dict(), "signature": ""})
    return out


def to_csv(data: ReportData) -> str:
    """``RECORD_FIELDS`` header and one row per record; every cell through the cell guard
    (:func:`align.io.cells.neutralise`: formula starts neutralised; line breaks stay inside
    quoted cells, which ``csv.reader`` reads back)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(RECORD_FIELDS)
    for rec in records(data):
        writer.writerow([neutralise(str(rec[k]))[0] for k in RECORD_FIELDS])
    return buf.getvalue()


def to_json(data: ReportData) -> str:
    from align import __version__

    doc = {
        "schema": REPORT_SCHEMA, "version": __version__,
        "mqm_weights": {s.value: w for s, w in SEVERITY_WEIGHTS.items()}, "per_words": PER_WORDS,
        "checks": data.checks, "summary": summary_records(data), "records": records(data),
        "postedits": [{"file": p.file, "pair": p.pair_id, **p.postedit.to_dict()}
                      for p in data.pairs if p.postedit is not None],
        "reliability": [r.to_dict() for r in data.reliability],
        "precision": [p.to_dict() for p in data.precision],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


__all__ = ["RECORD_FIELDS", "REPORT_SCHEMA", "FlagRow", "Note", "ReportData", "ReportPair",
           "excerpt", "flag_record", "flag_rows", "pieces", "precision_record", "records",
           "summary_records",
           "to_csv", "to_json"]
