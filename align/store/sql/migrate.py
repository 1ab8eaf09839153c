"""Schema revisions: check a database against the migrations shipped in the package and
upgrade it with Alembic's programmatic API (a ``Config`` built in code, no ini file)."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from align.errors import StoreError
from align.store.sql.db import shown

MIGRATIONS = Path(__file__).parent.parent / "migrations"
OUR_TABLES = frozenset({"project", "pair", "bead", "sentence", "sentence_version", "edit_log",
                        "comment", "flag_resolution", "suppressions"})


def _config(conn: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def head() -> str:
    """The newest revision this version of align knows."""
    rev = ScriptDirectory.from_config(_config()).get_current_head()
    assert rev is not None
    return rev


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}


def current(engine: Engine) -> str | None:
    """The database's revision (None for a database without the store's tables)."""
    with engine.connect() as conn:
        rev = MigrationContext.configure(conn).get_current_revision()
        if rev is None and OUR_TABLES & set(inspect(conn).get_table_names()):
            raise StoreError(f"database {shown(engine.url)} has review-store tables but no "
                             f"schema revision (alembic_version); it was not made by align")
        conn.rollback()
    return rev


def check(engine: Engine, *, upgrade: bool) -> None:
    """Make sure the database is at ``head()``: create or upgrade it, or raise StoreError.

    A revision this version does not know (a database written by a newer align) raises
    before anything is written.
    """
    rev, top = current(engine), head()
    if rev == top:
        return
    if rev is not None and rev not in known_revisions():
        raise StoreError(f"database {shown(engine.url)} has schema revision {rev!r}, which "
                         f"this version of align does not know (it knows up to {top!r}); "
                         f"use a newer align")
    if rev is not None and not upgrade:
        raise StoreError(f"database {shown(engine.url)} has schema revision {rev!r}, older "
                         f"than {top!r}; run `align db upgrade`")
    _upgrade(engine)


def _upgrade(engine: Engine) -> None:
    try:
        with engine.begin() as conn:
            command.upgrade(_config(conn), "head")
    except Exception:
        # Another process may have created the schema at the same moment.
        if current(engine) == head():
            return
        raise


def upgrade_db(engine: Engine) -> tuple[str | None, str]:
    """Upgrade to head; returns ``(revision before, revision after)``."""
    rev, top = current(engine), head()
    if rev is not None and rev not in known_revisions():
        raise StoreError(f"database {shown(engine.url)} has schema revision {rev!r}, which "
                         f"this version of align does not know (it knows up to {top!r}); "
                         f"use a newer align")
    if rev != top:
        _upgrade(engine)
    return rev, top
