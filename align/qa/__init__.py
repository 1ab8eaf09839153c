"""Translation quality checks; :mod:`align.measures.mt_metrics` is the one adapter to sacrebleu."""
from __future__ import annotations

__all__: list[str] = []
