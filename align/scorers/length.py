"""The Gale-Church length model shared by the ``gale-church`` and ``lexical`` scorers.

``delta = (l_t - c * l_s) / sqrt(s2 * mean)`` with lengths in characters, ``c`` the
expected target/source character ratio, ``mean`` the average of ``l_s`` and ``l_t / c``,
and ``s2 = 6.8`` (Gale & Church 1993, variance per character). The probability of a
discrepancy at least this large is ``2 * (1 - Phi(|delta|)) = erfc(|delta| / sqrt 2)``.
"""
from __future__ import annotations

import math

import numpy as np

S2 = 6.8  # Gale & Church (1993), variance per character

_erfc = np.frompyfunc(math.erfc, 1, 1)


def length_prob(l_src: np.ndarray, l_tgt: np.ndarray, ratio: float, s2: float = S2) -> np.ndarray:
    """Two-sided tail probability of the length discrepancy, float64 in [0, 1]."""
    l_src = np.asarray(l_src, float)
    l_tgt = np.asarray(l_tgt, float)
    mean = np.maximum((l_src + l_tgt / ratio) / 2.0, 1.0)
    delta = np.abs(l_tgt - l_src * ratio) / np.sqrt(s2 * mean)
    return np.asarray(_erfc(delta / math.sqrt(2.0)), float)
