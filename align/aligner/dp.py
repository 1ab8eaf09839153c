"""Monotonic bead alignment by dynamic programming over a (possibly banded) table.

Cell (i, j) of the table is the best cost of aligning source[:i] with target[:j]
(i, j = sentences consumed, 0-based). Row i holds columns ``band.lo[i] <= j < band.hi[i]``.
The table is filled row by row: beads with a >= 1 source sentences come from rows above,
vectorised over the row's columns and scored in one batch per shape; the 0-1 bead
(target skip) moves along the row and is solved with a running minimum over cumulative
skip costs: ``D[j] = min_k<=j C[k] + S[j] - S[k]`` with ``S[j]`` the cost of skipping
target sentences 0..j-1 (per-sentence, see ``PreparedPair.skip_weights``). Memory is O(cells in the band).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from align.aligner.costs import CostModel, Shape
from align.errors import InvalidAlignment
from align.scorers.base import PreparedPair


@dataclass(frozen=True)
class Band:
    """Columns kept per row: row i covers ``lo[i] <= j < hi[i]``; arrays of shape (n+1,)."""

    lo: np.ndarray
    hi: np.ndarray

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(np.zeros(n + 1, np.int64), np.full(n + 1, m + 1, np.int64))

    @property
    def cells(self) -> int:
        return int((self.hi - self.lo).sum())


@dataclass(frozen=True)
class RawBead:
    """A bead found by the DP: source [i, i+a), target [j, j+b), similarity (nan for nulls)."""

    i: int
    a: int
    j: int
    b: int
    sim: float


def align_dp(
    pp: PreparedPair, costs: CostModel, shapes: Sequence[Shape], band: Band | None = None,
    offset: tuple[int, int] = (0, 0), n: int | None = None, m: int | None = None,
) -> list[RawBead]:
    """Best monotonic bead sequence for source[o_s : o_s+n] and target[o_t : o_t+m].

    ``offset``/``n``/``m`` select a sub-rectangle (used between anchors); bead indices in
    the result are absolute. Never returns nothing: an empty side gives all-null beads.
    """
    o_s, o_t = offset
    n = pp.n_src - o_s if n is None else n
    m = pp.n_tgt - o_t if m is None else m
    band = band or Band.full(n, m)
    lo, hi = band.lo, band.hi
    if lo[0] != 0 or hi[n] != m + 1 or np.any(hi <= lo):
        raise InvalidAlignment("alignment band must contain the corners (0, 0) and (n, m)")
    w_src, w_tgt = pp.skip_weights()
    skip_s = costs.skip_src * w_src[o_s:o_s + n]  # cost of leaving source o_s + r unaligned
    # cum_t[j]: cost of skipping target sentences o_t .. o_t + j - 1
    cum_t = np.concatenate([[0.0], np.cumsum(costs.skip_tgt * w_tgt[o_t:o_t + m])])
    t_skip = shapes.index((0, 1))
    rows_d: list[np.ndarray] = []
    rows_b: list[np.ndarray] = []
    for i in range(n + 1):
        js = np.arange(lo[i], hi[i], dtype=np.int64)
        best = np.full(js.size, np.inf)
        back = np.full(js.size, -1, np.int8)
        if i == 0:
            best[js == 0] = 0.0
        for k, (a, b) in enumerate(shapes):
            if a == 0 or i - a < 0:
                continue
            r = i - a
            jp = js - b
            ok = (jp >= lo[r]) & (jp < hi[r])
            if not ok.any():
                continue
            idx = np.nonzero(ok)[0]
            prev = rows_d[r][jp[idx] - lo[r]]
            fin = np.isfinite(prev)
            idx, prev = idx[fin], prev[fin]
            if idx.size == 0:
                continue
            if b == 0:
                cand = prev + skip_s[r]
            else:
                sim = pp.score_blocks(np.full(idx.size, o_s + r, np.int64), a,
                                      o_t + jp[idx], b)
                cand = prev + costs.link_cost(a, b, sim)
            better = cand < best[idx]
            best[idx[better]] = cand[better]
            back[idx[better]] = k
        offs = cum_t[js]
        d = np.minimum.accumulate(best - offs) + offs
        from_left = d < best - 1e-9
        back[from_left] = t_skip
        rows_d.append(d)
        rows_b.append(back)
    return _backtrack(pp, rows_b, band, shapes, n, m, o_s, o_t)


def _backtrack(
    pp: PreparedPair, rows_b: list[np.ndarray], band: Band, shapes: Sequence[Shape],
    n: int, m: int, o_s: int, o_t: int,
) -> list[RawBead]:
    out: list[RawBead] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = int(rows_b[i][j - band.lo[i]])
        if k < 0:
            raise InvalidAlignment(f"no path through the alignment band at ({i}, {j})")
        a, b = shapes[k]
        i, j = i - a, j - b
        sim = float("nan")
        if a and b:
            sim = float(pp.score_blocks(np.array([o_s + i]), a, np.array([o_t + j]), b)[0])
        out.append(RawBead(o_s + i, a, o_t + j, b, sim))
    out.reverse()
    return out
