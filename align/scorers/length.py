"""The Gale-Church length model shared by the ``gale-church`` and ``lexical`` scorers.

``delta = (l_t - c * l_s) / sqrt(s2 * mean)`` with lengths in characters, ``c`` the
expected target/source character ratio, ``mean`` the average of ``l_s`` and ``l_t / c``,
and ``s2 = 6.8`` (Gale & Church 1993, variance per character). The probability of a
discrepancy at least this large is ``2 * (1 - Phi(|delta|)) = erfc(|delta| / sqrt 2)``.
"""
from __future__ import annotations

import numpy as np

from align.kernels import reference

S2 = 6.8  # Gale & Church (1993), variance per character


def length_prob(l_src: np.ndarray, l_tgt: np.ndarray, ratio: float, s2: float = S2) -> np.ndarray:
    """Two-sided tail probability of the length discrepancy, float64 in [0, 1] (computed by
    :func:`align.kernels.reference.length_prob`, the compiled kernels' twin)."""
    return reference.length_prob(l_src, l_tgt, ratio, s2)
