"""The ``suppressions`` table: read, record and remove (inside a caller's transaction).
The keys and what they hold back are :mod:`align.store.edit.suppress`'s."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, insert, select

from align.store.sql.schema import T_SUPPRESSION


def project_keys(conn: Connection, project_id: int) -> frozenset[str]:
    """Every suppression key of the project."""
    t = T_SUPPRESSION
    return frozenset(r[0] for r in conn.execute(select(t.c.key).where(
        t.c.project_id == project_id)))


def record(conn: Connection, project_id: int, key: str, row: dict[str, Any]) -> None:
    """Suppress *key* in the project (*row*: ``flag_type``, ``pair_id``, ``src_text``,
    ``tgt_text``, ``user``, ``at``); a suppression already there is replaced."""
    remove(conn, project_id, key)
    conn.execute(insert(T_SUPPRESSION).values(project_id=project_id, key=key, **row))


def remove(conn: Connection, project_id: int, key: str) -> int:
    """Lift the suppression of *key* in the project; how many rows went (0 or 1)."""
    t = T_SUPPRESSION
    res = conn.execute(delete(t).where(t.c.project_id == project_id, t.c.key == key))
    return int(res.rowcount or 0)


def listing(conn: Connection, project_id: int) -> list[dict[str, Any]]:
    """The project's suppressions, oldest first, as column dicts (without ``project_id``)."""
    t = T_SUPPRESSION
    cols = [c for c in t.c if c.name != "project_id"]
    return [dict(r._mapping) for r in conn.execute(
        select(*cols).where(t.c.project_id == project_id).order_by(t.c.id))]

