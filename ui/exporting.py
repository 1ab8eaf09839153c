"""Downloads for the Export page and report data for the QA dashboard, without Streamlit.

Interchange formats come from ``align.formats.export``; the HTML / JSON / CSV report
from ``align.report.build``, run on the pairs' current alignments in memory.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from align.reviewed import report_inputs
from ui.uploads import safe_name


@dataclass(frozen=True)
class Format:
    label: str
    kind: str  # "interchange" | "report"
    name: str  # interchange / report format name
    suffix: str
    mime: str
    single_pair: bool = False


REPORTS: tuple[Format, ...] = (
    Format("HTML QA report", "report", "html", ".html", "text/html"),
    Format("QA report JSON", "report", "json", ".report.json", "application/json"),
    Format("QA report CSV", "report", "csv", ".report.csv", "text/csv"),
)


def formats() -> tuple[Format, ...]:
    """The Export menu: every registered interchange format
    (:data:`align.formats.REGISTRY`), then the QA reports."""
    from align.formats import formats as registered

    return (*(Format(f.label, "interchange", f.name, f.suffixes[0], f.mime, f.single_pair)
              for f in registered().values()), *REPORTS)


def by_label(label: str) -> Format:
    return next(f for f in formats() if f.label == label)


def _file_name(text: str) -> str:
    """``text`` made safe for a file name; ``:``, ``/`` and ``\\`` become ``-`` first, so a
    project or key holding a path separator keeps all its parts."""
    return safe_name(re.sub(r"[:/\\]", "-", text))


def pair_file_stem(info: Any) -> str:
    """``project__key`` made safe for a file name."""
    return _file_name(f"{info.project}__{info.key}")


def export_states(states: Sequence[Any], fmt: Format, *, include_auto: bool = False
                  ) -> tuple[bytes, str]:
    """The download for ``states`` (store PairState records): bytes and a file name.

    ``include_auto``: interchange formats also carry beads nobody confirmed (else only
    confirmed ones, as ``align.formats.export`` decides)."""
    if not states:
        from align.errors import InvalidEdit

        raise InvalidEdit("choose at least one pair to export")
    base = pair_file_stem(states[0].info) if len(states) == 1 else \
        _file_name(f"{states[0].info.project}-{len(states)}-pairs")
    if fmt.kind == "interchange":
        from align.formats import export
        from align.reviewed import export_pairs

        pairs = export_pairs(states)
        if not fmt.single_pair or len(pairs) == 1:
            return export(pairs, fmt.name, None, include_auto=include_auto), base + fmt.suffix
        buf = io.BytesIO()  # a one-pair format, several pairs: one file each, zipped
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for s, p in zip(states, pairs):
                zf.writestr(pair_file_stem(s.info) + fmt.suffix,
                            export([p], fmt.name, None, include_auto=include_auto))
        return buf.getvalue(), base + ".zip"
    from align.report.build import collect_pairs, render

    text = render(collect_pairs(report_inputs(states)), fmt.name)
    return text.encode("utf-8"), base + fmt.suffix


def report_data(states: Sequence[Any]) -> Any:
    """``align.report.build.collect`` over the states (flags as stored: the store keeps
    them current), for the QA dashboard."""
    from align.report.build import collect_pairs

    return collect_pairs(report_inputs(states))


def charts(data: Any) -> list[tuple[str, str]]:
    """The report's three SVG charts ``(svg, caption)``: link-score histogram, flags by
    type stacked by severity, coverage and support per pair (as ``align.report.html``)."""
    from align.report import svg
    from align.report.html import SEVERITIES, flags_by_type

    scores = [b.score for p in data.pairs for b in p.alignment.links]
    return [
        (svg.histogram(scores), f"Link scores ({len(scores)} links)"),
        (svg.stacked_bars(flags_by_type(data), SEVERITIES),
         "Flags by type, stacked by severity"),
        (svg.coverage_bars([(p.label, p.metrics.coverage, p.metrics.support)
                            for p in data.pairs]), "Coverage and support per pair"),
    ]
