"""The ``mt`` scorer with a tiny MarianMT model trained in the test session.

The model (tests/tiny_models.py, "Marian" section) is overfitted on MARIAN_PAIRS, so it
translates each training source into exactly its target: these tests check wiring
(tokenizer, generate, cache, metric, aligner), not translation quality.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner import align_documents
from align.errors import AlignError, ModelNotAvailable
from align.neural.translate import NLLB_CODES, Translator, lang_code, model_family
from align.scorers.mt import MTPair, MTScorer
from align.types import Document
from tests.tiny_models import MARIAN_PAIRS

TR = [p[0] for p in MARIAN_PAIRS]
EN = [p[1] for p in MARIAN_PAIRS]


@pytest.fixture(scope="module", autouse=True)
def _one_thread() -> Iterator[None]:
    """One torch thread while these tests run: the tiny model gains nothing from more,
    and on a busy 2-core machine two threads made each call several times slower."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ALIGN_OFFLINE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # no cache outside tmp


def scorer(model_dir: Path, cache: Path, **kw: Any) -> MTScorer:
    return MTScorer(model=str(model_dir), device="cpu", cache_dir=str(cache), **kw)


def test_tiny_model_reproduces_its_training_targets(marian: tuple[Path, dict[str, Any]]) -> None:
    _, info = marian
    assert info["exact"], info
    assert info["steps"] <= 400


def test_gloss_is_the_model_translation(marian: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    sc = scorer(marian[0], tmp_path)
    src, tgt = Document.from_texts(TR, "tr"), Document.from_texts(EN[:3], "en")
    pp = sc.prepare(src, tgt)
    assert pp.evidence == "mt"
    assert (pp.n_src, pp.n_tgt) == (len(TR), 3)
    assert pp.gloss() == EN  # overfitted: every training source -> its own target
    assert sc.model == marian[0].name


def beads_for(src_ids: list[int], tgt_groups: list[list[int]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Expected beads: each target group (pair ids joined into one English sentence) links
    to the source positions of those pairs; every other source sentence is unaligned."""
    pos = {p: i for i, p in enumerate(src_ids)}
    linked = {pos[p]: j for j, g in enumerate(tgt_groups) for p in g}
    out: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    i = 0
    while i < len(src_ids):
        if i in linked:
            j = linked[i]
            ids = tuple(pos[p] for p in tgt_groups[j])
            out.append((ids, (j,)))
            i = ids[-1] + 1
        else:
            out.append(((i,), ()))
            i += 1
    return out


# (source pair ids, target groups, profile, metric)
ALIGN_CASES = [
    (list(range(12)), [[0], [2, 3], [6], [9], [10]], "summary", "chrf++"),
    (list(range(12)), [[0], [2, 3], [6], [9], [10]], "summary", "bleu"),
    (list(range(8)), [[0], [1], [2], [3, 4], [5], [7]], "translation", "chrf++"),
    ([20, 21, 22, 23, 24, 25, 26, 27], [[21], [22], [25], [27]], "summary", "chrf++"),
]


@pytest.mark.parametrize(("src_ids", "tgt_groups", "profile", "metric"), ALIGN_CASES)
def test_alignment_is_exactly_the_expected_beads(
    marian: tuple[Path, dict[str, Any]], tmp_path: Path, src_ids: list[int],
    tgt_groups: list[list[int]], profile: str, metric: str,
) -> None:
    src = Document.from_texts([TR[i] for i in src_ids], "tr")
    tgt = Document.from_texts([" ".join(EN[p] for p in g) for g in tgt_groups], "en")
    al = align_documents(src, tgt, scorer=scorer(marian[0], tmp_path, metric=metric),
                         mode="monotonic", profile=profile)
    assert [(b.src, b.tgt) for b in al.beads] == beads_for(src_ids, tgt_groups)
    assert al.signature.scorer == "mt.v1"
    assert al.signature.model == marian[0].name
    assert al.signature.params["metric"] == metric
    assert al.signature.params["evidence"] == "mt"


def test_expected_beads_helper() -> None:
    assert beads_for([0, 1, 2, 3], [[0], [2, 3]]) == [((0,), (0,)), ((1,), ()), ((2, 3), (1,))]


def test_second_prepare_runs_no_generate(marian: tuple[Path, dict[str, Any]], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import transformers

    calls: list[int] = []
    original = transformers.MarianMTModel.generate

    def counting(self: Any, *a: Any, **kw: Any) -> Any:
        calls.append(1)
        return original(self, *a, **kw)

    monkeypatch.setattr(transformers.MarianMTModel, "generate", counting)
    src, tgt = Document.from_texts(TR[:20], "tr"), Document.from_texts(EN[:5], "en")
    first = scorer(marian[0], tmp_path, batch_size=8)
    g1 = first.prepare(src, tgt).gloss()
    assert len(calls) == first.translator.generate_calls == 3  # 20 sentences, batches of 8
    assert first.prepare(src, tgt).gloss() == g1  # same scorer: the cache answers
    second = scorer(marian[0], tmp_path, batch_size=8)  # new process, same cache directory
    assert second.prepare(src, tgt).gloss() == g1
    assert len(calls) == 3 and second.translator.generate_calls == 0
    assert second.translator._loaded is None  # the model was not even loaded
    # A different beam is a different cache key: translated afresh.
    third = scorer(marian[0], tmp_path, batch_size=8, beam=2)
    assert third.prepare(src, tgt).gloss() == g1
    assert len(calls) == 6


def test_empty_sentences_are_not_translated(marian: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    tr = Translator(str(marian[0]), device="cpu", cache_dir=tmp_path)
    assert tr.translate(["", "  ", TR[0]]) == ["", "", EN[0]]
    assert tr.translate(["", " "]) == ["", ""]


def test_max_length_is_capped_by_the_model(marian: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    # The tiny model has 128 positions; an unseen input makes it babble up to the cap.
    tr = Translator(str(marian[0]), beam=2, max_length=10_000, device="cpu", cache_dir=tmp_path)
    (out,) = tr.translate(["Kuzeyspor milli orta saha oyuncusunu transfer etti, dedi Karaca."])
    assert isinstance(out, str)


def test_scores_of_blocks_and_sets(marian: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    src, tgt = Document.from_texts(TR[:6], "tr"), Document.from_texts(EN[:6], "en")
    pp = scorer(marian[0], tmp_path).prepare(src, tgt)
    sim = pp.sentence_matrix()
    assert sim.shape == (6, 6)
    assert np.allclose(np.diag(sim), 1.0)
    assert (sim[~np.eye(6, dtype=bool)] < 0.3).all()
    two = pp.score_blocks(np.array([0, 1]), 2, np.array([0, 1]), 2)
    assert np.allclose(two, 1.0)  # [0,1]->[0,1] and [1,2]->[1,2]: the joins match exactly
    # Non-contiguous sets read each side in order; contiguous sets equal blocks.
    assert pp.score_sets([2, 0], [0, 2]) == pytest.approx(1.0)
    assert pp.score_sets([1, 2], [1, 2]) == pytest.approx(float(two[1]))
    assert pp.score_sets([0, 2], [0]) < 0.8  # an extra source sentence is not free


@pytest.mark.parametrize(("metric", "sig_part"), [("chrf++", "nw:2"), ("bleu", "tok:13a")])
def test_params_carry_metric_and_signature(marian: tuple[Path, dict[str, Any]], tmp_path: Path,
                                           metric: str, sig_part: str) -> None:
    sc = scorer(marian[0], tmp_path, metric=metric, beam=3, max_length=64)
    p = sc.params()
    assert (p["metric"], p["beam"], p["max_length"]) == (metric, 3, 64)
    assert p["orientation"] == ("min-both-ways" if metric == "chrf++" else "mt-vs-target")
    assert sig_part in p["metric_signature"]


def test_bleu_variant_scores(marian: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    src, tgt = Document.from_texts(TR[:3], "tr"), Document.from_texts(EN[:3], "en")
    sim = scorer(marian[0], tmp_path, metric="bleu").prepare(src, tgt).sentence_matrix()
    assert np.allclose(np.diag(sim), 1.0)
    assert sim[0, 1] < 0.2 and sim[1, 2] < 0.2


def test_unknown_metric_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(AlignError, match="unknown metric 'meteor'"):
        MTScorer(model=str(tmp_path), metric="meteor")


def test_unknown_model_is_not_downloaded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    sc = MTScorer(model="nobody/opus-mt-xx-yy", cache_dir=str(tmp_path))  # lazy: no error yet
    docs = Document.from_texts(["Merhaba."], "tr"), Document.from_texts(["Hello."], "en")
    with pytest.raises(ModelNotAvailable, match="align models download nobody/opus-mt-xx-yy"):
        sc.prepare(*docs)


LANG_CASES = [
    ("nllb", "tr", "tur_Latn"), ("nllb", "en", "eng_Latn"), ("nllb", "de", "deu_Latn"),
    ("nllb", "fr", "fra_Latn"), ("nllb", "is", "isl_Latn"), ("nllb", "TR", "tur_Latn"),
    ("nllb", "tur_Latn", "tur_Latn"), ("m2m", "tr", "tr"), ("m2m", "EN", "en"),
    ("marian", "tr", "tur"), ("marian", "eng", "eng"), ("other", "tr", None),
]


@pytest.mark.parametrize(("family", "lang", "code"), LANG_CASES)
def test_language_codes(family: str, lang: str, code: str | None) -> None:
    assert lang_code(family, lang) == code


def test_unknown_language_code() -> None:
    with pytest.raises(AlignError, match="no nllb language code for 'xx'"):
        lang_code("nllb", "xx")
    assert set(NLLB_CODES) == {"tr", "en", "de", "fr", "is"}


@pytest.mark.parametrize(("model_type", "tok", "family"), [
    ("m2m_100", "NllbTokenizer", "nllb"), ("m2m_100", "NllbTokenizerFast", "nllb"),
    ("m2m_100", "M2M100Tokenizer", "m2m"), ("marian", "MarianTokenizer", "marian"),
    ("t5", "T5Tokenizer", "other"),
])
def test_model_family(model_type: str, tok: str, family: str) -> None:
    assert model_family(model_type, tok) == family


class _Enc(dict):  # type: ignore[type-arg]
    def to(self, device: str) -> _Enc:
        return self


class NllbTokenizer:  # the class name is what model_family reads
    src_lang = "eng_Latn"

    def __call__(self, batch: list[str], **kw: Any) -> _Enc:
        self.seen = batch
        return _Enc(input_ids=batch)

    def convert_tokens_to_ids(self, token: str) -> int:
        return {"eng_Latn": 7, "tur_Latn": 8}[token]

    def batch_decode(self, ids: list[str], **kw: Any) -> list[str]:
        return [f"<{i}>" for i in ids]


class _Model:
    config = SimpleNamespace(model_type="m2m_100", max_position_embeddings=1024)

    def generate(self, **kw: Any) -> list[str]:
        self.kw = kw
        return list(kw["input_ids"])


def test_nllb_sets_source_language_and_forced_bos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tr = Translator("facebook/nllb-200-distilled-600M", beam=2, max_length=32, cache_dir=tmp_path)
    tok, model = NllbTokenizer(), _Model()
    tr._loaded = (tok, model, "cpu", "nllb")
    monkeypatch.setattr(tr, "cache_key", lambda s, t: f"fake|{s}>{t}")
    assert tr.translate(["Merhaba.", "Dünya."], "tr", "en") == ["<Merhaba.>", "<Dünya.>"]
    assert tok.src_lang == "tur_Latn"
    assert model.kw["forced_bos_token_id"] == 7
    assert (model.kw["num_beams"], model.kw["max_length"]) == (2, 32)
    with pytest.raises(AlignError, match="needs the source and target languages"):
        tr.translate(["Yeni."], None, "en")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abcdeğış .", max_size=20), min_size=1, max_size=5),
       st.lists(st.text(alphabet="abcdeğış .", max_size=20), min_size=1, max_size=5),
       st.sampled_from(["chrf++", "bleu"]))
def test_pair_scores_are_bounded_and_consistent(hyp: list[str], ref: list[str], metric: str) -> None:
    from align.scorers.mt import _metric

    pp = MTPair(hyp, ref, _metric(metric))
    n, m = len(hyp), len(ref)
    for a in range(1, n + 1):
        for b in range(1, m + 1):
            starts = [(s, t) for s in range(n - a + 1) for t in range(m - b + 1)]
            ss, tt = (np.array(x, np.int64) for x in zip(*starts))
            sims = pp.score_blocks(ss, a, tt, b)
            assert ((sims >= 0) & (sims <= 1)).all()
            for (s, t), v in zip(starts, sims):
                assert pp.score_sets(list(range(s, s + a)), list(range(t, t + b))) == v
