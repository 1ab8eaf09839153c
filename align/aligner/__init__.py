"""Aligners: monotonic DP over beads (banded for large inputs) and free mode for abstracts."""
from align.aligner.api import align_documents, resolve_profile
from align.aligner.costs import CostModel, bead_shapes, cost_model

__all__ = ["CostModel", "align_documents", "bead_shapes", "cost_model", "resolve_profile"]
