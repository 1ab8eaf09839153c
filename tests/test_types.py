"""Core records: validation, JSON round trip, signatures, gold authoring format."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.errors import InvalidAlignment, SchemaError
from align.io.goldseg import build_gold
from align.types import (
    SCHEMA,
    Alignment,
    Bead,
    BeadKind,
    Document,
    Flag,
    Severity,
    Signature,
    Status,
    order_beads,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def small() -> Alignment:
    src = Document.from_texts(["Bir.", "İki.", "Üç."], "tr")
    tgt = Document.from_texts(["One and two.", "Added."], "en")
    beads = (Bead((0, 1), (0,), 0.9), Bead((), (1,), 0.3, Status.REJECTED,
                                             (Flag("unsupported", Severity.MAJOR, "no source"),)),
             Bead((2,), (), 0.8))
    return Alignment(src, tgt, beads, Signature("lexical.v1", params={"skip_src": 0.5}))


def test_json_round_trip_is_exact() -> None:
    aln = small()
    again = Alignment.from_json(aln.to_json())
    assert again == aln
    assert again.beads[1].flags[0].severity is Severity.MAJOR
    d = json.loads(aln.to_json())
    assert d["schema"] == SCHEMA
    assert d["signature"]["text"].startswith("scorer:lexical.v1|model:none|")
    assert set(d["source"]["sentences"][0]) == {"text", "paragraph", "start", "end"}


def test_unknown_keys_are_ignored_and_wrong_schema_refused() -> None:
    d = json.loads(small().to_json())
    d["future_field"] = 1
    d["beads"][0]["future"] = "x"
    d["source"]["sentences"][0]["future"] = 2
    assert Alignment.from_dict(d).beads[0].src == (0, 1)
    d["schema"] = "align.alignment/2"
    with pytest.raises(SchemaError, match="not supported"):
        Alignment.from_dict(d)
    with pytest.raises(SchemaError, match="not an alignment"):
        Alignment.from_json('{"beads": []}')


@pytest.mark.parametrize("beads, message", [
    ([Bead((0, 1), (0,)), Bead((2,), (1,))], None),
    ([Bead((0, 1), (0,))], "missing"),
    ([Bead((0, 1), (0,)), Bead((1, 2), (1,))], "repeated"),
    ([Bead((0, 1, 2), (0, 1, 5))], "out of range"),
])
def test_cover_is_enforced(beads, message) -> None:
    src = Document.from_texts(["a", "b", "c"], "tr")
    tgt = Document.from_texts(["x", "y"], "en")
    if message is None:
        Alignment(src, tgt, tuple(beads), Signature("t"))
    else:
        with pytest.raises(InvalidAlignment, match=message):
            Alignment(src, tgt, tuple(beads), Signature("t"))


def test_bead_validation_and_kind() -> None:
    with pytest.raises(InvalidAlignment):
        Bead((), ())
    with pytest.raises(InvalidAlignment):
        Bead((1,), (1,), 1.5)
    assert Bead((1,), ()).kind is BeadKind.NULL_SRC
    assert Bead((), (1,)).kind is BeadKind.NULL_TGT
    assert Bead((1,), (2,)).kind is BeadKind.ONE_ONE
    assert Bead((1, 2), (2,)).kind is BeadKind.MANY


@given(st.lists(st.text(min_size=1, max_size=20).filter(str.strip), min_size=1, max_size=8))
def test_from_texts_spans_index_the_text(texts) -> None:
    doc = Document.from_texts(texts, "en")
    assert [doc.text[s.start:s.end] for s in doc.sentences] == texts


def test_order_beads_places_target_nulls_after_their_predecessor() -> None:
    beads = [Bead((), (1,)), Bead((3,), (2,)), Bead((0,), (0,)), Bead((1, 2), ())]
    assert [(b.src, b.tgt) for b in order_beads(beads)] == [
        ((0,), (0,)), ((), (1,)), ((1, 2), ()), ((3,), (2,))]


@pytest.mark.parametrize("folder", sorted(p.parent for p in SAMPLES.rglob("sample.json")),
                         ids=lambda p: str(p.relative_to(SAMPLES)))
def test_samples_gold_is_built_from_seg_files(folder: Path) -> None:
    """gold.json and the raw texts in the repo are what build.py makes from the .seg files."""
    gold = build_gold(folder)
    assert Alignment.from_json((folder / "gold.json").read_text("utf-8")) == gold
    assert (folder / f"source.{gold.source.lang}.txt").read_text("utf-8") == gold.source.text
    assert (folder / f"target.{gold.target.lang}.txt").read_text("utf-8") == gold.target.text
    for doc in (gold.source, gold.target):
        assert all(doc.text[s.start:s.end] == s.text for s in doc.sentences)


def test_goldseg_reports_bad_lines(tmp_path: Path) -> None:
    (tmp_path / "sample.json").write_text('{"src_lang": "tr", "tgt_lang": "en"}')
    (tmp_path / "source.seg").write_text("0| Bir.\n2| İki.\n")
    (tmp_path / "target.seg").write_text("[0] One.\n")
    with pytest.raises(SchemaError, match=r"source.seg:2: sentence id 2 should be 1"):
        build_gold(tmp_path)
