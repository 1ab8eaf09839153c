"""``gale-church``: the classic length-only baseline (Gale & Church 1993).

Similarity of a bead is the two-sided tail probability of its length discrepancy
(``align.scorers.length``), with ``c`` the document pair's character ratio. The aligner
costs it Gale & Church's way (``-log`` probabilities with their bead priors). Kept for
comparison in benchmarks.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from align.scorers.base import PreparedPair, Scorer
from align.scorers.length import S2, length_prob
from align.types import Document


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
        return length_prob(l1, l2, self.c, self.s2)

    def score_sets(self, src_ids: Sequence[int], tgt_ids: Sequence[int]) -> float:
        l1 = sum(self.cs[i + 1] - self.cs[i] for i in src_ids)
        l2 = sum(self.ct[j + 1] - self.ct[j] for j in tgt_ids)
        return float(length_prob(np.array([l1]), np.array([l2]), self.c, self.s2)[0])


class GaleChurchScorer(Scorer):
    """Sentence lengths only (Gale & Church 1993): for texts with no shared words at all."""

    name = "gale-church.v1"

    def __init__(self, s2: float = S2) -> None:
        self.s2 = s2

    def prepare(self, src: Document, tgt: Document) -> PreparedPair:
        return _GCPair(src, tgt, self.s2)

    def params(self) -> dict[str, Any]:
        return {"s2": self.s2}
