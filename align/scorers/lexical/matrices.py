"""Match matrices of the lexical scorer: dense for small pairs, else sparse and computed
lazily in row chunks.

For source sentence i and target sentence j (0-based):

- ``Ms[i, j]`` = sum over tokens t of i of ``w_t * match(t, j)``: the weight of i's content
  that j renders; ``match`` in [0, 1] is the sum of key strengths t shares with j's
  tokens, clipped at 1.
- ``Mt[i, j]`` = the same from the target side: weight of j's content found in i.

A small pair (``DENSE_ENTRIES``) gets both n x m matrices at once, from numpy sums over its
key entries. For a large one nothing n x m is ever built: rows are computed in chunks of
``CHUNK`` source sentences against the alignment band's window of target columns
(``set_windows``), so time and memory grow with the band. Keys are numbered per process
(:func:`align.measures.matchkeys.key_id`), and :meth:`MatchMatrices.coarse` regroups the
same tokens into units of several sentences for the coarse search.
"""
from __future__ import annotations

import copy
from collections import OrderedDict
from collections.abc import Sequence
from functools import cached_property
from itertools import chain
from typing import Any

import numpy as np

from align.measures.matchkeys import TokenKeys, key_id, word_key_mask

CHUNK = 64
DENSE_ENTRIES = 2_000_000  # key entries x units up to which Ms and Mt are built dense
CACHED_CHUNKS = 4
RARE_DF = 2  # a key in at most this many sentences of each side is an anchor key


class MatchMatrices:
    def __init__(
        self, src_tokens: Sequence[Sequence[TokenKeys]], tgt_tokens: Sequence[Sequence[TokenKeys]],
        w_src: Sequence[Sequence[float]], w_tgt: Sequence[Sequence[float]], common: set[str],
    ) -> None:
        s_ids, s_vals, s_rows = _key_entries(src_tokens)
        t_ids, _, t_rows = _key_entries(tgt_tokens)  # target keys all have strength 1
        if common:
            keep_s = ~np.isin(s_ids, [key_id(k) for k in common])
            keep_t = ~np.isin(t_ids, [key_id(k) for k in common])
            s_ids, s_vals, s_rows = s_ids[keep_s], s_vals[keep_s], s_rows[keep_s]
            t_ids, t_rows = t_ids[keep_t], t_rows[keep_t]
        # Columns: the keys of this pair, numbered locally.
        vocab, cols = np.unique(np.concatenate([s_ids, t_ids]), return_inverse=True)
        s_cols, t_cols = cols[:s_ids.size], cols[s_ids.size:]
        self._n_tok = (sum(map(len, src_tokens)), sum(map(len, tgt_tokens)))
        self._K = max(vocab.size, 1)
        # word and number keys (not cognate keys): the only ones trusted as anchors
        self._word_keys = np.flatnonzero(word_key_mask(vocab)).astype(np.int64)
        self._entries = (s_rows, s_cols, s_vals, t_rows, t_cols)
        self._w_tok = (np.concatenate([np.asarray(w, float) for w in w_src] or [np.zeros(0)]),
                       np.concatenate([np.asarray(w, float) for w in w_tgt] or [np.zeros(0)]))
        self._aggregate(np.repeat(np.arange(len(src_tokens)), [len(x) for x in src_tokens]),
                        np.repeat(np.arange(len(tgt_tokens)), [len(x) for x in tgt_tokens]),
                        len(src_tokens), len(tgt_tokens))

    @cached_property
    def S(self) -> Any:
        """(source tokens, keys) sparse key strengths."""
        from scipy import sparse

        s_rows, s_cols, s_vals, _, _ = self._entries
        return sparse.csr_matrix((s_vals, (s_rows, s_cols)), shape=(self._n_tok[0], self._K))

    @cached_property
    def T(self) -> Any:
        """(target tokens, keys) sparse key presence."""
        from scipy import sparse

        _, _, _, t_rows, t_cols = self._entries
        T = sparse.csr_matrix((np.ones(t_rows.size), (t_rows, t_cols)),
                              shape=(self._n_tok[1], self._K))
        T.data[:] = 1.0  # duplicate (token, key) entries were summed
        return T

    def _aggregate(self, s_sent: np.ndarray, t_sent: np.ndarray, n: int, m: int) -> None:
        """Unit-level state for ``n`` source and ``m`` target units; ``s_sent`` and ``t_sent``
        give each token's unit (-1: left out). Each unit's tokens are contiguous. Small pairs
        get dense Ms and Mt at once; large ones sparse matrices, dense blocks on demand."""
        self.n, self.m = n, m
        self._sent = (s_sent, t_sent)
        self.src_off = _unit_offsets(s_sent, n)
        self.tgt_off = _unit_offsets(t_sent, m)
        self.lo = np.zeros(n, np.int64)
        self.hi = np.full(n, m, np.int64)
        self._chunks: OrderedDict[int, tuple[int, int, np.ndarray, np.ndarray]] = OrderedDict()
        self._full: OrderedDict[int, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._sparse: tuple[Any, Any, Any, Any] | None = None
        self._dense = (self._dense_matrices()
                       if self._entries[0].size * max(m, n) <= DENSE_ENTRIES else None)

    def _dense_matrices(self) -> tuple[np.ndarray, np.ndarray]:
        """(n, m) Ms and Mt computed directly (numpy, no sparse matrices)."""
        s_rows, s_cols, s_vals, t_rows, t_cols = self._entries
        s_sent, t_sent = self._sent
        w_s, w_t = self._w_tok
        n, m, K = self.n, self.m, self._K
        ks = s_sent[s_rows] >= 0
        kt = t_sent[t_rows] >= 0
        s_rows, s_cols, s_vals = s_rows[ks], s_cols[ks], s_vals[ks]
        t_rows, t_cols = t_rows[kt], t_cols[kt]
        key_in_tgt = np.zeros((K, m))
        key_in_tgt[t_cols, t_sent[t_rows]] = 1.0
        key_in_src = np.zeros((K, n))
        np.maximum.at(key_in_src, (s_cols, s_sent[s_rows]), s_vals)
        ms = _unit_sums(_token_sums(s_vals[:, None] * key_in_tgt[s_cols], s_rows), w_s, s_sent,
                        n, m)
        mt = _unit_sums(_token_sums(key_in_src[t_cols], t_rows), w_t, t_sent, m, n)
        return ms, mt.T.copy()

    def _aggregates(self) -> tuple[Any, Any, Any, Any]:
        """Sparse ``(A_src, A_tgt, key_in_tgt, key_in_src)``: per-unit token weights, (K, m)
        key present in a target unit, (K, n) best key strength in a source unit."""
        if self._sparse is None:
            from scipy import sparse

            s_sent, t_sent = self._sent
            ks, kt = np.flatnonzero(s_sent >= 0), np.flatnonzero(t_sent >= 0)
            n_stok, n_ttok = self._n_tok
            A_src = sparse.csr_matrix((self._w_tok[0][ks], (s_sent[ks], ks)),
                                      shape=(self.n, n_stok))
            A_tgt = sparse.csr_matrix((self._w_tok[1][kt], (t_sent[kt], kt)),
                                      shape=(self.m, n_ttok))
            present = (A_tgt.astype(bool).astype(float) @ self.T).T.tocsc()
            present.data[:] = 1.0
            S_in = self.S[ks].tocoo()
            S_in.row = ks[S_in.row]
            key_in_src = _group_max(S_in, s_sent, self.n, self._K).tocsc()
            self._sparse = (A_src, A_tgt, present, key_in_src)
        return self._sparse

    def coarse(self, group: int, s0: int, s1: int, t0: int, t1: int) -> MatchMatrices:
        """The matrices of units of ``group`` consecutive sentences, of source sentences
        ``[s0, s1)`` and target sentences ``[t0, t1)`` only (unit 0 starts at s0 and t0):
        ``Ms[I, J]`` is the weight of unit I's content that unit J renders."""
        out = copy.copy(self)
        s_sent, t_sent = self._sent
        cs = np.where((s_sent >= s0) & (s_sent < s1), (s_sent - s0) // group, -1)
        ct = np.where((t_sent >= t0) & (t_sent < t1), (t_sent - t0) // group, -1)
        out._aggregate(cs, ct, -(-(s1 - s0) // group), -(-(t1 - t0) // group))
        return out

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
        if self._dense is not None:
            return self._dense[0][r0:r1, lo:hi], self._dense[1][r0:r1, lo:hi]
        A_src, A_tgt, key_in_tgt, key_in_src = self._aggregates()
        s0, s1 = self.src_off[r0], self.src_off[r1]
        t0, t1 = self.tgt_off[lo], self.tgt_off[hi]
        tok_tgt = self.S[s0:s1] @ key_in_tgt[:, lo:hi]  # (src tokens, cols)
        tok_tgt.data = np.minimum(tok_tgt.data, 1.0)
        ms = (A_src[r0:r1, s0:s1] @ tok_tgt).toarray()
        tok_src = self.T[t0:t1] @ key_in_src[:, r0:r1]  # (tgt tokens, rows)
        tok_src.data = np.minimum(tok_src.data, 1.0)
        mt = (A_tgt[lo:hi, t0:t1] @ tok_src).toarray().T
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

    def ragged(self, rows: np.ndarray | None = None, wlo: np.ndarray | None = None,
               whi: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(roff, Ms, Mt)``: a ragged row store (see :mod:`align.kernels.reference`) of the
        source sentences ``rows`` (sorted, distinct; default all) over target columns
        ``[wlo[k], whi[k])`` (default: the windows of :meth:`set_windows`); ``roff`` is
        indexed by position in ``rows``. One dense block per ``CHUNK`` source sentences."""
        rows = np.arange(self.n, dtype=np.int64) if rows is None else rows
        wlo = self.lo[rows] if wlo is None else wlo
        whi = self.hi[rows] if whi is None else whi
        roff = np.concatenate([[0], np.cumsum(whi - wlo)]).astype(np.int64)
        ms = np.empty(int(roff[-1]))
        mt = np.empty(int(roff[-1]))
        chunk_of = rows // CHUNK
        cuts = np.flatnonzero(np.diff(chunk_of)) + 1
        for part in np.split(np.arange(rows.size), cuts):
            if part.size == 0:
                continue
            r0, r1 = int(rows[part[0]]), int(rows[part[-1]]) + 1
            lo, hi = int(wlo[part].min()), int(whi[part].max())
            bms, bmt = self._block(r0, r1, lo, hi)
            for k in part.tolist():
                r, a, b = int(rows[k]) - r0, int(wlo[k]) - lo, int(whi[k]) - lo
                ms[roff[k]:roff[k + 1]] = bms[r, a:b]
                mt[roff[k]:roff[k + 1]] = bmt[r, a:b]
        return roff[:-1], ms, mt

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
        A_src, _, key_in_tgt, _ = self._aggregates()
        src_keys = (A_src.astype(bool).astype(float) @ self.S).tocsc()  # (n, K)
        df_s = np.diff((src_keys > 0).astype(float).tocsc().indptr)
        df_t = np.diff(key_in_tgt.tocsr().indptr)
        rare = np.flatnonzero((df_s > 0) & (df_s <= RARE_DF) & (df_t > 0) & (df_t <= RARE_DF))
        rare = np.intersect1d(rare, self._word_keys)
        if rare.size == 0:
            return np.zeros((0, 3))
        pairs = (src_keys[:, rare] @ key_in_tgt[rare, :]).tocoo()
        return np.column_stack([pairs.row, pairs.col, pairs.data]).astype(float)


def _key_entries(tokens: Sequence[Sequence[TokenKeys]]
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (token, key) of a side in order: key numbers, strengths, token positions."""
    flat = [t for sent in tokens for t in sent]
    ids = np.fromiter(chain.from_iterable(t.ids for t in flat), np.int64)
    vals = np.fromiter(chain.from_iterable(t.strengths for t in flat), float)
    return ids, vals, np.repeat(np.arange(len(flat)), [len(t.ids) for t in flat])


def _token_sums(per_entry: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows of ``per_entry`` summed per token (``rows`` sorted), clipped at 1; and the tokens."""
    if rows.size == 0:
        return np.zeros((0, per_entry.shape[1])), rows
    starts = np.flatnonzero(np.concatenate([[True], rows[1:] != rows[:-1]]))
    return np.minimum(np.add.reduceat(per_entry, starts, axis=0), 1.0), rows[starts]


def _unit_sums(sums: tuple[np.ndarray, np.ndarray], w: np.ndarray, unit: np.ndarray, n: int,
               m: int) -> np.ndarray:
    """(n, m): the weighted token rows summed per unit."""
    vals, toks = sums
    out = np.zeros((n, m))
    if toks.size == 0:
        return out
    vals = vals * w[toks][:, None]
    u = unit[toks]
    starts = np.flatnonzero(np.concatenate([[True], u[1:] != u[:-1]]))
    out[u[starts]] = np.add.reduceat(vals, starts, axis=0)
    return out


def _unit_offsets(sent: np.ndarray, n: int) -> np.ndarray:
    """(n + 1,) first token of each unit; the tokens of units 0..n-1 are one contiguous run."""
    inside = np.flatnonzero(sent >= 0)
    if inside.size == 0:
        return np.zeros(n + 1, np.int64)
    a, b = int(inside[0]), int(inside[-1]) + 1
    return (a + np.searchsorted(sent[a:b], np.arange(n + 1), "left")).astype(np.int64)


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
