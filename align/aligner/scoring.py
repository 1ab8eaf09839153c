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


def null_alternatives(pp: PreparedPair, side: str, idx: Sequence[int],
                      near: Sequence[int]) -> np.ndarray:
    """Best 1:1 similarity of each sentence ``idx[k]`` of ``side`` to the other side's
    sentences near ``near[k]`` (one scorer call for all of them)."""
    other = pp.n_tgt if side == "src" else pp.n_src
    if other == 0 or not idx:
        return np.zeros(len(idx))
    if other <= 4 * NULL_WINDOW:
        lo, hi = np.zeros(len(idx), np.int64), np.full(len(idx), other, np.int64)
    else:
        c = np.asarray(near, np.int64)
        lo, hi = np.maximum(c - NULL_WINDOW, 0), np.minimum(c + NULL_WINDOW, other)
    sizes = np.maximum(hi - lo, 0)
    out = np.zeros(len(idx))
    some = np.flatnonzero(sizes)  # no neighbours at all: 0
    if some.size == 0:
        return out
    sizes, lo = sizes[some], lo[some]
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    ks = np.repeat(lo - starts, sizes) + np.arange(int(sizes.sum()))
    fixed = np.repeat(np.asarray(idx, np.int64)[some], sizes)
    sims = pp.score_blocks(fixed, 1, ks, 1) if side == "src" else pp.score_blocks(ks, 1, fixed, 1)
    out[some] = np.maximum(np.maximum.reduceat(sims, starts), 0.0)
    return out


def bead_scores(pp: PreparedPair, calibration: Calibration, raw: Sequence[RawBead],
                doc: float | None, only: Collection[int] | None = None) -> list[float]:
    """The score of every bead of ``raw``, in order (see the module docstring); with
    ``only`` (positions in ``raw``), just those, NaN for the rest."""
    n, m = pp.n_src, pp.n_tgt
    tgt_pos = {j: min(s) for s, t, _ in raw if s for j in t}
    out = [math.nan] * len(raw)
    nulls: dict[str, list[tuple[int, int, int]]] = {"src": [], "tgt": []}  # (k, idx, near)
    for k, (s, t, sim) in enumerate(raw):
        if only is not None and k not in only:
            continue
        if s and t:
            if math.isnan(sim):
                sim = pp.score_sets(s, t)
            out[k] = calibration.link(sim, len(s) + len(t) > 2, doc)
        elif s:
            nulls["src"].append((k, s[0], int(s[0] * m / max(n, 1))))
        else:
            nulls["tgt"].append((k, t[0], tgt_pos.get(t[0] - 1, int(t[0] * n / max(m, 1)))))
    for side, todo in nulls.items():
        best = null_alternatives(pp, side, [i for _, i, _ in todo], [c for _, _, c in todo])
        for (k, _, _), alt in zip(todo, best):
            out[k] = calibration.null(float(alt), doc)
    return out
