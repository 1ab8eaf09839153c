"""rows_to_alignment(s): files back from CAT tools and spreadsheets -> alignments."""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.errors import InputError
from align.formats import (
    ExportPair,
    Row,
    export,
    read_jsonl,
    read_table,
    read_xliff,
    rows_to_alignment,
    rows_to_alignments,
)
from align.formats.model import join
from align.types import Alignment, Bead, Flag, Status

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
EDAM = SAMPLES / "bayraktar" / "edam" / "gold.json"  # has 1-2 and 2-1 beads
INFLATION = SAMPLES / "digest-inflation" / "gold.json"  # a 2-1 bead starting with a headline
STATUSES = (Status.CONFIRMED, Status.AUTO, Status.REJECTED)
Reader = Callable[[Path], list[Row]]
FORMATS: list[tuple[str, str, Reader]] = [
    ("csv", ".csv", read_table), ("tsv", ".tsv", read_table), ("xliff", ".xlf", read_xliff),
    ("xliff12", ".xlf12", read_xliff), ("jsonl", ".jsonl", read_jsonl)]


def _reviewed(path: Path) -> Alignment:
    """The sample with mixed statuses, scores and a flag, as a review would leave it."""
    aln = Alignment.from_json(path.read_text(encoding="utf-8"))
    beads = [replace(b, status=STATUSES[i % 3], score=round((i * 37 % 100) / 100, 6),
                     flags=(Flag("number_mismatch"),) if i % 5 == 0 else ())
             for i, b in enumerate(aln.beads)]
    return replace(aln, beads=tuple(beads))


def _round_trip(tmp_path: Path, aln: Alignment, fmt: str, suffix: str,
                reader: Reader) -> Alignment:
    path = tmp_path / f"back{suffix}"
    export([ExportPair("digests", "edam", aln)], fmt, path)
    return rows_to_alignment(reader(path), name=str(path))


def _check_documents(aln: Alignment) -> None:
    for doc in (aln.source, aln.target):
        assert doc.text == "\n".join(doc.texts)
        assert all(doc.text[s.start:s.end] == s.text and s.paragraph == 0
                   for s in doc.sentences)


@pytest.mark.parametrize(("fmt", "suffix", "reader"), FORMATS)
def test_round_trip_keeps_texts_statuses_scores_and_beads(
        tmp_path: Path, fmt: str, suffix: str, reader: Reader) -> None:
    aln = _reviewed(EDAM)
    back = _round_trip(tmp_path, aln, fmt, suffix, reader)
    _check_documents(back)
    assert back.meta["import"]["sentences"] == {"src": "ids", "tgt": "ids"}
    assert back.meta["import"]["merged"] == {"src": 0, "tgt": 0}
    # XLIFF carries linked beads only; the other formats every bead.
    want = aln.links if fmt.startswith("xliff") else list(aln.beads)
    assert len(back.beads) == len(want)
    for old, new in zip(want, back.beads):
        assert join(back.source.sentences, new.src) == join(aln.source.sentences, old.src)
        assert join(back.target.sentences, new.tgt) == join(aln.target.sentences, old.tgt)
        assert (len(new.src), len(new.tgt)) == (len(old.src), len(old.tgt))
        assert new.status is old.status and new.score == pytest.approx(old.score, abs=1e-6)
        assert new.flags == ()
    if not fmt.startswith("xliff"):
        assert back.beads == aln.beads  # the same ids: the structure is rebuilt exactly
        assert back.source.texts == aln.source.texts and back.target.texts == aln.target.texts
    n_flags = sum(1 for b in want if b.flags)
    assert back.meta["import"]["flags"] == ({"number_mismatch": n_flags} if n_flags else {})


def test_a_side_the_segmenter_cannot_split_stays_one_sentence(tmp_path: Path) -> None:
    aln = _reviewed(INFLATION)
    back = _round_trip(tmp_path, aln, "csv", ".csv", read_table)
    _check_documents(back)
    assert back.meta["import"]["merged"] == {"src": 1, "tgt": 0}
    assert len(back.source) == len(aln.source) - 1 and back.target.texts == aln.target.texts
    assert [(len(b.src) > 0, b.tgt, b.status) for b in back.beads] == \
        [(len(b.src) > 0, b.tgt, b.status) for b in aln.beads]
    for old, new in zip(aln.beads, back.beads):
        assert join(back.source.sentences, new.src) == join(aln.source.sentences, old.src)


def test_jsonl_keeps_the_sentences_the_segmenter_cannot_find(tmp_path: Path) -> None:
    aln = _reviewed(INFLATION)
    back = _round_trip(tmp_path, aln, "jsonl", ".jsonl", read_jsonl)
    assert back.meta["import"]["merged"] == {"src": 0, "tgt": 0}
    assert back.source.texts == aln.source.texts and back.target.texts == aln.target.texts
    assert [(b.src, b.tgt, b.status) for b in back.beads] == \
        [(b.src, b.tgt, b.status) for b in aln.beads]


def test_shuffled_rows_come_back_in_reading_order(tmp_path: Path) -> None:
    aln = _reviewed(EDAM)
    path = tmp_path / "sorted.csv"
    export([ExportPair("digests", "edam", aln)], "csv", path)
    rows = read_table(path)
    random.Random(7).shuffle(rows)
    back = rows_to_alignment(rows, name=str(path))
    assert back.beads == aln.beads and back.source.texts == aln.source.texts


def test_rows_without_ids_give_one_sentence_per_side_per_row() -> None:
    rows = [Row("Bir.", "One."), Row("", ""), Row("İki. Üç.", "", status=Status.REJECTED),
            Row("", "Added.", score=0.5), Row("Dört.", "Four\nlines.", score=7.0),
            Row(" ", "Five.", score=float("nan"))]
    aln = rows_to_alignment(rows, name="lf.tsv")
    _check_documents(aln)
    assert aln.source.texts == ["Bir.", "İki. Üç.", "Dört."]
    assert aln.target.texts == ["One.", "Added.", "Four\nlines.", "Five."]  # kept as written
    assert [(b.src, b.tgt, b.status, b.score) for b in aln.beads] == [
        ((0,), (0,), Status.AUTO, 0.0), ((1,), (), Status.REJECTED, 0.0),
        ((), (1,), Status.AUTO, 0.5), ((2,), (2,), Status.AUTO, 1.0),
        ((), (3,), Status.AUTO, 0.0)]
    assert aln.meta["import"]["sentences"] == {"src": "rows", "tgt": "rows"}
    assert (aln.source.lang, aln.target.lang) == ("tr", "en")


@pytest.mark.parametrize(("rows", "src_mode"), [
    ([Row("A.", "a.", src_ids=(0,), tgt_ids=(0,)), Row("A.", "b.", src_ids=(0,), tgt_ids=(1,))],
     "rows"),  # a row copied in a spreadsheet: id 0 twice
    ([Row("A.", "a.", src_ids=(0,), tgt_ids=(0,)), Row("", "b.", src_ids=(1,), tgt_ids=(1,))],
     "rows"),  # a text deleted, its id left
    ([Row("B.", "b.", src_ids=(4,), tgt_ids=(2,)), Row("A.", "a.", src_ids=(1,), tgt_ids=(0,))],
     "ids"),  # gaps (an XLIFF drops null beads): closed up, id order kept
])
def test_inconsistent_ids_fall_back_to_rows(rows: list[Row], src_mode: str) -> None:
    aln = rows_to_alignment(rows, name="x.csv")
    assert aln.meta["import"]["sentences"]["src"] == src_mode
    assert len(aln.beads) == 2
    if src_mode == "ids":
        assert aln.source.texts == ["A.", "B."] and aln.beads[0] == Bead((0,), (0,))


def test_several_pairs(tmp_path: Path) -> None:
    edam, inflation = _reviewed(EDAM), _reviewed(INFLATION)
    path = tmp_path / "two.jsonl"
    export([ExportPair("p", "edam", edam), ExportPair("p", "inflation", inflation),
            ExportPair("q", "edam", edam)], "jsonl", path)
    rows = read_jsonl(path)
    with pytest.raises(InputError, match=r"two\.jsonl holds rows of 3 pairs \(p/edam"):
        rows_to_alignment(rows, name=str(path))
    alns = rows_to_alignments(rows, name=str(path))
    assert list(alns) == ["p/edam", "inflation", "q/edam"]
    assert alns["p/edam"].beads == edam.beads and alns["q/edam"].beads == edam.beads
    # A row a reviewer added (no project, no pair) joins the pair above it.
    extra = rows[:3] + [Row("", "Added later.")]
    assert len(rows_to_alignment(extra, name="x").beads) == 4


def test_rows_without_pair_are_keyed_by_name_and_empty_input_is_refused() -> None:
    assert list(rows_to_alignments([Row("A.", "a.")], name="back.csv")) == ["back.csv"]
    for rows in ([], [Row("", " "), Row("\n", "")]):
        with pytest.raises(InputError, match="back.csv holds no row with text"):
            rows_to_alignment(rows, name="back.csv")


texts = st.sampled_from(["", " ", "Bir.", "İki. Üç.", "One.", "x\ny", "Son"])
ids = st.lists(st.integers(0, 6), max_size=3).map(tuple)
rows_st = st.lists(st.builds(Row, texts, texts, st.none() | st.floats(allow_nan=True),
                             st.none() | st.sampled_from(STATUSES), st.just(""), st.just(""),
                             ids, ids), max_size=12)


@settings(max_examples=150, deadline=None)
@given(rows_st)
def test_any_rows_give_a_valid_alignment(rows: list[Row]) -> None:
    kept = [r for r in rows if r.source.strip() or r.target.strip()]
    if not kept:
        with pytest.raises(InputError):
            rows_to_alignment(rows, name="h")
        return
    aln = rows_to_alignment(rows, name="h")  # Alignment's constructor checks the cover
    _check_documents(aln)
    assert len(aln.beads) == len(kept)
    assert all(0.0 <= b.score <= 1.0 for b in aln.beads)
    assert sorted(b.status for b in aln.beads) == sorted(r.status or Status.AUTO for r in kept)
