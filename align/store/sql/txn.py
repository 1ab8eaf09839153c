"""One write transaction on one pair, with optimistic concurrency.

The first statement is ``UPDATE pair SET version = v + 1 ... WHERE id = :id AND
version = :v``; a rowcount of 0 means someone else wrote first, and the transaction ends
with ``Conflict`` before anything is written. The UPDATE also takes the pair's row lock
(PostgreSQL) or the database write lock (SQLite, ``BEGIN IMMEDIATE``), so two writers in
different processes cannot both pass the check; everything read after it is current.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select, text, update
from sqlalchemy.exc import DBAPIError

from align.errors import Conflict, InvalidEdit, StoreError
from align.store.model import PairModel
from align.store.sql.db import is_sqlite, now, shown
from align.store.sql.read import read_model
from align.store.sql.schema import T_PAIR, T_VERSION

if TYPE_CHECKING:
    from align.store.store import Store

TABLE_NAMES = {"bead": "bead", "sentence": "sentence", "version": "sentence_version",
               "pair": "pair"}


@dataclass
class Tx:
    conn: Connection
    model: PairModel  # the pair as it is, with version already v + 1
    at: str
    user: str
    result: PairModel | None = None  # the pair after the write: cached once it commits

    @property
    def seq(self) -> int:
        return self.model.version


def alloc_ids(conn: Connection, table: str, n: int) -> list[int]:
    """*n* fresh primary keys of *table* ("bead", "sentence", "version", "pair").

    SQLite: AUTOINCREMENT's counter in ``sqlite_sequence`` is advanced (the caller holds
    the write lock); PostgreSQL: ``nextval`` of the serial's sequence.
    """
    if n <= 0:
        return []
    name = TABLE_NAMES[table]
    if conn.dialect.name == "sqlite":
        row = conn.execute(text("SELECT seq FROM sqlite_sequence WHERE name = :t"),
                           {"t": name}).first()
        start = int(row[0]) if row else 0
        sql = ("UPDATE sqlite_sequence SET seq = :s WHERE name = :t" if row else
               "INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :s)")
        conn.execute(text(sql), {"t": name, "s": start + n})
        return list(range(start + 1, start + n + 1))
    rows = conn.execute(text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) "
                             "FROM generate_series(1, :n)"), {"t": name, "n": n})
    return sorted(int(r[0]) for r in rows)


def version_rows(conn: Connection, pair_id: int, versions: list[dict[str, Any]], user: str,
                 at: str) -> list[dict[str, Any]]:
    """Full ``sentence_version`` rows (ids, numbers ``n`` per sentence) for *versions*."""
    if not versions:
        return []
    sids = sorted({v["sentence_id"] for v in versions})
    last = dict(conn.execute(select(T_VERSION.c.sentence_id, func.max(T_VERSION.c.n))
                             .where(T_VERSION.c.sentence_id.in_(sids))
                             .group_by(T_VERSION.c.sentence_id)).all())
    ids = alloc_ids(conn, "version", len(versions))
    out = []
    for vid, v in zip(ids, versions):
        n = int(last.get(v["sentence_id"]) or 0) + 1
        last[v["sentence_id"]] = n
        out.append({"id": vid, "sentence_id": v["sentence_id"], "pair_id": pair_id, "n": n,
                    "text": v["text"], "op": v["op"], "user": user, "at": at})
    return out


def begin_write(conn: Connection) -> Connection:
    """Options for a write transaction: SQLite takes the write lock at BEGIN."""
    return conn.execution_options(store_write=True) if is_sqlite(conn.engine) else conn


@contextmanager
def write_pair(store: Store, pair_id: int, version: int, user: str) -> Iterator[Tx]:
    """A transaction on pair *pair_id* that only runs when its version is *version*."""
    if not user:
        raise InvalidEdit("a review write needs a user name")
    try:
        with _write(store, pair_id, version, user) as tx:
            yield tx
    except DBAPIError as e:  # locked for longer than the busy timeout, server gone, ...
        first = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
        raise StoreError(f"pair {pair_id}: the write failed in database "
                         f"{shown(store.engine.url)}: {first}") from e
    if tx.result is not None:  # committed: the one place the store's cache is kept current
        store.remember(tx.result)


@contextmanager
def _write(store: Store, pair_id: int, version: int, user: str) -> Iterator[Tx]:
    with store.engine.connect() as raw:
        conn = begin_write(raw)
        with conn.begin():
            at = now()
            res = conn.execute(update(T_PAIR).where(T_PAIR.c.id == pair_id,
                                                    T_PAIR.c.version == version)
                               .values(version=version + 1, updated_at=at, updated_by=user))
            if res.rowcount != 1:
                row = conn.execute(select(T_PAIR.c.version, T_PAIR.c.updated_by)
                                   .where(T_PAIR.c.id == pair_id)).first()
                if row is None:
                    raise InvalidEdit(f"there is no pair {pair_id}")
                raise Conflict(f"pair {pair_id} changed since version {version} (now "
                               f"{row[0]}, by {row[1]}); reload")
            model = store.cached(pair_id, version) or read_model(conn, pair_id)
            model = model.with_pair(version=version + 1, updated_at=at, updated_by=user)
            yield Tx(conn, model, at, user)
