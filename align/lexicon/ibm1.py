"""IBM Model 1 (Brown et al., 1993) trained by EM, vectorised with numpy, both directions.

Input is a sequence of sentence pairs, each a pair of token lists already in the shared normal
form (`align.text.normalize.content_tokens`). A NULL word is added to the conditioning side of
every sentence, as in the original model, so target words with no counterpart do not force
a translation onto some real source word.

Vectorisation: every (sentence, source position, target position) triple becomes one row of
flat int arrays; the E-step is ``t[pair] / bincount(row -> target occurrence)`` and the M-step
two ``bincount`` calls, so one iteration over 14k short sentence pairs takes milliseconds.
Memory is O(sum over pairs of (|f| + 1) * |e|), about 0.5 M rows for Tatoeba.

Extraction (`extract_pairs`): a pair (f, e) is kept when both directions agree, i.e.
``p(e|f) >= min_prob`` **and** ``p(f|e) >= min_prob`` (the intersection heuristic of phrase
extraction applied to word translation tables), the pair co-occurs in at least ``min_count``
sentence pairs, and each word occurs at least ``min_count`` times. Its weight is the geometric
mean ``sqrt(p(e|f) * p(f|e))`` in (0, 1].
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

NULL = "<NULL>"
"""The empty word added to the conditioning side; never appears in extracted pairs."""


@dataclass(frozen=True)
class TranslationTable:
    """Sparse p(target word | source word) over co-occurring pairs, from `train_ibm1`.

    ``pair_src[k]``, ``pair_tgt[k]`` (int64, shape (n_pairs,), 0-based indices into
    ``src_vocab`` / ``tgt_vocab``) and ``prob[k]`` (float64) list every pair that co-occurred
    in some sentence pair; ``src_vocab[0]`` is `NULL`. ``cooc[k]`` counts the sentence pairs
    in which pair k co-occurs; ``src_freq`` / ``tgt_freq`` count sentence pairs containing
    each word.
    """

    src_vocab: tuple[str, ...]
    tgt_vocab: tuple[str, ...]
    pair_src: np.ndarray
    pair_tgt: np.ndarray
    prob: np.ndarray
    cooc: np.ndarray
    src_freq: np.ndarray
    tgt_freq: np.ndarray

    def as_dict(self) -> dict[tuple[str, str], float]:
        """``{(source word, target word): p(target | source)}``, NULL included."""
        sv, tv = self.src_vocab, self.tgt_vocab
        return {(sv[f], tv[e]): float(p)
                for f, e, p in zip(self.pair_src.tolist(), self.pair_tgt.tolist(), self.prob)}


def _index(sents: Sequence[Sequence[str]], vocab: dict[str, int]) -> list[np.ndarray]:
    return [np.fromiter((vocab.setdefault(w, len(vocab)) for w in s), np.int64, len(s))
            for s in sents]


def train_ibm1(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]], iterations: int = 5
) -> TranslationTable:
    """Train p(e|f) with f the first and e the second element of each pair.

    Pairs with an empty side are skipped. The table starts uniform over co-occurring pairs
    (which makes the first E-step a co-occurrence count) and runs *iterations* EM steps.
    """
    src_vocab: dict[str, int] = {NULL: 0}
    tgt_vocab: dict[str, int] = {}
    kept = [(f, e) for f, e in pairs if len(f) and len(e)]
    fs = _index([f for f, _ in kept], src_vocab)
    es = _index([e for _, e in kept], tgt_vocab)
    n_f, n_e = len(src_vocab), max(len(tgt_vocab), 1)

    # One row per (sentence, source position incl. NULL, target position).
    rows_f, rows_e, rows_occ, rows_sent = [], [], [], []
    occ = 0
    for s, (f, e) in enumerate(zip(fs, es)):
        f_null = np.concatenate(([0], f))
        rows_f.append(np.repeat(f_null, len(e)))
        rows_e.append(np.tile(e, len(f_null)))
        rows_occ.append(np.tile(np.arange(occ, occ + len(e)), len(f_null)))
        rows_sent.append(np.full(len(f_null) * len(e), s, np.int64))
        occ += len(e)
    empty = np.zeros(0, np.int64)
    rf = np.concatenate(rows_f) if rows_f else empty
    re_ = np.concatenate(rows_e) if rows_e else empty
    ro = np.concatenate(rows_occ) if rows_occ else empty
    rs = np.concatenate(rows_sent) if rows_sent else empty

    key = rf * n_e + re_
    uniq, row_pair = np.unique(key, return_inverse=True)
    pair_src, pair_tgt = uniq // n_e, uniq % n_e
    prob = np.ones(len(uniq))
    for _ in range(iterations):
        t_row = prob[row_pair]
        denom = np.bincount(ro, weights=t_row, minlength=occ)
        post = t_row / denom[ro]
        count = np.bincount(row_pair, weights=post, minlength=len(uniq))
        total = np.bincount(pair_src, weights=count, minlength=n_f)
        prob = count / np.where(total[pair_src] > 0, total[pair_src], 1.0)

    # Sentence-level co-occurrence and frequencies (each counted once per sentence pair).
    sent_pair = np.unique(rs * len(uniq) + row_pair) % max(len(uniq), 1)
    cooc = np.bincount(sent_pair, minlength=len(uniq)).astype(np.int64)
    src_freq = np.zeros(n_f, np.int64)
    for f in fs:
        src_freq[np.unique(f)] += 1
    src_freq[0] = len(fs)
    tgt_freq = np.zeros(n_e, np.int64)
    for e in es:
        tgt_freq[np.unique(e)] += 1
    return TranslationTable(tuple(src_vocab), tuple(tgt_vocab), pair_src, pair_tgt, prob,
                            cooc, src_freq, tgt_freq)


@dataclass(frozen=True)
class LearnedPair:
    """One extracted translation pair with its two conditional probabilities."""

    src: str
    tgt: str
    weight: float  # sqrt(p_tgt_given_src * p_src_given_tgt)
    p_tgt_given_src: float
    p_src_given_tgt: float
    cooc: int  # sentence pairs in which both occur


def extract_pairs(
    forward: TranslationTable,
    backward: TranslationTable,
    min_prob: float = 0.2,
    min_count: int = 2,
) -> list[LearnedPair]:
    """Intersect a p(e|f) table (*forward*) with a p(f|e) table (*backward*); see module doc.

    Returns pairs sorted by source word, then decreasing weight.
    """
    back = backward.as_dict()
    sv, tv = forward.src_vocab, forward.tgt_vocab
    keep = ((forward.prob >= min_prob) & (forward.cooc >= min_count)
            & (forward.src_freq[forward.pair_src] >= min_count)
            & (forward.tgt_freq[forward.pair_tgt] >= min_count) & (forward.pair_src != 0))
    out: list[LearnedPair] = []
    for k in np.flatnonzero(keep).tolist():
        f, e = sv[forward.pair_src[k]], tv[forward.pair_tgt[k]]
        p_fe = back.get((e, f), 0.0)
        if p_fe < min_prob:
            continue
        p_ef = float(forward.prob[k])
        out.append(LearnedPair(f, e, float(np.sqrt(p_ef * p_fe)), p_ef, p_fe,
                               int(forward.cooc[k])))
    out.sort(key=lambda p: (p.src, -p.weight, p.tgt))
    return out


def learn_pairs(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]],
    iterations: int = 5,
    min_prob: float = 0.2,
    min_count: int = 2,
) -> list[LearnedPair]:
    """Train both directions on *pairs* and return the intersected pairs (`extract_pairs`)."""
    forward = train_ibm1(pairs, iterations)
    backward = train_ibm1([(e, f) for f, e in pairs], iterations)
    return extract_pairs(forward, backward, min_prob, min_count)
