"""Parity of align.eval with Vecalign's own scoring code, on random beads and on real data.

``_vecalign_precision``, ``_vecalign_score_multiple`` and ``_vecalign_read`` below are
copied from Vecalign (https://github.com/thompsonb/vecalign, ``score.py`` and
``dp_utils.read_alignments``, commit b9d732c; Copyright 2019 Brian Thompson, Apache-2.0),
changed only to take text instead of a file name. They do not call align.eval.

Real-data tests read ``$ALIGN_SHARED_DATA`` (default ``<repo>/../shared/data``) and skip
when it is absent.
"""
# The Vecalign functions are kept verbatim, so their style is exempt:
# ruff: noqa: C403, C408, E722, TRY002, UP031
from __future__ import annotations

import os
from ast import literal_eval
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.eval import evaluate, read_beads

DATA = Path(os.environ.get("ALIGN_SHARED_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data")
TEXTBERG = DATA / "textberg-defr"
needs_data = pytest.mark.skipif(not TEXTBERG.is_dir(), reason=f"shared data not found at {DATA}")


# ---- verbatim from vecalign/score.py -------------------------------------------------------
def _vecalign_precision(goldalign, testalign):
    """
    Computes tpstrict, fpstrict, tplax, fplax for gold/test alignments
    """
    tpstrict = 0  # true positive strict counter
    tplax = 0     # true positive lax counter
    fpstrict = 0  # false positive strict counter
    fplax = 0     # false positive lax counter

    # convert to sets, remove alignments empty on both sides
    testalign = set([(tuple(x), tuple(y)) for x, y in testalign if len(x) or len(y)])
    goldalign = set([(tuple(x), tuple(y)) for x, y in goldalign if len(x) or len(y)])

    # mappings from source test sentence idxs to
    #    target gold sentence idxs for which the source test sentence
    #    was found in corresponding source gold alignment
    src_id_to_gold_tgt_ids = defaultdict(set)
    for gold_src, gold_tgt in goldalign:
        for gold_src_id in gold_src:
            for gold_tgt_id in gold_tgt:
                src_id_to_gold_tgt_ids[gold_src_id].add(gold_tgt_id)

    for (test_src, test_target) in testalign:
        if (test_src, test_target) == ((), ()):
            continue
        if (test_src, test_target) in goldalign:
            # strict match
            tpstrict += 1
            tplax += 1
        else:
            # For anything with partial gold/test overlap on the source,
            #   see if there is also partial overlap on the gold/test target
            # If so, its a lax match
            target_ids = set()
            for src_test_id in test_src:
                for tgt_id in src_id_to_gold_tgt_ids[src_test_id]:
                    target_ids.add(tgt_id)
            if set(test_target).intersection(target_ids):
                fpstrict += 1
                tplax += 1
            else:
                fpstrict += 1
                fplax += 1

    return np.array([tpstrict, fpstrict, tplax, fplax], dtype=np.int32)


def _vecalign_score_multiple(gold_list, test_list, value_for_div_by_0=0.0):
    # accumulate counts for all gold/test files
    pcounts = np.array([0, 0, 0, 0], dtype=np.int32)
    rcounts = np.array([0, 0, 0, 0], dtype=np.int32)
    for goldalign, testalign in zip(gold_list, test_list):
        pcounts += _vecalign_precision(goldalign=goldalign, testalign=testalign)
        # recall is precision with no insertion/deletion and swap args
        test_no_del = [(x, y) for x, y in testalign if len(x) and len(y)]
        gold_no_del = [(x, y) for x, y in goldalign if len(x) and len(y)]
        rcounts += _vecalign_precision(goldalign=test_no_del, testalign=gold_no_del)

    if pcounts[0] + pcounts[1] == 0:
        pstrict = value_for_div_by_0
    else:
        pstrict = pcounts[0] / float(pcounts[0] + pcounts[1])

    if pcounts[2] + pcounts[3] == 0:
        plax = value_for_div_by_0
    else:
        plax = pcounts[2] / float(pcounts[2] + pcounts[3])

    if rcounts[0] + rcounts[1] == 0:
        rstrict = value_for_div_by_0
    else:
        rstrict = rcounts[0] / float(rcounts[0] + rcounts[1])

    if rcounts[2] + rcounts[3] == 0:
        rlax = value_for_div_by_0
    else:
        rlax = rcounts[2] / float(rcounts[2] + rcounts[3])

    if (pstrict + rstrict) == 0:
        fstrict = value_for_div_by_0
    else:
        fstrict = 2 * (pstrict * rstrict) / (pstrict + rstrict)

    if (plax + rlax) == 0:
        flax = value_for_div_by_0
    else:
        flax = 2 * (plax * rlax) / (plax + rlax)

    result = dict(recall_strict=rstrict,
                  recall_lax=rlax,
                  precision_strict=pstrict,
                  precision_lax=plax,
                  f1_strict=fstrict,
                  f1_lax=flax)

    return result


# ---- verbatim from vecalign/dp_utils.py (read_alignments), on text ---------------------------
def _vecalign_read(text):
    alignments = []
    for line in text.splitlines(keepends=True):
        fields = [x.strip() for x in line.split(':') if len(x.strip())]
        if len(fields) < 2:
            raise Exception('Got line "%s", which does not have at least two ":" separated fields' % line.strip())
        try:
            src = literal_eval(fields[0])
            tgt = literal_eval(fields[1])
        except:
            raise Exception('Failed to parse line "%s"' % line.strip())
        alignments.append((src, tgt))
    return alignments
# ---------------------------------------------------------------------------------------------


def _assert_parity(gold_list, test_list):
    ours = evaluate(zip(test_list, gold_list)).to_dict()
    ref = _vecalign_score_multiple(gold_list, test_list)
    for key, value in ref.items():
        assert ours[key] == pytest.approx(value, rel=1e-12, abs=1e-15), key


def _diagonal(n, m):
    k = min(n, m)
    return ([([i], [i]) for i in range(k)] + [([i], []) for i in range(k, n)]
            + [([], [j]) for j in range(k, m)])


ids = st.lists(st.integers(0, 12), max_size=3, unique=True)
any_beads = st.lists(st.tuples(ids, ids), max_size=15)


@settings(max_examples=300)
@given(st.lists(st.tuples(any_beads, any_beads), min_size=1, max_size=4))
def test_random_beads_match_vecalign(docs):
    """Arbitrary (non-covering, overlapping, duplicated, empty) beads score alike."""
    _assert_parity([g for g, _ in docs], [t for _, t in docs])


def _docs(paths):
    """(gold as Vecalign reads it, n_src, n_tgt) for (gold, src, tgt) paths."""
    out = []
    for gold, src, tgt in paths:
        out.append((_vecalign_read(gold.read_text(encoding="utf-8")),
                    len(src.read_text(encoding="utf-8").splitlines()),
                    len(tgt.read_text(encoding="utf-8").splitlines())))
    return out


def _textberg():
    return _docs([(TEXTBERG / f"test{i}.defr", TEXTBERG / f"test{i}.de", TEXTBERG / f"test{i}.fr")
                  for i in range(7)])


def _parice():
    root = DATA / "parice-isen"
    return _docs([(p, root / "eng" / p.name, root / "isl" / p.name)
                  for p in sorted((root / "gold").iterdir())])


@needs_data
def test_textberg_reader_matches_vecalign():
    for i in range(7):
        path = TEXTBERG / f"test{i}.defr"
        ours = [(list(b.src), list(b.tgt)) for b in read_beads(path)]
        assert ours == _vecalign_read(path.read_text(encoding="utf-8"))


@needs_data
def test_textberg_gold_against_itself():
    gold = [g for g, _, _ in _textberg()]
    r = evaluate(zip(gold, gold))
    assert r.n_docs == 7
    assert r.f1_strict == 1.0 and r.f1_lax == 1.0
    assert r.precision_strict == 1.0 and r.recall_strict == 1.0


@needs_data
@pytest.mark.parametrize("load", [_textberg, _parice], ids=["textberg-test0-6", "parice"])
def test_diagonal_baseline_matches_vecalign(load):
    docs = load()
    _assert_parity([g for g, _, _ in docs], [_diagonal(n, m) for _, n, m in docs])
