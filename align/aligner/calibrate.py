"""Turn raw similarities into bead scores that mean "probability this bead is right".

A logistic model per bead kind: ``p = sigmoid(w * sim + b)`` for link beads and
``p = sigmoid(-(w * best_alternative + b))`` for null beads, where ``best_alternative`` is
the highest similarity the unaligned sentence has to any nearby sentence of the other
side. Coefficients were fitted on the tuning half of NTREX and Text+Berg dev by
``benchmarks/tune.py``; they are part of the signature (``calib``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Calibration:
    name: str = "logit.v1"
    # Fitted by ``python -m benchmarks.calibrate`` on the tuning cases (NTREX tune half,
    # summary and translation; Text+Berg dev): ECE 0.001 there, 0.012 on the test cases.
    w_link: float = 3.414
    b_link: float = 1.203
    w_null: float = 4.627
    b_null: float = -3.822

    def link(self, sim: float) -> float:
        return _sigmoid(self.w_link * sim + self.b_link)

    def null(self, best_alternative: float) -> float:
        return 1.0 - _sigmoid(self.w_null * best_alternative + self.b_null)


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


DEFAULT = Calibration()
