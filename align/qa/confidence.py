"""How far to trust a QA flag: each check rule's precision on held-out planted errors.

``align/data/qa/confidence.json`` holds, per ``type:rule:severity`` (a check, the rule of
the check that raised the flag — see each check's module — and the flag's severity), the
flags that were right (``tp``) and wrong (``fp``) when the checks ran on the **tuning**
half of the planted-error benchmark (``python -m benchmarks.planted --split tune --seeds 1
2 3 4 5 6 7 8 9 --fit align/data/qa/confidence.json`` writes it, and says so in its
``about``; the test half is never used). A flag's confidence is that precision, smoothed
towards the check's overall precision by ``PRIOR`` pseudo-flags, so a rule seen a few
times is not trusted to 0 or 1:

    confidence = (tp + PRIOR * p_check) / (tp + fp + PRIOR)

A key absent from the table falls back to ``type:rule`` summed over severities, then to the
check's overall precision; a check absent from the table (a plug-in, or a check of
another language pair) gets None, and :mod:`align.qa.levels` then judges its flags by
severity alone. The table is fitted on Turkish-English; for other pairs it is an estimate.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from align.errors import SchemaError
from align.types import Severity

PRIOR = 4.0
"""Pseudo-flags at the check's overall precision added to each rule's counts."""
_FILE = ("data", "qa", "confidence.json")


@cache
def table() -> dict[str, tuple[int, int]]:
    """``type:rule:severity`` -> (tp, fp) from the shipped file ({} when absent)."""
    path = resources.files("align").joinpath(*_FILE)
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data.get("counts") if isinstance(data, Mapping) else None
    if not isinstance(rows, Mapping):
        raise SchemaError("align/data/qa/confidence.json: expected {\"counts\": {key: [tp, fp]}}")
    out: dict[str, tuple[int, int]] = {}
    for key, v in rows.items():
        if not (isinstance(v, list) and len(v) == 2 and all(type(x) is int and x >= 0 for x in v)):
            raise SchemaError(f"align/data/qa/confidence.json: {key}: expected [tp, fp]")
        out[str(key)] = (v[0], v[1])
    return out


def _summed(prefix: str) -> tuple[int, int]:
    tp = fp = 0
    for key, (a, b) in table().items():
        if key.startswith(prefix):
            tp, fp = tp + a, fp + b
    return tp, fp


@cache
def confidence_of(check: str, rule: str, severity: Severity) -> float | None:
    """The confidence of a flag of *check* raised by *rule* at *severity* (module doc)."""
    tp_all, fp_all = _summed(f"{check}:")
    if not tp_all + fp_all:
        return None
    prior = tp_all / (tp_all + fp_all)
    tp, fp = table().get(f"{check}:{rule}:{severity.value}", (0, 0))
    if not tp + fp:
        tp, fp = _summed(f"{check}:{rule}:")
    return round((tp + PRIOR * prior) / (tp + fp + PRIOR), 3)


def fitted(counts: Mapping[str, Any], about: str) -> dict[str, Any]:
    """The JSON document for ``confidence.json`` from ``type:rule:severity`` -> counts with
    ``tp`` and ``fp``; ``about`` says what it was fitted on."""
    return {"about": about,
            "counts": {k: [int(c.tp), int(c.fp)] for k, c in sorted(counts.items())}}
