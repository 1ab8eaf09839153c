"""Where to search in large inputs: a band around a coarse path, or around anchor points.

Full tables are used up to ``FULL_CELLS`` cells. Beyond that, when the scorer has a coarse
form (``PreparedPair.coarse``: the lexical, hybrid and embedding scorers), the pair is
aligned in units of ``COARSE_GROUP`` sentences first (that pass itself banded the same way,
down to a level small enough for a full table), and the sentences are searched within
``COARSE_MARGIN`` of that path, as FastDTW and Vecalign's downsampled passes do: work and memory then grow with
n + m, and the path may run anywhere (an English stretch covering the middle of a long
source, at any size ratio). Otherwise the scorer proposes anchor candidates (sentence pairs
sharing rare words or numbers); the heaviest chain increasing in both coordinates (weighted
LIS) is kept, and the band is the union of the rectangles between consecutive chain points
widened by a margin.
"""
from __future__ import annotations

import itertools

import numpy as np

from align.aligner.costs import CostModel, bead_shapes
from align.aligner.dp import Band, align_dp
from align.scorers.base import PreparedPair

FULL_CELLS = 250_000
CORRIDOR = 0.05  # half-width of the corridor between far anchors, share of the stretch
ANCHOR_MARGIN = 40
COARSE_GROUP = 2  # units per unit of the next coarser pass
COARSE_MAX_BEAD = 3  # coarse beads: 1:1, 1:2, 2:1 units and skips
COARSE_MARGIN = 6  # units searched beyond the coarser path, each side
# Group and margin were chosen on the seeded repeated NTREX stream (benchmarks/stress.py,
# whose many identical documents make a coarse path easy to lose). English sentences linked
# to other text than gold's, middle stretches: 20000 x 2000: 17 halving per level, as
# FastDTW does (the full table: 10; units of 8: 298); 50000 x 5000: 12 (units of 4: 2188;
# units of 8 kept strict F1 at 0.18): a top level of 64 or 512 sentences a unit spans many
# documents. Unique text is exact either way (tests/test_kernels.py).


def heaviest_chain(points: np.ndarray) -> np.ndarray:
    """Subset of rows ``[i, j, w]`` strictly increasing in i and j with maximum total w.

    O(k log k) with a Fenwick tree of prefix maxima over j. Returns (c, 2) int64 [i, j].
    """
    if len(points) == 0:
        return np.zeros((0, 2), np.int64)
    order = np.lexsort((-points[:, 1], points[:, 0]))  # by i, then j descending (strictness)
    pts = points[order]
    js = np.unique(pts[:, 1].astype(np.int64))
    rank = np.searchsorted(js, pts[:, 1].astype(np.int64)) + 1
    size = len(js)
    tree_w = np.zeros(size + 1)
    tree_k = np.full(size + 1, -1, np.int64)
    best = np.zeros(len(pts))
    prev = np.full(len(pts), -1, np.int64)
    # Rows with equal i must not chain: process each i-group after querying all of it.
    start = 0
    while start < len(pts):
        end = start
        while end < len(pts) and pts[end, 0] == pts[start, 0]:
            end += 1
        for k in range(start, end):
            r, w, arg = rank[k] - 1, 0.0, -1
            while r > 0:
                if tree_w[r] > w:
                    w, arg = tree_w[r], tree_k[r]
                r -= r & -r
            best[k], prev[k] = w + pts[k, 2], arg
        for k in range(start, end):
            r = rank[k]
            while r <= size:
                if best[k] > tree_w[r]:
                    tree_w[r], tree_k[r] = best[k], k
                r += r & -r
        start = end
    k = int(np.argmax(best))
    chain = []
    while k >= 0:
        chain.append(pts[k, :2])
        k = int(prev[k])
    return np.array(chain[::-1], np.int64)


def band_from_anchors(n: int, m: int, anchors: np.ndarray, margin: int = 40) -> Band:
    """Band over rows 0..n covering the stretches between consecutive anchor cells.

    ``anchors`` are (c, 2) sentence pairs (i, j); a pair aligned 1:1 means the DP path
    passes through cells (i, j) and (i+1, j+1). Between two anchors the band is their
    rectangle widened by ``margin``, or, when the anchors are far apart (the rectangle
    would hold more than a corridor of half-width 5% of the stretch), a diagonal corridor
    between them of that half-width (at least ``margin``): two lone anchors in a
    10,000-sentence pair would otherwise make the band almost the whole table.
    """
    pts = [(0, 0)]
    for i, j in anchors:
        pts += [(int(i), int(j)), (int(i) + 1, int(j) + 1)]
    pts.append((n, m))
    lo = np.full(n + 1, m + 1, np.int64)
    hi = np.zeros(n + 1, np.int64)
    for (i1, j1), (i2, j2) in itertools.pairwise(pts):
        if i2 < i1 or j2 < j1:
            continue
        di, dj = i2 - i1, j2 - j1
        width = max(margin, int(CORRIDOR * max(di, dj)))
        rows = np.arange(max(0, i1 - margin), min(n, i2 + margin) + 1)
        if (di + 2 * margin) * (dj + 2 * margin) <= (di + 2 * margin) * (2 * width + 1):
            lo[rows] = np.minimum(lo[rows], max(0, j1 - margin))
            hi[rows] = np.maximum(hi[rows], min(m, j2 + margin) + 1)
            continue
        centre = j1 + np.round((np.clip(rows, i1, i2) - i1) * (dj / max(di, 1))).astype(np.int64)
        lo[rows] = np.minimum(lo[rows], np.clip(centre - width, 0, m))
        hi[rows] = np.maximum(hi[rows], np.clip(centre + width + 1, 1, m + 1))
    return _connected(lo, hi, n, m)


def diagonal_band(n: int, m: int, width: int) -> Band:
    """Band of half-width ``width`` around the straight line from (0, 0) to (n, m)."""
    centre = np.round(np.arange(n + 1) * (m / max(n, 1))).astype(np.int64)
    lo = np.clip(centre - width, 0, m)
    hi = np.clip(centre + width + 1, 1, m + 1)
    lo[0], hi[n] = 0, m + 1
    lo[1:] = np.minimum(lo[1:], hi[:-1] - 1)
    return Band(lo, hi)


def band_from_path(n: int, m: int, points: np.ndarray, margin: int) -> Band:
    """Band over rows 0..n through the cells ``points`` ((k, 2) [i, j], increasing in both,
    from (0, 0) to (n, m)): the union of the rectangles between consecutive points, each
    widened by ``margin`` on every side."""
    i1, j1, i2, j2 = points[:-1, 0], points[:-1, 1], points[1:, 0], points[1:, 1]
    lo = np.full(n + 1, m + 1, np.int64)
    hi = np.zeros(n + 1, np.int64)
    r0 = np.maximum(i1 - margin, 0)
    r1 = np.minimum(i2 + margin, n) + 1
    reps = r1 - r0
    rows = np.repeat(r0, reps) + np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
    np.minimum.at(lo, rows, np.repeat(np.maximum(j1 - margin, 0), reps))
    np.maximum.at(hi, rows, np.repeat(np.minimum(j2 + margin, m) + 1, reps))
    return _connected(lo, hi, n, m)


def _connected(lo: np.ndarray, hi: np.ndarray, n: int, m: int) -> Band:
    """Rows made monotone and overlapping, so the (1, 0) and (0, 1) moves connect the band."""
    lo = np.minimum(lo, hi - 1)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0], hi[n] = 0, m + 1
    lo[1:] = np.minimum(lo[1:], hi[:-1] - 1)
    return Band(lo, hi)


def windows(band: Band, n: int, side: int) -> tuple[np.ndarray, np.ndarray]:
    """Target columns ``[lo[r], hi[r])`` that source sentence r of a band over n rows is
    compared with, by beads of up to ``side`` sentences a side (``PreparedPair.restrict``):
    sentence r is read by DP rows r+1 .. r+side, at columns j - b."""
    rows = np.arange(n)
    return (np.maximum(band.lo[rows + 1] - side, 0), band.hi[np.minimum(rows + side, n)])


def coarse_band(pp: PreparedPair, costs: CostModel, s0: int, s1: int, t0: int,
                t1: int) -> Band | None:
    """Band for source ``[s0, s1)`` x target ``[t0, t1)`` around the path of the same pair in
    units of ``COARSE_GROUP`` sentences (aligned with a band of its own, recursively), or
    None when the scorer has no coarse form. Work and memory grow with n + m, not n x m."""
    coarse = pp.coarse(COARSE_GROUP, s0, s1, t0, t1)
    if coarse is None:
        return None
    n, m, nc, mc = s1 - s0, t1 - t0, coarse.n_src, coarse.n_tgt
    band = choose_band(coarse, costs, 0, nc, 0, mc)
    shapes = bead_shapes(COARSE_MAX_BEAD)
    coarse.restrict(*windows(band, nc, max(max(a, b) for a, b in shapes)))
    path = align_dp(coarse, costs, shapes, band)
    points = np.array([(0, 0)] + [(r.i + r.a, r.j + r.b) for r in path], np.int64) * COARSE_GROUP
    points = np.minimum(points, [n, m])
    return band_from_path(n, m, points, COARSE_MARGIN)


def choose_band(pp: PreparedPair, costs: CostModel, s0: int, s1: int, t0: int,
                t1: int) -> Band:
    """Where to search source ``[s0, s1)`` x target ``[t0, t1)``: the full table when small;
    else around the coarse path (:func:`coarse_band`); for scorers without a coarse form,
    around the heaviest chain of anchor candidates (or the diagonal)."""
    n, m = s1 - s0, t1 - t0
    if (n + 1) * (m + 1) <= FULL_CELLS:
        return Band.full(n, m)
    band = coarse_band(pp, costs, s0, s1, t0, t1)
    if band is not None:
        return band
    cands = pp.anchor_candidates()
    if len(cands):
        cands = cands[(cands[:, 0] >= s0) & (cands[:, 0] < s1) & (cands[:, 1] >= t0)
                      & (cands[:, 1] < t1)] - np.array([s0, t0, 0])
    chain = heaviest_chain(cands) if len(cands) else np.zeros((0, 2), np.int64)
    if len(chain) < 2:
        return diagonal_band(n, m, max(ANCHOR_MARGIN, int(0.05 * max(n, m))))
    return band_from_anchors(n, m, chain, ANCHOR_MARGIN)
