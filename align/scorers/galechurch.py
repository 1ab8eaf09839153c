"""``gale-church``: the classic length-only baseline (Gale & Church 1993).

Similarity of a bead is the two-sided tail probability of its length discrepancy:
``delta = (l_t - c * l_s) / sqrt(s2 * l_s)``, ``sim = 2 * (1 - Phi(|delta|))`` with
lengths in characters, ``c`` the document pair's character ratio and ``s2 = 6.8``
(the variance Gale & Church estimated). Kept for comparison in benchmarks.
"""
from __future__ import annotations

from math import erf, sqrt
from typing import Any

import numpy as np

from align.scorers.base import PreparedPair, Scorer
from align.types import Document

S2 = 6.8  # Gale & Church (1993), variance per character

_erf = np.vectorize(erf, otypes=[float])


class _GCPair(PreparedPair):
    evidence = "length"
    def __init__(self, src: Document, tgt: Document, s2: float) -> None:
        self.n_src, self.n_tgt = len(src), len(tgt)
        ls = np.array([len(s.text) for s in src.sentences], float)
        lt = np.array([len(s.text) for s in tgt.sentences], float)
        self.cs = np.concatenate([[0.0], np.cumsum(ls)])
        self.ct = np.concatenate([[0.0], np.cumsum(lt)])
        self.c = (lt.sum() / ls.sum()) if ls.sum() and lt.sum() else 1.0
        self.s2 = s2

    def score_blocks(
        self, src_start: np.ndarray, src_len: int, tgt_start: np.ndarray, tgt_len: int
    ) -> np.ndarray:
        l1 = self.cs[src_start + src_len] - self.cs[src_start]
        l2 = self.ct[tgt_start + tgt_len] - self.ct[tgt_start]
        mean = (l1 + l2 / self.c) / 2.0
        delta = (l2 - l1 * self.c) / np.sqrt(self.s2 * np.maximum(mean, 1.0))
        return 1.0 - _erf(np.abs(delta) / sqrt(2.0))

    def score_sets(self, src_ids: Any, tgt_ids: Any) -> float:
        l1 = sum(self.cs[i + 1] - self.cs[i] for i in src_ids)
        l2 = sum(self.ct[j + 1] - self.ct[j] for j in tgt_ids)
        mean = max((l1 + l2 / self.c) / 2.0, 1.0)
        return float(1.0 - erf(abs(l2 - l1 * self.c) / sqrt(self.s2 * mean) / sqrt(2.0)))


class GaleChurchScorer(Scorer):
    name = "gale-church.v1"

    def __init__(self, s2: float = S2) -> None:
        self.s2 = s2

    def prepare(self, src: Document, tgt: Document) -> PreparedPair:
        return _GCPair(src, tgt, self.s2)

    def params(self) -> dict[str, Any]:
        return {"s2": self.s2}
