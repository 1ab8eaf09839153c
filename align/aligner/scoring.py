"""The one rule that turns a bead into a score: used by the aligner and by the review
store when an edit changes beads (:mod:`align.store.edit.refresh`), so a bead scores the same
whoever asks.

A link bead's score is its calibrated similarity (``multi`` for n:m beads). A null bead's
score is the calibrated "no counterpart" probability given its best alternative: the
highest 1:1 similarity of its sentence to the other side's sentences near where it would
sit (all of them when the other side has at most ``4 * NULL_WINDOW`` sentences). The
calibration is the one the signature names (:func:`calibration_for`).
"""
from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np

from align.aligner.calibrate import Calibration, fitted, for_evidence
from align.scorers.base import PreparedPair

NULL_WINDOW = 20
"""Sentences each side of a null bead's position that can be its best alternative."""

RawBead = tuple[tuple[int, ...], tuple[int, ...], float]
"""Source ids, target ids, and the link's similarity (NaN: not measured yet)."""


def calibration_for(params: Mapping[str, Any], evidence: str, mode: str) -> Calibration:
    """The calibration a signature's params name (``calib``), else the one fitted for the
    evidence and mode."""
    name = str(params.get("calib", ""))
    key = name.partition(":")[2]
    found = fitted().get(key)
    if found is not None and found.name == name:
        return found
    return for_evidence(evidence, mode)


def null_alternative(pp: PreparedPair, side: str, idx: int, near: int) -> float:
    """Best 1:1 similarity of sentence ``idx`` of ``side`` to the other side near ``near``."""
    other = pp.n_tgt if side == "src" else pp.n_src
    if other == 0:
        return 0.0
    lo, hi = ((0, other) if other <= 4 * NULL_WINDOW
              else (max(0, near - NULL_WINDOW), min(other, near + NULL_WINDOW)))
    ks = np.arange(lo, hi, dtype=np.int64)
    fixed = np.full(ks.size, idx, np.int64)
    sims = pp.score_blocks(fixed, 1, ks, 1) if side == "src" else pp.score_blocks(ks, 1, fixed, 1)
    return float(sims.max(initial=0.0))


def bead_scores(pp: PreparedPair, calibration: Calibration, raw: Sequence[RawBead],
                doc: float | None, only: Collection[int] | None = None) -> list[float]:
    """The score of every bead of ``raw``, in order (see the module docstring); with
    ``only`` (positions in ``raw``), just those, NaN for the rest."""
    n, m = pp.n_src, pp.n_tgt
    tgt_pos = {j: min(s) for s, t, _ in raw if s for j in t}
    out: list[float] = []
    for k, (s, t, sim) in enumerate(raw):
        if only is not None and k not in only:
            out.append(math.nan)
        elif s and t:
            if math.isnan(sim):
                sim = pp.score_sets(s, t)
            out.append(calibration.link(sim, len(s) + len(t) > 2, doc))
        elif s:
            near = int(s[0] * m / max(n, 1))
            out.append(calibration.null(null_alternative(pp, "src", s[0], near), doc))
        else:
            near = tgt_pos.get(t[0] - 1, int(t[0] * n / max(m, 1)))
            out.append(calibration.null(null_alternative(pp, "tgt", t[0], near), doc))
    return out
