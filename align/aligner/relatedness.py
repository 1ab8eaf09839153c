"""Does the source contain this target at all? The pair's relatedness and its warning.

``relatedness`` is the calibrated probability that the source contains the target
(:meth:`align.aligner.calibrate.Calibration.related`): a logistic model of the pair's raw
similarity (:func:`align.aligner.api.doc_similarity`, the mean similarity of each target
sentence's link), fitted on related pairs (summaries, translations) and unrelated ones
(a document against another document's English) by ``benchmarks/calibrate.py``. Below
:data:`RELATED_MIN` the alignment carries a warning: the reviewer most likely picked the
wrong article, and every link in it is scored accordingly low.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

RELATED_MIN = 0.5
WARNING = "the source does not appear to contain this English (relatedness {:.2f})"


def warning(score: float) -> str | None:
    """The one-line warning for a relatedness score, or None when the pair looks related."""
    return WARNING.format(score) if score < RELATED_MIN else None


def meta_warning(meta: Mapping[str, Any]) -> str | None:
    """The warning of an alignment's ``meta``, written from its ``relatedness`` number; a
    stored text is never shown (an imported file could carry markup or anything else)."""
    related = meta.get("relatedness")
    if isinstance(related, int | float) and not isinstance(related, bool):
        return warning(related)
    return None


__all__ = ["RELATED_MIN", "WARNING", "meta_warning", "warning"]
