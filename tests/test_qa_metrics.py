"""Document/batch QA metrics and post-editing metrics (HTER, chrF) against sacrebleu."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.errors import SchemaError
from align.measures.mt_metrics import chrf, signatures, ter
from align.qa.metrics import PairMetrics, batch_metrics, count_words, pair_metrics, severity_rank
from align.qa.postedit import edits_from_meta, score_edit, summarize, summarize_alignment
from align.types import Alignment, Bead, Document, Flag, Severity, Signature

sacrebleu = pytest.importorskip("sacrebleu")

SIG = Signature("test.v1", version="0")


def aln(src: list[str], tgt: list[str], beads: list[Bead], meta: dict | None = None) -> Alignment:
    return Alignment(Document.from_texts(src, "tr"), Document.from_texts(tgt, "en"), beads, SIG,
                     meta or {})


# 4 Turkish, 3 English sentences; links 0-1:0 (0.8) and 3:2 (0.5); source 2 and English 1 unlinked.
HAND = aln(["Bir.", "İki.", "Üç.", "Dört."],
           ["One and two words here.", "Added sentence.", "Four is 4,5 percent."],
           [Bead((0, 1), (0,), 0.8, flags=(Flag("number_mismatch", Severity.MAJOR),
                                            Flag("length", Severity.MINOR))),
            Bead((2,), ()), Bead((), (1,), 0.0, flags=(Flag("unsupported", Severity.CRITICAL),)),
            Bead((3,), (2,), 0.5, flags=(Flag("number_mismatch", Severity.MINOR),))])


def test_hand_made_pair_exact() -> None:
    m = pair_metrics(HAND, "p")
    assert (m.src_sentences, m.tgt_sentences, m.links, m.src_linked, m.tgt_linked) == (4, 3, 2, 3, 2)
    assert m.coverage == pytest.approx(3 / 4) and m.support == pytest.approx(2 / 3)
    assert m.mean_confidence == pytest.approx(0.65)
    assert dict(m.flags_by_type) == {"length": 1, "number_mismatch": 2, "unsupported": 1}
    assert dict(m.flags_by_severity) == {"critical": 1, "major": 1, "minor": 2}
    assert m.tgt_words == 5 + 2 + 4  # "4,5" is one word
    assert m.penalty_points == 25 + 5 + 1 + 1
    assert m.mqm_penalty == pytest.approx(32 / 11 * 1000)
    d = m.to_dict()
    assert d["coverage"] == 0.75 and d["flags"] == 4 and d["penalty_points"] == 32 and d["id"] == "p"


@pytest.mark.parametrize(("text", "n"), [("", 0), ("The 1.250 kilos.", 3), ("Erdoğan's visit, U.S.-made", 4),
                                         ("yüzde 40 / %40", 3), ("<script>", 1)])
def test_count_words(text: str, n: int) -> None:
    assert count_words(text) == n


@pytest.mark.parametrize(("alignment", "cov", "sup", "conf", "pen"), [
    (aln(["A.", "B."], [], [Bead((0,), ()), Bead((1,), ())]), 0.0, None, None, None),
    (aln([], ["Only English."], [Bead((), (0,))]), None, 0.0, None, 0.0),
    (aln(["A."], ["B c."], [Bead((0,), ()), Bead((), (0,))]), 0.0, 0.0, None, 0.0),
    (aln([], [], []), None, None, None, None),
])
def test_undefined_ratios_are_none(alignment: Alignment, cov, sup, conf, pen) -> None:
    m = pair_metrics(alignment)
    assert (m.coverage, m.support, m.mean_confidence, m.mqm_penalty) == (cov, sup, conf, pen)


def test_batch_is_weighted() -> None:
    other = aln(["X."], ["Ten words " * 5], [Bead((0,), (0,), 1.0,
                                              flags=(Flag("omission", Severity.MAJOR),))])
    a, b = pair_metrics(HAND, "a"), pair_metrics(other, "b")
    t = batch_metrics([a, b])
    assert (t.pairs, t.src_sentences, t.tgt_sentences, t.links) == (2, 5, 4, 3)
    assert t.coverage == pytest.approx(4 / 5) and t.support == pytest.approx(3 / 4)
    assert t.mean_confidence == pytest.approx((0.8 + 0.5 + 1.0) / 3)
    assert t.flags_by_severity["major"] == 2 and t.flags_by_type["number_mismatch"] == 2
    assert t.mqm_penalty == pytest.approx((32 + 5) / (11 + 10) * 1000)
    assert batch_metrics([]).coverage is None


@pytest.mark.parametrize(("sev", "rank"), [("critical", 0), (Severity.MAJOR, 1), ("minor", 2)])
def test_severity_rank(sev, rank: int) -> None:
    assert severity_rank(sev) == rank


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1), st.floats(0, 1)), max_size=12))
def test_ratios_in_range_and_single_batch_equal(spec) -> None:
    beads, i, j = [], 0, 0
    for has_s, has_t, score in spec:
        if not (has_s or has_t):
            continue
        beads.append(Bead(tuple(range(i, i + has_s)), tuple(range(j, j + has_t)), score))
        i, j = i + has_s, j + has_t
    m = pair_metrics(aln(["s."] * i, ["t w."] * j, beads), "x")
    for v in (m.coverage, m.support, m.mean_confidence):
        assert v is None or 0.0 <= v <= 1.0
    assert batch_metrics([m], "x") == PairMetrics(**{**m.__dict__, "id": "x"})


PE = [("The cat sat on a mat.", "The cat sat on the mat."),
      ("Inflation rose to 85 percent in Ankara.", "In Ankara, annual inflation climbed to 85%."),
      ("Same text.", "Same text."), ("delete me", ""), ("", "Inserted words here."),
      ("A B C", "a b c")]


@pytest.mark.parametrize(("orig", "edited"), PE)
def test_ter_chrf_equal_sacrebleu(orig: str, edited: str) -> None:
    t = sacrebleu.metrics.TER().sentence_score(orig, [edited]).score
    c = sacrebleu.metrics.CHRF().sentence_score(orig, [edited]).score
    assert ter(orig, edited) == pytest.approx(t) and chrf(orig, edited) == pytest.approx(c)
    e = score_edit(orig, edited, 3)
    assert e.hter == pytest.approx(t / 100) and e.chrf == pytest.approx(c) and e.tgt == 3
    assert e.changed == (orig != edited)


def test_corpus_hter_equals_sacrebleu_corpus_ter() -> None:
    s = summarize(score_edit(o, e) for o, e in PE)
    expected = sacrebleu.metrics.TER().corpus_score([o for o, _ in PE], [[e for _, e in PE]])
    assert s.hter == pytest.approx(expected.score / 100)
    assert s.chrf_mean == pytest.approx(sum(score_edit(o, e).chrf for o, e in PE) / len(PE))
    assert s.changed == 5
    assert s.signatures == {"ter": signatures()["ter"], "chrf": signatures()["chrf"]}
    assert "tok:tercom" in s.signatures["ter"] and "nw:0" in s.signatures["chrf"]
    assert summarize([]).hter is None


def test_edits_from_alignment_meta() -> None:
    a = aln(["Bir."], ["The price is 180 kilos.", "Unchanged here."],
            [Bead((0,), (0,), 0.9), Bead((), (1,))],
            {"postedits": [{"tgt": 0, "original": "The price is 280 kilos."}]})
    (e,) = edits_from_meta(a)
    assert (e.tgt, e.original, e.edited) == (0, "The price is 280 kilos.", "The price is 180 kilos.")
    s = summarize_alignment(a)
    assert s is not None and len(s.edits) == 2 and s.changed == 1
    assert s.hter == pytest.approx(1 / 7)  # one substitution over 5 + 2 words
    assert summarize_alignment(HAND) is None


@pytest.mark.parametrize("entry", [{"tgt": 9, "original": "x"}, {"original": "x"}, "nonsense"])
def test_bad_edit_meta(entry) -> None:
    a = aln(["Bir."], ["One."], [Bead((0,), (0,), 0.9)], {"postedits": [entry]})
    with pytest.raises(SchemaError, match="pair.json: meta.postedits"):
        edits_from_meta(a, "pair.json")
