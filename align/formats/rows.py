"""Rows read back from a CSV / TSV, XLIFF or JSONL file -> alignments (one per pair).

``rows_to_alignments(rows, name=...)`` groups the rows by ``(project, pair)`` and builds one
`Alignment` per group; ``rows_to_alignment`` wants exactly one group. The rules:

- One bead per row, in row order; a row with both texts empty (after stripping) is skipped.
  A row with no project and no pair (one a reviewer inserted in a spreadsheet) belongs to
  the pair of the row above it.
- Status and score come from the row; a missing status is ``auto``, a missing or non-finite
  score ``0.0`` (the `Bead` default: no estimate); scores are clipped to [0, 1]. QA flag
  types are not turned into flags (the file has no severity or span): recompute them with
  `align.qa.checks.run_checks`; their types are counted in ``meta["import"]["flags"]``.
- Sentences. When a side's sentence ids (``src_ids`` / ``tgt_ids``, 0-based, as our own
  exports write them) are consistent on that side — a row has ids exactly when its text
  is non-empty, and no id occurs twice — the side's sentences are rebuilt in id order: a
  text covering k ids takes the k sentences the file kept apart (JSONL), else is split back
  with `align.segment.segment` (the export joined them with one space). When the segmenter does not find exactly k
  sentences (a headline without a full stop, an edited cell) that text stays ONE sentence
  standing for its k ids (counted in ``meta["import"]["merged"]``). Ids missing from the
  file (XLIFF leaves out null beads) are closed up: sentences are renumbered 0..n-1 in id
  order. Otherwise (ids absent or inconsistent) each non-empty text is one sentence, in
  row order. When both sides use ids, beads are put in reading order (`order_beads`),
  which restores the original order of a file someone re-sorted.
- Documents: the sentences joined by ``"\\n"`` (`Document.from_texts`), paragraph 0, exact
  spans. Texts are kept as the file has them: leading and trailing whitespace, tabs, line
  breaks and control characters inside a cell survive the round trip.

Dictionary keys are the pair keys (``pair``), ``name`` for rows without one, and
``project/pair`` when two projects in the file use the same pair key.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from align.errors import InputError
from align.formats.model import Row
from align.types import Alignment, Bead, Document, Signature, Status, order_beads

GroupKey = tuple[str, str]


def rows_to_alignments(rows: Sequence[Row], *, src_lang: str = "tr", tgt_lang: str = "en",
                       name: str) -> dict[str, Alignment]:
    """One alignment per ``(project, pair)`` of ``rows``, in order of first appearance,
    keyed as the module docstring says. ``name`` (the file) is used in messages and as the
    key of rows without a pair. Raises InputError naming ``name`` when no row has text."""
    groups = _group(rows)
    if not groups:
        raise InputError(f"{name} holds no row with text")
    pairs = Counter(pair for _, pair in groups)
    out: dict[str, Alignment] = {}
    for (project, pair), members in groups.items():
        key = pair or name
        if pair and pairs[pair] > 1:
            key = f"{project}/{pair}"
        out[key] = _build(members, src_lang, tgt_lang, name)
    return out


def rows_to_alignment(rows: Sequence[Row], *, src_lang: str = "tr", tgt_lang: str = "en",
                      name: str) -> Alignment:
    """The single alignment ``rows`` describe; InputError naming ``name`` when they hold
    no row with text or rows of several pairs (use `rows_to_alignments` for those)."""
    groups = _group(rows)
    if len(groups) > 1:
        shown = [f"{p}/{k}" if p else (k or "(no pair)") for p, k in groups]
        raise InputError(f"{name} holds rows of {len(shown)} pairs ({', '.join(shown[:5])}"
                         f"{', ...' if len(shown) > 5 else ''}); import them one pair each")
    return next(iter(rows_to_alignments(rows, src_lang=src_lang, tgt_lang=tgt_lang,
                                        name=name).values()))


def _group(rows: Sequence[Row]) -> dict[GroupKey, list[Row]]:
    groups: dict[GroupKey, list[Row]] = {}
    current: GroupKey = ("", "")
    for row in rows:
        if row.project or row.pair:
            current = (row.project, row.pair)
        if row.source.strip() or row.target.strip():
            groups.setdefault(current, []).append(row)
    return groups


def _consistent(texts: list[str], ids: list[tuple[int, ...]]) -> bool:
    """A row has ids exactly when its text is non-empty, no id twice, some id at all."""
    seen: list[int] = [i for group in ids for i in group]
    return (bool(seen) and len(seen) == len(set(seen))
            and all(bool(t) == bool(g) for t, g in zip(texts, ids)))


def _side(texts: list[str], ids: list[tuple[int, ...]], lang: str,
          given: list[tuple[str, ...]]) -> tuple[list[str], list[tuple[int, ...]], int, bool]:
    """Sentences of one side and, per row, the new 0-based ids of its sentences; also the
    number of texts left as one sentence for several ids, and whether ids were used.
    ``given`` holds a row's separate sentences when the file kept them (JSONL): used
    instead of re-segmenting when there is one per id."""
    pieces: list[list[str]] = []
    keys: list[list[int]] = []  # per row, the sort key (old id or row) of each sentence
    merged = 0
    by_ids = _consistent(texts, ids)
    if not by_ids:
        pieces = [[t] if t else [] for t in texts]
        keys = [[r] if t else [] for r, t in enumerate(texts)]
    else:
        from align.segment import segment

        for text, group, kept in zip(texts, ids, given):
            if len(group) > 1 and len(kept) == len(group):
                parts = list(kept)
            else:
                parts = segment(text, lang).texts if len(group) > 1 else [text][:len(group)]
            if len(group) > 1 and len(parts) != len(group):
                parts, merged = [text], merged + 1
            pieces.append(parts)
            order = sorted(group)
            keys.append(order[:1] if len(parts) < len(order) else order)
    flat = sorted((k, r, n) for r, row_keys in enumerate(keys) for n, k in enumerate(row_keys))
    new_id = {(r, n): i for i, (_, r, n) in enumerate(flat)}
    sentences = [pieces[r][n] for _, r, n in flat]
    beads = [tuple(new_id[(r, n)] for n in range(len(pieces[r]))) for r in range(len(texts))]
    return sentences, beads, merged, by_ids


def _score(value: float | None) -> float:
    if value is None or not math.isfinite(value):
        return 0.0
    return min(1.0, max(0.0, float(value)))


def _build(rows: list[Row], src_lang: str, tgt_lang: str, name: str) -> Alignment:
    src_texts = [r.source if r.source.strip() else "" for r in rows]
    tgt_texts = [r.target if r.target.strip() else "" for r in rows]
    src, src_beads, src_merged, src_ids = _side(src_texts, [r.src_ids for r in rows], src_lang,
                                                [r.src_sentences for r in rows])
    tgt, tgt_beads, tgt_merged, tgt_ids = _side(tgt_texts, [r.tgt_ids for r in rows], tgt_lang,
                                                [r.tgt_sentences for r in rows])
    beads = [Bead(s, t, _score(r.score), r.status or Status.AUTO)
             for r, s, t in zip(rows, src_beads, tgt_beads)]
    if src_ids and tgt_ids:
        beads = order_beads(beads)
    flags = Counter(f for r in rows for f in r.flags)
    meta: dict[str, Any] = {"import": {
        "file": name, "rows": len(rows),
        "sentences": {"src": "ids" if src_ids else "rows", "tgt": "ids" if tgt_ids else "rows"},
        "merged": {"src": src_merged, "tgt": tgt_merged},
        "flags": dict(sorted(flags.items())),
    }}
    return Alignment(Document.from_texts(src, src_lang), Document.from_texts(tgt, tgt_lang),
                     tuple(beads), Signature("import"), meta)
