"""Reviewed pairs (store ``PairState`` records) as export and report inputs: the one
conversion ``align project export|report`` and the app's Export page and QA dashboard use.
The project name and pair key name the pair; the citation travels with it."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from align.interchange import ExportPair
    from align.report.build import ReportInput
    from align.store import PairState


def export_pairs(states: Sequence[PairState]) -> list[ExportPair]:
    """One :class:`align.interchange.ExportPair` per state, in order."""
    from align.interchange import ExportPair

    return [ExportPair(s.info.project, s.info.key, s.alignment,
                       dict(s.alignment.meta.get("citation") or {}), s.info.title)
            for s in states]


def report_inputs(states: Sequence[PairState]) -> list[ReportInput]:
    """One :class:`align.report.build.ReportInput` per state (file = project, pair = key)."""
    from align.report.build import ReportInput

    return [ReportInput(s.info.project, s.info.key, s.info.title,
                        (s.alignment.meta.get("citation") or {}).get("url"), s.alignment)
            for s in states]
