"""Writing changesets, the edit log, and undo/redo.

Log entry ``before`` / ``after``: per table (``bead``, ``sentence``, ``version``) a list of
``[row id, columns]``: a removed row has its full image in ``before`` and None in
``after``, an added row the reverse, a changed row only the columns that changed, on both
sides. Undo applies ``before`` to the current rows, redo ``after``; every undoable
operation is one entry, an undo or redo is an entry of its own (args: the seq it undid or
redid) and flips the target's ``undone``. ``redoable`` marks the entries redo may replay;
a new operation clears it. Invariant: the pair's ``version`` equals its last ``seq``.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from align.errors import StoreError
from align.store.edit.work import Changeset
from align.store.model import (
    SIDES,
    PairModel,
    bead_from,
    members_of,
    rescan,
    row_dict,
    sent_from,
)
from align.store.sql.schema import T_BEAD, T_LOG, T_SENT, T_VERSION

TABLES = {"bead": T_BEAD, "sentence": T_SENT, "version": T_VERSION}
INSERT_ORDER = ("bead", "sentence", "version")

Image = dict[str, list[list[Any]]]


def write_changes(conn: Connection, pair_id: int, cs: Changeset) -> None:
    """Apply *cs* with INSERT/UPDATE/DELETE of exactly its rows, in foreign-key order."""
    for name in INSERT_ORDER:
        new = [{**n, "pair_id": pair_id} for o, n in cs.rows[name].values() if o is None and n]
        if new:
            conn.execute(insert(TABLES[name]), new)
    for name in ("bead", "sentence"):
        t = TABLES[name]
        upd = [{**{f"v_{k}": v for k, v in n.items() if k != "id"}, "v_id": n["id"]}
               for o, n in cs.rows[name].values() if o is not None and n is not None]
        if upd:
            cols = [k for k in upd[0] if k != "v_id"]
            stmt = update(t).where(t.c.id == bindparam("v_id")).values(
                {k[2:]: bindparam(k) for k in cols})
            conn.execute(stmt, upd)
    for name in reversed(INSERT_ORDER):
        gone = [i for i, (o, n) in cs.rows[name].items() if n is None]
        if gone:
            t = TABLES[name]
            conn.execute(delete(t).where(t.c.id.in_(gone)))


def images(cs: Changeset) -> tuple[Image, Image]:
    """The compact ``before`` and ``after`` of *cs* (see module doc)."""
    before: Image = {}
    after: Image = {}
    for name, rows in cs.rows.items():
        b, a = [], []
        for i, (o, n) in sorted(rows.items()):
            if o is not None and n is not None:
                keys = [k for k in n if o.get(k) != n[k]]
                b.append([i, {k: o.get(k) for k in keys}])
                a.append([i, {k: n[k] for k in keys}])
            else:
                b.append([i, o])
                a.append([i, n])
        if b:
            before[name], after[name] = b, a
    return before, after


def apply_image(model: PairModel, target: Image, current: Image) -> tuple[PairModel, Changeset]:
    """Rows as *target* describes them (undo: ``before``; redo: ``after``), checked against
    *current* (what the entry says the rows are now); returns the new model and the
    changeset that gets there."""
    cs = Changeset()
    beads = {b.id: b for b in model.beads}
    sents = dict(model.sents)
    now = {name: {int(i): v for i, v in rows} for name, rows in current.items()}
    for name, rows in target.items():
        for i, want in rows:
            i = int(i)
            have = now.get(name, {}).get(i)
            if name == "version":
                cs.rows[name][i] = (have, want)
                continue
            store = beads if name == "bead" else sents
            cur = store.get(i)
            cur_d = row_dict(cur) if cur is not None else None
            if (have is None) != (cur_d is None) or (cur_d is not None and have is not None and any(
                    cur_d.get(k) != v for k, v in have.items())):
                raise StoreError(f"pair {model.id}: the edit log does not match the rows of "
                                 f"{name} {i}; cannot undo/redo this entry")
            new_d = None if want is None else want if cur_d is None else {**cur_d, **want}
            cs.rows[name][i] = (cur_d, new_d)
            if new_d is None:
                store.pop(i, None)
            elif name == "bead":
                beads[i] = bead_from(new_d)
            else:
                sents[i] = sent_from(new_d)
    moved = [(o, n) for o, n in cs.rows["sentence"].values()]
    affected = {int(r["bead_id"]) for pair in moved for r in pair
                if r is not None and r["bead_id"] is not None}
    affected |= set(cs.rows["bead"])
    if any(o is None or n is None or o["position"] != n["position"] for o, n in moved):
        order = {s: tuple(x.id for x in sorted(
            (x for x in sents.values() if x.side == s and x.bead_id is not None),
            key=lambda x: x.position or 0)) for s in SIDES}
    else:
        order = dict(model.order)
    new = model.derive(beads=tuple(sorted(beads.values(), key=lambda b: b.ordinal)),
                       sents=sents, order=order)
    if order == model.order:
        members = {b: m for b, m in model.members.items() if b in beads}
        rescan(members, affected & beads.keys(), sents, order)
    else:
        members = members_of(beads, sents, order)
    new.__dict__["members"] = members
    return new, cs


def append(conn: Connection, pair_id: int, seq: int, user: str, at: str, op: str,
           args: dict[str, Any], before: Image | None = None, after: Image | None = None,
           undoable: bool = False) -> None:
    conn.execute(insert(T_LOG).values(
        pair_id=pair_id, seq=seq, user=user, at=at, op=op, args=args, before=before,
        after=after, undoable=undoable, undone=False, redoable=False))


def target(conn: Connection, pair_id: int, redo: bool) -> dict[str, Any] | None:
    """The entry undo (latest applied) or redo (earliest redoable) would replay."""
    c = T_LOG.c
    q = select(c.seq, c.op, c.before, c.after).where(c.pair_id == pair_id)
    if redo:
        q = q.where(c.redoable.is_(True)).order_by(c.seq.asc())
    else:
        q = q.where(c.undoable.is_(True), c.undone.is_(False)).order_by(c.seq.desc())
    row = conn.execute(q.limit(1)).mappings().first()
    return dict(row) if row else None


def mark(conn: Connection, pair_id: int, seq: int, *, undone: bool) -> None:
    conn.execute(update(T_LOG).where(T_LOG.c.pair_id == pair_id, T_LOG.c.seq == seq)
                 .values(undone=undone, redoable=undone))


def clear_redo(conn: Connection, pair_id: int) -> None:
    conn.execute(update(T_LOG).where(T_LOG.c.pair_id == pair_id, T_LOG.c.redoable.is_(True))
                 .values(redoable=False))
