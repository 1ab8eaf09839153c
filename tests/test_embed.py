"""The ``embed`` scorer with tiny BERT models built in the test session.

The bag-of-tied-words model (tests/tiny_models.py, "BERT" section) gives a Turkish
sentence and its English translation the same vector by construction, so these tests check
wiring (resolution, tokenizer, pooling, overlaps, margin, cache, aligner), not quality.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from align.aligner import align_documents
from align.aligner.costs import bead_shapes
from align.errors import ModelNotAvailable
from align.neural.encoder import Encoder
from align.scorers.embed import EmbedPair, EmbedScorer, overlaps
from align.segment import segment
from align.types import Document
from tests.tiny_models import BERT_PAIRS, build_tiny_bert

STORY = BERT_PAIRS[:11]
DROPPED = 9  # the English of pair 9 is left out: its Turkish sentence must stay unaligned


@pytest.fixture(scope="session")
def rand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_bert(tmp_path_factory.mktemp("bert") / "tiny-bert-rand", bag=False)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ALIGN_OFFLINE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # no cache outside tmp
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))


@pytest.fixture()
def forwards(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Rows of every BertModel forward pass in the test (one entry per batch)."""
    from transformers.models.bert import modeling_bert

    rows: list[int] = []
    real = modeling_bert.BertModel.forward

    def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
        rows.append(int(kwargs["input_ids"].shape[0]))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(modeling_bert.BertModel, "forward", counting)
    return rows


def story() -> tuple[Document, Document]:
    src = segment(" ".join(tr for tr, _ in STORY), "tr")
    tgt = segment(" ".join(en for i, (_, en) in enumerate(STORY) if i != DROPPED), "en")
    return src, tgt


def test_aligns_the_story_exactly(bag: Path, tmp_path: Path) -> None:
    src, tgt = story()
    assert (len(src), len(tgt)) == (12, 10)  # pair 6 is two Turkish sentences
    aln = align_documents(src, tgt, scorer=EmbedScorer(model=str(bag), cache_dir=str(tmp_path)),
                          mode="monotonic")
    expected = [((i,), (i,)) for i in range(6)] + [
        ((6, 7), (6,)), ((8,), (7,)), ((9,), (8,)), ((10,), ()), ((11,), (9,))]
    assert [(b.src, b.tgt) for b in aln.beads] == expected
    sig = aln.signature
    assert (sig.scorer, sig.model) == ("embed.v1", "tiny-bert-bag")
    assert sig.params["evidence"] == "embedding/tiny-bert-bag"
    assert {k: sig.params[k] for k in ("pooling", "prefix", "max_overlap", "margin")} == {
        "pooling": "mean", "prefix": "", "max_overlap": 4, "margin": True}


@pytest.mark.parametrize("margin", [True, False])
def test_translations_high_unrelated_low(bag: Path, tmp_path: Path, margin: bool) -> None:
    pairs = [p for i, p in enumerate(BERT_PAIRS) if i != 6]  # one sentence per side each
    src = Document.from_texts([p[0] for p in pairs], "tr")
    tgt = Document.from_texts([p[1] for p in pairs], "en")
    sim = EmbedScorer(model=str(bag), cache_dir=str(tmp_path), margin=margin).prepare(
        src, tgt).sentence_matrix()
    assert sim.shape == (len(pairs), len(pairs))
    assert np.diag(sim).min() >= 0.9
    off = sim[~np.eye(len(pairs), dtype=bool)]
    assert off.max() <= (0.3 if margin else 0.5)
    assert (0.0 <= sim).all() and (sim <= 1.0).all()


@pytest.mark.parametrize("pooling", ["mean", "cls", "pooler"])
def test_pooling_variants(rand: Path, tmp_path: Path, pooling: str) -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer

    texts = ["Rusya saldırıyı kınadı.", "Russia condemned the attack in harsh words.", "NATO"]
    got = Encoder(str(rand), pooling=pooling, cache_dir=tmp_path).embed(texts)
    tok = AutoTokenizer.from_pretrained(rand, local_files_only=True)
    model = AutoModel.from_pretrained(rand, local_files_only=True).eval()
    with torch.no_grad():
        for text, vec in zip(texts, got):
            out = model(**tok([text], return_tensors="pt"))
            ref = {"mean": out.last_hidden_state[0].mean(0), "cls": out.last_hidden_state[0, 0],
                   "pooler": out.pooler_output[0]}[pooling]
            np.testing.assert_allclose(vec, (ref / ref.norm()).numpy(), atol=1e-5)
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_poolings_differ_and_have_their_own_cache_keys(rand: Path, tmp_path: Path) -> None:
    encs = {p: Encoder(str(rand), pooling=p, cache_dir=tmp_path) for p in ("mean", "cls")}
    assert encs["mean"].key != encs["cls"].key
    assert not np.allclose(encs["mean"].embed(["Ankara uyardı."]), encs["cls"].embed(["Ankara uyardı."]))


def _fake_hub_copy(model_dir: Path, hub: Path, repo_id: str) -> None:
    """Put a model directory into a Hugging Face cache layout under ``hub`` (no network)."""
    commit = "0" * 40
    repo = hub / ("models--" + repo_id.replace("/", "--"))
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)
    shutil.copytree(model_dir, repo / "snapshots" / commit)


def test_e5_prefix_reaches_the_tokenizer(rand: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from transformers.models.bert import tokenization_bert

    _fake_hub_copy(rand, tmp_path / "hub", "intfloat/multilingual-e5-small")
    scorer = EmbedScorer(model="intfloat/multilingual-e5-small", cache_dir=str(tmp_path))
    assert scorer.model == "intfloat/multilingual-e5-small"  # cache models keep their id
    assert scorer.params()["prefix"] == "query: " and scorer.params()["pooling"] == "mean"
    seen: list[str] = []
    real = tokenization_bert.BertTokenizer.__call__

    def spy(self: Any, text: Any, *args: Any, **kwargs: Any) -> Any:
        seen.extend([text] if isinstance(text, str) else text)
        return real(self, text, *args, **kwargs)

    monkeypatch.setattr(tokenization_bert.BertTokenizer, "__call__", spy)
    with_prefix = scorer.encoder.embed(["Ankara uyardı."])
    assert seen == ["query: Ankara uyardı."]
    plain = Encoder(str(rand), prefix="", cache_dir=tmp_path).embed(["query: Ankara uyardı."])
    np.testing.assert_allclose(with_prefix, plain, atol=1e-6)


def test_overlaps_and_block_shapes(bag: Path, tmp_path: Path) -> None:
    src, tgt = story()
    pp = EmbedScorer(model=str(bag), cache_dir=str(tmp_path)).prepare(src, tgt)
    assert isinstance(pp, EmbedPair) and pp.evidence == f"embedding/{bag.name}"
    assert overlaps(["a", "b", "c"], 2) == ["a b", "b c"]
    for side, n in ((0, len(src)), (1, len(tgt))):
        for k in range(1, 5):
            assert pp.vecs[side][k].shape == (n - k + 1, 32)
    for a, b in bead_shapes(5):
        if a == 0 or b == 0:
            continue
        ss, ts = np.meshgrid(np.arange(len(src) - a + 1), np.arange(len(tgt) - b + 1), indexing="ij")
        got = pp.score_blocks(ss.ravel(), a, ts.ravel(), b)
        assert got.shape == (ss.size,) and ((got >= 0) & (got <= 1)).all()
        s0, t0 = int(ss.ravel()[3]), int(ts.ravel()[3])
        assert got[3] == pytest.approx(pp.score_sets(range(s0, s0 + a), range(t0, t0 + b)))
    # free mode: a non-contiguous set is embedded as its joined text
    assert pp.score_sets([6, 8], [6]) < pp.score_sets([6, 7], [6])


def test_band_restriction_does_not_change_scores(bag: Path, tmp_path: Path) -> None:
    src, tgt = story()
    pp = EmbedScorer(model=str(bag), cache_dir=str(tmp_path)).prepare(src, tgt)
    s = np.repeat(np.arange(len(src) - 1), len(tgt) - 1)
    t = np.tile(np.arange(len(tgt) - 1), len(src) - 1)
    full = pp.score_blocks(s, 2, t, 2)
    pp.restrict(np.maximum(np.arange(len(src)) - 1, 0), np.minimum(np.arange(len(src)) + 2, len(tgt)))
    np.testing.assert_allclose(pp.score_blocks(s, 2, t, 2), full)


def test_second_prepare_embeds_nothing(bag: Path, tmp_path: Path, forwards: list[int]) -> None:
    src, tgt = story()
    n_texts = len({t for k in range(1, 5) for d in (src, tgt) for t in overlaps(d.texts, k)})
    EmbedScorer(model=str(bag), cache_dir=str(tmp_path)).prepare(src, tgt)
    assert sum(forwards) == n_texts
    forwards.clear()
    again = EmbedScorer(model=str(bag), cache_dir=str(tmp_path))  # fresh process memory
    again.prepare(src, tgt)
    again.prepare(src, tgt)
    assert forwards == [] and again.encoder.computed == 0


def test_an_edit_reembeds_only_its_overlaps(bag: Path, tmp_path: Path, forwards: list[int]) -> None:
    src, tgt = story()
    scorer = EmbedScorer(model=str(bag), cache_dir=str(tmp_path))
    scorer.prepare(src, tgt)
    first = sum(forwards)
    forwards.clear()
    texts = src.texts
    texts[5] = "Ateşkes anlaşması Minsk'te imzalanmıştı ve Rusya uyardı."
    scorer.prepare(Document.from_texts(texts, "tr"), tgt)
    # runs of k = 1..4 sentences that contain sentence 5 (of 12): 1 + 2 + 3 + 4
    assert sum(forwards) == 10
    assert scorer.encoder.computed == first + 10


def test_unknown_model_is_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotAvailable, match=r"model nobody/no-such-model .*align models download"):
        EmbedScorer(model="nobody/no-such-model")


def test_anchor_candidates_are_mutual_translations(bag: Path, tmp_path: Path) -> None:
    src, tgt = story()
    cands = EmbedScorer(model=str(bag), cache_dir=str(tmp_path)).prepare(src, tgt).anchor_candidates()
    pairs = {(int(i), int(j)) for i, j, _ in cands}
    assert {(0, 0), (3, 3), (9, 8)} <= pairs
    assert all(i == j or (i, j) in {(8, 7), (9, 8), (11, 9), (6, 6), (7, 6)} for i, j in pairs)


def test_import_loads_no_torch() -> None:
    code = ("import sys, align.scorers.embed, align.neural.encoder; "
            "sys.exit(any(m in sys.modules for m in ('torch', 'transformers')))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_large_pairs_take_neighbourhoods_from_the_band(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    """Beyond GLOBAL_NEIGHBOURS sentence pairs the margin's r comes from the band's windows
    (O(band), not n x m): over windows that hold the whole other side it is the exact r;
    over narrow windows (holding at least k neighbours) it can only be lower."""
    from align.scorers import embed as embed_mod

    src = Document.from_texts([tr for tr, _ in BERT_PAIRS], "tr")
    tgt = Document.from_texts([en for _, en in BERT_PAIRS], "en")
    scorer = EmbedScorer(model="use-m3", cache_dir=str(tmp_path))
    exact = scorer.prepare(src, tgt).r
    monkeypatch.setattr(embed_mod, "GLOBAL_NEIGHBOURS", 0)
    n, m = len(src), len(tgt)
    whole = scorer.prepare(src, tgt)
    assert whole._r is None  # nothing n x m at construction
    whole.restrict(np.zeros(n, np.int64), np.full(n, m, np.int64))
    for side in (0, 1):
        assert np.allclose(whole.r[side], exact[side], atol=1e-5)
    narrow = scorer.prepare(src, tgt)
    lo = np.clip(np.arange(n) - 2, 0, m - 5)
    hi = lo + 5
    narrow.restrict(lo, hi)
    held = ((np.arange(m)[None, :] >= lo[:, None]) & (np.arange(m)[None, :] < hi[:, None])).sum(0)
    for side, keep in ((0, np.ones(n, bool)), (1, held >= embed_mod.K_NEIGHBOURS)):
        assert keep.sum() > 3
        assert np.all(narrow.r[side][keep] <= exact[side][keep] + 1e-5)
        assert np.any(narrow.r[side][keep] < exact[side][keep] - 1e-3)


def test_embedding_scorer_searches_coarse_to_fine(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    """The embedding scorer alone has a coarse form too (units of summed sentence vectors):
    forced through it, a real translation aligns to the full table's beads."""
    from align.aligner import band as band_mod
    from align.io.goldseg import build_gold

    gold = build_gold(Path(__file__).resolve().parents[1] / "samples" / "long-court")
    scorer = EmbedScorer(model="use-m3", cache_dir=str(tmp_path))
    full = align_documents(gold.source, gold.target, scorer, mode="monotonic")
    calls: list[int] = []
    real = band_mod.coarse_band

    def counted(*args: Any, **kw: Any) -> Any:
        calls.append(1)
        return real(*args, **kw)

    monkeypatch.setattr(band_mod, "FULL_CELLS", 300)
    monkeypatch.setattr(band_mod, "coarse_band", counted)
    monkeypatch.setattr(band_mod, "heaviest_chain", None)  # the anchor path is not taken
    banded = align_documents(gold.source, gold.target, scorer, mode="monotonic")
    assert len(calls) >= 2
    assert [(b.src, b.tgt) for b in banded.beads] == [(b.src, b.tgt) for b in full.beads]
