"""Content checks judge a sentence against the source that renders it (local link slips
undone: align.qa.checks.realign), and ``unsupported`` uses two-way evidence."""
from __future__ import annotations

import pytest

from align.qa.adequacy import coverage, english_support
from align.qa.checks import run_checks
from align.qa.checks.base import Context
from align.qa.checks.realign import realign
from align.types import Status
from tests.qa_helpers import make

TR = ["Merkez Bankası faizi 100 baz puan indirdi.",
      "Hava bugün çok güzeldi ve sahilde yüzdük.",
      "Bakan, enflasyonun düşeceğini söyledi ve ekonominin hızla büyüyeceğini açıkladı."]
EN = ["The central bank cut its rate by 100 basis points.",
      "The minister said that inflation would fall.",
      "He announced that the economy would grow quickly."]
SLIP = [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]  # the aligner split [2] -> [1, 2]


def flags(aln) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:  # type: ignore[no-untyped-def]
    return [(b.src, b.tgt, f.type) for b in aln.beads for f in b.flags]


def test_a_sentence_linked_to_the_wrong_neighbour_is_not_flagged() -> None:
    out = run_checks(make(TR, EN, SLIP))
    assert flags(out) == []
    assert out.meta["qa"]["realigned"] == [
        {"tgt": 1, "from": [1], "to": [2], "support_from": 0.0, "support_to": 1.0}]
    assert [(b.src, b.tgt) for b in out.beads] == [(b.src, b.tgt) for b in make(TR, EN, SLIP).beads]


def test_the_view_moves_only_the_slipped_sentence() -> None:
    view = realign(Context(make(TR, EN, SLIP)))
    assert [(m.tgt, m.src_bead, m.dst_bead) for m in view.moves] == [(1, 1, 2)]
    assert [(b.src, b.tgt) for b in view.ctx.aln.beads][:3] == [((0,), (0,)), ((1,), ()),
                                                               ((2,), (1, 2))]


@pytest.mark.parametrize(("kwargs", "flagged"), [
    ({"mode": "free"}, True),  # free mode: links range over the whole source anyway
    ({"status": Status.CONFIRMED}, False),  # a reviewer confirmed the links: kept, not flagged
])
def test_free_mode_and_confirmed_links_are_not_realigned(kwargs: dict, flagged: bool) -> None:
    out = run_checks(make(TR, EN, SLIP, **kwargs), ["unsupported"])
    assert "realigned" not in out.meta["qa"]
    assert (((1,), (1,), "unsupported") in flags(out)) is flagged


def test_flags_found_on_the_view_sit_on_the_original_bead() -> None:
    en = list(EN)
    en[1] = "The minister said that inflation would fall to 7%."  # a number the source lacks
    out = run_checks(make(TR, en, SLIP), ["number_mismatch"])
    assert flags(out) == [((1,), (1,), "number_mismatch")]  # the bead holding sentence 1


def test_an_addition_with_no_supporting_neighbour_stays_unsupported() -> None:
    en = list(EN)
    en[1] = "Footballers enjoyed their summer holidays by the sea in Antalya."
    out = run_checks(make(TR, en, SLIP), ["unsupported"])
    assert ((1,), (1,), "unsupported") in flags(out)
    assert "realigned" not in out.meta["qa"]


RULE = [
    # (Turkish, English, flagged): support between 15% and 25% is flagged only when the
    # English also renders under 10% of the Turkish
    (("Rus Hava-Uzay Kuvvetleri son haftalarda Suriye'nin kuzeyinde Türk Silahlı "
      "Kuvvetleri'nin kontrolündeki bölgelere yakın hedefleri vurdu."),
     "Such strikes are likely to become more frequent over the winter months.", True),
    ("Taşkın yeni kulübünde 10 numaralı formayı giyecek.",
     ("Taşkın will wear the number 10 shirt, worn over many decades by celebrated and "
      "admired players."), False),
]


@pytest.mark.parametrize(("tr", "en", "flagged"), RULE)
def test_unsupported_two_way_rule(tr: str, en: str, flagged: bool) -> None:
    aln = make(["Merkez Bankası faizi indirdi.", tr], ["The central bank cut rates.", en])
    ctx = Context(aln)
    share = english_support(ctx.analysis("tgt", 1), ctx.analysis("src", 1), ctx.lexicon)
    cov = coverage(ctx.analysis("src", 1), ctx.analysis("tgt", 1), ctx.lexicon)
    assert share is not None and 0.15 <= share < 0.25  # the band the second rule is for
    assert (cov < 0.10) is flagged
    got = flags(run_checks(aln, ["unsupported"]))
    assert (got == [((1,), (1,), "unsupported")]) is flagged and (got == []) is not flagged
