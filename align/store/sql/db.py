"""Database URLs, engines and transactions of the review store.

SQLite (the default, one file) runs in WAL mode with ``foreign_keys=ON`` and a 10 s busy
timeout; its transactions are opened with an explicit ``BEGIN`` (pysqlite's own implicit
transactions are switched off, as the SQLAlchemy docs advise) so reads and writes of one
review operation form one transaction. PostgreSQL is used through psycopg 3; a bare
``postgresql://`` URL is mapped to ``postgresql+psycopg://``.
"""
from __future__ import annotations

import functools
import os
import sqlite3
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, make_url
from sqlalchemy import create_engine as sa_create_engine
from sqlalchemy.engine import URL
from sqlalchemy.pool import StaticPool

from align.errors import StoreError
from align.home import STORE_FILE, data_dir

BUSY_TIMEOUT_S = 10


def default_url() -> str:
    """``ALIGN_DB`` if set, else ``sqlite:///<ALIGN_HOME or ./align-data>/align.db``."""
    env = os.environ.get("ALIGN_DB")
    if env:
        return env
    return f"sqlite:///{data_dir() / STORE_FILE}"


def normalize_url(url: str) -> URL:
    """Parse *url*; ``postgresql://`` / ``postgres://`` get the psycopg 3 driver."""
    try:
        u = make_url(url)
    except Exception as e:  # sqlalchemy.exc.ArgumentError and friends
        raise StoreError(f"cannot parse database URL {url!r}: {e}") from e
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    if not (u.drivername.startswith("sqlite") or u.drivername.startswith("postgresql")):
        raise StoreError(f"database URL {shown(u)} is neither sqlite nor postgresql")
    return u


def shown(url: URL | str) -> str:
    """The URL as it may appear in messages (password hidden)."""
    u = make_url(url) if isinstance(url, str) else url
    return u.render_as_string(hide_password=True)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def create_engine(url: str | URL) -> Engine:
    """An engine for *url* with the store's pragmas (SQLite) set on every connection."""
    u = normalize_url(url) if isinstance(url, str) else url
    if u.drivername.startswith("sqlite"):
        return _sqlite_engine(u)
    try:
        return sa_create_engine(u, pool_pre_ping=True)
    except Exception as e:  # missing driver
        raise StoreError(f"cannot open database {shown(u)}: {e}") from e


_SQLITE_HINTS = (
    ("readonly", ("this user may read it but not change it: reading, listing and "
                  "exporting work; changes need write access to the file and its folder")),
    ("disk is full", "nothing was written; free some space and try again"),
    ("disk I/O error", "nothing was written; check the disk and try again"),
)


def read_only(path: Path) -> bool:
    """An existing SQLite file this process may read but not change (its folder or the file
    is not writable for us): the store opens it read-only, so listing and exporting work."""
    if not path.is_file():
        return False
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK))


def _sqlite_engine(u: URL) -> Engine:
    memory = u.database in (None, "", ":memory:")
    kwargs: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_S}}
    ro = False
    if memory:
        kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        path = Path(str(u.database))
        ro = read_only(path)
        if ro:
            kwargs["creator"] = functools.partial(_connect_read_only, path)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"cannot create the directory of database {path}: {e}") from e
    engine = sa_create_engine(u, **kwargs)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see "begin" below)
        cur = dbapi_conn.cursor()
        if not memory and not ro:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cur.close()

    @event.listens_for(engine, "handle_error")
    def _one_line(ctx: Any) -> None:
        """A read-only file or a full disk is the user's to fix: say so in one line (the
        transaction is rolled back, so nothing was half-written)."""
        orig = ctx.original_exception
        if not isinstance(orig, sqlite3.OperationalError):
            return
        first = (str(orig).strip().splitlines() or [""])[0]
        for cue, hint in _SQLITE_HINTS:
            if cue in first:
                raise StoreError(f"database {shown(u)}: {first} ({hint})") from orig

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # A write transaction takes the write lock at once (waiting up to the busy
        # timeout): reading first and writing later could fail on a stale WAL snapshot.
        write = conn.get_execution_options().get("store_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection. SQLite reads a WAL database read-only only when it may create
    the ``-shm`` file; where it may not, the file is opened as immutable (a snapshot: what
    another process writes meanwhile is not seen)."""
    uri = f"file:{urllib.parse.quote(str(path))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        return sqlite3.connect(uri + "&immutable=1", uri=True, timeout=BUSY_TIMEOUT_S,
                               check_same_thread=False)


def now() -> str:
    """Current UTC time, ISO 8601 with microseconds and ``Z``: ``2025-01-31T09:15:02.123456Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
