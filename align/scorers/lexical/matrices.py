"""Sparse match matrices of the lexical scorer, computed lazily in row chunks.

For source sentence i and target sentence j (0-based):

- ``Ms[i, j]`` = sum over tokens t of i of ``w_t * match(t, j)``: the weight of i's content
  that j renders; ``match`` in [0, 1] is the sum of key strengths t shares with j's
  tokens, clipped at 1.
- ``Mt[i, j]`` = the same from the target side: weight of j's content found in i.

Nothing n x m is ever built. Rows are computed in chunks of ``CHUNK`` source sentences
against a window of target columns — all of them for small inputs, the alignment band for
large ones (``set_windows``) — so time and memory grow with the band, not with n x m.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

from align.measures.matchkeys import TokenKeys

CHUNK = 64
CACHED_CHUNKS = 4
RARE_DF = 2  # a key in at most this many sentences of each side is an anchor key


class MatchMatrices:
    def __init__(
        self, src_tokens: Sequence[Sequence[TokenKeys]], tgt_tokens: Sequence[Sequence[TokenKeys]],
        w_src: Sequence[Sequence[float]], w_tgt: Sequence[Sequence[float]], common: set[str],
    ) -> None:
        from scipy import sparse

        self.n, self.m = len(src_tokens), len(tgt_tokens)
        vocab: dict[str, int] = {}
        s_rows, s_cols, s_vals = [], [], []
        for tok, t in enumerate(t for sent in src_tokens for t in sent):
            for k, v in t.keys.items():
                if k not in common:
                    s_rows.append(tok)
                    s_cols.append(vocab.setdefault(k, len(vocab)))
                    s_vals.append(v)
        t_rows, t_cols = [], []
        for tok, t in enumerate(t for sent in tgt_tokens for t in sent):
            for k in t.keys:
                if k not in common:
                    t_rows.append(tok)
                    t_cols.append(vocab.setdefault(k, len(vocab)))
        self.src_off = np.concatenate([[0], np.cumsum([len(s) for s in src_tokens])]).astype(int)
        self.tgt_off = np.concatenate([[0], np.cumsum([len(s) for s in tgt_tokens])]).astype(int)
        n_stok, n_ttok, K = int(self.src_off[-1]), int(self.tgt_off[-1]), max(len(vocab), 1)
        # word and number keys (not cognate keys): the only ones trusted as anchors
        self._word_keys = np.array(sorted(v for k, v in vocab.items() if k[0] in "wn"), np.int64)
        self.S = sparse.csr_matrix((s_vals, (s_rows, s_cols)), shape=(n_stok, K))
        T = sparse.csr_matrix((np.ones(len(t_rows)), (t_rows, t_cols)), shape=(n_ttok, K))
        T.data[:] = 1.0  # duplicate (token, key) entries were summed
        self.T = T
        s_sent = np.repeat(np.arange(self.n), np.diff(self.src_off))
        t_sent = np.repeat(np.arange(self.m), np.diff(self.tgt_off))
        self.A_src = sparse.csr_matrix((np.concatenate([np.asarray(w, float) for w in w_src] or
                                                       [np.zeros(0)]), (s_sent, np.arange(n_stok))),
                                       shape=(self.n, n_stok))
        self.A_tgt = sparse.csr_matrix((np.concatenate([np.asarray(w, float) for w in w_tgt] or
                                                       [np.zeros(0)]), (t_sent, np.arange(n_ttok))),
                                       shape=(self.m, n_ttok))
        # (K, m) key present in target sentence; (K, n) best key strength per source sentence
        present = (self.A_tgt.astype(bool).astype(float) @ T).T.tocsc()
        present.data[:] = 1.0
        self.key_in_tgt = present
        self.key_in_src = _group_max(self.S.tocoo(), s_sent, self.n, K).tocsc()
        self.lo = np.zeros(self.n, np.int64)
        self.hi = np.full(self.n, self.m, np.int64)
        self._chunks: OrderedDict[int, tuple[int, int, np.ndarray, np.ndarray]] = OrderedDict()
        self._full: OrderedDict[int, tuple[np.ndarray, np.ndarray]] = OrderedDict()

    def set_windows(self, lo: np.ndarray, hi: np.ndarray) -> None:
        """Target columns ``[lo[i], hi[i])`` that source sentence i will be compared with."""
        self.lo = np.clip(np.asarray(lo, np.int64), 0, self.m)
        self.hi = np.clip(np.asarray(hi, np.int64), self.lo, self.m)
        self._chunks.clear()

    def _chunk(self, c: int) -> tuple[int, int, np.ndarray, np.ndarray]:
        got = self._chunks.get(c)
        if got is not None:
            self._chunks.move_to_end(c)
            return got
        r0, r1 = c * CHUNK, min(self.n, (c + 1) * CHUNK)
        lo, hi = int(self.lo[r0:r1].min()), int(self.hi[r0:r1].max())
        ms, mt = self._block(r0, r1, lo, hi)
        self._chunks[c] = (lo, hi, ms, mt)
        if len(self._chunks) > CACHED_CHUNKS:
            self._chunks.popitem(last=False)
        return lo, hi, ms, mt

    def _block(self, r0: int, r1: int, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """Dense Ms and Mt for source rows [r0, r1) and target columns [lo, hi)."""
        s0, s1 = self.src_off[r0], self.src_off[r1]
        t0, t1 = self.tgt_off[lo], self.tgt_off[hi]
        tok_tgt = self.S[s0:s1] @ self.key_in_tgt[:, lo:hi]  # (src tokens, cols)
        tok_tgt.data = np.minimum(tok_tgt.data, 1.0)
        ms = (self.A_src[r0:r1, s0:s1] @ tok_tgt).toarray()
        tok_src = self.T[t0:t1] @ self.key_in_src[:, r0:r1]  # (tgt tokens, rows)
        tok_src.data = np.minimum(tok_src.data, 1.0)
        mt = (self.A_tgt[lo:hi, t0:t1] @ tok_src).toarray().T
        return ms, mt

    def rows(self, i: int, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """``(Ms[i, lo:hi], Mt[i, lo:hi])`` as dense float64 arrays."""
        c_lo, c_hi, ms, mt = self._chunk(i // CHUNK)
        if c_lo <= lo and hi <= c_hi:
            k = i - (i // CHUNK) * CHUNK
            return ms[k, lo - c_lo:hi - c_lo], mt[k, lo - c_lo:hi - c_lo]
        full = self._full.get(i)  # outside the band (null-bead alternatives, free mode)
        if full is None:
            ms_f, mt_f = self._block(i, i + 1, 0, self.m)
            full = (ms_f[0], mt_f[0])
            self._full[i] = full
            if len(self._full) > 256:
                self._full.popitem(last=False)
        return full[0][lo:hi], full[1][lo:hi]

    def ragged(self, rows: np.ndarray | None = None, full: bool = False,
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(wlo, roff, Ms, Mt)``: a ragged row store (see :mod:`align.kernels.reference`) of
        source sentences ``rows`` (default all) over their windows, or over all target
        columns with ``full``; ``wlo`` and ``roff`` are indexed by position in ``rows``."""
        rows = np.arange(self.n, dtype=np.int64) if rows is None else rows
        wlo = np.zeros(rows.size, np.int64) if full else self.lo[rows]
        whi = np.full(rows.size, self.m, np.int64) if full else self.hi[rows]
        roff = np.concatenate([[0], np.cumsum(whi - wlo)]).astype(np.int64)
        ms = np.empty(int(roff[-1]))
        mt = np.empty(int(roff[-1]))
        for k, i in enumerate(rows.tolist()):
            if full:
                a, b = self.rows(i, 0, self.m)
            else:
                a, b = self.rows(i, int(wlo[k]), int(whi[k]))
            ms[roff[k]:roff[k + 1]] = a
            mt[roff[k]:roff[k + 1]] = b
        return wlo, roff[:-1], ms, mt

    def sets(self, src_ids: Sequence[int], tgt_ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """(|src|, |tgt|) dense Ms and Mt for arbitrary sentence sets."""
        ms = np.empty((len(src_ids), len(tgt_ids)))
        mt = np.empty_like(ms)
        for r, i in enumerate(src_ids):
            a, b = self.rows(i, 0, self.m)
            ms[r], mt[r] = a[list(tgt_ids)], b[list(tgt_ids)]
        return ms, mt

    def anchor_pairs(self) -> np.ndarray:
        """(k, 3) rows ``[i, j, w]``: sentence pairs sharing word or number keys that occur in
        at most ``RARE_DF`` sentences of each side; w = summed key strength."""
        if self.n == 0 or self.m == 0:
            return np.zeros((0, 3))
        src_keys = (self.A_src.astype(bool).astype(float) @ self.S).tocsc()  # (n, K)
        df_s = np.diff((src_keys > 0).astype(float).tocsc().indptr)
        df_t = np.diff(self.key_in_tgt.tocsr().indptr)
        rare = np.flatnonzero((df_s > 0) & (df_s <= RARE_DF) & (df_t > 0) & (df_t <= RARE_DF))
        rare = np.intersect1d(rare, self._word_keys)
        if rare.size == 0:
            return np.zeros((0, 3))
        pairs = (src_keys[:, rare] @ self.key_in_tgt[rare, :]).tocoo()
        return np.column_stack([pairs.row, pairs.col, pairs.data]).astype(float)


def _group_max(S_coo: Any, sent_of_tok: np.ndarray, n_sent: int, K: int) -> Any:
    """(K, n_sent) sparse: max strength of each key among each sentence's tokens."""
    from scipy import sparse

    if S_coo.nnz == 0:
        return sparse.csr_matrix((K, n_sent))
    keys = S_coo.col.astype(np.int64)
    sents = sent_of_tok[S_coo.row]
    flat = keys * n_sent + sents
    uniq, inv = np.unique(flat, return_inverse=True)
    vals = np.zeros(uniq.size)
    np.maximum.at(vals, inv, S_coo.data)
    return sparse.csr_matrix((vals, (uniq // n_sent, uniq % n_sent)), shape=(K, n_sent))
