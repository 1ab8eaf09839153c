# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Compiled kernels (built by pip on install; see ``align/kernels/__init__.py``).

Each function is the twin of the one of the same name in ``reference.py``: the same
arithmetic in the same order, so both give bit-identical results (tests check it).
"""
from libc.math cimport INFINITY, erfc, fabs, sqrt
from libc.stdint cimport int64_t

ctypedef signed char i8


def dp_fill(const int64_t[:] lo, const int64_t[:] hi, const int64_t[:] off, double[:] D, i8[:] back,
            const double[:, :] cost, int64_t cost_base, const int64_t[:] shape_a,
            const int64_t[:] shape_b, const int64_t[:] link_row, const double[:] skip_s,
            const double[:] cum_t, int64_t row0, int64_t row1, int64_t t_skip):
    """Fill DP rows [row0, row1) of the banded table; see ``reference.dp_fill``."""
    cdef int64_t i, j, k, r, jp, a, b, cell, n_shapes = shape_a.shape[0]
    cdef double best, prev, cand, run, d, c
    for i in range(row0, row1):
        for j in range(lo[i], hi[i]):
            cell = off[i] + j - lo[i]
            best = INFINITY
            back[cell] = -1
            if i == 0 and j == 0:
                best = 0.0
            for k in range(n_shapes):
                a = shape_a[k]
                b = shape_b[k]
                if a == 0 or i - a < 0:
                    continue
                r = i - a
                jp = j - b
                if jp < lo[r] or jp >= hi[r]:
                    continue
                prev = D[off[r] + jp - lo[r]]
                if prev == INFINITY:
                    continue
                if b == 0:
                    cand = prev + skip_s[r]
                else:
                    c = cost[link_row[k], cell - cost_base]
                    cand = prev + c
                if cand < best:
                    best = cand
                    back[cell] = k
            D[cell] = best
        # target skips along the row: D[j] = min_k<=j (best[k] - cum_t[k]) + cum_t[j]
        run = INFINITY
        for j in range(lo[i], hi[i]):
            cell = off[i] + j - lo[i]
            best = D[cell]
            d = best - cum_t[j]
            if d < run:
                run = d
            d = run + cum_t[j]
            if d < best - 1e-9:
                back[cell] = t_skip
            D[cell] = d


def lex_sims(const int64_t[:] S, const int64_t[:] T, int64_t a, int64_t b, const int64_t[:] wlo,
             const int64_t[:] roff, const double[:] Ms, const double[:] Mt,
             const double[:] W_src, const double[:] W_tgt, const double[:] cs,
             const double[:] ct, double ratio, double lex_weight, double s2, double neutral,
             double[:] out):
    """Lexical similarity of beads (S[k]..S[k]+a, T[k]..T[k]+b); see ``reference.lex_sims``."""
    cdef int64_t k, kk, bb, s, t, r, base, col, n = S.shape[0]
    cdef double cov, ms, mt, W, lex, l1, l2, mean, delta, sqrt2 = sqrt(2.0)
    for k in range(n):
        s = S[k]
        t = T[k]
        cov = 0.0
        for kk in range(a):
            r = s + kk
            base = roff[r] - wlo[r]
            ms = 0.0
            for bb in range(b):
                ms = ms + Ms[base + t + bb]
            W = W_src[r]
            cov = cov + ((ms if ms < W else W) / (W if W > 1e-9 else 1e-9) if W > 0 else neutral)
        for bb in range(b):
            col = t + bb
            mt = 0.0
            for kk in range(a):
                r = s + kk
                mt = mt + Mt[roff[r] - wlo[r] + col]
            W = W_tgt[col]
            cov = cov + ((mt if mt < W else W) / (W if W > 1e-9 else 1e-9) if W > 0 else neutral)
        lex = cov / (a + b)
        l1 = cs[s + a] - cs[s]
        l2 = ct[t + b] - ct[t]
        mean = (l1 + l2 / ratio) / 2.0
        if mean < 1.0:
            mean = 1.0
        delta = fabs(l2 - l1 * ratio) / sqrt(s2 * mean)
        out[k] = lex_weight * lex + (1.0 - lex_weight) * erfc(delta / sqrt2)
