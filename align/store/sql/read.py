"""Reading a pair's rows into a :class:`align.store.model.PairModel`."""
from __future__ import annotations

from sqlalchemy import Connection, select

from align.errors import InvalidEdit
from align.store.model import SENT_COLS, SIDES, PairModel, Sent, bead_from
from align.store.sql.schema import T_BEAD, T_COMMENT, T_PAIR, T_RESOLUTION, T_SENT


def read_model(conn: Connection, pair_id: int) -> PairModel:
    """Every row of pair *pair_id*; raises InvalidEdit when there is no such pair."""
    prow = conn.execute(select(T_PAIR).where(T_PAIR.c.id == pair_id)).mappings().first()
    if prow is None:
        raise InvalidEdit(f"there is no pair {pair_id}")
    beads = tuple(bead_from(r) for r in conn.execute(
        select(T_BEAD).where(T_BEAD.c.pair_id == pair_id).order_by(T_BEAD.c.ordinal)
    ).mappings())
    sents: dict[int, Sent] = {}
    live: dict[str, list[tuple[int, int]]] = {"src": [], "tgt": []}
    cols = [T_SENT.c[c] for c in SENT_COLS]
    for r in conn.execute(select(*cols).where(T_SENT.c.pair_id == pair_id)):
        s = Sent(*r)
        sents[s.id] = s
        if s.bead_id is not None:
            live[s.side].append((int(s.position or 0), s.id))
    order = {side: tuple(i for _, i in sorted(live[side])) for side in SIDES}
    comments = tuple(dict(r) for r in conn.execute(
        select(T_COMMENT).where(T_COMMENT.c.pair_id == pair_id).order_by(T_COMMENT.c.id)
    ).mappings())
    res = tuple(dict(r) for r in conn.execute(
        select(T_RESOLUTION).where(T_RESOLUTION.c.pair_id == pair_id)
        .order_by(T_RESOLUTION.c.id)).mappings())
    return PairModel(dict(prow), beads, sents, order, comments, res)
