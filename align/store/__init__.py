"""The review store: projects, document pairs, beads, sentence versions, an edit log that
drives undo/redo, comments and QA flag resolutions, in SQLite (default, WAL) or
PostgreSQL (``ALIGN_DB=postgresql+psycopg://…``), with Alembic migrations in the package.

```
store = open_store()                      # ALIGN_DB or ./align-data/align.db
store.create_project("digest-2024-05", user="ana")
info = store.add_pair("digest-2024-05", "block:1", alignment, user="ana")
state = review.link(store, info.id, 3, 1, version=info.version, user="ana")
state = review.undo(store, info.id, version=state.info.version, user="ana")
```
Review operations are in :mod:`align.store.review`; records in :mod:`align.store.records`.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from align.store.records import (
    Comment,
    EditRecord,
    FlagResolution,
    PairInfo,
    PairState,
    ProjectInfo,
)
from align.store.sql.db import default_url
from align.store.store import Store


def open_store(url: str | None = None, *, upgrade: bool = True) -> Store:
    """Open (and create or migrate) the store at *url* (default: ``default_url()``).

    A new empty database is brought to the newest schema. An older schema is upgraded when
    *upgrade*, else StoreError asks for ``align db upgrade``. A schema from a newer align
    raises StoreError naming the database and both revisions, and nothing is changed.
    """
    from align.store.sql import migrate
    from align.store.sql.db import create_engine

    engine = create_engine(url or default_url())
    try:
        with _db_errors(engine):
            migrate.check(engine, upgrade=upgrade)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


def upgrade_db(url: str | None = None) -> tuple[str | None, str]:
    """Upgrade the database at *url* to the newest schema: ``(revision before, after)``
    (before is None for a new database)."""
    from align.store.sql import migrate
    from align.store.sql.db import create_engine

    engine = create_engine(url or default_url())
    try:
        with _db_errors(engine):
            return migrate.upgrade_db(engine)
    finally:
        engine.dispose()


@contextmanager
def _db_errors(engine: Engine) -> Iterator[None]:
    """Driver errors while opening (no server, unwritable file) as StoreError."""
    from sqlalchemy.exc import DBAPIError

    from align.errors import StoreError
    from align.store.sql.db import shown

    try:
        yield
    except DBAPIError as e:
        raise StoreError(f"cannot open database {shown(engine.url)}: "
                         f"{str(e.orig).strip().splitlines()[0] if e.orig else e}") from e


__all__ = ["Comment", "EditRecord", "FlagResolution", "PairInfo", "PairState", "ProjectInfo",
           "Store", "default_url", "open_store", "upgrade_db"]
