"""Per-pair matrices of the lexical scorer and vectorised bead scoring.

For source sentence i and target sentence j (0-based):

- ``Ms[i, j]`` = sum over tokens t of i of ``w_t * match(t, j)``: the weight of i's
  content that j renders; ``match`` in [0, 1] is the best key shared with j's tokens
  (sum of shared key strengths, clipped at 1).
- ``Mt[i, j]`` = the same from the target side: weight of j's content found in i.

In a bead (I, J) each sentence has a coverage: for i in I,
``cov_i = min(W_i, sum_{j in J} Ms[i, j]) / W_i`` (W_i = its content weight), and likewise
for j in J from ``Mt``. The lexical similarity is the mean coverage over the bead's
sentences, so the aligner's cost ``(a + b) * (1 - sim)`` is the sum of every sentence's
uncovered share: a sentence joins a bead only if it is covered better than its skip cost
says (a weighted Dice over the whole bead let weakly related neighbours ride along). The
final similarity mixes in a Gale-Church length probability:
``sim = LEX_W * lex + (1 - LEX_W) * len_p``.
``Ms`` and ``Mt`` are sparse (n_src, n_tgt) CSR float64; dense rows are cached because the
DP walks the source side row by row.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

import numpy as np

from align.scorers.base import PreparedPair
from align.scorers.lexical.features import TokenKeys

S2 = 6.8  # Gale & Church variance per character
BOOTSTRAP_MIN_LINKS = 8  # fewer confident links teach IBM Model 1 nothing reliable
NEUTRAL = 0.5  # coverage of a sentence with no content token ("Evet.", "—")


def _erfc_half(x: np.ndarray) -> np.ndarray:
    """2 * (1 - Phi(|x|)) for an array, via math.erfc (no scipy.special needed)."""
    flat = np.abs(np.asarray(x, float)).ravel()
    out = np.fromiter((math.erfc(v / math.sqrt(2.0)) for v in flat), float, flat.size)
    return out.reshape(np.shape(x))


class LexicalPair(PreparedPair):
    def __init__(
        self, src_tokens: Sequence[Sequence[TokenKeys]], tgt_tokens: Sequence[Sequence[TokenKeys]],
        src_chars: np.ndarray, tgt_chars: np.ndarray, lex_weight: float, length_ratio: float,
        max_df_share: float = 0.1,
        rebuild: Callable[[Mapping[str, Mapping[str, float]]], LexicalPair] | None = None,
    ) -> None:
        from scipy import sparse

        self.n_src, self.n_tgt = len(src_tokens), len(tgt_tokens)
        self._rebuild = rebuild
        if rebuild is not None:  # no lexicon for this language pair (yet)
            self.evidence = "surface"
        self._idents = ([[t.ident for t in s if not t.is_number] for s in src_tokens],
                        [[t.ident for t in s if not t.is_number] for s in tgt_tokens])
        self.lex_weight = lex_weight
        self.ratio = length_ratio
        self.cs = np.concatenate([[0.0], np.cumsum(src_chars, dtype=float)])
        self.ct = np.concatenate([[0.0], np.cumsum(tgt_chars, dtype=float)])
        w_src = _idf_weights(src_tokens)
        w_tgt = _idf_weights(tgt_tokens)
        self.W_src = np.array([sum(w) for w in w_src], float)
        self.W_tgt = np.array([sum(w) for w in w_tgt], float)

        vocab: dict[str, int] = {}
        common = _common_keys(tgt_tokens, max_df_share)

        def kid(k: str) -> int:
            return vocab.setdefault(k, len(vocab))

        # Source tokens x keys (strengths), target tokens x keys (binary).
        s_rows, s_cols, s_vals, s_sent, s_w = [], [], [], [], []
        tok = 0
        for i, sent in enumerate(src_tokens):
            for t, w in zip(sent, w_src[i]):
                for k, v in t.keys.items():
                    if k not in common:
                        s_rows.append(tok), s_cols.append(kid(k)), s_vals.append(v)
                s_sent.append(i), s_w.append(w)
                tok += 1
        n_stok = tok
        t_rows, t_cols, t_sent, t_w = [], [], [], []
        tok = 0
        for j, sent in enumerate(tgt_tokens):
            for t, w in zip(sent, w_tgt[j]):
                for k in t.keys:
                    if k not in common:
                        t_rows.append(tok), t_cols.append(kid(k))
                t_sent.append(j), t_w.append(w)
                tok += 1
        n_ttok, K = tok, max(len(vocab), 1)
        S = sparse.csr_matrix((s_vals, (s_rows, s_cols)), shape=(n_stok, K))
        T = sparse.csr_matrix((np.ones(len(t_rows)), (t_rows, t_cols)), shape=(n_ttok, K))
        T.data[:] = 1.0  # duplicates summed by the constructor
        A_src = sparse.csr_matrix((s_w, (s_sent, np.arange(n_stok))), shape=(self.n_src, n_stok))
        A_tgt = sparse.csr_matrix((t_w, (t_sent, np.arange(n_ttok))), shape=(self.n_tgt, n_ttok))
        # key presence per target sentence (binary) and best strength per source sentence
        key_in_tgt = (A_tgt.astype(bool).astype(float) @ T).T.tocsr()  # (K, n_tgt)
        key_in_tgt.data[:] = 1.0
        S_max = _rowgroup_max(S.tocoo(), np.array(s_sent, np.int64), self.n_src, K)  # (K, n_src)
        tok_tgt = S @ key_in_tgt  # (src tokens, n_tgt): summed strengths
        tok_tgt.data = np.minimum(tok_tgt.data, 1.0)
        self.Ms = (A_src @ tok_tgt).tocsr()
        tok_src = T @ S_max  # (tgt tokens, n_src)
        tok_src.data = np.minimum(tok_src.data, 1.0)
        self.Mt = (A_tgt @ tok_src).T.tocsr()
        self._row = lru_cache(maxsize=16)(self._dense_rows)

    def _dense_rows(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        return self.Ms[i].toarray().ravel(), self.Mt[i].toarray().ravel()

    def _length_p(self, l1: np.ndarray, l2: np.ndarray) -> np.ndarray:
        mean = np.maximum((l1 + l2 / self.ratio) / 2.0, 1.0)
        return _erfc_half((l2 - l1 * self.ratio) / np.sqrt(S2 * mean))

    def score_blocks(
        self, src_start: np.ndarray, src_len: int, tgt_start: np.ndarray, tgt_len: int
    ) -> np.ndarray:
        src_start = np.asarray(src_start, np.int64)
        tgt_start = np.asarray(tgt_start, np.int64)
        out = np.empty(src_start.size)
        for s in np.unique(src_start):
            sel = np.nonzero(src_start == s)[0]
            out[sel] = self._score_row(int(s), src_len, tgt_start[sel], tgt_len)
        return out

    def _cov(self, matched: np.ndarray, weight: np.ndarray) -> np.ndarray:
        """Share of each sentence's content weight that is matched; NEUTRAL if it has none."""
        return np.where(weight > 0, np.minimum(matched, weight) / np.maximum(weight, 1e-9),
                        NEUTRAL)

    def _score_row(self, s: int, a: int, js: np.ndarray, b: int) -> np.ndarray:
        m = self.n_tgt
        cov_sum = np.zeros(js.size)
        mt_sum = np.zeros(m)
        for k in range(a):
            ms_row, mt_row = self._row(s + k)
            cs = np.concatenate([[0.0], np.cumsum(ms_row)])
            cov_sum += self._cov(cs[js + b] - cs[js], np.full(js.size, self.W_src[s + k]))
            mt_sum += mt_row
        ct = np.concatenate([[0.0], np.cumsum(self._cov(mt_sum, self.W_tgt))])
        cov_sum += ct[js + b] - ct[js]
        lex = cov_sum / (a + b)
        l1 = self.cs[s + a] - self.cs[s]
        l2 = self.ct[js + b] - self.ct[js]
        return self.lex_weight * lex + (1.0 - self.lex_weight) * self._length_p(l1, l2)

    def score_sets(self, src_ids: Sequence[int], tgt_ids: Sequence[int]) -> float:
        src_ids, tgt_ids = sorted(src_ids), sorted(tgt_ids)
        ms = self.Ms[src_ids][:, tgt_ids].toarray()
        mt = self.Mt[src_ids][:, tgt_ids].toarray()
        cov = self._cov(ms.sum(1), self.W_src[src_ids]).sum()
        cov += self._cov(mt.sum(0), self.W_tgt[tgt_ids]).sum()
        lex = cov / (len(src_ids) + len(tgt_ids))
        l1 = np.array([sum(self.cs[i + 1] - self.cs[i] for i in src_ids)])
        l2 = np.array([sum(self.ct[j + 1] - self.ct[j] for j in tgt_ids)])
        return float(self.lex_weight * lex + (1 - self.lex_weight) * self._length_p(l1, l2)[0])

    def bootstrap(self, links: Sequence[tuple[Sequence[int], Sequence[int]]]) -> LexicalPair | None:
        """Learn word translations from ``links`` with IBM Model 1 and rebuild the matrices.

        Only when the scorer was built with a rebuild hook (no lexicon for this language
        pair). Words are the normalised stems (``w:`` idents); a learned pair needs
        p(e|f) and p(f|e) >= 0.2 and 2 co-occurrences (see ``align.lexicon.ibm1``).
        """
        if self._rebuild is None or len(links) < BOOTSTRAP_MIN_LINKS:
            return None
        from align.lexicon.ibm1 import learn_pairs

        src_ids, tgt_ids = self._idents
        pairs = [([w[2:] for i in s for w in src_ids[i]], [w[2:] for j in t for w in tgt_ids[j]])
                 for s, t in links]
        learned = learn_pairs([p for p in pairs if p[0] and p[1]], iterations=5, min_prob=0.2,
                              min_count=2)
        table: dict[str, dict[str, float]] = {}
        for lp in learned:
            if lp.src != lp.tgt:  # identical words already match on their own key
                table.setdefault(lp.src, {})[lp.tgt] = lp.weight
        if not table:
            return None
        refined = self._rebuild(table)
        refined.evidence = self.evidence  # learned from the input: still surface evidence
        return refined

    def sentence_matrix(self) -> np.ndarray:
        out = np.empty((self.n_src, self.n_tgt))
        js = np.arange(self.n_tgt, dtype=np.int64)
        for i in range(self.n_src):
            out[i] = self._score_row(i, 1, js, 1)
        return out

    def anchor_candidates(self) -> np.ndarray:
        """Sentence pairs whose lexical similarity alone is high (top match of each row)."""
        rows = []
        Ms = self.Ms.tocsr()
        for i in range(self.n_src):
            lo, hi = Ms.indptr[i], Ms.indptr[i + 1]
            if hi == lo or self.W_src[i] == 0:
                continue
            k = lo + int(np.argmax(Ms.data[lo:hi]))
            j = int(Ms.indices[k])
            cover = Ms.data[k] / self.W_src[i]
            if cover >= 0.5:
                rows.append((i, j, cover))
        return np.array(rows, float).reshape(-1, 3)


def _idf_weights(tokens: Sequence[Sequence[TokenKeys]]) -> list[list[float]]:
    """Per token ``log(1 + N / df)`` over the side's sentences; numbers x1.5."""
    n = max(len(tokens), 1)
    df: dict[str, int] = {}
    for sent in tokens:
        for ident in {t.ident for t in sent}:
            df[ident] = df.get(ident, 0) + 1
    return [[math.log(1.0 + n / df[t.ident]) * (1.5 if t.is_number else 1.0) for t in sent]
            for sent in tokens]


def _common_keys(tgt_tokens: Sequence[Sequence[TokenKeys]], share: float) -> set[str]:
    """Non-number keys in more than ``share`` of target sentences of a long document."""
    m = len(tgt_tokens)
    if m < 200:
        return set()
    df: dict[str, int] = {}
    for sent in tgt_tokens:
        for k in {k for t in sent for k in t.keys}:
            df[k] = df.get(k, 0) + 1
    return {k for k, c in df.items() if c > share * m and not k.startswith("n:")}


def _rowgroup_max(S_coo, sent_of_tok: np.ndarray, n_sent: int, K: int):  # type: ignore[no-untyped-def]
    """(K, n_sent) CSR: max strength of each key among each source sentence's tokens."""
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
