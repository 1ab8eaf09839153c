"""The numpy kernels: the fallback when the compiled ones are not built, and their spec.

``_compiled.pyx`` does the same arithmetic in the same order, so the two give bit-identical
tables and similarities (``tests/test_kernels.py``). Layouts:

* A *band* is ``lo``, ``hi`` (int64, one entry per DP row ``i = 0..n``): row i holds
  columns ``lo[i] <= j < hi[i]``; ``off[i]`` is the flat index of the row's first cell
  (``off[n + 1]`` = all cells).
* A *ragged row store* keeps, for each source sentence r, the values of target columns
  ``wlo[r] <= j < wlo[r] + width`` at flat indices ``roff[r] + j - wlo[r]``.
"""
from __future__ import annotations

import math

import numpy as np

_erfc = np.frompyfunc(math.erfc, 1, 1)


def dp_fill(lo: np.ndarray, hi: np.ndarray, off: np.ndarray, D: np.ndarray, back: np.ndarray,
            cost: np.ndarray, cost_base: int, shape_a: np.ndarray, shape_b: np.ndarray,
            link_row: np.ndarray, skip_s: np.ndarray, cum_t: np.ndarray, row0: int, row1: int,
            t_skip: int) -> None:
    """Fill rows ``[row0, row1)`` of the banded DP table in place.

    ``D`` (float64) and ``back`` (int8, the shape index the best path came by, -1 none) are
    flat over the band; rows above ``row0`` are already filled. ``cost[link_row[k]]`` holds
    the cost of link shape k at every cell of the rows, from flat index ``cost_base`` (inf
    where it was not computed). Shape (1, 0) costs ``skip_s`` of the skipped source
    sentence; shape (0, 1) is solved along the row with a running minimum over the
    cumulative target-skip costs ``cum_t``. Ties go to the earlier shape.
    """
    for i in range(row0, row1):
        js = np.arange(lo[i], hi[i], dtype=np.int64)
        cells = off[i] + js - lo[i]
        best = np.full(js.size, np.inf)
        bk = np.full(js.size, -1, np.int8)
        if i == 0:
            best[js == 0] = 0.0
        for k in range(len(shape_a)):
            a, b = int(shape_a[k]), int(shape_b[k])
            if a == 0 or i - a < 0:
                continue
            r = i - a
            jp = js - b
            ok = (jp >= lo[r]) & (jp < hi[r])
            if not ok.any():
                continue
            idx = np.nonzero(ok)[0]
            prev = D[off[r] + jp[idx] - lo[r]]
            fin = prev != np.inf
            idx, prev = idx[fin], prev[fin]
            if b == 0:
                cand = prev + skip_s[r]
            else:
                cand = prev + cost[link_row[k], cells[idx] - cost_base]
            better = cand < best[idx]
            best[idx[better]] = cand[better]
            bk[idx[better]] = k
        offs = cum_t[js]
        d = np.minimum.accumulate(best - offs) + offs
        bk[d < best - 1e-9] = t_skip
        D[cells] = d
        back[cells] = bk


def coverage(matched: np.ndarray, weight: np.ndarray, neutral: float) -> np.ndarray:
    """Share of each sentence's content ``weight`` that is ``matched`` (at most all of it);
    ``neutral`` for a sentence with no content."""
    return np.where(weight > 0, np.minimum(matched, weight) / np.maximum(weight, 1e-9), neutral)


def length_prob(l_src: np.ndarray, l_tgt: np.ndarray, ratio: float, s2: float) -> np.ndarray:
    """Gale-Church two-sided tail probability of a length discrepancy (the model is
    documented in :mod:`align.scorers.length`)."""
    l_src = np.asarray(l_src, float)
    l_tgt = np.asarray(l_tgt, float)
    mean = np.maximum((l_src + l_tgt / ratio) / 2.0, 1.0)
    delta = np.abs(l_tgt - l_src * ratio) / np.sqrt(s2 * mean)
    return np.asarray(_erfc(delta / math.sqrt(2.0)), float)


def lex_sims(S: np.ndarray, T: np.ndarray, a: int, b: int, wlo: np.ndarray, roff: np.ndarray,
             Ms: np.ndarray, Mt: np.ndarray, W_src: np.ndarray, W_tgt: np.ndarray,
             cs: np.ndarray, ct: np.ndarray, ratio: float, lex_weight: float, s2: float,
             neutral: float, out: np.ndarray) -> None:
    """Similarity of beads ``src[S:S+a] <-> tgt[T:T+b]`` into ``out`` (see
    ``align.scorers.lexical.pair``): the mean coverage of the bead's sentences (``Ms`` and
    ``Mt`` ragged row stores that hold every cell asked for) mixed with the Gale-Church
    length probability."""
    total = np.zeros(S.size)
    for kk in range(a):
        base = roff[S + kk] - wlo[S + kk] + T
        ms = np.zeros(S.size)
        for bb in range(b):
            ms = ms + Ms[base + bb]
        total = total + coverage(ms, W_src[S + kk], neutral)
    for bb in range(b):
        mt = np.zeros(S.size)
        for kk in range(a):
            mt = mt + Mt[roff[S + kk] - wlo[S + kk] + T + bb]
        total = total + coverage(mt, W_tgt[T + bb], neutral)
    lex = total / (a + b)
    lp = length_prob(cs[S + a] - cs[S], ct[T + b] - ct[T], ratio, s2)
    out[:] = lex_weight * lex + (1.0 - lex_weight) * lp
