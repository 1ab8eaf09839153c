"""align.neural.runtime and align.neural.models: offline resolution, errors, verify.

Nothing here downloads: models are tiny ones built in a temporary directory, the Hugging
Face cache is a fake one under tmp_path, and the network paths are tried against a
closed local port (HF_ENDPOINT=http://127.0.0.1:9).
"""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from align.errors import AlignError, ModelNotAvailable
from align.neural import models, pooling, runtime

pytest.importorskip("transformers")
torch = pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parents[1]
CLOSED = "http://127.0.0.1:9"  # discard port: connection refused at once


OFFLINE_VARS = ("ALIGN_OFFLINE", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_ENDPOINT")


@pytest.fixture(autouse=True)
def _no_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    """No connection check to the real hub from this process (tests that need one say so)."""
    monkeypatch.setenv("ALIGN_OFFLINE", "1")


def _run(code: str, **env: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``code`` in a fresh interpreter with only the offline variables given in ``env``."""
    base = {k: v for k, v in os.environ.items() if k not in OFFLINE_VARS}
    full = {**base, "PYTHONPATH": str(ROOT), **env}
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, env=full, timeout=60)
    return p, time.perf_counter() - t0


def _not_cached_message(name: str) -> str:
    """The contract's message, with the '<where it looked>' part as a wildcard."""
    return (re.escape(f"model {name} is not in the local cache (") + r"[^)]+"
            + re.escape(f"); run `align models download {name}` where the internet is reachable, "
                        "or pass a local directory") + "$")


# --- tiny models (built once per session) --------------------------------------------------

@pytest.fixture(scope="session")
def tiny_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import transformers as tf
    from transformers.convert_slow_tokenizer import bytes_to_unicode

    root = tmp_path_factory.mktemp("neural_models")
    torch.manual_seed(0)
    enc = root / "enc"
    enc.mkdir()
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *"abcdefghijklmnopqrstuvwxyzçğıöşü.", "merhaba", "dünya"]
    (enc / "vocab.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    tf.BertTokenizerFast(vocab_file=str(enc / "vocab.txt")).save_pretrained(enc)
    tf.BertModel(tf.BertConfig(vocab_size=len(words), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                               intermediate_size=32, max_position_embeddings=64)).save_pretrained(enc)
    s2s = root / "s2s"
    s2s.mkdir()
    vocab = {t: i for i, t in enumerate(["<s>", "<pad>", "</s>", "<unk>", *bytes_to_unicode().values(), "<mask>"])}
    tf.RobertaTokenizer(vocab=vocab, merges=[]).save_pretrained(s2s)
    cfg = tf.BartConfig(vocab_size=len(vocab), d_model=16, encoder_layers=1, decoder_layers=1,
                        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=32,
                        decoder_ffn_dim=32, max_position_embeddings=64)
    tf.BartForConditionalGeneration(cfg).save_pretrained(s2s)
    return {"enc": enc, "s2s": s2s}


def _fake_hub(cache: Path, repo_id: str, commit: str = "0123abcd" * 5, ref: bool = True,
              weights: bool = True) -> Path:
    repo = cache / ("models--" + repo_id.replace("/", "--"))
    snap = repo / "snapshots" / commit
    snap.mkdir(parents=True)
    (snap / "config.json").write_text(json.dumps({"model_type": "bert"}), encoding="utf-8")
    if weights:
        (snap / "model.safetensors").write_bytes(b"")
    if ref:
        (repo / "refs").mkdir()
        (repo / "refs" / "main").write_text(commit, encoding="utf-8")
    return snap


# --- import hygiene ------------------------------------------------------------------------

def test_importing_align_loads_no_heavy_module() -> None:
    p, _ = _run("import align, align.neural, align.scorers, align.neural.models, align.neural.cache, "
                "align.neural.runtime, align.measures.mt_metrics; import sys; "
                "heavy = [m for m in ('torch', 'transformers', 'sacrebleu', 'huggingface_hub') if m in sys.modules]; "
                "assert not heavy, heavy")
    assert p.returncode == 0, p.stderr


# --- resolve ---------------------------------------------------------------------------------

def test_local_directory_wins(tiny_dirs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    ref = models.resolve(str(tiny_dirs["enc"]))
    assert (ref.source, ref.path, ref.name) == ("dir", tiny_dirs["enc"].resolve(), str(tiny_dirs["enc"]))
    assert ref.revision.startswith("dir-") and ref.key == f"{ref.name}@{ref.revision}"
    assert models.resolve(str(tiny_dirs["enc"])) == ref  # stable while the files do not change


@pytest.mark.parametrize("with_ref", [True, False])
def test_resolve_from_hub_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_ref: bool) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    snap = _fake_hub(tmp_path, "Helsinki-NLP/opus-mt-tr-en", ref=with_ref)
    ref = models.resolve("Helsinki-NLP/opus-mt-tr-en")
    assert (ref.source, ref.path, ref.revision) == ("cache", snap, snap.name)


def test_snapshot_without_weights_is_not_available(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    _fake_hub(tmp_path, "facebook/m2m100_418M", weights=False)
    with pytest.raises(ModelNotAvailable, match=_not_cached_message("facebook/m2m100_418M")):
        models.resolve("facebook/m2m100_418M")


@pytest.mark.parametrize("env", [{"HF_HUB_CACHE": "{t}/a"}, {"HF_HOME": "{t}/b"}, {"XDG_CACHE_HOME": "{t}/c"}])
def test_hub_cache_dir_follows_environment(env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("HF_HUB_CACHE", "HF_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(var, raising=False)
    (var, value), = env.items()
    monkeypatch.setenv(var, value.format(t=tmp_path))
    expected = {"HF_HUB_CACHE": "a", "HF_HOME": "b/hub", "XDG_CACHE_HOME": "c/huggingface/hub"}[var]
    assert models.hub_cache_dir() == tmp_path / expected


@pytest.mark.parametrize("name", ["sentence-transformers/LaBSE", "facebook/nllb-200-distilled-600M",
                                  "no-such-model", "./missing/dir"])
def test_missing_model_message(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    with pytest.raises(ModelNotAvailable) as e:
        models.resolve(name)
    assert re.match(_not_cached_message(name), str(e.value)), str(e.value)
    assert str(tmp_path) in str(e.value)


@pytest.mark.parametrize("env", [{"HF_HUB_OFFLINE": "1"}, {"HF_ENDPOINT": CLOSED}])
def test_missing_model_error_is_fast(env: dict[str, str], tmp_path: Path) -> None:
    code = ("import time; t = time.perf_counter()\n"
            "from align.neural import models, runtime\n"
            "off = runtime.is_offline(); tf = runtime.transformers_module()\n"
            "try:\n    models.resolve('sentence-transformers/LaBSE')\nexcept Exception as e:\n"
            "    print(type(e).__name__, off, round(time.perf_counter() - t, 3)); print(e)\n")
    p, wall = _run(code, HF_HUB_CACHE=str(tmp_path), **env)
    assert p.returncode == 0, p.stderr
    kind, offline, seconds = p.stdout.splitlines()[0].split()
    assert (kind, offline) == ("ModelNotAvailable", "True")
    assert float(seconds) < 2.0 and wall < 10  # includes importing transformers; no retry loop
    assert re.match(_not_cached_message("sentence-transformers/LaBSE"), p.stdout.splitlines()[1])


# --- download (network blocked) ----------------------------------------------------------------

@pytest.mark.parametrize("env", [{"HF_ENDPOINT": CLOSED}, {"ALIGN_OFFLINE": "1"}])
def test_download_fails_fast_when_offline(env: dict[str, str], tmp_path: Path) -> None:
    code = ("from align.neural import models\ntry:\n    models.download('intfloat/multilingual-e5-small')\n"
            "except Exception as e:\n    print(type(e).__name__, '|', e)\n")
    p, wall = _run(code, HF_HUB_CACHE=str(tmp_path), **env)
    kind, message = p.stdout.strip().split(" | ", 1)
    assert kind == "ModelNotAvailable" and "intfloat/multilingual-e5-small" in message
    assert "\n" not in message and wall < 5


def test_download_http_failure_is_one_line_and_fast(tmp_path: Path) -> None:
    # the TCP check passes (patched) but every HTTP request is refused: no retry loop
    code = ("from align.neural import models, runtime\nruntime._reachable = lambda *a: True\ntry:\n"
            "    models.download('Helsinki-NLP/opus-mt-tr-en')\nexcept Exception as e:\n"
            "    print(type(e).__name__, '|', e)\n")
    p, wall = _run(code, HF_HUB_CACHE=str(tmp_path), HF_ENDPOINT=CLOSED)
    kind, message = p.stdout.strip().split(" | ", 1)
    assert kind == "ModelNotAvailable" and message.startswith("cannot download model Helsinki-NLP/opus-mt-tr-en: ")
    assert wall < 5


# --- runtime ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("env", "offline"), [
    ({"ALIGN_OFFLINE": "1"}, True), ({"HF_HUB_OFFLINE": "true"}, True), ({"TRANSFORMERS_OFFLINE": "yes"}, True),
    ({"ALIGN_OFFLINE": "0", "HF_ENDPOINT": CLOSED}, True), ({"HF_ENDPOINT": "http://127.0.0.1:1"}, True),
])
def test_is_offline(env: dict[str, str], offline: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in OFFLINE_VARS:
        monkeypatch.delenv(var, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert runtime.is_offline() is offline


def test_reachability_checked_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, float]] = []

    def fake(address: tuple[str, int], timeout: float) -> socket.socket:
        calls.append((address, timeout))
        raise OSError("refused")

    for var in ("ALIGN_OFFLINE", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HF_ENDPOINT", "https://hub.invalid:8443")
    monkeypatch.setattr(socket, "create_connection", fake)
    runtime._reachable.cache_clear()
    try:
        assert runtime.is_offline() and runtime.is_offline()
    finally:
        runtime._reachable.cache_clear()
    assert calls == [(("hub.invalid", 8443), 1.0)]


def test_transformers_module_offline_sets_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from huggingface_hub import constants

    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "0")
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    tf = runtime.transformers_module(offline=True)
    assert tf.__name__ == "transformers"
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"
    assert constants.HF_HUB_OFFLINE is True


@pytest.mark.parametrize(("cuda", "mps", "asked", "expected"), [
    (False, False, "auto", "cpu"), (True, False, "auto", "cuda"), (False, True, "auto", "mps"),
    (True, True, "auto", "cuda"), (False, False, "cpu", "cpu"), (True, False, "cuda", "cuda"),
    (True, False, "cuda:1", "cuda:1"), (False, False, "cuda", None), (False, False, "mps", None),
    (True, True, "tpu", None),
])
def test_pick_device(cuda: bool, mps: bool, asked: str, expected: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: mps)
    if expected is None:
        with pytest.raises(AlignError, match=re.escape(repr(asked))):
            runtime.pick_device(asked)
    else:
        assert runtime.pick_device(asked) == expected


# --- specs, verify, list ------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "kind", "pooling", "prefix"), [
    ("sentence-transformers/LaBSE", "encoder", "pooler", ""),
    ("sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2", "encoder", "mean", ""),
    ("intfloat/multilingual-e5-small", "encoder", "mean", "query: "),
    ("intfloat/multilingual-e5-base", "encoder", "mean", "query: "),
    ("intfloat/multilingual-e5-large", "encoder", "mean", "query: "),
    ("Helsinki-NLP/opus-mt-tr-en", "seq2seq", None, ""),
    ("Helsinki-NLP/opus-mt-en-tr", "seq2seq", None, ""),
    ("facebook/nllb-200-distilled-600M", "seq2seq", None, ""),
    ("facebook/m2m100_418M", "seq2seq", None, ""),
])
def test_known_models(name: str, kind: str, pooling: str | None, prefix: str) -> None:
    spec = models.KNOWN_MODELS[name]
    assert (spec.kind, spec.pooling, spec.prefix) == (kind, pooling, prefix)


def test_language_codes() -> None:
    assert models.KNOWN_MODELS["facebook/nllb-200-distilled-600M"].code("tr") == "tur_Latn"
    assert models.KNOWN_MODELS["facebook/m2m100_418M"].code("en") == "en"
    assert models.KNOWN_MODELS["Helsinki-NLP/opus-mt-tr-en"].direction == "tr-en"


def test_spec_inferred_for_unknown_directories(tiny_dirs: dict[str, Path]) -> None:
    assert models.spec_for(str(tiny_dirs["enc"])) == models.ModelSpec("encoder", "mean", max_length=64)
    assert models.spec_for(models.resolve(str(tiny_dirs["s2s"]))).kind == "seq2seq"


def test_verify_encoder_and_seq2seq(tiny_dirs: dict[str, Path]) -> None:
    enc = models.verify(str(tiny_dirs["enc"]))
    assert (enc.kind, enc.device, enc.path) == ("encoder", "cpu", tiny_dirs["enc"].resolve())
    assert enc.output.startswith("dim=16 norm=1.000 ") and enc.n_params > 0
    s2s = models.verify(str(tiny_dirs["s2s"]))
    assert s2s.kind == "seq2seq" and isinstance(s2s.output, str) and s2s.run_s >= 0


def test_verify_broken_directory_names_model(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "bert"}), encoding="utf-8")
    with pytest.raises(ModelNotAvailable, match=re.escape(f"model {tmp_path} from {tmp_path}")):
        models.verify(str(tmp_path))


def test_list_models_reports_local_availability(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    snap = _fake_hub(tmp_path, "facebook/m2m100_418M")
    rows = models.list_models()
    assert [r.name for r in rows] == list(models.KNOWN_MODELS)
    assert {r.name: (r.available, r.path) for r in rows if r.available} == {"facebook/m2m100_418M": (True, snap)}


# --- pooling ----------------------------------------------------------------------------------------

def test_pool_mean_cls_pooler_and_st_dense(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from safetensors.torch import save_file

    g = torch.Generator().manual_seed(1)
    hidden = torch.randn(2, 4, 3, generator=g)
    mask = torch.tensor([[1, 1, 0, 0], [1, 1, 1, 1]])
    out = SimpleNamespace(last_hidden_state=hidden, pooler_output=torch.randn(2, 3, generator=g))
    unit = torch.nn.functional.normalize

    assert torch.allclose(pooling.pool(out, mask, "mean")[0], unit(hidden[0, :2].mean(0), dim=0), atol=1e-6)
    assert torch.allclose(pooling.pool(out, mask, "cls"), unit(hidden[:, 0], dim=-1), atol=1e-6)
    assert torch.allclose(pooling.pool(out, mask, "pooler"), unit(out.pooler_output, dim=-1), atol=1e-6)

    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    dense_dir = tmp_path / "2_Dense"
    dense_dir.mkdir()
    w, b = torch.randn(3, 3, generator=g), torch.randn(3, generator=g)
    save_file({"linear.weight": w, "linear.bias": b}, str(dense_dir / "model.safetensors"))
    (dense_dir / "config.json").write_text(json.dumps(
        {"in_features": 3, "out_features": 3, "bias": True,
         "activation_function": "torch.nn.modules.activation.Tanh"}), encoding="utf-8")
    dense = pooling.st_dense(models.resolve(str(tmp_path)))
    assert [d.activation for d in dense] == ["tanh"]
    got = pooling.pool(out, mask, "pooler", dense)
    assert torch.allclose(got, unit(torch.tanh(hidden[:, 0] @ w.T + b), dim=-1), atol=1e-6)
    with pytest.raises(AlignError, match="unknown pooling"):
        pooling.pool(out, mask, "max")
