"""Monotonic bead alignment by dynamic programming over a (possibly banded) table.

Cell (i, j) of the table is the best cost of aligning source[:i] with target[:j]
(i, j = sentences consumed, 0-based). Row i holds columns ``band.lo[i] <= j < band.hi[i]``.
The table is filled row by row: beads with a >= 1 source sentences come from rows above,
their link costs computed beforehand for a batch of rows, one scorer call per shape; the
0-1 bead (target skip) moves along the row and is solved with a running minimum over
cumulative skip costs: ``D[j] = min_k<=j C[k] + S[j] - S[k]`` with ``S[j]`` the cost of
skipping target sentences 0..j-1 (per-sentence, see ``PreparedPair.skip_weights``). The
fill is a kernel (:mod:`align.kernels`). Memory is O(cells in the band): 9 bytes a cell,
plus the costs of one batch.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from align import kernels
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


CHUNK_CELLS = 1 << 18
"""Band cells whose link costs are computed per batch: bounds the cost table's memory."""


def align_dp(
    pp: PreparedPair, costs: CostModel, shapes: Sequence[Shape], band: Band | None = None,
    offset: tuple[int, int] = (0, 0), n: int | None = None, m: int | None = None,
) -> list[RawBead]:
    """Best monotonic bead sequence for source[o_s : o_s+n] and target[o_t : o_t+m].

    ``offset``/``n``/``m`` select a sub-rectangle (used between anchors); bead indices in
    the result are absolute. Never returns nothing: an empty side gives all-null beads.
    Link costs are computed per batch of rows, one ``score_blocks`` call per shape, and the
    table is filled by :func:`align.kernels.dp_fill` (compiled, or numpy).
    """
    o_s, o_t = offset
    n = pp.n_src - o_s if n is None else n
    m = pp.n_tgt - o_t if m is None else m
    band = band or Band.full(n, m)
    lo, hi = band.lo.astype(np.int64), band.hi.astype(np.int64)
    if lo[0] != 0 or hi[n] != m + 1 or np.any(hi <= lo):
        raise InvalidAlignment("alignment band must contain the corners (0, 0) and (n, m)")
    w_src, w_tgt = pp.skip_weights()
    skip_s = np.ascontiguousarray(costs.skip_src * w_src[o_s:o_s + n], float)
    # cum_t[j]: cost of skipping target sentences o_t .. o_t + j - 1
    cum_t = np.concatenate([[0.0], np.cumsum(costs.skip_tgt * w_tgt[o_t:o_t + m])])
    shape_a = np.array([a for a, _ in shapes], np.int64)
    shape_b = np.array([b for _, b in shapes], np.int64)
    links = [k for k, (a, b) in enumerate(shapes) if a and b]
    link_row = np.full(len(shapes), -1, np.int64)
    link_row[links] = np.arange(len(links))
    off = np.concatenate([[0], np.cumsum(hi - lo)]).astype(np.int64)
    D = np.empty(int(off[-1]))
    back = np.empty(int(off[-1]), np.int8)
    t_skip = shapes.index((0, 1))
    row0 = 0
    while row0 <= n:
        row1 = int(np.searchsorted(off, off[row0] + CHUNK_CELLS, side="right")) - 1
        row1 = min(max(row1, row0 + 1), n + 1)
        cost = _link_costs(pp, costs, shapes, links, lo, hi, off, row0, row1, (o_s, o_t))
        kernels.dp_fill(lo, hi, off, D, back, cost, int(off[row0]), shape_a, shape_b,
                        link_row, skip_s, cum_t, row0, row1, t_skip)
        row0 = row1
    return _backtrack(pp, back, lo, off, shapes, n, m, o_s, o_t)


def _link_costs(
    pp: PreparedPair, costs: CostModel, shapes: Sequence[Shape], links: Sequence[int],
    lo: np.ndarray, hi: np.ndarray, off: np.ndarray, row0: int, row1: int,
    offset: tuple[int, int],
) -> np.ndarray:
    """(len(links), cells of rows [row0, row1)) cost of each link shape ending at each cell
    whose bead start lies in the band; inf elsewhere."""
    o_s, o_t = offset
    width = hi[row0:row1] - lo[row0:row1]
    rows = np.repeat(np.arange(row0, row1, dtype=np.int64), width)
    cols = lo[rows] + np.arange(rows.size, dtype=np.int64) - (off[rows] - off[row0])
    out = np.full((len(links), rows.size), np.inf)
    for li, k in enumerate(links):
        a, b = shapes[k]
        r = rows - a
        rc = np.maximum(r, 0)
        jp = cols - b
        idx = np.nonzero((r >= 0) & (jp >= lo[rc]) & (jp < hi[rc]))[0]
        if idx.size:
            sim = pp.score_blocks(o_s + r[idx], a, o_t + jp[idx], b)
            out[li, idx] = costs.link_cost(a, b, sim)
    return out


def _backtrack(
    pp: PreparedPair, back: np.ndarray, lo: np.ndarray, off: np.ndarray,
    shapes: Sequence[Shape], n: int, m: int, o_s: int, o_t: int,
) -> list[RawBead]:
    steps: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = int(back[off[i] + j - lo[i]])
        if k < 0:
            raise InvalidAlignment(f"no path through the alignment band at ({i}, {j})")
        a, b = shapes[k]
        i, j = i - a, j - b
        steps.append((i, a, j, b))
    steps.reverse()
    sims = np.full(len(steps), np.nan)
    for a, b in {(a, b) for _, a, _, b in steps if a and b}:  # one call per shape
        at = [k for k, st in enumerate(steps) if st[1] == a and st[3] == b]
        sims[at] = pp.score_blocks(np.array([o_s + steps[k][0] for k in at], np.int64), a,
                                   np.array([o_t + steps[k][2] for k in at], np.int64), b)
    return [RawBead(o_s + i, a, o_t + j, b, float(sim))
            for (i, a, j, b), sim in zip(steps, sims)]
