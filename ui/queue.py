"""The Queue page's table: one row per pair, filtered and sorted, without Streamlit.

Input records are the store's ``PairInfo`` (see align.store): id, project, key, title,
version, status (todo|in_review|done), assignee, n_beads, n_confirmed, n_rejected,
mean_score, n_flags, updated_at, updated_by.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

PAIR_STATUSES = ("todo", "in_review", "done")
SORTS = {
    "last change (newest first)": ("updated_at", True),
    "lowest mean score first": ("mean_score", False),
    "most flags first": ("n_flags", True),
    "least reviewed first": ("progress", False),
    "project and key": ("label", False),
}
COLUMNS = ("id", "project", "key", "status", "progress", "reviewed", "mean_score", "n_flags",
           "assignee", "updated_at", "updated_by", "title")


@dataclass(frozen=True)
class QueueFilter:
    """Empty fields match everything; ``assignee`` "(nobody)" matches unassigned pairs."""

    project: str = ""
    status: str = ""
    assignee: str = ""
    text: str = ""


def _minute(iso: str) -> str:
    """``2026-11-24T03:26:43.343537Z`` -> ``2026-11-24 03:26 UTC`` (still sorts as text)."""
    if len(iso) >= 16 and iso[10] == "T":
        return f"{iso[:10]} {iso[11:16]} UTC"
    return iso


def row(p: Any) -> dict[str, Any]:
    """A flat dict of one PairInfo for the table; ``progress`` = share of beads reviewed."""
    done = int(p.n_confirmed) + int(p.n_rejected)
    return {
        "id": int(p.id), "project": str(p.project), "key": str(p.key), "title": str(p.title),
        "status": str(p.status),
        "progress": round(done / p.n_beads, 3) if p.n_beads else 0.0,
        "reviewed": f"{done}/{p.n_beads}",
        "mean_score": None if p.mean_score is None else round(float(p.mean_score), 3),
        "n_flags": int(p.n_flags), "assignee": p.assignee or "",
        "updated_at": _minute(str(p.updated_at)), "updated_by": str(p.updated_by or ""),
        "label": f"{p.project} / {p.key}", "version": int(p.version),
    }


def matches(r: dict[str, Any], f: QueueFilter) -> bool:
    if f.project and r["project"] != f.project:
        return False
    if f.status and r["status"] != f.status:
        return False
    if f.assignee == "(nobody)":
        if r["assignee"]:
            return False
    elif f.assignee and r["assignee"] != f.assignee:
        return False
    needle = f.text.strip().casefold()
    return not needle or needle in f"{r['key']} {r['title']} {r['project']}".casefold()


def table(pairs: Iterable[Any], f: QueueFilter = QueueFilter(),
          sort: str = "last change (newest first)") -> list[dict[str, Any]]:
    """Rows that pass ``f``, sorted by the ``SORTS`` entry named ``sort`` (missing scores
    go last either way)."""
    key, reverse = SORTS.get(sort, SORTS["last change (newest first)"])
    rows = [r for r in (row(p) for p in pairs) if matches(r, f)]
    present = [r for r in rows if r[key] is not None]
    missing = [r for r in rows if r[key] is None]
    present.sort(key=lambda r: (r[key], r["label"]), reverse=reverse)
    return present + missing


def label(r: dict[str, Any]) -> str:
    """One-line label for select boxes: ``#id project / key — title (status)``."""
    title = f" — {r['title'][:60]}" if r["title"] else ""
    return f"#{r['id']} {r['label']}{title} ({r['status']})"


def options(values: Sequence[str]) -> list[str]:
    """Filter choices: "" (all) first, then the distinct values sorted."""
    return ["", *sorted({v for v in values if v})]
