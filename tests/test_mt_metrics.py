"""align.measures.mt_metrics against sacrebleu called directly."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.measures.mt_metrics import _metrics, chrf_pp, sentence_bleu, signatures

sacrebleu = pytest.importorskip("sacrebleu")

PAIRS = [
    ("The minister spoke in Ankara on Monday.", "The minister spoke in Ankara on Monday."),
    ("The minister spoke in Ankara on Monday.", "On Monday the minister gave a speech in Ankara."),
    ("Inflation rose to 85 percent.", "Annual inflation climbed to 85%."),
    ("xyz", "abc"),
    ("", "A reference."),
    ("Kedi.", ""),
]


@pytest.mark.parametrize(("hyp", "ref"), PAIRS)
def test_equal_to_sacrebleu(hyp: str, ref: str) -> None:
    chrf = sacrebleu.metrics.CHRF(word_order=2).sentence_score(hyp, [ref]).score
    bleu = sacrebleu.metrics.BLEU(effective_order=True).sentence_score(hyp, [ref]).score
    assert chrf_pp(hyp, ref) == pytest.approx(chrf, abs=1e-9)
    assert sentence_bleu(hyp, ref) == pytest.approx(bleu, abs=1e-9)


@pytest.mark.parametrize("text", ["The minister spoke in Ankara on Monday.", "Merhaba dünya.", "a"])
def test_identical_is_100(text: str) -> None:
    assert chrf_pp(text, text) == pytest.approx(100.0)
    assert sentence_bleu(text, text) == pytest.approx(100.0)


@pytest.mark.parametrize(("hyp", "ref"), [("qqq www eee", "zzz xxx ccc"), ("1234", "abcd")])
def test_disjoint_is_about_0(hyp: str, ref: str) -> None:
    assert chrf_pp(hyp, ref) < 1.0 and sentence_bleu(hyp, ref) < 1.0


def test_closer_scores_higher() -> None:
    ref = "The central bank raised interest rates to 50 percent."
    assert chrf_pp("The central bank raised rates to 50 percent.", ref) > chrf_pp("The bank met on Monday.", ref)


def test_signatures() -> None:
    _metrics.cache_clear()
    sig = signatures()  # available before any score (sacrebleu's own needs one first)
    chrf, bleu = sacrebleu.metrics.CHRF(word_order=2), sacrebleu.metrics.BLEU(effective_order=True)
    chrf.sentence_score("a b", ["a c"])
    bleu.sentence_score("a b", ["a c"])
    assert set(sig) == {"chrf++", "bleu", "ter", "chrf"}
    assert (sig["chrf++"], sig["bleu"]) == (str(chrf.get_signature()), str(bleu.get_signature()))
    assert "nw:0" in sig["chrf"] and sig["ter"].startswith("nrefs:1")
    assert "nw:2" in sig["chrf++"] and "eff:yes" in sig["bleu"] and sacrebleu.__version__ in sig["bleu"]


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_range_is_0_to_100(hyp: str, ref: str) -> None:
    assert 0.0 <= chrf_pp(hyp, ref) <= 100.0 and 0.0 <= sentence_bleu(hyp, ref) <= 100.0
