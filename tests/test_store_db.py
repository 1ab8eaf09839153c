"""Opening databases: URLs, SQLite pragmas, Alembic revisions (new, older, newer)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from align.errors import StoreError
from align.store import Store, default_url, open_store, upgrade_db
from align.store.sql import migrate
from align.store.sql.db import create_engine, normalize_url
from align.store.sql.schema import Base
from tests import test_store_support as support
from tests.test_store_support import Db, add, snap

# Fixtures shared by the store tests (see tests/test_store_support.py).
fresh_db = support.fresh_db
fresh_store = support.fresh_store


def _revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        return migrate.current(engine)
    finally:
        engine.dispose()


def _exec(url: str, sql: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(sql))
    engine.dispose()


def test_new_database_is_created_at_head(fresh_db: Db) -> None:
    assert _revision(fresh_db.url) is None
    open_store(fresh_db.url).close()
    assert _revision(fresh_db.url) == migrate.head()
    assert upgrade_db(fresh_db.url) == (migrate.head(), migrate.head())


def test_migrations_create_exactly_the_orm_tables(fresh_db: Db) -> None:
    open_store(fresh_db.url).close()
    engine = create_engine(fresh_db.url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    s = open_store(f"sqlite:///{tmp_path / 'a' / 'b.db'}")  # missing folders are made
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
    s.close()


def test_database_from_a_newer_align_is_refused_untouched(fresh_store: Store,
                                                         fresh_db: Db) -> None:
    store = fresh_store
    s0 = add(store)
    before = snap(s0)
    store.close()
    _exec(fresh_db.url, "UPDATE alembic_version SET version_num = '9999_future'")
    url = fresh_db.url
    for call in (lambda: open_store(url), lambda: open_store(url, upgrade=False),
                 lambda: upgrade_db(url)):
        with pytest.raises(StoreError) as e:
            call()
        msg = str(e.value)
        assert "9999_future" in msg and migrate.head() in msg and "newer align" in msg
    assert _revision(fresh_db.url) == "9999_future"
    _exec(fresh_db.url, f"UPDATE alembic_version SET version_num = '{migrate.head()}'")
    with open_store(fresh_db.url) as again:
        assert snap(again.load(s0.info.id)) == before


def _one_more_revision(tmp_path: Path) -> Path:
    """A copy of the shipped migrations plus a revision 9001 after their head."""
    dst = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, dst)
    (dst / "versions" / "9001_extra.py").write_text(
        'import sqlalchemy as sa\nfrom alembic import op\n\nrevision = "9001"\n'
        f'down_revision = "{migrate.head()}"\nbranch_labels = None\ndepends_on = None\n\n\n'
        'def upgrade():\n    op.create_table("extra", sa.Column("id", sa.Integer(), '
        'primary_key=True))\n', encoding="utf-8")
    return dst


def test_older_schema_upgrades_only_when_allowed(fresh_db: Db, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(fresh_db.url).close()  # at the shipped head
    shipped = migrate.head()
    monkeypatch.setattr(migrate, "MIGRATIONS", _one_more_revision(tmp_path))
    assert migrate.head() == "9001"
    with pytest.raises(StoreError, match="align db upgrade"):
        open_store(fresh_db.url, upgrade=False)
    assert _revision(fresh_db.url) == shipped
    assert upgrade_db(fresh_db.url) == (shipped, "9001")
    open_store(fresh_db.url, upgrade=False).close()
    assert _revision(fresh_db.url) == "9001"


def test_a_database_at_0001_gets_the_audit_log(fresh_db: Db, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Databases made before the audit log (revision 0001) are upgraded in place."""
    shipped, first = migrate.MIGRATIONS, tmp_path / "first"
    shutil.copytree(shipped, first)
    for extra in (first / "versions").glob("0*.py"):  # every revision after 0001
        if not extra.name.startswith("0001_"):
            extra.unlink()
    monkeypatch.setattr(migrate, "MIGRATIONS", first)
    open_store(fresh_db.url).close()
    assert _revision(fresh_db.url) == "0001"
    monkeypatch.setattr(migrate, "MIGRATIONS", shipped)
    assert upgrade_db(fresh_db.url) == ("0001", migrate.head())
    with open_store(fresh_db.url) as store:
        assert store.audit_log() == []


def test_tables_without_a_revision_are_not_taken_over(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    _exec(url, "CREATE TABLE project (id INTEGER PRIMARY KEY)")
    with pytest.raises(StoreError, match="not made by align"):
        open_store(url)


@pytest.mark.parametrize(("url", "driver"), [
    ("postgresql://u@h/db", "postgresql+psycopg"),
    ("postgres://u@h/db", "postgresql+psycopg"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg"),
    ("sqlite:///x.db", "sqlite"),
])
def test_urls_get_the_psycopg_driver(url: str, driver: str) -> None:
    assert normalize_url(url).drivername == driver


@pytest.mark.parametrize("url", ["mysql://u@h/db", "not a url"])
def test_unsupported_urls_are_refused(url: str) -> None:
    with pytest.raises(StoreError):
        open_store(url)


def test_unreachable_server_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        open_store("postgresql+psycopg://nobody:secret@127.0.0.1:9/none?connect_timeout=2")


def test_default_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ALIGN_DB", "postgresql+psycopg://u@h/db")
    assert default_url() == "postgresql+psycopg://u@h/db"
    monkeypatch.delenv("ALIGN_DB")
    monkeypatch.setenv("ALIGN_HOME", str(tmp_path))
    assert default_url() == f"sqlite:///{tmp_path / 'align.db'}"
    monkeypatch.delenv("ALIGN_HOME")
    monkeypatch.chdir(tmp_path)
    assert default_url() == f"sqlite:///{tmp_path / 'align-data' / 'align.db'}"
