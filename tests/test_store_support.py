"""Shared set-up of the review-store tests (imported by the other test_store_* modules).

Every store test runs on SQLite (a file in tmp_path) and on PostgreSQL (env
``ALIGN_TEST_PG``; each test gets a fresh schema, dropped afterwards). Without
``ALIGN_TEST_PG`` the PostgreSQL cases skip, unless env ``CI`` is set: then they fail.
"""
from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from align.errors import InvalidEdit
from align.store import Store, open_store
from align.store.records import PairState
from align.types import Alignment, Status

ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ["sqlite", "postgresql"]


def pg_base_url() -> str:
    url = os.environ.get("ALIGN_TEST_PG")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("ALIGN_TEST_PG is not set; CI must run the PostgreSQL store tests "
                        "(bash .ci/postgres.sh prints the URL)")
        pytest.skip("PostgreSQL store tests need ALIGN_TEST_PG (bash .ci/postgres.sh)")
    return url


@dataclasses.dataclass
class Db:
    """A database for one test: its URL and backend name."""

    url: str
    backend: str


def _pg_schema(base: str) -> Iterator[str]:
    """A new PostgreSQL schema (dropped afterwards); yields a URL whose search_path is it."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    plain = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as c:
        c.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(plain, autocommit=True) as c:
            c.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite store, copied for each test (faster than migrating)."""
    path = tmp_path_factory.mktemp("store-template") / "store.db"
    open_store(f"sqlite:///{path}").close()
    return path


@pytest.fixture(scope="module")
def pg_module_url() -> Iterator[str]:
    """One migrated PostgreSQL schema per test module (tests use their own projects)."""
    for url in _pg_schema(pg_base_url()):
        open_store(url).close()
        yield url


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Db:
    """A migrated store: a fresh SQLite file, or the module's PostgreSQL schema (shared by
    the module's tests; ``add`` gives every pair its own project)."""
    if request.param == "sqlite":
        shutil.copyfile(sqlite_template, tmp_path / "store.db")
        return Db(f"sqlite:///{tmp_path / 'store.db'}", "sqlite")
    return Db(request.getfixturevalue("pg_module_url"), "postgresql")


@pytest.fixture(params=BACKENDS)
def fresh_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Db]:
    """An empty database of its own (not migrated): a new SQLite path or schema."""
    if request.param == "sqlite":
        yield Db(f"sqlite:///{tmp_path / 'fresh.db'}", "sqlite")
        return
    yield from (Db(u, "postgresql") for u in _pg_schema(pg_base_url()))


@pytest.fixture
def store(db: Db) -> Iterator[Store]:
    s = open_store(db.url)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def fresh_store(fresh_db: Db) -> Iterator[Store]:
    """A store on an empty database of its own (for tests that list everything)."""
    s = open_store(fresh_db.url)
    try:
        yield s
    finally:
        s.close()


@cache
def _gold(name: str) -> Alignment:
    return Alignment.from_json((ROOT / "samples" / name / "gold.json").read_text("utf-8"))


@cache
def sample(name: str = "translation-transfer", qa: bool = True) -> Alignment:
    """A bundled gold pair as automatic beads (score 0.8), with QA flags when *qa*."""
    g = _gold(name)
    beads = tuple(dataclasses.replace(b, score=0.8, status=Status.AUTO) for b in g.beads)
    aln = dataclasses.replace(g, beads=beads)
    if qa:
        from align.qa.checks import run_checks

        aln = run_checks(aln)
    return aln


def add(store: Store, aln: Alignment | None = None, key: str = "pair",
        project: str | None = None) -> PairState:
    """Import *aln* (default: the translation sample) into *project* (default: a new one)
    and return its first state."""
    if project is None:
        project = f"p-{uuid.uuid4().hex[:10]}"
    with contextlib.suppress(InvalidEdit):  # already there
        store.create_project(project, user="ana")
    info = store.add_pair(project, key, aln or sample(), user="ana")
    return store.load(info.id)


def snap(state: PairState) -> dict[str, Any]:
    """The alignment as a dict, without timestamps (what undo must restore)."""
    d = state.alignment.to_dict()
    d["meta"]["bead_meta"] = [{"reviewer": m["reviewer"]} for m in d["meta"]["bead_meta"]]
    return d


def consistent(store: Store, pair_id: int) -> PairState:
    """Load the pair and check the store's invariants: every sentence in exactly one bead
    (Alignment checks it), document spans valid, flag spans inside the documents, and
    version == last edit-log seq."""
    state = store.load(pair_id)
    a = state.alignment
    for doc in (a.source, a.target):
        for s in doc.sentences:
            assert doc.text[s.start:s.end] == s.text
    for b in a.beads:
        for f in b.flags:
            for span, doc in ((f.src_span, a.source), (f.tgt_span, a.target)):
                if span is not None:
                    assert 0 <= span[0] <= span[1] <= len(doc.text)
    hist = store.history(pair_id, limit=1)
    assert hist[-1].seq == state.version
    return state
