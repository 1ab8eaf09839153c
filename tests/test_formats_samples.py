"""Shared sample pairs for the interchange tests, and property tests of the small helpers.

`sample_pairs()` turns real gold alignments from samples/ into pairs with every review
status, varied scores and QA flags, so each export carries auto, confirmed and rejected
beads, n:m beads and null beads.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from align.formats import ExportPair, Row
from align.formats.alignment import read_alignment
from align.formats.model import bead_views, ids_text, parse_ids
from align.io.cells import neutralise, restore
from align.types import Alignment, Bead, BeadKind, Document, Flag, Severity, Signature, Status

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ("bayraktar/edam", "bayraktar/lead", "translation-transfer", "digest-collapse",
           "long-court")
TURKISH = "İstanbul'da ılık bir şubat: ğ Ğ ş Ş ı I İ i Ç ç Ö ö Ü ü — “tırnak” 1.234,5 ₺"
ENGLISH = "A mild February in Istanbul — “quotes” & <tags> 1,234.5 TRY"


def mixed(aln: Alignment) -> Alignment:
    """Bead i: confirmed / auto / rejected by i % 3, score ((i * 7) % 10 + 0.5) / 10,
    a QA flag on every fourth bead."""
    beads = []
    for i, b in enumerate(aln.beads):
        status = (Status.CONFIRMED, Status.AUTO, Status.REJECTED)[i % 3]
        flags = (Flag("number_mismatch", Severity.MAJOR, "12 ≠ 13"),) if i % 4 == 0 else ()
        beads.append(replace(b, status=status, score=((i * 7) % 10 + 0.5) / 10, flags=flags))
    return replace(aln, beads=tuple(beads))


def sample_pairs() -> list[ExportPair]:
    pairs = []
    for name in SAMPLES:
        aln = mixed(read_alignment(ROOT / "samples" / name / "gold.json"))
        key = name.replace("/", "-")
        pairs.append(ExportPair("samples", key, aln, {"url": f"https://example.org/{key}",
                                                       "author": "Kasapoğlu"}, key.title()))
    return pairs


def turkish_pair() -> ExportPair:
    """A small pair whose every bead is confirmed and holds Turkish letters."""
    src = Document.from_texts([TURKISH, "İkinci cümle ğüşıöç.", "Üçüncü: ıİ."], "tr")
    tgt = Document.from_texts([ENGLISH, "Second and third ğüşıöç ıİ."], "en")
    beads = (Bead((0,), (0,), 0.9, Status.CONFIRMED), Bead((1, 2), (1,), 0.8, Status.CONFIRMED))
    return ExportPair("tr-proj", "türkçe", Alignment(src, tgt, beads, Signature("test")))


def expected_rows(pairs: list[ExportPair], *, linked_only: bool, with_bead: bool) -> list[Row]:
    """What a reader should give back for ``pairs``: one Row per (linked) bead."""
    rows = []
    for pair in pairs:
        for v in bead_views(pair):
            b = v.bead
            if linked_only and b.is_null:
                continue
            rows.append(Row(v.source, v.target, float(f"{b.score:.6f}"), b.status,
                            pair.project, pair.key, b.src, b.tgt,
                            tuple(f.type for f in b.flags), v.index if with_bead else None))
    return rows


def test_samples_have_every_status_and_shape() -> None:
    beads = [b for p in sample_pairs() for b in p.alignment.beads]
    assert {b.status for b in beads} == set(Status)
    assert {b.kind for b in beads} == set(BeadKind)
    assert any(b.flags for b in beads)


@given(st.lists(st.integers(min_value=0, max_value=10_000), max_size=6))
def test_ids_text_round_trip(ids: list[int]) -> None:
    assert parse_ids(ids_text(ids)) == tuple(ids)


@given(st.sampled_from(["", "=", "+", "-", "@", "'", "＝", "''", "' ", "\t", "\r", "\\t"]),
       st.text(st.characters(exclude_categories=["Cs"])), st.booleans())
def test_neutralise_is_safe_and_reversible(prefix: str, text: str, tsv: bool) -> None:
    cell, changed = neutralise(prefix + text, tsv=tsv)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"))
    if tsv:
        assert not any(c in cell for c in "\t\n\r")  # a TSV row stays one line
    assert changed == (cell != prefix + text)
    assert (restore(cell, tsv=tsv) if changed else cell) == prefix + text
