"""Evaluation: Vecalign-compatible bead scores and readers for gold/system beads."""
from __future__ import annotations

from align.eval.metrics import BeadLike, EvalResult, as_pair, evaluate, evaluate_document
from align.eval.paths import evaluate_paths, format_result
from align.eval.read import read_beads

__all__ = [
    "BeadLike", "EvalResult", "as_pair", "evaluate", "evaluate_document", "evaluate_paths",
    "format_result", "read_beads",
]
