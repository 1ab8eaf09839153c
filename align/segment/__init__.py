"""Sentence segmentation: ``segment(text, lang) -> Document`` with exact character spans.

See :mod:`align.segment.segmenter` for the span and paragraph conventions and
:mod:`align.segment.rules` for the boundary rules.
"""
from __future__ import annotations

from align.segment.segmenter import PRESEGMENTED, SEGMENTER, segment

__all__ = ["PRESEGMENTED", "SEGMENTER", "segment"]
