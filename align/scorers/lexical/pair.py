"""Bead scoring of the lexical scorer over the match matrices (see ``matrices.py``).

In a bead (I, J) each sentence has a coverage: for i in I,
``cov_i = min(W_i, sum_{j in J} Ms[i, j]) / W_i`` (W_i = its content weight), and likewise
for j in J from ``Mt``. The lexical similarity is the mean coverage over the bead's
sentences, so the aligner's cost ``(a + b) * (1 - sim)`` is the sum of every sentence's
uncovered share: a sentence joins a bead only if it is covered better than its skip cost
says (a weighted Dice over the whole bead let weakly related neighbours ride along). The
final similarity mixes in a Gale-Church length probability:
``sim = LEX_W * lex + (1 - LEX_W) * len_p``. ``Ms`` and ``Mt`` are kept for each source
sentence over its window of target columns (``restrict``: the alignment band), so large
inputs cost what their band costs; beads are scored in batches by
:func:`align.kernels.lex_sims`.
"""
from __future__ import annotations

import copy
import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from align import kernels
from align.measures.matchkeys import TokenKeys
from align.scorers.base import PreparedPair
from align.scorers.length import S2, length_prob
from align.scorers.lexical.matrices import MatchMatrices

BOOTSTRAP_MIN_LINKS = 8  # fewer confident links teach IBM Model 1 nothing reliable
EMPTY_SKIP = 0.3  # skip-cost multiplier of a sentence with no content token (tuned, TB dev)
NEUTRAL = 0.5  # coverage of a sentence with no content token ("Evet.", "—")


class LexicalPair(PreparedPair):
    def __init__(
        self, src_tokens: Sequence[Sequence[TokenKeys]], tgt_tokens: Sequence[Sequence[TokenKeys]],
        src_chars: np.ndarray, tgt_chars: np.ndarray, lex_weight: float, length_ratio: float,
        max_df_share: float = 0.1,
        rebuild: Callable[[Mapping[str, Mapping[str, float]]], LexicalPair] | None = None,
        evidence: str = "lexicon",
    ) -> None:
        self.n_src, self.n_tgt = len(src_tokens), len(tgt_tokens)
        self.learned = 0  # word translations learned from this input (bootstrap)
        self._rebuild = rebuild
        self.evidence = evidence  # "surface" when no lexicon exists for the language pair
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
        self.M = MatchMatrices(src_tokens, tgt_tokens, w_src, w_tgt,
                               _common_keys(tgt_tokens, max_df_share))
        self._store: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None

    def restrict(self, lo: np.ndarray, hi: np.ndarray) -> None:
        self.M.set_windows(lo, hi)
        self._store = None

    def _row_store(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(wlo, whi, roff, Ms, Mt)`` of every source sentence over its window."""
        if self._store is None:
            roff, ms, mt = self.M.ragged()
            self._store = (self.M.lo.copy(), self.M.hi.copy(), roff, ms, mt)
        return self._store

    def _length_p(self, l1: np.ndarray, l2: np.ndarray) -> np.ndarray:
        return length_prob(l1, l2, self.ratio)

    def score_blocks(
        self, src_start: np.ndarray, src_len: int, tgt_start: np.ndarray, tgt_len: int
    ) -> np.ndarray:
        S = np.ascontiguousarray(src_start, np.int64)
        T = np.ascontiguousarray(tgt_start, np.int64)
        out = np.empty(S.size)
        if S.size == 0:
            return out
        wlo, whi, roff, ms, mt = self._row_store()
        inside = np.ones(S.size, bool)
        for k in range(src_len):
            inside &= (T >= wlo[S + k]) & (T + tgt_len <= whi[S + k])
        if inside.all():
            self._sims(S, src_len, T, tgt_len, wlo, roff, ms, mt, out)
            return out
        at = np.flatnonzero(inside)
        part = np.empty(at.size)
        self._sims(S[at], src_len, T[at], tgt_len, wlo, roff, ms, mt, part)
        out[at] = part
        # Beads outside the windows (null-bead alternatives, free mode): a store of their
        # own for just the cells they need.
        away = np.flatnonzero(~inside)
        rs = np.concatenate([S[away] + k for k in range(src_len)])
        rows, inv = np.unique(rs, return_inverse=True)
        lo = np.full(rows.size, self.n_tgt, np.int64)
        hi = np.zeros(rows.size, np.int64)
        np.minimum.at(lo, inv, np.tile(T[away], src_len))
        np.maximum.at(hi, inv, np.tile(T[away] + tgt_len, src_len))
        roff_r, ms, mt = self.M.ragged(rows, lo, hi)
        wlo, roff = np.zeros(self.n_src, np.int64), np.zeros(self.n_src, np.int64)
        wlo[rows], roff[rows] = lo, roff_r
        part = np.empty(away.size)
        self._sims(S[away], src_len, T[away], tgt_len, wlo, roff, ms, mt, part)
        out[away] = part
        return out

    def _sims(self, S: np.ndarray, a: int, T: np.ndarray, b: int, wlo: np.ndarray,
              roff: np.ndarray, ms: np.ndarray, mt: np.ndarray, out: np.ndarray) -> None:
        kernels.lex_sims(S, T, a, b, wlo, roff, ms, mt, self.W_src, self.W_tgt, self.cs,
                         self.ct, self.ratio, self.lex_weight, S2, NEUTRAL, out)

    def _cov(self, matched: np.ndarray, weight: np.ndarray) -> np.ndarray:
        """Share of each sentence's content weight that is matched; NEUTRAL if it has none."""
        return kernels.reference.coverage(matched, weight, NEUTRAL)

    def score_sets(self, src_ids: Sequence[int], tgt_ids: Sequence[int]) -> float:
        src_ids, tgt_ids = sorted(src_ids), sorted(tgt_ids)
        ms, mt = self.M.sets(src_ids, tgt_ids)
        cov = self._cov(ms.sum(1), self.W_src[src_ids]).sum()
        cov += self._cov(mt.sum(0), self.W_tgt[tgt_ids]).sum()
        lex = cov / (len(src_ids) + len(tgt_ids))
        l1 = np.array([sum(self.cs[i + 1] - self.cs[i] for i in src_ids)])
        l2 = np.array([sum(self.ct[j + 1] - self.ct[j] for j in tgt_ids)])
        return float(self.lex_weight * lex + (1 - self.lex_weight) * self._length_p(l1, l2)[0])

    def target_coverage(self, src_ids: Sequence[int], tgt_id: int) -> float:
        _, mt = self.M.sets(sorted(src_ids), [tgt_id])
        return float(self._cov(mt.sum(0), self.W_tgt[[tgt_id]])[0])

    def coarse(self, group: int, s0: int, s1: int, t0: int, t1: int) -> LexicalPair:
        """This pair over units of ``group`` consecutive sentences (see ``PreparedPair``)."""
        out = copy.copy(self)
        out.M = self.M.coarse(group, s0, s1, t0, t1)
        out.n_src, out.n_tgt = out.M.n, out.M.m
        out._store, out._rebuild, out.learned = None, None, 0
        ends_s = np.minimum(s0 + group * np.arange(out.n_src + 1), s1)
        ends_t = np.minimum(t0 + group * np.arange(out.n_tgt + 1), t1)
        out.cs, out.ct = self.cs[ends_s], self.ct[ends_t]
        w_s = np.concatenate([[0.0], np.cumsum(self.W_src)])
        w_t = np.concatenate([[0.0], np.cumsum(self.W_tgt)])
        out.W_src, out.W_tgt = np.diff(w_s[ends_s]), np.diff(w_t[ends_t])
        return out

    def anchor_candidates(self) -> np.ndarray:
        """Sentence pairs sharing words or numbers rare on both sides (see MatchMatrices)."""
        return self.M.anchor_pairs()

    def skip_weights(self) -> tuple[np.ndarray, np.ndarray]:
        """Sentences without content tokens are cheap to skip (``EMPTY_SKIP``)."""
        return (np.where(self.W_src > 0, 1.0, EMPTY_SKIP),
                np.where(self.W_tgt > 0, 1.0, EMPTY_SKIP))

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
        refined.learned = sum(len(v) for v in table.values())
        return refined


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
