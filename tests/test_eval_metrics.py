"""Hand-checked cases for align.eval.metrics (Vecalign's strict/lax convention + null scores)."""
from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.eval import EvalResult, evaluate, evaluate_document
from align.types import Bead

COUNT_KEYS = ("p_tp_strict", "p_fp_strict", "p_tp_lax", "p_fp_lax",
              "r_tp_strict", "r_fn_strict", "r_tp_lax", "r_fn_lax")

# (id, predicted, gold, (p_tp_s, p_fp_s, p_tp_l, p_fp_l, r_tp_s, r_fn_s, r_tp_l, r_fn_l))
CASES = [
    ("exact", [([0], [0]), ([1], [1])], [([0], [0]), ([1], [1])], (2, 0, 2, 0, 2, 0, 2, 0)),
    # gold 1-2 predicted as 1-1 + 0-1: the 1-1 overlaps (lax), the 0-1 is wrong both ways
    ("split", [([0], [0]), ([], [1])], [([0], [0, 1])], (0, 2, 1, 1, 0, 1, 1, 0)),
    ("null exact", [([0], []), ([1], [0])], [([0], []), ([1], [0])], (2, 0, 2, 0, 1, 0, 1, 0)),
    # a 2-0 bead is not the two 1-0 beads of gold (null beads match only exactly)
    ("null granularity", [([0, 1], []), ([2], [0])], [([0], []), ([1], []), ([2], [0])],
     (1, 1, 1, 1, 1, 0, 1, 0)),
    ("duplicates collapse", [([0], [0]), ([0], [0])], [([0], [0])], (1, 0, 1, 0, 1, 0, 1, 0)),
    ("nulls for a link", [([0], []), ([], [0])], [([0], [0])], (0, 2, 0, 2, 0, 1, 0, 1)),
    ("crossed", [([0], [1]), ([1], [0])], [([0], [0]), ([1], [1])], (0, 2, 0, 2, 0, 2, 0, 2)),
    # 2-1 predicted where gold is 1-1 + 1-0: lax hit, recall lax hit on the 1-1
    ("merge", [([0, 1], [0])], [([0], [0]), ([1], [])], (0, 1, 1, 0, 0, 1, 1, 0)),
    ("nothing predicted", [], [([0], [0])], (0, 0, 0, 0, 0, 1, 0, 1)),
    ("beads empty on both sides ignored", [((), ()), ([0], [0])], [([0], [0])],
     (1, 0, 1, 0, 1, 0, 1, 0)),
]


@pytest.mark.parametrize("pred,gold,counts", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_counts(pred, gold, counts):
    r = evaluate_document(pred, gold)
    assert tuple(getattr(r, k) for k in COUNT_KEYS) == counts
    assert r.n_docs == 1


def test_figures_from_counts():
    r = evaluate_document([([0], [0]), ([], [1])], [([0], [0, 1])])
    assert r.precision_strict == 0.0 and r.recall_strict == 0.0 and r.f1_strict == 0.0
    assert r.precision_lax == 0.5 and r.recall_lax == 1.0
    assert r.f1_lax == pytest.approx(2 / 3)


def test_zero_denominators_give_zero_like_vecalign():
    r = evaluate([])
    assert (r.precision_strict, r.recall_strict, r.f1_strict, r.f1_lax) == (0.0, 0.0, 0.0, 0.0)
    assert r.null_scores("src") == (None, None, None)


# (id, predicted, gold, side, (tp, pred, gold), (P, R, F1))
NULL_CASES = [
    ("granularity ignored", [([0, 1], []), ([2], [0])], [([0], []), ([1], []), ([2], [0])],
     "src", (2, 2, 2), (1.0, 1.0, 1.0)),
    ("half found", [([0], []), ([1], [0]), ([2], [])], [([0], []), ([1], []), ([2], [0])],
     "src", (1, 2, 2), (0.5, 0.5, 0.5)),
    ("none predicted", [([0], [0]), ([1], [1])], [([0], [0]), ([1], []), ([], [1])],
     "src", (0, 0, 1), (None, 0.0, 0.0)),
    ("target side", [([0], [0]), ([], [1]), ([], [2])], [([0], [0]), ([], [1]), ([1], [2])],
     "tgt", (1, 2, 1), (0.5, 1.0, pytest.approx(2 / 3))),
    ("nothing to decide", [([0], [0])], [([0], [0])], "tgt", (0, 0, 0), (None, None, None)),
]


@pytest.mark.parametrize("pred,gold,side,counts,figures", [c[1:] for c in NULL_CASES],
                         ids=[c[0] for c in NULL_CASES])
def test_null_decisions(pred, gold, side, counts, figures):
    r = evaluate_document(pred, gold)
    assert tuple(getattr(r, f"{side}_null_{k}") for k in ("tp", "pred", "gold")) == counts
    assert r.null_scores(side) == figures


def test_null_scores_rejects_bad_side():
    with pytest.raises(ValueError):
        EvalResult().null_scores("left")


def test_micro_average_sums_counts():
    doc1 = ([([0], [0]), ([1], [1])], [([0], [0]), ([1], [1])])  # P = 1
    doc2 = ([([0], [1]), ([1], [0]), ([2], [2]), ([3], [3])],  # P = 2/4
            [([0], [0]), ([1], [1]), ([2], [2]), ([3], [3])])
    r = evaluate([doc1, doc2])
    assert r.n_docs == 2
    assert r.precision_strict == pytest.approx(4 / 6)  # not (1 + 0.5) / 2
    assert r == evaluate_document(*doc1) + evaluate_document(*doc2)


def test_beads_and_tuples_score_alike():
    pairs = [([0, 1], [0]), ([2], []), ([], [1]), ([3], [2, 3])]
    gold = [([0], [0]), ([1], []), ([2], [1]), ([3], [2, 3])]
    as_beads = [Bead(s, t, score=0.5) for s, t in pairs]
    assert evaluate([(as_beads, [Bead(s, t) for s, t in gold])]) == evaluate([(pairs, gold)])


def test_to_dict_is_json_ready_and_complete():
    d = evaluate_document([([0], [0]), ([1], [])], [([0], [0]), ([1], [])]).to_dict()
    json.dumps(d)
    for k in COUNT_KEYS + ("f1_strict", "f1_lax", "precision_lax", "recall_strict",
                           "src_null_f1", "tgt_null_f1", "n_docs"):
        assert k in d
    assert d["f1_strict"] == 1.0 and d["src_null_f1"] == 1.0 and d["tgt_null_f1"] is None


SHAPES = [(1, 1), (1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (3, 1)]


@st.composite
def monotone_beads(draw, min_links: int = 0):
    shapes = draw(st.lists(st.sampled_from(SHAPES), min_size=1, max_size=25))
    if min_links and all(0 in s for s in shapes):
        shapes.append((1, 1))
    beads, i, j = [], 0, 0
    for a, b in shapes:
        beads.append((tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    return beads


@given(monotone_beads(min_links=1))
def test_gold_against_itself_is_perfect(gold):
    r = evaluate([(gold, gold)])
    assert r.f1_strict == 1.0 and r.f1_lax == 1.0
    for side in ("src", "tgt"):
        f1 = r.null_scores(side)[2]
        assert f1 in (None, 1.0)


@given(monotone_beads(), monotone_beads())
def test_lax_at_least_strict(pred, gold):
    r = evaluate([(pred, gold)])
    assert r.p_tp_lax >= r.p_tp_strict and r.r_tp_lax >= r.r_tp_strict
    assert r.p_tp_lax + r.p_fp_lax == r.p_tp_strict + r.p_fp_strict == len(set(pred))
    assert r.r_tp_strict + r.r_fn_strict == len({b for b in gold if b[0] and b[1]})
