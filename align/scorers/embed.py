"""``embed``: similarity of multilingual sentence embeddings (bundled USE-m3 by default).

Overlaps (Vecalign, Thompson & Koehn 2019, ``overlap.py``): on each side every run of
k = 1..``max_overlap`` consecutive sentences, their texts joined by a space, is embedded
once (``CachedEncoder.embed_runs``: unit vectors, cached; USE-m3 builds runs from its
sentences' parts, see ``align.neural.bundled``). The cosine of bead
``src[s:s+a] <-> tgt[t:t+b]`` is the dot product of the two overlap vectors; longer runs
(larger beads than ``max_overlap``) are the normalised sum of their sentences' vectors.

Margin (``margin=True``): the *ratio margin* of Artetxe & Schwenk (2019), "Margin-based
Parallel Corpus Mining with Multilingual Sentence Embeddings" (ACL), eq. 3 with k = 4::

    margin(x, y) = cos(x, y) / ((r(x) + r(y)) / 2),
    r(x) = mean cosine of x to its k nearest sentences on the other side,

with ``r`` computed from the 1:1 sentence similarities (k = min(4, sentences on the other
side); the ``r`` of a run of sentences is the mean of its sentences' ``r``). Margin 1 means
"as similar as these sentences' typical best matches"; Artetxe & Schwenk's mining
thresholds sit near 1.0-1.1. The margin decides *whether* x and y stand out from their
neighbourhoods, the cosine *how much* of them matches, so the similarity is the cosine
gated by a logistic of the margin::

    sim = clip(cos, 0, 1) * sigmoid(SLOPE * (margin - 1)),   SLOPE = 8

(gate: margin 1.4 -> 0.96, 1.2 -> 0.83, 1.0 -> 0.5, 0.8 -> 0.17). Unrelated sentences,
and same-story sentences that are not translations, get a margin under 1 and land low;
translations keep their cosine. A bead that adds an unrelated sentence to a translation
keeps a high margin but its cosine drops, so the aligner's ``(a + b) * (1 - sim)`` cost
still sees the extra sentence (a saturating squash of the margin alone would not).
Bertalign instead subtracts the mean similarity to the two adjacent sentences; the k-NN
neighbourhood also suits summaries, whose neighbours are not the source's neighbours.
With ``margin=False`` the similarity is the cosine clipped to [0, 1].
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

from align.neural.encoder import overlaps
from align.scorers.base import PreparedPair, Scorer
from align.types import Document

K_NEIGHBOURS = 4  # Artetxe & Schwenk (2019) use k = 4
SLOPE = 8.0  # logistic slope of the margin gate (see the module docstring)
R_FLOOR = 0.05  # neighbourhood floor: a sentence similar to nothing does not blow up ratios
ANCHOR_MIN = 0.5  # sim of a mutual best 1:1 pair proposed as a band anchor
CHUNK = 64  # source starts per cached block of cosines
CACHED_BLOCKS = 64
ROWS_PER_MATMUL = 1024  # rows per chunk when the 1:1 neighbourhoods are computed
GLOBAL_NEIGHBOURS = 4_000_000
"""Sentence pairs (n x m) up to which r is computed over the whole other side; beyond, over
the alignment band (Vecalign and Bertalign likewise search near the path): the whole side
would cost n x m cosines, minutes at 50,000 sentences a side."""


def _summed(v1: np.ndarray, k: int) -> np.ndarray:
    """Unit vectors of the sums of ``k`` consecutive rows of ``v1`` (``len - k + 1`` rows)."""
    if len(v1) < k:
        return np.zeros((0, v1.shape[1]), np.float32)
    cum = np.concatenate([np.zeros((1, v1.shape[1]), np.float64), np.cumsum(v1, 0, np.float64)])
    out = cum[k:] - cum[:-k]
    norm = np.linalg.norm(out, axis=1, keepdims=True)
    unit: np.ndarray = (out / np.maximum(norm, 1e-12)).astype(np.float32)
    return unit


def _top_mean(sims: np.ndarray, k: int, axis: int) -> np.ndarray:
    """Mean of the ``k`` largest finite values along ``axis`` (fewer where fewer are finite;
    0 where none is)."""
    top = np.sort(sims, axis=axis)
    top = top[:, -k:] if axis == 1 else top[-k:]
    finite = np.isfinite(top)
    total = np.where(finite, top, 0.0).sum(axis=axis)
    return np.asarray(total / np.maximum(finite.sum(axis=axis), 1), float)


def _gate(margin: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-SLOPE * (np.asarray(margin, float) - 1.0)))


def _neighbourhood(a: np.ndarray, b: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each row x of ``a``: mean of its top-``k`` cosines with rows of ``b``, the index of
    its best row and that cosine. Shapes (len(a),); computed in row chunks."""
    n = len(a)
    r, best, top = np.zeros(n), np.zeros(n, np.int64), np.zeros(n)
    if n == 0 or len(b) == 0:
        return r, best, top
    k = min(k, len(b))
    for i in range(0, n, ROWS_PER_MATMUL):
        sims = a[i:i + ROWS_PER_MATMUL] @ b.T
        r[i:i + len(sims)] = np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:].mean(1)
        best[i:i + len(sims)] = sims.argmax(1)
        top[i:i + len(sims)] = sims.max(1)
    return r, best, top


class EmbedPair(PreparedPair):
    """Overlap vectors of one document pair; similarities per the module docstring."""

    def __init__(self, encoder: Any, src: Sequence[str], tgt: Sequence[str], max_overlap: int,
                 margin: bool, model: str = "") -> None:
        self.encoder = encoder
        self.evidence = f"embedding/{model or encoder.name}"
        self.texts = (list(src), list(tgt))
        self.n_src, self.n_tgt = len(src), len(tgt)
        self.margin = margin
        self.vecs: tuple[dict[int, np.ndarray], dict[int, np.ndarray]] = ({}, {})
        self.dim = 1
        self.max_overlap = max_overlap
        self._embed_overlaps(range(1, max_overlap + 1))
        n, m = self.n_src, self.n_tgt
        self.lo = np.zeros(n, np.int64)
        self.hi = np.full(n, m, np.int64)
        self._blocks: OrderedDict[tuple[int, int, int], tuple[int, int, np.ndarray]] = OrderedDict()
        self._r: tuple[np.ndarray, np.ndarray] | None = None
        self._cum_r: tuple[np.ndarray, np.ndarray] | None = None
        self._best: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        if n * m <= GLOBAL_NEIGHBOURS:
            self._whole_neighbourhoods()

    # -- neighbourhoods (the margin's r) -------------------------------------------------
    def _whole_neighbourhoods(self) -> None:
        """r over the whole other side, and each sentence's best 1:1 match (anchors)."""
        r_src, best_t, top_t = _neighbourhood(self._v(0, 1), self._v(1, 1), K_NEIGHBOURS)
        r_tgt, best_s, _ = _neighbourhood(self._v(1, 1), self._v(0, 1), K_NEIGHBOURS)
        self._set_r(r_src, r_tgt)
        self._best = (best_t, top_t, best_s)

    def _window_neighbourhoods(self) -> None:
        """r over each source sentence's window of target sentences (``restrict``), and for
        each target sentence over the source sentences whose windows hold it: O(band)."""
        v0, v1 = self._v(0, 1), self._v(1, 1)
        n, m, k = self.n_src, self.n_tgt, K_NEIGHBOURS
        r_src = np.zeros(n)
        top_tgt = np.full((k, m), -np.inf)
        for r0 in range(0, n, ROWS_PER_MATMUL):
            r1 = min(n, r0 + ROWS_PER_MATMUL)
            lo, hi = int(self.lo[r0:r1].min()), int(self.hi[r0:r1].max())
            if hi <= lo:
                continue
            sims = (v0[r0:r1] @ v1[lo:hi].T).astype(float)
            cols = np.arange(lo, hi)
            sims[(cols < self.lo[r0:r1, None]) | (cols >= self.hi[r0:r1, None])] = -np.inf
            r_src[r0:r1] = _top_mean(sims, k, axis=1)
            both = np.concatenate([top_tgt[:, lo:hi], sims], axis=0)
            top_tgt[:, lo:hi] = np.sort(both, axis=0)[-k:]
        self._set_r(r_src, _top_mean(top_tgt, k, axis=0))

    def _set_r(self, r_src: np.ndarray, r_tgt: np.ndarray) -> None:
        self._r = (r_src, r_tgt)
        self._cum_r = (np.concatenate([[0.0], np.cumsum(r_src)]),
                       np.concatenate([[0.0], np.cumsum(r_tgt)]))

    @property
    def r(self) -> tuple[np.ndarray, np.ndarray]:
        """Per sentence of each side: mean cosine of its K_NEIGHBOURS nearest sentences on
        the other side: all of it when ``n * m <= GLOBAL_NEIGHBOURS``, else within the
        alignment band's windows (the whole side again if no band was set)."""
        if self._r is None:
            self._whole_neighbourhoods()
        assert self._r is not None
        return self._r

    @property
    def cum_r(self) -> tuple[np.ndarray, np.ndarray]:
        """Cumulative sums of ``r`` (a run's r is its sentences' mean)."""
        if self._cum_r is None:
            self._whole_neighbourhoods()
        assert self._cum_r is not None
        return self._cum_r

    # -- vectors -----------------------------------------------------------------------
    def _embed_overlaps(self, ks: Sequence[int]) -> None:
        """Embed every overlap of the given lengths on both sides (one encoder call)."""
        todo = [k for k in ks if k not in self.vecs[0] or k not in self.vecs[1]]
        if not todo:
            return
        for side, runs in enumerate(self.encoder.embed_runs(self.texts, todo)):
            for k, v in runs.items():
                self.vecs[side][k] = v
                if v.ndim == 2 and v.shape[1]:
                    self.dim = v.shape[1]

    def _v(self, side: int, k: int) -> np.ndarray:
        """(len_side - k + 1, dim) unit vectors of the side's k-sentence overlaps: embedded
        up to ``max_overlap``, longer runs as the normalised sum of their sentences' vectors."""
        if k not in self.vecs[side]:
            if k <= self.max_overlap:
                self._embed_overlaps([k])
            else:
                self.vecs[side][k] = _summed(self._v(side, 1), k)
        v = self.vecs[side][k]
        return v if v.shape[1] else np.zeros((len(v), self.dim), np.float32)

    # -- cosines -----------------------------------------------------------------------
    def restrict(self, lo: np.ndarray, hi: np.ndarray) -> None:
        self.lo = np.clip(np.asarray(lo, np.int64), 0, self.n_tgt)
        self.hi = np.clip(np.asarray(hi, np.int64), self.lo, self.n_tgt)
        self._blocks.clear()
        if self.n_src * self.n_tgt > GLOBAL_NEIGHBOURS and self._best is None:
            self._window_neighbourhoods()

    def _block(self, a: int, b: int, c: int) -> tuple[int, int, np.ndarray]:
        """Cosines of source starts [c*CHUNK, ...) (length a) with target starts [lo, hi)
        (length b), the columns being the band windows of those source sentences."""
        got = self._blocks.get((a, b, c))
        if got is not None:
            self._blocks.move_to_end((a, b, c))
            return got
        vs, vt = self._v(0, a), self._v(1, b)
        r0, r1 = c * CHUNK, min(len(vs), (c + 1) * CHUNK)
        lo = int(self.lo[r0:r1 + a - 1].min())
        hi = min(int(self.hi[r0:r1 + a - 1].max()), len(vt))
        hi = max(hi, lo)
        got = (lo, hi, vs[r0:r1] @ vt[lo:hi].T)
        self._blocks[(a, b, c)] = got
        if len(self._blocks) > CACHED_BLOCKS:
            self._blocks.popitem(last=False)
        return got

    def cosines(self, s: np.ndarray, a: int, t: np.ndarray, b: int) -> np.ndarray:
        """Raw cosines of beads (s, a) <-> (t, b), float64 (k,); starts 0-based."""
        out = np.empty(s.size)
        for c in np.unique(s // CHUNK):
            sel = np.flatnonzero(s // CHUNK == c)
            lo, hi, blk = self._block(a, b, int(c))
            ts = t[sel]
            inside = (ts >= lo) & (ts < hi)
            out[sel[inside]] = blk[s[sel[inside]] - c * CHUNK, ts[inside] - lo]
            far = sel[~inside]  # outside the band (null-bead alternatives): direct dot products
            if far.size:
                out[far] = np.einsum("kd,kd->k", self._v(0, a)[s[far]], self._v(1, b)[t[far]])
        return out

    def _to_sim(self, cos: np.ndarray, r_src: np.ndarray, r_tgt: np.ndarray) -> np.ndarray:
        sim: np.ndarray = np.clip(cos, 0.0, 1.0)
        if not self.margin:
            return sim
        gated: np.ndarray = sim * _gate(cos / np.maximum((r_src + r_tgt) / 2.0, R_FLOOR))
        return gated

    # -- the PreparedPair contract ----------------------------------------------------
    def score_blocks(
        self, src_start: np.ndarray, src_len: int, tgt_start: np.ndarray, tgt_len: int
    ) -> np.ndarray:
        s = np.asarray(src_start, np.int64)
        t = np.asarray(tgt_start, np.int64)
        if s.size == 0:
            return np.zeros(0)
        a, b = src_len, tgt_len
        cs, ct = self.cum_r
        return self._to_sim(self.cosines(s, a, t, b), (cs[s + a] - cs[s]) / a,
                            (ct[t + b] - ct[t]) / b)

    def score_sets(self, src_ids: Sequence[int], tgt_ids: Sequence[int]) -> float:
        """Embeds the joined texts of the two sets (in document order; cached)."""
        si, ti = sorted(src_ids), sorted(tgt_ids)
        if not si or not ti:
            return 0.0
        if si == list(range(si[0], si[0] + len(si))) and ti == list(range(ti[0], ti[0] + len(ti))):
            return float(self.score_blocks(np.array([si[0]]), len(si), np.array([ti[0]]), len(ti))[0])
        x, y = self.encoder.embed([" ".join(self.texts[0][i] for i in si),
                                   " ".join(self.texts[1][j] for j in ti)])
        cos = np.array([float(np.dot(x, y))])
        return float(self._to_sim(cos, np.array([self.r[0][si].mean()]),
                                  np.array([self.r[1][ti].mean()]))[0])

    def sentence_matrix(self) -> np.ndarray:
        """(n_src, n_tgt) float64 sims of every 1:1 pair, from the sentence vectors."""
        if self.n_src == 0 or self.n_tgt == 0:
            return np.zeros((self.n_src, self.n_tgt))
        cos = (self._v(0, 1) @ self._v(1, 1).T).astype(float)
        return self._to_sim(cos, self.r[0][:, None], self.r[1][None, :])

    def coarse(self, group: int, s0: int, s1: int, t0: int, t1: int) -> UnitPair:
        """Units of ``group`` sentences, each the sum of its sentences' vectors (Vecalign's
        downsampled passes); beads score by plain cosine."""
        return UnitPair(_unit_sums(self._v(0, 1)[s0:s1].astype(np.float64), group),
                        _unit_sums(self._v(1, 1)[t0:t1].astype(np.float64), group),
                        self.evidence)

    def anchor_candidates(self) -> np.ndarray:
        """Mutual nearest 1:1 neighbours whose similarity is at least ``ANCHOR_MIN``."""
        if self._best is None:  # large inputs: computed on demand (n x m cosines)
            self._whole_neighbourhoods()
        assert self._best is not None
        best_t, top_t, best_s = self._best
        if self.n_src == 0 or self.n_tgt == 0:
            return np.zeros((0, 3))
        i = np.flatnonzero(best_s[best_t] == np.arange(self.n_src))
        j = best_t[i]
        w = self._to_sim(top_t[i], self.r[0][i], self.r[1][j])
        keep = w >= ANCHOR_MIN
        return np.column_stack([i[keep], j[keep], w[keep]]).astype(float)


class UnitPair(PreparedPair):
    """Runs of sentences as units (their vectors summed): the coarse form of an
    :class:`EmbedPair`, used only to place the alignment band of a large pair. A bead of
    units scores the cosine of its two sides' summed vectors, clipped to [0, 1]."""

    def __init__(self, src: np.ndarray, tgt: np.ndarray, evidence: str) -> None:
        self.units = (src, tgt)
        self.n_src, self.n_tgt = len(src), len(tgt)
        self.evidence = evidence
        self._cum = tuple(np.concatenate([np.zeros((1, v.shape[1])), np.cumsum(v, 0)])
                          for v in (src, tgt))

    def score_blocks(self, src_start: np.ndarray, src_len: int, tgt_start: np.ndarray,
                     tgt_len: int) -> np.ndarray:
        s = np.asarray(src_start, np.int64)
        t = np.asarray(tgt_start, np.int64)
        out = np.empty(s.size)
        cs, ct = self._cum
        for k in range(0, s.size, ROWS_PER_MATMUL * 16):  # bounded temporaries
            a, b = s[k:k + ROWS_PER_MATMUL * 16], t[k:k + ROWS_PER_MATMUL * 16]
            x, y = cs[a + src_len] - cs[a], ct[b + tgt_len] - ct[b]
            norm = np.linalg.norm(x, axis=1) * np.linalg.norm(y, axis=1)
            out[k:k + a.size] = np.einsum("kd,kd->k", x, y) / np.maximum(norm, 1e-12)
        return np.clip(out, 0.0, 1.0)

    def coarse(self, group: int, s0: int, s1: int, t0: int, t1: int) -> UnitPair:
        return UnitPair(_unit_sums(self.units[0][s0:s1], group),
                        _unit_sums(self.units[1][t0:t1], group), self.evidence)


def _unit_sums(v: np.ndarray, group: int) -> np.ndarray:
    """(ceil(len / group), dim) sums of ``group`` consecutive rows of ``v``."""
    if len(v) == 0:
        return np.zeros((0, v.shape[1] if v.ndim == 2 else 1))
    return np.add.reduceat(v, np.arange(0, len(v), group), axis=0)


class EmbedScorer(Scorer):
    """Sentence-embedding scorer; ``model`` is a bundled encoder name
    (:data:`align.neural.bundled.BUNDLED`: ``use-m3``, ``e5-small-q4``), a Hugging Face id or
    a local directory. The transformers options (pooling, prefix, batch_size, device, half)
    apply to the latter two."""

    name = "embed.v1"

    def __init__(
        self, model: str = "use-m3", pooling: str | None = None,
        prefix: str | None = None, max_overlap: int = 4, batch_size: int | None = None,
        device: str | None = None, half: bool | None = None, cache_dir: str | None = None,
        margin: bool = True, threads: int | None = None,
    ) -> None:
        from align.neural.bundled import make_encoder

        if max_overlap < 1:
            raise ValueError(f"max_overlap must be >= 1 (got {max_overlap})")
        self.encoder = make_encoder(model, pooling=pooling, prefix=prefix, batch_size=batch_size,
                                    device=device, half=half, cache_dir=cache_dir,
                                    threads=threads)
        ref = getattr(self.encoder, "ref", None)
        self.model = self.encoder.name if ref is None or ref.source == "cache" else ref.path.name
        self.max_overlap = max_overlap
        self.margin = margin

    def prepare(self, src: Document, tgt: Document) -> EmbedPair:
        return EmbedPair(self.encoder, src.texts, tgt.texts, self.max_overlap, self.margin,
                         self.model)

    def params(self) -> dict[str, Any]:
        return {**self.encoder.describe(), "max_overlap": self.max_overlap,
                "margin": self.margin}


__all__ = ["EmbedPair", "EmbedScorer", "UnitPair", "overlaps"]
