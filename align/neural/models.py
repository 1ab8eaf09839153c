"""Known models, offline resolution to a local directory, download, verify, list.

Resolution never touches the network: a local directory (holding ``config.json``) wins;
otherwise the Hugging Face cache (``HF_HUB_CACHE``, else ``$HF_HOME/hub``, else
``$XDG_CACHE_HOME/huggingface/hub``, else ``~/.cache/huggingface/hub``) is searched with
``huggingface_hub.try_to_load_from_cache`` and, failing the ``main`` ref, any snapshot
holding a ``config.json``; a snapshot without weight files (an interrupted download) does
not count. Every load passes ``local_files_only=True``.

Pooling (``ModelSpec.pooling``), applied to the encoder's output and then L2-normalised:

* ``"pooler"``: ``tanh(W · h_CLS + b)``. For LaBSE this is the original model's
  sentence embedding (the BERT pooler). The sentence-transformers packaging of LaBSE stores
  the same computation as ``1_Pooling`` (CLS) + ``2_Dense`` (768->768, tanh) +
  ``3_Normalize``; when a model directory has a ``2_Dense`` folder, :func:`align.neural.pooling.st_dense` reads
  it and the scorer applies it to ``h_CLS`` instead of the BERT pooler (whose weights that
  packaging need not carry), so both packagings give the published LaBSE vectors.
* ``"mean"``: mean of the last hidden states over non-padding tokens.
* ``"cls"``: ``h_CLS`` itself.
"""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from align.errors import ModelNotAvailable
from align.neural import runtime

Kind = Literal["encoder", "seq2seq"]
Pooling = Literal["pooler", "mean", "cls"]


@dataclass(frozen=True)
class ModelSpec:
    """How to use a model: ``kind``, ``pooling`` (encoders), text ``prefix`` (e5: "query: "),
    ``max_length`` in tokens, and ``lang_codes`` (ISO 639-1 -> the model's language code,
    for many-to-many translation models; empty for fixed-direction ones), ``direction``
    ("tr-en") for fixed-direction translation models."""

    kind: Kind
    pooling: Pooling | None = None
    prefix: str = ""
    max_length: int = 512
    lang_codes: tuple[tuple[str, str], ...] = ()
    direction: str | None = None
    note: str = ""

    def code(self, lang: str) -> str:
        """The model's code for ISO language ``lang`` ("tr" -> "tur_Latn" for NLLB)."""
        return dict(self.lang_codes).get(lang, lang)


_E5 = ModelSpec("encoder", "mean", "query: ", 512, note="e5: prefix every text with 'query: '")
KNOWN_MODELS: dict[str, ModelSpec] = {
    "sentence-transformers/LaBSE": ModelSpec(
        "encoder", "pooler", "", 256, note="CLS + dense/tanh (BERT pooler or 2_Dense) + L2"
    ),
    "sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2": ModelSpec(
        "encoder", "mean", "", 128
    ),
    "intfloat/multilingual-e5-small": _E5,
    "intfloat/multilingual-e5-base": _E5,
    "intfloat/multilingual-e5-large": _E5,
    "Helsinki-NLP/opus-mt-tr-en": ModelSpec("seq2seq", max_length=512, direction="tr-en"),
    "Helsinki-NLP/opus-mt-en-tr": ModelSpec("seq2seq", max_length=512, direction="en-tr"),
    "facebook/nllb-200-distilled-600M": ModelSpec(
        "seq2seq", max_length=512, lang_codes=(("tr", "tur_Latn"), ("en", "eng_Latn"))
    ),
    "facebook/m2m100_418M": ModelSpec(
        "seq2seq", max_length=512, lang_codes=(("tr", "tr"), ("en", "en"))
    ),
}
"""Model id -> how we use it. Any other id or directory also works (see :func:`spec_for`)."""


@dataclass(frozen=True)
class ModelRef:
    """A model found locally: ``name`` as given, ``path`` of the directory holding
    ``config.json``, ``source`` "dir" (a path given) or "cache" (Hugging Face cache),
    ``revision`` (cache: the snapshot commit; dir: a hash of config and weight files)."""

    name: str
    path: Path
    source: Literal["dir", "cache"]
    revision: str = ""

    @property
    def key(self) -> str:
        """Cache key for derived data (embeddings, translations): ``name@revision``."""
        return f"{self.name}@{self.revision}"


def hub_cache_dir() -> Path:
    """The Hugging Face hub cache directory, from the environment at call time."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg).expanduser() / "huggingface" / "hub"


def resolve(name_or_path: str) -> ModelRef:
    """Find a model locally, without network; raise :class:`ModelNotAvailable` if absent."""
    given = Path(name_or_path).expanduser()
    if (given / "config.json").is_file():
        return ModelRef(name_or_path, given.resolve(), "dir", _dir_revision(given))
    cache = hub_cache_dir()
    if name_or_path and not given.is_absolute() and not name_or_path.startswith((".", "~")):
        found = _from_cache(name_or_path, cache)
        if found is not None:
            return ModelRef(name_or_path, found, "cache", found.name)
    where = f"looked in {cache} and for a directory {given} with config.json"
    raise ModelNotAvailable(
        f"model {name_or_path} is not in the local cache ({where}); run `align models download "
        f"{name_or_path}` where the internet is reachable, or pass a local directory"
    )


def _from_cache(repo_id: str, cache: Path) -> Path | None:
    if not (cache / ("models--" + repo_id.replace("/", "--"))).is_dir():
        return None  # the common case answers without importing huggingface_hub
    from huggingface_hub import try_to_load_from_cache

    try:
        hit = try_to_load_from_cache(repo_id, "config.json", cache_dir=cache)
    except ValueError:  # not a valid repo id
        return None
    if isinstance(hit, str) and _has_weights(Path(hit).parent):
        return Path(hit).parent
    snapshots = cache / ("models--" + repo_id.replace("/", "--")) / "snapshots"
    candidates = [p.parent for p in snapshots.glob("*/config.json") if _has_weights(p.parent)]
    return max(candidates, key=lambda p: p.stat().st_mtime) if candidates else None


def _has_weights(snapshot: Path) -> bool:
    """A snapshot with a config but no weights is an interrupted download: not available."""
    return any(snapshot.glob("*.safetensors")) or any(snapshot.glob("*.bin")) or any(snapshot.glob("*.index.json"))


def _dir_revision(path: Path) -> str:
    h = hashlib.sha1((path / "config.json").read_bytes())
    for f in sorted(path.iterdir()):
        if f.suffix in (".safetensors", ".bin") and f.is_file():
            st = f.stat()
            h.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return "dir-" + h.hexdigest()[:12]


def spec_for(ref: ModelRef | str) -> ModelSpec:
    """The :data:`KNOWN_MODELS` entry, else one inferred from ``config.json``
    (``is_encoder_decoder`` -> seq2seq; otherwise an encoder with mean pooling)."""
    name = ref.name if isinstance(ref, ModelRef) else ref
    if name in KNOWN_MODELS:
        return KNOWN_MODELS[name]
    if not isinstance(ref, ModelRef):
        ref = resolve(ref)
    import json

    config = json.loads((ref.path / "config.json").read_text(encoding="utf-8"))
    if config.get("is_encoder_decoder"):
        return ModelSpec("seq2seq")
    return ModelSpec("encoder", "mean", max_length=int(config.get("max_position_embeddings", 512)))


def load_tokenizer(ref: ModelRef) -> Any:
    """``AutoTokenizer`` from ``ref.path``, local files only."""
    tf = runtime.transformers_module()
    return _load(ref, "tokenizer", lambda: tf.AutoTokenizer.from_pretrained(ref.path, local_files_only=True))


def load_model(ref: ModelRef, kind: Kind, device: str = "cpu") -> Any:
    """``AutoModel`` (encoder) or ``AutoModelForSeq2SeqLM`` in eval mode on ``device``."""
    tf = runtime.transformers_module()
    cls = tf.AutoModelForSeq2SeqLM if kind == "seq2seq" else tf.AutoModel
    model = _load(ref, "model", lambda: cls.from_pretrained(ref.path, local_files_only=True))
    return model.to(device).eval()


def _load(ref: ModelRef, what: str, fn: Any) -> Any:
    try:
        return fn()
    except (OSError, ValueError, KeyError) as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ModelNotAvailable(f"cannot load the {what} of model {ref.name} from {ref.path}: {first}") from e


_SKIP = ["*.h5", "*.msgpack", "*.onnx", "*.ot", "*.tflite", "tf_model*", "flax_model*",
         "onnx/*", "openvino/*", "*.gguf"]


def download(name: str) -> ModelRef:
    """Fetch ``name`` into the Hugging Face cache (the only function here that uses the
    network) and return its :class:`ModelRef`. Fails fast, naming the model, when offline
    is set (``ALIGN_OFFLINE``/``HF_HUB_OFFLINE``) or the hub is unreachable within 1 s."""
    if runtime.env_true("ALIGN_OFFLINE") or runtime.env_true("HF_HUB_OFFLINE"):
        raise ModelNotAvailable(f"cannot download model {name}: offline mode is set (ALIGN_OFFLINE/HF_HUB_OFFLINE)")
    host, port = runtime.hub_endpoint()
    if not runtime._reachable(host, port, runtime.CHECK_TIMEOUT_S):
        raise ModelNotAvailable(f"cannot download model {name}: {host}:{port} is not reachable from here")
    try:
        from huggingface_hub import model_info, snapshot_download

        # model_info is one request without retries (list_repo_files backs off for ~20 s)
        files = [s.rfilename for s in (model_info(name).siblings or [])]
        skip = _SKIP + (["*.bin", "*.pt"] if any(f.endswith(".safetensors") for f in files) else [])
        snapshot_download(name, ignore_patterns=skip, cache_dir=hub_cache_dir())
    except Exception as e:  # network, auth, missing repo: one line naming the model
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise ModelNotAvailable(f"cannot download model {name}: {first}") from e
    return resolve(name)


@dataclass(frozen=True)
class VerifyReport:
    """Result of :func:`verify`: what loaded, where, and what one forward pass gave
    (``output``: "dim=768 norm=1.000" for encoders, the translation for seq2seq)."""

    name: str
    path: Path
    kind: Kind
    device: str
    n_params: int
    load_s: float
    run_s: float
    output: str


VERIFY_TEXT = "Merhaba dünya."


def verify(name: str, device: str = "cpu") -> VerifyReport:
    """Load tokenizer and model (local files only) and run one pass on "Merhaba dünya."."""
    ref = resolve(name)
    spec = spec_for(ref)
    dev = runtime.pick_device(device)
    torch = runtime.torch_module()
    t0 = time.perf_counter()
    tok, model = load_tokenizer(ref), load_model(ref, spec.kind, dev)
    t1 = time.perf_counter()
    batch = tok([spec.prefix + VERIFY_TEXT], return_tensors="pt").to(dev)
    with torch.no_grad():
        if spec.kind == "seq2seq":
            ids = model.generate(**batch, max_new_tokens=32, num_beams=1)
            output = tok.batch_decode(ids, skip_special_tokens=True)[0]
        else:
            out = model(**batch)
            from align.neural.pooling import pool, st_dense

            vec = pool(out, batch["attention_mask"], spec.pooling or "mean", st_dense(ref))[0]
            output = f"dim={vec.shape[0]} norm={float(vec.norm()):.3f} tokens={batch['input_ids'].shape[1]}"
    n_params = sum(p.numel() for p in model.parameters())
    return VerifyReport(name, ref.path, spec.kind, dev, n_params, t1 - t0, time.perf_counter() - t1, output)


@dataclass(frozen=True)
class ModelStatus:
    """One row of :func:`list_models`: a known model and whether it is available locally."""

    name: str
    spec: ModelSpec
    available: bool
    path: Path | None = field(default=None)


def list_models() -> list[ModelStatus]:
    """Every :data:`KNOWN_MODELS` entry, in order, with local availability (no network)."""
    rows = []
    for name, spec in KNOWN_MODELS.items():
        try:
            ref: ModelRef | None = resolve(name)
        except ModelNotAvailable:
            ref = None
        rows.append(ModelStatus(name, spec, ref is not None, ref.path if ref else None))
    return rows


__all__ = [
    "KNOWN_MODELS", "ModelRef", "ModelSpec", "ModelStatus", "VerifyReport",
    "download", "hub_cache_dir", "list_models", "load_model", "load_tokenizer", "resolve",
    "spec_for", "verify",
]
