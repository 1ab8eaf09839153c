"""The scorer contract: prepare a document pair once, then score many candidate beads.

A scorer turns two documents into a :class:`PreparedPair`; the aligner asks it for
the similarity of contiguous beads in batches (vectorised over start positions) and,
in free mode, of arbitrary sets of sentences. Similarities are in [0, 1], higher is
more similar; they are *not* yet calibrated probabilities (the aligner does that).
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from align.types import Document


class PreparedPair(ABC):
    """Per-pair state (features, embeddings, caches) for one source/target document."""

    n_src: int
    n_tgt: int
    # What the similarities rest on; the aligner picks cost constants tuned for it:
    # "lexicon" (word translations), "surface" (identical words, cognates, numbers,
    # length), "length" (length only).
    evidence: str = "lexicon"
    learned: int = 0
    """Word pairs the scorer learned from the input itself (``meta.learned_pairs``)."""

    def gloss(self) -> list[str] | None:
        """A machine translation of every source sentence, for reviewers (``meta.gloss``),
        or None. Default: none."""
        return None

    @abstractmethod
    def score_blocks(
        self, src_start: np.ndarray, src_len: int, tgt_start: np.ndarray, tgt_len: int
    ) -> np.ndarray:
        """Similarity of beads ``src[s:s+src_len] <-> tgt[t:t+tgt_len]``.

        ``src_start`` and ``tgt_start`` are int64 arrays of shape (k,), 0-based, with every
        block inside its document; returns float64 (k,) in [0, 1].
        """

    def score_sets(self, src_ids: Sequence[int], tgt_ids: Sequence[int]) -> float:
        """Similarity of any (possibly non-adjacent) sets of sentences; default: blocks only."""
        s, t = sorted(src_ids), sorted(tgt_ids)
        if s != list(range(s[0], s[0] + len(s))) or t != list(range(t[0], t[0] + len(t))):
            raise NotImplementedError(f"{type(self).__name__} scores contiguous beads only")
        return float(self.score_blocks(np.array([s[0]]), len(s), np.array([t[0]]), len(t))[0])

    def target_coverage(self, src_ids: Sequence[int], tgt_id: int) -> float | None:
        """Share of target sentence ``tgt_id``'s content found in the source sentences, or
        None when the scorer cannot tell (free mode then grows beads by cost alone)."""
        return None

    def anchor_candidates(self) -> np.ndarray:
        """(k, 3) float64 rows ``[i, j, weight]``: sentence pairs very likely aligned.

        Used to place the search band for large inputs (rare shared words, numbers).
        Default: none, and the band follows the diagonal.
        """
        return np.zeros((0, 3))

    def coarse(self, group: int, s0: int, s1: int, t0: int, t1: int) -> PreparedPair | None:
        """The same pair at a coarser grain, or None when the scorer cannot give one.

        Unit I of the result is source sentences ``s0 + I*group ..`` (at most ``group`` of
        them, not beyond ``s1``); likewise the target from ``t0`` up to ``t1``. The aligner
        aligns the units first and searches the sentences only near that path
        (:mod:`align.aligner.band`). Default: none (the band then follows anchor
        candidates).
        """
        return None

    def restrict(self, lo: np.ndarray, hi: np.ndarray) -> None:
        """Hint: source sentence i will be scored against target columns ``[lo[i], hi[i])``.

        (n_src,) int64 arrays, 0-based. Scorers with per-pair matrices compute only those
        columns (anything outside still scores correctly, more slowly). Default: ignored.
        """

    def skip_weights(self) -> tuple[np.ndarray, np.ndarray]:
        """Per-sentence multipliers of the skip costs, (n_src,) and (n_tgt,) in (0, 1].

        A sentence with no content (OCR debris, a lone dash) is cheap to leave unaligned.
        Default: all ones.
        """
        return np.ones(self.n_src), np.ones(self.n_tgt)

    def bootstrap(self, links: Sequence[tuple[Sequence[int], Sequence[int]]]) -> PreparedPair | None:
        """A refined pair learned from confident links of a first pass, or None.

        Scorers that can learn from the input itself (the lexical scorer's IBM Model 1
        lexicon for language pairs without one) return a new PreparedPair; the aligner
        then runs a second pass with it. Default: nothing to learn.
        """
        return None

    def sentence_matrix(self) -> np.ndarray:
        """(n_src, n_tgt) float64 similarity of every 1:1 pair (dense; small documents)."""
        n, m = self.n_src, self.n_tgt
        if n == 0 or m == 0:
            return np.zeros((n, m))
        ii, jj = np.meshgrid(np.arange(n), np.arange(m), indexing="ij")
        return self.score_blocks(ii.ravel(), 1, jj.ravel(), 1).reshape(n, m)


class Scorer(ABC):
    """A similarity model. Subclasses set ``name`` (a versioned registry name)."""

    name: ClassVar[str]
    model: str = "none"

    @abstractmethod
    def prepare(self, src: Document, tgt: Document) -> PreparedPair:
        """Extract features for one document pair."""

    def params(self) -> dict[str, Any]:
        """Parameters that change results; they go into the alignment's signature."""
        return {}
