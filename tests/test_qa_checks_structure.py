"""unsupported, omission and length: checks on the shape of the alignment."""
from __future__ import annotations

import pytest

from align.qa.checks import run_checks
from align.types import Alignment, Signature, Status
from tests.qa_helpers import make


def found(aln: Alignment, check: str) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    out = run_checks(aln, [check])
    return [(b.src, b.tgt, f.severity.value) for b in out.beads for f in b.flags]


TR = ["Enflasyon kasımda yüzde 21 oldu.", "Merkez Bankası faizi indirdi.",
      "Bakan açıklama yaptı.", "Lira değer kaybetti."]


UNSUPPORTED = [
    # (English sentences, links, score, status, expected (src, tgt, severity))
    (["Inflation was 21% in November.", "Economists are less optimistic."],
     [((0,), (0,))], 0.9, Status.AUTO, [((), (1,), "major")]),
    (["Inflation was 21% in November.", "Retail sales fell 7% in Izmir."],
     [((0,), (0,))], 0.9, Status.AUTO, [((), (1,), "critical")]),
    (["Inflation was 21% in November.", "The central bank cut rates."],
     [((0,), (0,)), ((1,), (1,))], 0.3, Status.AUTO,
     [((0,), (0,), "major"), ((1,), (1,), "major")]),
    (["Inflation was 21% in November.", "The central bank cut rates."],
     [((0,), (0,)), ((1,), (1,))], 0.3, Status.CONFIRMED, []),
    # linked, but sharing nothing with its source: an addition attached to a neighbour
    (["Inflation was 21% in November.", "Footballers enjoy summer holidays by the sea."],
     [((0,), (0,)), ((1,), (1,))], 0.9, Status.AUTO, [((1,), (1,), "major")]),
    (["Inflation was 21% in November.", "The central bank cut its policy rate."],
     [((0,), (0,)), ((1,), (1,))], 0.9, Status.AUTO, []),
]


@pytest.mark.parametrize(("en", "links", "score", "status", "expected"), UNSUPPORTED)
def test_unsupported(en: list[str], links: list, score: float, status: Status,
                     expected: list) -> None:
    assert found(make(TR, en, links, score=score, status=status), "unsupported") == expected


def test_unsupported_spans_and_message() -> None:
    aln = run_checks(make(TR, ["Inflation was 21%.", "Economists are less optimistic."],
                          [((0,), (0,))]), ["unsupported"])
    (f,) = [f for b in aln.beads for f in b.flags]
    assert aln.target.text[f.tgt_span[0]:f.tgt_span[1]] == "Economists are less optimistic."
    assert f.src_span is None and "no source sentence" in f.message


SRC = ["Birinci cümle.", "İkinci cümle.", "Üçüncü cümle.", "Dördüncü cümle."]
OMISSION = [
    # (English sentences, links, English paragraphs, source paragraphs, flagged source ids)
    (["First.", "Third."], [((0,), (0,)), ((2,), (1,))], None, None, [(1,)]),
    (["First.…", "Third."], [((0,), (0,)), ((2,), (1,))], None, None, []),
    (["First...", "Third."], [((0,), (0,)), ((2,), (1,))], None, None, []),
    (["First.", "… Third."], [((0,), (0,)), ((2,), (1,))], None, None, []),
    (["“First.…”", "Third."], [((0,), (0,)), ((2,), (1,))], None, None, []),
    (["First.", "Third."], [((0,), (0,)), ((2,), (1,))], [0, 1], None, []),  # new paragraph
    (["First.", "Third."], [((0,), (0,)), ((2,), (1,))], None, [0, 1, 1, 1], []),
    (["First.", "Fourth."], [((0,), (0,)), ((3,), (1,))], None, None, [(1,)]),  # one per gap
    (["First.", "Second."], [((0,), (0,)), ((1,), (1,))], None, None, []),
    (["First.", "Added.", "Fourth."], [((0,), (0,)), ((3,), (2,))], None, None, []),
]


@pytest.mark.parametrize(("en", "links", "en_par", "tr_par", "expected"), OMISSION)
def test_omission(en: list[str], links: list, en_par: list[int] | None,
                  tr_par: list[int] | None, expected: list) -> None:
    aln = make(SRC, en, links, tr_par=tr_par, en_par=en_par)
    assert [s for s, _, _ in found(aln, "omission")] == expected


def test_omission_span_covers_the_gap_and_free_mode_is_skipped() -> None:
    aln = run_checks(make(SRC, ["First.", "Fourth."], [((0,), (0,)), ((3,), (1,))]),
                     ["omission"])
    (f,) = [f for b in aln.beads for f in b.flags]
    assert aln.source.text[f.src_span[0]:f.src_span[1]] == "İkinci cümle.\nÜçüncü cümle."
    assert aln.target.text[f.tgt_span[0]:f.tgt_span[1]] == "First."
    assert f.severity.value == "minor" and "1–2" in f.message
    free = make(SRC, ["First.", "Fourth."], [((0,), (0,)), ((3,), (1,))], mode="free")
    assert found(free, "omission") == []


def _translation(cut: int | None = None, pad: int | None = None) -> Alignment:
    tr = [f"Belediye meclisi {k}. toplantısında yeni otobüs hattını onayladı." for k in range(12)]
    en = [f"The city council approved the new bus line at its meeting number {k}."
          for k in range(12)]
    if cut is not None:
        en[cut] = "The council."
    if pad is not None:
        en[pad] += (" The decision, long awaited by residents of the outer districts, follows "
                    "years of debate about traffic, fares and the future of public transport.")
    return make(tr, en, [((k,), (k,)) for k in range(12)], mode="monotonic")


@pytest.mark.parametrize(("cut", "pad", "expected"), [
    (None, None, []), (4, None, [(4,)]), (None, 7, [(7,)]), (2, 9, [(2,), (9,)]),
])
def test_length(cut: int | None, pad: int | None, expected: list) -> None:
    assert [s for s, _, _ in found(_translation(cut, pad), "length")] == expected


def test_length_skips_free_mode_and_short_documents() -> None:
    aln = _translation(cut=4)
    free = Alignment(aln.source, aln.target, aln.beads, Signature("test", mode="free"))
    assert found(free, "length") == []
    short = make(["Belediye meclisi yeni otobüs hattını onayladı ve duyurdu."], ["The council."],
                 [((0,), (0,))])
    assert found(short, "length") == [((0,), (0,), "minor")]  # absolute bounds on a 1-1 bead
