"""Benchmark datasets: synthetic summaries (no data needed) and loaders on the shared data."""
from __future__ import annotations

import itertools
import os
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.errors import SchemaError
from align.types import check_cover
from benchmarks import datasets as ds
from benchmarks.summary import KEEP_MAX, KEEP_MIN, plan_summary, rng_for, summarize

DATA = Path(os.environ.get("ALIGN_SHARED_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data")
needs_data = pytest.mark.skipif(not (DATA / "ntrex128").is_dir(), reason=f"no shared data at {DATA}")


def _runs(ids):
    runs, prev = [], None
    for i in ids:
        if prev is not None and i == prev + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
        prev = i
    return runs


@given(st.integers(2, 60), st.text(min_size=1, max_size=12), st.integers(0, 10**6))
def test_summary_plan_invariants(n, doc_id, seed):
    plan = plan_summary(n, rng_for(doc_id, seed))
    k = len(plan.kept)
    assert KEEP_MIN * n - 1e-9 <= k <= KEEP_MAX * n + 1e-9
    assert list(plan.kept) == sorted(set(plan.kept)) and all(0 <= i < n for i in plan.kept)
    assert all(len(r) <= 3 for r in _runs(plan.kept))  # runs of 1-3, separated by gaps
    assert [i for g in plan.groups for i in g] == list(plan.kept)
    assert all(len(g) == 1 or (len(g) == 2 and g[1] == g[0] + 1) for g in plan.groups)
    if k >= 2:
        assert any(len(g) == 2 for g in plan.groups)


@given(st.integers(1, 40), st.text(min_size=1, max_size=12))
def test_summarize_gold_covers_and_texts_follow(n, doc_id):
    lines = [f"English sentence {i}." for i in range(n)]
    sents, gold = summarize(doc_id, lines)
    check_cover(gold, n, len(sents))
    for b in gold:
        if b.tgt:
            assert sents[b.tgt[0]] == " ".join(lines[i] for i in b.src)
            assert len(b.src) in (1, 2)
    assert summarize(doc_id, lines) == (sents, gold)


def test_summary_seed_changes_the_draw():
    lines = [f"s{i}" for i in range(30)]
    draws = {tuple(summarize("doc", lines, seed)[0]) for seed in range(6)}
    assert len(draws) > 1


@needs_data
def test_ntrex_translation_split_and_gold():
    tune, test = list(ds.ntrex_translation(DATA, "tune")), list(ds.ntrex_translation(DATA, "test"))
    assert (len(tune), len(test)) == (63, 60)
    assert sum(len(c.src) for c in tune + test) == 1997
    assert {c.name for c in tune}.isdisjoint(c.name for c in test)
    for c in tune + test:
        assert len(c.src) == len(c.tgt) >= 4 and c.src.lang == "tr" and c.tgt.lang == "en"
        assert all(b.src == b.tgt for b in c.gold)
        check_cover(c.gold, len(c.src), len(c.tgt))
        assert c.split == ds.ntrex_split(c.src.meta["doc_id"])
    assert len(list(ds.ntrex_translation(DATA, "all"))) == 123


@needs_data
def test_ntrex_summary_cases():
    cases = list(ds.ntrex_summary(DATA, "all"))
    plain = {c.name.split("/", 1)[1]: c for c in ds.ntrex_translation(DATA, "all")}
    assert len(cases) == 123
    for c in cases:
        check_cover(c.gold, len(c.src), len(c.tgt))
        base = plain[c.name.split("/", 1)[1]]
        assert c.src == base.src  # all Turkish sentences kept
        kept = sum(len(b.src) for b in c.gold if b.tgt)
        assert 0.3 <= kept / len(c.src) <= 0.5
        kinds = Counter((len(b.src), len(b.tgt)) for b in c.gold)
        assert kinds[(2, 1)] >= 1 and set(kinds) <= {(1, 1), (2, 1), (1, 0)}
    assert list(ds.ntrex_summary(DATA, "test")) == list(ds.ntrex_summary(DATA, "test"))
    assert list(ds.ntrex_summary(DATA, "test", seed=1)) != list(ds.ntrex_summary(DATA, "test"))


@given(st.integers(0, 60), st.integers(0, 10**6))
def test_omission_plan_invariants(n, seed):
    dropped = ds.plan_omissions(n, random.Random(seed))
    assert list(dropped) == sorted(set(dropped)) and all(0 <= i < n for i in dropped)
    assert all(b - a >= 2 for a, b in itertools.pairwise(dropped))  # never two adjacent
    if n < 3:
        assert dropped == ()
    else:
        assert 1 <= len(dropped) <= max(1, round(ds.OMIT_MAX * n))


@pytest.mark.parametrize("n", [3, 7, 20, 30])
def test_omit_sentences_gold_and_texts(n):
    lines = [f"English sentence {i}." for i in range(n)]
    kept, gold = ds.omit_sentences("doc-a", lines)
    check_cover(gold, n, len(kept))
    nulls = [b.src[0] for b in gold if not b.tgt]
    assert nulls and len(kept) == n - len(nulls)
    for b in gold:
        assert len(b.src) == 1 and len(b.tgt) <= 1
        if b.tgt:
            assert kept[b.tgt[0]] == lines[b.src[0]]
    assert ds.omit_sentences("doc-a", lines) == (kept, gold)  # seeded per doc id


@needs_data
def test_ntrex_omissions_cases():
    cases = list(ds.ntrex_omissions(DATA, "all"))
    plain = {c.name.split("/", 1)[1]: c for c in ds.ntrex_translation(DATA, "all")}
    assert len(cases) == 123 and all(c.dataset == "ntrex_omissions" for c in cases)
    dropped = 0
    for c in cases:
        base = plain[c.name.split("/", 1)[1]]
        assert c.src == base.src and c.split == base.split
        check_cover(c.gold, len(c.src), len(c.tgt))
        nulls = [b for b in c.gold if not b.tgt]
        assert nulls and all(len(b.src) == 1 for b in nulls)
        for b in c.gold:
            if b.tgt:
                assert c.tgt.texts[b.tgt[0]] == base.tgt.texts[b.src[0]]
        dropped += len(nulls)
    assert 0.05 <= dropped / sum(len(c.src) for c in cases) <= 0.12
    tune = list(ds.ntrex_omissions(DATA, "tune"))
    assert len(tune) == 63 and {c.split for c in tune} == {"tune"}
    assert ds.DATASETS["ntrex_omissions"].profile == "translation"


@needs_data
def test_textberg_gold_as_distributed():
    cases = {c.name: c for c in ds.textberg(DATA, "all")}
    assert sorted(cases) == sorted(f"textberg/{n}" for n in ("dev",) + ds.TEXTBERG_TEST)
    assert [c.split for c in ds.textberg(DATA, "tune")] == ["tune"]
    for name, c in cases.items():
        src = Counter(i for b in c.gold for i in b.src)
        tgt = Counter(j for b in c.gold for j in b.tgt)
        gaps = (tuple(i for i in range(len(c.src)) if not src[i]),
                tuple(j for j in range(len(c.tgt)) if not tgt[j]))
        assert gaps == ds.TEXTBERG_GOLD_GAPS.get(name.split("/")[1], ((), ()))
        repeated = [i for i, k in src.items() if k > 1] + [j for j, k in tgt.items() if k > 1]
        assert repeated == ([218] if name == "textberg/test1" else [])
    assert len(cases["textberg/test0"].src) == 137 and len(cases["textberg/test0"].tgt) == 155


@needs_data
def test_parice_cases_cover():
    cases = list(ds.parice(DATA, "test"))
    assert len(cases) == 10 and list(ds.parice(DATA, "tune")) == []
    for c in cases:
        assert (c.src.lang, c.tgt.lang) == ("en", "is")
        check_cover(c.gold, len(c.src), len(c.tgt))
    first = next(c for c in cases if c.name == "parice/n_1")
    assert first.src.sentences[0].text.startswith("Nordic co-operation is one")


@needs_data
def test_flores_summary_cases():
    cases = list(ds.flores_summary(DATA))
    assert len(cases) == 146
    for c in cases:
        check_cover(c.gold, len(c.src), len(c.tgt))
        assert 0.3 <= sum(len(b.src) for b in c.gold if b.tgt) / len(c.src) <= 0.5


def test_bad_split_and_dataset():
    with pytest.raises(ValueError):
        list(ds.textberg(DATA, "train"))
    with pytest.raises(ValueError):
        ds.load(["nope"], DATA)


def test_parice_index_checked(tmp_path):
    (tmp_path / "f.txt").write_text("0\tOne.\n2\tTwo.\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="f.txt, line 2"):
        ds.read_indexed(tmp_path / "f.txt")


def test_shifted_pairs_are_all_null_and_cross_documents():
    from align.types import Bead, Document

    cases = [ds.Case(f"d{k}", "x", Document.from_texts([f"s{k}a", f"s{k}b"], "tr"),
                     Document.from_texts([f"t{k}"] * (k + 1), "en"), (Bead((0,), (0,)),))
             for k in range(3)]
    neg = list(ds.shifted(cases, "x_unrelated"))
    assert [(c.src.texts[0], c.tgt.texts[0]) for c in neg] == [("s0a", "t1"), ("s1a", "t2"),
                                                               ("s2a", "t0")]
    for c in neg:
        assert all(not (b.src and b.tgt) for b in c.gold)
        check_cover(c.gold, len(c.src), len(c.tgt))
    assert list(ds.shifted(cases[:1], "x")) == []  # one document has nothing to pair with


@needs_data
def test_textberg_dev_parts_are_exact_sub_documents():
    dev = next(ds.textberg(DATA, "tune"))
    parts = list(ds.textberg_parts(DATA, "tune"))
    assert len(parts) == ds.TEXTBERG_DEV_PARTS
    assert sum(len(p.gold) for p in parts) == len(dev.gold)
    src_text = set(dev.src.texts)
    for p in parts:
        assert set(p.src.texts) <= src_text
        for b in p.gold:
            assert all(0 <= i < len(p.src) for i in b.src)
            assert all(0 <= j < len(p.tgt) for j in b.tgt)
    # in order: the parts' sentences are dev's, less the ones gold leaves out
    assert [t for p in parts for t in p.src.texts] == [
        t for i, t in enumerate(dev.src.texts) if i not in ds.TEXTBERG_GOLD_GAPS["dev"][0]]


@needs_data
def test_negatives_per_split():
    tune = ds.load(["ntrex_unrelated", "textberg_unrelated", "digest_unrelated"], DATA, "tune")
    assert len(tune["ntrex_unrelated"]) == 63 and len(tune["textberg_unrelated"]) == 4
    assert tune["digest_unrelated"] == []  # the samples were tuned on: test only
    test = ds.load(["digest_unrelated"], DATA, "test")["digest_unrelated"]
    assert test and all(c.src.lang == "tr" and c.tgt.lang == "en" for c in test)
    assert all(c.split == "test" for c in test)
