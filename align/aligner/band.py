"""Where to search in large inputs: a band around a chain of anchor points.

Full tables are used up to ``FULL_CELLS`` cells. Beyond that, the scorer proposes
anchor candidates (sentence pairs sharing rare words or numbers); the heaviest chain
increasing in both coordinates (weighted LIS) is kept, and the band is the union of the
rectangles between consecutive chain points widened by a margin. A correct path between
two correct anchors lies inside their rectangle; the margin absorbs a wrong anchor.
Work is O(sum of rectangle areas), and memory likewise.
"""
from __future__ import annotations

import itertools

import numpy as np

from align.aligner.dp import Band

FULL_CELLS = 4_000_000
CORRIDOR = 0.05  # half-width of the corridor between far anchors, share of the stretch


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
    lo = np.minimum(lo, hi - 1)
    # Monotone and overlapping rows, so the (1, 0) and (0, 1) moves connect the band.
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0], hi[n] = 0, m + 1
    lo[1:] = np.minimum(lo[1:], hi[:-1] - 1)
    return Band(lo, hi)


def diagonal_band(n: int, m: int, width: int) -> Band:
    """Band of half-width ``width`` around the straight line from (0, 0) to (n, m)."""
    centre = np.round(np.arange(n + 1) * (m / max(n, 1))).astype(np.int64)
    lo = np.clip(centre - width, 0, m)
    hi = np.clip(centre + width + 1, 1, m + 1)
    lo[0], hi[n] = 0, m + 1
    lo[1:] = np.minimum(lo[1:], hi[:-1] - 1)
    return Band(lo, hi)


def choose_band(n: int, m: int, candidates: np.ndarray, margin: int = 40) -> Band:
    """Full table when small; else a band around the heaviest anchor chain (or the diagonal)."""
    if (n + 1) * (m + 1) <= FULL_CELLS:
        return Band.full(n, m)
    chain = heaviest_chain(candidates) if len(candidates) else np.zeros((0, 2), np.int64)
    if len(chain) < 2:
        return diagonal_band(n, m, max(margin, int(0.05 * max(n, m))))
    return band_from_anchors(n, m, chain, margin)
