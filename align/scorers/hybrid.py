"""``hybrid``: lexical and neural evidence in one similarity.

``sim = weight * lexical + (1 - weight) * neural`` per bead, both in [0, 1]; the neural part
is the ``embed`` or ``mt`` scorer. The lexical side keeps its lexicon, numbers and names
(which embeddings blur), the neural side its paraphrase knowledge.

The pair is its own kind of evidence (``hybrid``), with cost profiles of its own
(:mod:`align.aligner.costs`). It keeps everything the lexical side can do: the IBM Model 1
second pass for language pairs without a lexicon (``bootstrap``), coverage for free mode,
per-sentence skip weights; band anchors come from both sides. The default weight is the
one fitted on the tuning splits (``DEFAULT_WEIGHT``); the signature records the weight used.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from align.scorers.base import PreparedPair, Scorer
from align.types import Document

DEFAULT_WEIGHT = 0.5
"""Fitted with ``python -m benchmarks.tune --scorer hybrid@use-m3 --weight ...`` (runs
embedded whole): Text+Berg dev strict F1 0.869 / 0.889 / 0.904 at weights 0.3 / 0.4 / 0.5;
NTREX tune summaries best at 0.55 (0.4 / 0.55 / 0.7 tried), 0.5 within 0.002 of it."""


class HybridPair(PreparedPair):
    """``evidence`` is ``hybrid/<lexical side's evidence>/<model>``."""

    def __init__(self, lex: PreparedPair, neural: PreparedPair, weight: float, model: str) -> None:
        self.lex, self.neural, self.w, self.model = lex, neural, weight, model
        self.n_src, self.n_tgt = lex.n_src, lex.n_tgt
        self.evidence = f"hybrid/{lex.evidence}/{model}"
        self.learned = lex.learned

    def score_blocks(self, src_start: np.ndarray, src_len: int, tgt_start: np.ndarray,
                     tgt_len: int) -> np.ndarray:
        return (self.w * self.lex.score_blocks(src_start, src_len, tgt_start, tgt_len)
                + (1 - self.w) * self.neural.score_blocks(src_start, src_len, tgt_start, tgt_len))

    def score_sets(self, src_ids: Sequence[int], tgt_ids: Sequence[int]) -> float:
        return (self.w * self.lex.score_sets(src_ids, tgt_ids)
                + (1 - self.w) * self.neural.score_sets(src_ids, tgt_ids))

    def sentence_matrix(self) -> np.ndarray:
        return self.w * self.lex.sentence_matrix() + (1 - self.w) * self.neural.sentence_matrix()

    def target_coverage(self, src_ids: Sequence[int], tgt_id: int) -> float | None:
        return self.lex.target_coverage(src_ids, tgt_id)

    def coarse(self, group: int, s0: int, s1: int, t0: int, t1: int) -> PreparedPair | None:
        """The lexical side's coarse pair: the band is placed by lexical evidence alone."""
        return self.lex.coarse(group, s0, s1, t0, t1)

    def restrict(self, lo: np.ndarray, hi: np.ndarray) -> None:
        self.lex.restrict(lo, hi)
        self.neural.restrict(lo, hi)

    def skip_weights(self) -> tuple[np.ndarray, np.ndarray]:
        return self.lex.skip_weights()

    def anchor_candidates(self) -> np.ndarray:
        parts = [c for c in (self.lex.anchor_candidates(), self.neural.anchor_candidates()) if len(c)]
        return np.concatenate(parts) if parts else np.zeros((0, 3))

    def bootstrap(self, links: Sequence[tuple[Sequence[int], Sequence[int]]]) -> PreparedPair | None:
        refined = self.lex.bootstrap(links)
        return None if refined is None else HybridPair(refined, self.neural, self.w, self.model)

    def gloss(self) -> list[str] | None:
        return self.neural.gloss()


class HybridScorer(Scorer):
    """Lexical evidence and a sentence encoder's similarity, mixed with a fitted weight."""

    name = "hybrid.v1"

    def __init__(self, neural: str | Scorer = "embed", weight: float = DEFAULT_WEIGHT,
                 lexicons: Sequence[str] | None = None, **neural_kw: Any) -> None:
        from align.scorers import get_scorer

        if not 0.0 <= weight <= 1.0:
            raise ValueError(f"hybrid weight must be in [0, 1] (got {weight})")
        self.lexical = get_scorer("lexical", **({"lexicons": lexicons} if lexicons else {}))
        self.neural = get_scorer(neural, **neural_kw) if isinstance(neural, str) else neural
        self.weight = weight
        self.model = getattr(self.neural, "model", "none")

    def prepare(self, src: Document, tgt: Document) -> HybridPair:
        return HybridPair(self.lexical.prepare(src, tgt), self.neural.prepare(src, tgt),
                          self.weight, self.model)

    def params(self) -> dict[str, Any]:
        return {"weight": self.weight, "neural": self.neural.name,
                **{f"lex_{k}": v for k, v in self.lexical.params().items()},
                **{f"nn_{k}": v for k, v in self.neural.params().items()}}
