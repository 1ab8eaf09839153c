"""Sentence embeddings from a local transformers encoder: pooled, L2-normalised, cached.

``Encoder(model).embed(texts)`` returns a ``(len(texts), dim)`` float32 array of unit
vectors, row i for ``texts[i]``. Texts already embedded (in this process, or on disk
through :class:`align.neural.cache.EmbeddingCache`) are not run through the model again,
so re-aligning after an edit embeds only the changed texts.

Pooling (an explicit choice, else the ``align.neural.models.KNOWN_MODELS`` entry, else a
sentence-transformers ``1_Pooling/config.json`` beside the weights, else "mean"), applied
by ``align.neural.pooling.pool``:

* ``pooler``: the BERT pooler ``tanh(W h_CLS + b)`` (LaBSE), or CLS + the directory's
  sentence-transformers ``2_Dense`` layer when it has one, then L2 norm;
* ``mean``: attention-masked mean of ``last_hidden_state``, then L2 norm (e5, MiniLM);
* ``cls``: ``last_hidden_state[:, 0]``, then L2 norm.

A ``prefix`` ("query: " for e5) is put before every text before tokenisation. torch and
transformers are imported on first use, never at import time; the model is loaded only
when some text is not cached. Inference: batches sorted by length (less padding, order
restored), ``torch.inference_mode()``, fp16 on CUDA unless ``half=False``.
"""
from __future__ import annotations

import functools
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from align.errors import AlignError

if TYPE_CHECKING:
    from align.neural.models import ModelRef

log = logging.getLogger("align")

POOLINGS = ("pooler", "mean", "cls")
MAX_TOKENS = 512  # BERT-family position limit (LaBSE, e5, MiniLM)


def _st_pooling(path: Path) -> str | None:
    """Pooling declared by a sentence-transformers export (``1_Pooling/config.json``)."""
    try:
        data = json.loads((path / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("pooling_mode_mean_tokens"):
        return "mean"
    if data.get("pooling_mode_cls_token"):
        return "cls"
    return None


@functools.lru_cache(maxsize=2)
def _load(ref: ModelRef, device: str, half: bool) -> tuple[Any, Any, list[Any]]:
    """(tokenizer, model in eval mode on ``device``, sentence-transformers Dense layers)."""
    from align.neural.models import load_model, load_tokenizer
    from align.neural.pooling import st_dense

    tok = load_tokenizer(ref)
    model = load_model(ref, "encoder", device)
    if half:
        model.half()
    return tok, model, st_dense(ref)


def overlaps(texts: Sequence[str], k: int) -> list[str]:
    """Texts of every run of ``k`` consecutive sentences, joined by a space; ``len - k + 1``
    items, item i = sentences i .. i+k-1 (0-based)."""
    return [" ".join(texts[i:i + k]) for i in range(len(texts) - k + 1)]


class CachedEncoder:
    """Texts to unit vectors, each distinct text computed once: memo, then the disk cache
    (:class:`align.neural.cache.EmbeddingCache` keyed by ``key``), then ``_compute``.

    Subclasses set ``key`` (everything that changes the vectors), ``name`` and ``computed``
    and implement ``_compute(texts) -> (len(texts), dim) float32``; ``describe()`` gives the
    signature entries of the backend.
    """

    key: str
    computed: int = 0  # texts this encoder ran through the model

    def _init_cache(self, cache_dir: str | Path | None) -> None:
        from align.neural.cache import EmbeddingCache

        self._disk = EmbeddingCache(self.key, Path(cache_dir) if cache_dir else None)
        self._memo: dict[str, np.ndarray] = {}
        self.computed = 0

    @property
    def name(self) -> str:
        raise NotImplementedError

    def describe(self) -> dict[str, object]:
        """Signature entries: what produced the vectors."""
        return {}

    def _compute(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def embed_runs(self, sides: Sequence[Sequence[str]], ks: Sequence[int]
                   ) -> list[dict[int, np.ndarray]]:
        """Per side, ``{k: (len - k + 1, dim) unit vectors}`` of every run of ``k``
        consecutive sentences, their texts joined by a space (Vecalign's overlaps). One
        :meth:`embed` call for everything; encoders that can build runs from their
        sentences' parts override this."""
        jobs = [(side, k) for side in range(len(sides)) for k in ks]
        texts = [overlaps(sides[side], k) for side, k in jobs]
        flat = self.embed([t for ts in texts for t in ts])
        out: list[dict[int, np.ndarray]] = [{} for _ in sides]
        pos = 0
        for (side, k), ts in zip(jobs, texts):
            out[side][k] = np.ascontiguousarray(flat[pos:pos + len(ts)], np.float32)
            pos += len(ts)
        return out

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32 unit vectors, row i for ``texts[i]`` (zero rows stay zero)."""
        texts = list(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in self._memo))
        if missing:
            hits = self._disk.get_many(missing)
            for i, vec in hits.items():
                self._memo[missing[i]] = np.asarray(vec, np.float32)
            todo = [t for i, t in enumerate(missing) if i not in hits]
            if todo:
                vecs = self._compute(todo)
                self._disk.put_many(todo, vecs)
                self._memo.update(zip(todo, vecs))
        if not texts:
            return np.zeros((0, 0), np.float32)
        return np.stack([self._memo[t] for t in texts])


class Encoder(CachedEncoder):
    """A pooled sentence encoder over a local model (see the module docstring).

    Resolving the model (``align.neural.models.resolve``) happens here, so an unknown id
    raises :class:`align.errors.ModelNotAvailable` at once; loading waits for a cache miss.
    """

    def __init__(
        self, model: str, pooling: str | None = None, prefix: str | None = None,
        batch_size: int = 32, device: str = "auto", half: bool | None = None,
        cache_dir: str | Path | None = None,
    ) -> None:
        from align.neural.models import KNOWN_MODELS, resolve, spec_for

        self.ref = resolve(model)
        spec = spec_for(self.ref)
        guessed = None if self.ref.name in KNOWN_MODELS else _st_pooling(self.ref.path)
        self.pooling = pooling or guessed or spec.pooling or "mean"
        if self.pooling not in POOLINGS:
            raise AlignError(f"unknown pooling {self.pooling!r} for model {model} "
                             f"(known: {', '.join(POOLINGS)})")
        self.prefix = spec.prefix if prefix is None else prefix
        self.max_length = min(int(spec.max_length or MAX_TOKENS), MAX_TOKENS)
        if batch_size < 1:
            raise AlignError(f"batch_size must be >= 1 (got {batch_size})")
        self.batch_size = batch_size
        self.device_name = device
        self.half = half
        # Everything that changes the vectors; fp16 and fp32 differ by ~1e-3 in cosine and
        # share a key. ``ref.key`` holds the snapshot commit or a hash of the weight files.
        self.key = (f"{self.ref.key}|pool={self.pooling}|prefix={self.prefix!r}"
                    f"|max={self.max_length}")
        self._init_cache(cache_dir)

    @property
    def name(self) -> str:
        return str(self.ref.name)

    def describe(self) -> dict[str, object]:
        return {"backend": "transformers", "pooling": self.pooling, "prefix": self.prefix}

    def _compute(self, texts: list[str]) -> np.ndarray:
        """Run the model over ``texts`` in length-sorted batches; rows in input order."""
        from align.neural.pooling import pool
        from align.neural.runtime import pick_device, torch_module

        torch = torch_module()
        device = pick_device(self.device_name)
        half = self.half if self.half is not None else device.startswith("cuda")
        tok, model, dense = _load(self.ref, device, bool(half))
        limit = min(self.max_length, int(getattr(model.config, "max_position_embeddings", MAX_TOKENS)))
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.empty((len(texts), 0), np.float32)
        log.info("embedding %d texts with %s on %s", len(texts), self.name, device)
        with torch.inference_mode():
            for b in range(0, len(order), self.batch_size):
                idx = order[b:b + self.batch_size]
                enc = tok([self.prefix + texts[i] for i in idx], padding=True, truncation=True,
                          max_length=limit, return_tensors="pt").to(device)
                vecs = pool(model(**enc), enc["attention_mask"], self.pooling, dense)
                vecs = vecs.float().cpu().numpy()
                if out.shape[1] == 0:
                    out = np.zeros((len(texts), vecs.shape[1]), np.float32)
                out[idx] = vecs
        self.computed += len(texts)
        return out


__all__ = ["POOLINGS", "CachedEncoder", "Encoder", "overlaps"]
