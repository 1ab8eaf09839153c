"""A database this user may read but not change opens read-only: listing and exporting work;
a change is refused in one line. A full disk is one line too, with nothing half-written."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from align.errors import StoreError
from align.store import open_store

ROOT = Path(__file__).resolve().parents[1]
EDAM = ROOT / "samples" / "bayraktar" / "edam" / "gold.json"


def _import(store, project, path):  # type: ignore[no-untyped-def]
    """A JSON file into the store the way the CLI and the app do it (read, then import)."""
    from align.reviewed import read_json_document

    return store.import_document(project, read_json_document(path), user="ana", name=path)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder another user can enter (pytest's tmp folders are private to their owner)."""
    d = Path(tempfile.mkdtemp(prefix="align-ro-"))
    d.chmod(0o755)
    yield d
    d.chmod(0o755)
    shutil.rmtree(d, ignore_errors=True)


def _as_reader(db: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """``align ARGV`` by a user who may read ``db`` but not write it or its folder."""
    env = {**os.environ, "ALIGN_DB": f"sqlite:///{db}", "ALIGN_USER": "okur", "HOME": "/tmp",
           "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "align", *argv]
    if os.geteuid() == 0:  # root writes anything: run as nobody
        if not shutil.which("setpriv"):
            pytest.skip("needs setpriv to drop root")
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    else:
        db.parent.chmod(0o555)
        db.chmod(0o444)
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, cwd="/tmp",
                          check=False)


def test_a_read_only_database_can_be_listed_and_exported(shared_dir: Path) -> None:
    db = shared_dir / "review.db"
    with open_store(f"sqlite:///{db}") as store:
        store.create_project("p", user="ana")
        _import(store, "p", EDAM)
    db.chmod(0o644)
    before = db.read_bytes()
    listed = _as_reader(db, "project", "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("p\t1 pair(s)")
    exported = _as_reader(db, "project", "export", "p", "--format", "tmx", "-o", "-")
    assert exported.returncode == 0 and "<tmx" in exported.stdout, exported.stderr
    changed = _as_reader(db, "project", "create", "q")
    assert changed.returncode == 2
    assert changed.stderr.count("\n") == 1 and "may read it but not change it" in changed.stderr
    assert db.read_bytes() == before


def test_a_full_disk_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "review.db"
    with open_store(f"sqlite:///{db}") as store:
        store.create_project("p", user="ana")
        pages = store.engine.connect().exec_driver_sql("PRAGMA page_count").scalar()

        @event.listens_for(store.engine, "connect")
        def _small(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # SQLITE_FULL soon

        store.engine.dispose()
        with pytest.raises(StoreError, match=r"database or disk is full \(nothing was "
                                             r"written; free some space and try again\)"):
            _import(store, "p", EDAM)
        assert [p.n_pairs for p in store.list_projects()] == [0]
