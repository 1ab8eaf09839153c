"""``Work``: the mutable view a review operation edits, and the changeset it produces.

An operation reads and changes beads (by 0-based display position) and sentences (by side
and 0-based index); ``finish`` assigns order keys where the order changed and returns the
new ``PairModel`` plus a ``Changeset`` (old and new image of every row that differs),
which ``log.write_changes`` turns into SQL and the edit log's before/after diffs.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from align.errors import InvalidEdit
from align.store.edit.state import GAP
from align.store.model import SIDES, BeadR, Members, PairModel, Sent, members_of, rescan

IdSource = Callable[[str, int], list[int]]  # (table, n) -> n fresh row ids


@dataclass
class Changeset:
    """Per table (``bead``, ``sentence``, ``version``): row id -> (old row, new row) as
    column dicts; None = the row does not exist on that side of the change."""

    rows: dict[str, dict[int, tuple[dict[str, Any] | None, dict[str, Any] | None]]] = field(
        default_factory=lambda: {"bead": {}, "sentence": {}, "version": {}})

    def __bool__(self) -> bool:
        return any(self.rows.values())


def assign_keys(keys: Sequence[int | None]) -> list[int]:
    """Strictly increasing integer keys for a list in its new order, keeping the old key
    of every item that still fits (one greedy pass) and spreading new keys over the gap;
    when a gap is too small, the next kept item is re-keyed too (and so on)."""
    n = len(keys)
    out: list[int | None] = list(keys)
    keep = [False] * n
    last: int | None = None
    for i, k in enumerate(keys):
        if k is not None and (last is None or k > last):
            keep[i], last = True, k
    i = 0
    while i < n:
        if keep[i]:
            i += 1
            continue
        j = i
        while j < n and not keep[j]:
            j += 1
        lo = out[i - 1] if i else None
        while True:
            hi = out[j] if j < n else None
            r = j - i
            if hi is None:
                base = lo if lo is not None else 0
                new = [base + GAP * (t + 1) for t in range(r)]
            elif lo is None:
                new = [hi - GAP * (r - t) for t in range(r)]
            elif hi - lo > r:
                step = (hi - lo) // (r + 1)
                new = [lo + step * (t + 1) for t in range(r)]
            else:
                j += 1
                while j < n and not keep[j]:
                    j += 1
                continue
            break
        out[i:j] = new
        i = j
    return [int(k) for k in out]  # type: ignore[arg-type]


class Work:
    """Copy-on-write edit of a ``PairModel`` by *user* at time *at*. *suppressions* gives
    the suppression keys of the pair's project (``edit.suppress``), read when first needed."""

    def __init__(self, model: PairModel, ids: IdSource, user: str, at: str,
                 suppressions: Callable[[], Collection[str]] | None = None) -> None:
        self.base = model
        self.ids = ids
        self.user, self.at = user, at
        self._suppressions = suppressions
        self._keys: Collection[str] | None = None
        self.order: list[int] = [b.id for b in model.beads]
        self.beads: dict[int, BeadR] = {b.id: b for b in model.beads}
        self.sents: dict[int, Sent] = dict(model.sents)
        self.live: dict[str, list[int]] = {s: list(model.order[s]) for s in SIDES}
        self.structural: set[int] = set()  # beads to rescore and re-check
        self.status_set: set[int] = set()  # beads whose status the operation chose
        self.versions: list[dict[str, Any]] = []  # sentence_version rows to add
        self._members: Members = dict(model.members)
        self._dirty: set[int] = set()  # beads whose members must be rescanned
        self._full = False  # sentence order changed: rebuild every bead's members
        self._index: dict[str, dict[int, int]] | None = None

    # -- lookups -------------------------------------------------------------------------
    def suppressed_keys(self) -> Collection[str]:
        """The project's suppression keys (empty without a source), read once."""
        if self._keys is None:
            self._keys = self._suppressions() if self._suppressions is not None else ()
        return self._keys

    @property
    def langs(self) -> tuple[str, str]:
        """(source, English) language of the pair."""
        return str(self.base.pair["src_lang"]), str(self.base.pair["tgt_lang"])

    def bead_id(self, k: int) -> int:
        if not 0 <= k < len(self.order):
            raise InvalidEdit(f"bead {k} does not exist (the pair has {len(self.order)} beads, "
                              f"numbered from 0)")
        return self.order[k]

    def pos(self, bead_id: int) -> int:
        return self.order.index(bead_id)

    def sent_id(self, side: str, i: int) -> int:
        if side not in SIDES:
            raise InvalidEdit(f"side must be 'src' or 'tgt', not {side!r}")
        n = len(self.live[side])
        if not 0 <= i < n:
            raise InvalidEdit(f"{side} sentence {i} does not exist ({n} sentences, from 0)")
        return self.live[side][i]

    def index(self, sid: int) -> int:
        if self._index is None:
            self._index = {s: {x: i for i, x in enumerate(self.live[s])} for s in SIDES}
        return self._index[self.sents[sid].side][sid]

    def members(self, bead_id: int) -> tuple[list[int], list[int]]:
        """(source indices, target indices) of a bead, ascending."""
        return self.all_members()[bead_id]

    def all_members(self) -> Members:
        if self._full:
            self._members = members_of(self.order, self.sents, self.live)
        elif self._dirty:
            rescan(self._members, self._dirty & self.beads.keys(), self.sents, self.live)
        self._full = False
        self._dirty.clear()
        return self._members

    def side_ids(self, bead_id: int, side: str) -> list[int]:
        """Sentence row ids of one side of a bead, in order."""
        return [self.live[side][i] for i in self.members(bead_id)[SIDES.index(side)]]

    # -- changes -------------------------------------------------------------------------
    def invalidate(self) -> None:
        """Forget derived maps after changing ``order`` / ``beads`` / ``live`` directly."""
        self._full, self._index = True, None

    def set_bead(self, bead_id: int, **changes: Any) -> None:
        self.beads[bead_id] = dataclasses.replace(self.beads[bead_id], **changes)

    def touch(self, bead_id: int, status: str | None = None) -> None:
        """Mark a bead changed by this user; *status* given = chosen by the operation."""
        changes: dict[str, Any] = {"reviewer": self.user, "updated_at": self.at}
        if status is not None:
            changes["status"] = status
            self.status_set.add(bead_id)
        self.set_bead(bead_id, **changes)

    def restructure(self, bead_id: int) -> None:
        """The bead's sentences or texts changed: rescore, re-check, status back to auto."""
        self.structural.add(bead_id)
        if bead_id not in self.status_set:
            self.touch(bead_id, None)
            self.set_bead(bead_id, status="auto")

    def new_bead(self, at_pos: int) -> int:
        (bid,) = self.ids("bead", 1)
        self.beads[bid] = BeadR(bid, 0, "auto", 0.0, (), self.user, self.at, self.at)
        self.order.insert(at_pos, bid)
        self.structural.add(bid)
        self._members[bid] = ([], [])
        return bid

    def remove_bead(self, bead_id: int) -> None:
        self.order.remove(bead_id)
        del self.beads[bead_id]
        self.structural.discard(bead_id)
        self._members.pop(bead_id, None)
        self._dirty.discard(bead_id)

    def set_sent(self, sid: int, **changes: Any) -> None:
        self.sents[sid] = dataclasses.replace(self.sents[sid], **changes)

    def move(self, sids: Sequence[int], bead_id: int) -> None:
        """Put sentences *sids* into bead *bead_id*; a bead left empty is removed."""
        olds = {self.sents[s].bead_id for s in sids} - {bead_id}
        for s in sids:
            self.set_sent(s, bead_id=bead_id)
        self._dirty |= olds | {bead_id}  # type: ignore[arg-type]
        self.restructure(bead_id)
        for old in sorted(b for b in olds if b is not None):
            if any(self.members(old)):
                self.restructure(old)
            else:
                self.remove_bead(old)

    def insert_sentence(self, after: int, **fields: Any) -> int:
        """A new live sentence right after row *after*, in the same bead."""
        (sid,) = self.ids("sentence", 1)
        prev = self.sents[after]
        self.sents[sid] = dataclasses.replace(prev, id=sid, position=None, **fields)
        lst = self.live[prev.side]
        lst.insert(lst.index(after) + 1, sid)
        self.invalidate()
        return sid

    def retire(self, sid: int, parent: int) -> None:
        s = self.sents[sid]
        self.live[s.side].remove(sid)
        self.set_sent(sid, bead_id=None, position=None, parent_id=parent)
        self.invalidate()

    def add_version(self, sid: int, text: str, op: str) -> None:
        self.versions.append({"sentence_id": sid, "text": text, "op": op})

    # -- result --------------------------------------------------------------------------
    def finish(self) -> tuple[PairModel, Changeset]:
        """Assign order keys, build the new model and the changeset against the base."""
        ords = assign_keys([self.beads[b].ordinal if b in self.base.bead_pos else None
                            for b in self.order])
        for b, k in zip(self.order, ords):
            if self.beads[b].ordinal != k:
                self.set_bead(b, ordinal=k)
        for side in SIDES:
            lst = self.live[side]
            keys = assign_keys([self.sents[s].position for s in lst])
            for s, k in zip(lst, keys):
                if self.sents[s].position != k:
                    self.set_sent(s, position=k)
        cs = Changeset()
        base = self.base
        for bid in set(base.bead_pos) | set(self.beads):
            old = base.beads[base.bead_pos[bid]] if bid in base.bead_pos else None
            new = self.beads.get(bid)
            if old is not new and old != new:
                cs.rows["bead"][bid] = (_d(old), _d(new))
        for sid, new_s in self.sents.items():
            old_s = base.sents.get(sid)
            if old_s is not new_s and old_s != new_s:
                cs.rows["sentence"][sid] = (_d(old_s), _d(new_s))
        for sid, old_s in base.sents.items():
            if sid not in self.sents:
                cs.rows["sentence"][sid] = (_d(old_s), None)
        members = self.all_members()
        model = PairModel(base.pair, tuple(self.beads[b] for b in self.order), self.sents,
                          {s: tuple(self.live[s]) for s in SIDES}, base.comments,
                          base.resolutions, base.view)
        model.__dict__["members"] = members  # the cached_property, already known
        return model, cs


def _d(row: BeadR | Sent | None) -> dict[str, Any] | None:
    from align.store.model import row_dict

    return None if row is None else row_dict(row)
