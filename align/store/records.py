"""Records the store hands out (frozen dataclasses with ``to_dict``).

Timestamps are UTC ISO strings (``2025-01-31T09:15:02.123456Z``). Bead numbers are 0-based
positions in the pair's current display order.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from align.types import Alignment

PAIR_STATUSES = ("todo", "in_review", "done")
RESOLUTIONS = ("accepted", "false_positive")


def _plain(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(obj):
        v = getattr(obj, f.name)
        out[f.name] = dict(v) if isinstance(v, Mapping) else v
    return out


def _frozen(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True)
class ProjectInfo:
    id: int
    name: str
    created_at: str
    created_by: str
    n_pairs: int
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "meta", _frozen(self.meta))

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True)
class PairInfo:
    """One document pair as listings show it; ``version`` is what writes must quote."""

    id: int
    project_id: int
    project: str
    key: str
    kind: str
    title: str
    version: int
    status: str  # todo | in_review | done
    assignee: str | None
    n_src: int
    n_tgt: int
    n_beads: int
    n_confirmed: int
    n_rejected: int
    mean_score: float | None
    n_flags: int
    updated_at: str
    updated_by: str

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True)
class Comment:
    """A reviewer's note on a bead (``bead`` = 0-based position) or on the pair (None).
    A comment whose bead was merged away or re-aligned reads as a note on the pair."""

    id: int
    bead: int | None
    user: str
    at: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True)
class FlagResolution:
    """A reviewer's verdict on the QA flag ``flag_type`` of bead ``bead`` (0-based)."""

    id: int
    bead: int
    flag_type: str
    resolution: str  # accepted | false_positive
    user: str
    at: str

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True)
class EditRecord:
    """One entry of a pair's edit log; ``seq`` counts from 1 (the import) and equals the
    pair version the entry produced."""

    seq: int
    user: str
    at: str
    op: str
    args: Mapping[str, Any]
    undone: bool

    def __post_init__(self) -> None:
        object.__setattr__(self, "args", _frozen(self.args))

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True)
class PairState:
    """A pair as a reviewer sees it: its info, the alignment (beads in display order) and
    the notes. ``alignment.meta`` holds ``postedits``, ``bead_meta`` and ``gloss``."""

    info: PairInfo
    alignment: Alignment
    comments: tuple[Comment, ...]
    resolutions: tuple[FlagResolution, ...]
    can_undo: bool
    can_redo: bool

    @property
    def version(self) -> int:
        return self.info.version

    def to_dict(self) -> dict[str, Any]:
        return {"info": self.info.to_dict(), "alignment": self.alignment.to_dict(),
                "comments": [c.to_dict() for c in self.comments],
                "resolutions": [r.to_dict() for r in self.resolutions],
                "can_undo": self.can_undo, "can_redo": self.can_redo}
