"""In-memory image of one pair's rows: what review operations read and change.

Rows are frozen; an operation builds changed copies (see ``work.Work``) and the store
writes only the rows that differ. ``PairModel`` keeps every sentence row by id (retired
ones too) and the live sentences of each side in order, so sentence *index* (0-based, the
number clients use) is the rank of its ``position`` key.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property
from typing import Any

SIDES = ("src", "tgt")


@dataclass(frozen=True, slots=True)
class Sent:
    """A ``sentence`` row. ``span_start``/``span_end``: [start, end) into the pair's imported
    text of the side (exact while ``text`` equals that slice; see ``state.build_document``)."""

    id: int
    side: str
    position: int | None
    bead_id: int | None
    text: str
    original: str | None
    gloss: str | None
    paragraph: int
    span_start: int
    span_end: int
    parent_id: int | None

    @property
    def live(self) -> bool:
        return self.bead_id is not None


@dataclass(frozen=True, slots=True)
class BeadR:
    """A ``bead`` row; ``flags`` are anchored flags (``spans.anchor``), JSON-ready."""

    id: int
    ordinal: int
    status: str
    score: float
    flags: tuple[Mapping[str, Any], ...]
    reviewer: str | None
    created_at: str
    updated_at: str


SENT_COLS = tuple(f.name for f in fields(Sent))
BEAD_COLS = tuple(f.name for f in fields(BeadR))


def row_dict(row: Sent | BeadR) -> dict[str, Any]:
    d = asdict(row)
    if isinstance(row, BeadR):
        d["flags"] = [dict(f) for f in row.flags]
    return d


def bead_from(d: Any) -> BeadR:
    v = {k: d[k] for k in BEAD_COLS}
    v["flags"] = tuple(v["flags"] or ())
    return BeadR(**v)


def sent_from(d: Mapping[str, Any]) -> Sent:
    return Sent(**{k: d[k] for k in SENT_COLS})


@dataclass(frozen=True)
class PairModel:
    """One pair: its ``pair`` row (a dict of columns), beads in display order, every
    sentence row by id and the live sentence ids of each side in order."""

    pair: Mapping[str, Any]
    beads: tuple[BeadR, ...]
    sents: Mapping[int, Sent]
    order: Mapping[str, tuple[int, ...]]
    comments: tuple[Mapping[str, Any], ...] = ()
    resolutions: tuple[Mapping[str, Any], ...] = ()
    # Objects built for earlier versions, shared by the models of one pair and reused
    # while their rows are the same objects (see ``state.to_alignment``).
    view: dict[str, dict[int, Any]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def id(self) -> int:
        return int(self.pair["id"])

    @property
    def version(self) -> int:
        return int(self.pair["version"])

    def side(self, side: str) -> list[Sent]:
        return [self.sents[i] for i in self.order[side]]

    @cached_property
    def bead_pos(self) -> dict[int, int]:
        return {b.id: k for k, b in enumerate(self.beads)}

    @cached_property
    def members(self) -> dict[int, tuple[list[int], list[int]]]:
        """bead id -> (source indices, target indices), 0-based and ascending."""
        return members_of([b.id for b in self.beads], self.sents, self.order)

    def with_pair(self, **changes: Any) -> PairModel:
        return self.derive(pair={**self.pair, **changes})

    def derive(self, **changes: Any) -> PairModel:
        """A model with some fields replaced; members and view carried over when the
        beads and sentences are the same."""
        m = dataclasses.replace(self, **changes)
        if "members" in self.__dict__ and not {"beads", "sents", "order"} & set(changes):
            m.__dict__["members"] = self.__dict__["members"]
        return m


Members = dict[int, tuple[list[int], list[int]]]


def members_of(bead_ids: Iterable[int], sents: Mapping[int, Sent],
               order: Mapping[str, tuple[int, ...] | list[int]]) -> Members:
    """bead id -> (source indices, target indices) of every bead in *bead_ids*."""
    out: Members = {b: ([], []) for b in bead_ids}
    for n, side in enumerate(SIDES):
        for idx, sid in enumerate(order[side]):
            out[sents[sid].bead_id][n].append(idx)  # type: ignore[index]
    return out


def rescan(members: Members, beads: set[int], sents: Mapping[int, Sent],
           order: Mapping[str, tuple[int, ...] | list[int]]) -> None:
    """Recompute the members of *beads* in place; other beads keep their list objects
    (``to_alignment`` reuses the Bead built from them)."""
    if not beads:
        return
    fresh: Members = {b: ([], []) for b in beads}
    for n, side in enumerate(SIDES):
        for idx, sid in enumerate(order[side]):
            t = fresh.get(sents[sid].bead_id)  # type: ignore[arg-type]
            if t is not None:
                t[n].append(idx)
    members.update(fresh)
