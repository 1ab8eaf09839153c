"""Two writers on one pair (no lost update) and a writer killed in the middle of a write."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from align.errors import Conflict
from align.store import Store, open_store, review
from tests import test_store_support as support
from tests.test_store_support import ROOT, Db, add, consistent, snap

# Fixtures shared by the store tests (see tests/test_store_support.py).
db = support.db
pg_module_url = support.pg_module_url
sqlite_template = support.sqlite_template
store = support.store

# A child process: open the store, say "ready", then either race (wait for the go file,
# merge bead 0 with a 0.3 s pause inside the transaction) or die (hang after the rows of
# a merge are written, before the commit, until the parent sends SIGKILL).
CHILD = r"""
import sys, time, pathlib
from align.errors import Conflict
from align.store import open_store, review
import align.store.review as rv
url, pair_id, version, mode, flag, user = sys.argv[1:7]
store = open_store(url)
if mode == "race":
    cached = store.cached
    def slow(pid, v):
        time.sleep(0.3)
        return cached(pid, v)
    store.cached = slow
else:
    write = rv.write_changes
    def hang(*a, **k):
        write(*a, **k)
        pathlib.Path(flag).write_text("written")
        time.sleep(120)
    rv.write_changes = hang
print("ready", flush=True)
if mode == "race":
    while not pathlib.Path(flag).exists():
        time.sleep(0.001)
t = time.monotonic()
try:
    s = review.merge(store, int(pair_id), 0, "next", version=int(version), user=user)
    print("ok", s.version, flush=True)
except Conflict as e:
    print("conflict", e, flush=True)
print("seconds", time.monotonic() - t, flush=True)
"""


def _spawn(db: Db, pair_id: int, version: int, mode: str, flag: Path,
           users: tuple[str, ...]) -> list[subprocess.Popen[str]]:
    """Start one child per user and wait until every one has opened the store."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, db.url, str(pair_id), str(version),
                               mode, str(flag), u], stdout=subprocess.PIPE, text=True, env=env)
             for u in users]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    return procs


def test_stale_write_is_refused_and_nothing_is_lost(store: Store) -> None:
    s0 = add(store)
    a = review.merge(store, s0.info.id, 2, "next", version=s0.version, user="ana")
    with pytest.raises(Conflict) as e:
        review.set_status(store, s0.info.id, 0, "confirmed", version=s0.version, user="bo")
    assert str(e.value) == f"pair {s0.info.id} changed since version 1 (now 2, by ana); reload"
    now = consistent(store, s0.info.id)
    assert snap(now) == snap(a) and now.version == 2


def test_two_stores_one_pair_second_writer_gets_conflict(store: Store, db: Db) -> None:
    s0 = add(store)
    with open_store(db.url) as other:
        view_b = other.load(s0.info.id)  # both reviewers look at version 1
        a = review.merge(store, s0.info.id, 2, "next", version=s0.version, user="ana")
        with pytest.raises(Conflict):
            review.edit_text(other, s0.info.id, "tgt", 0, "Edited title.",
                             version=view_b.version, user="bo")
        fresh = other.load(s0.info.id)  # reload and redo the edit: both changes kept
        b = review.edit_text(other, s0.info.id, "tgt", 0, "Edited title.",
                             version=fresh.version, user="bo")
    final = consistent(store, s0.info.id)  # the first store's cached model is stale
    assert snap(final) == snap(b) and final.version == 3
    assert final.alignment.beads[2].src == a.alignment.beads[2].src == (2, 3)
    assert final.alignment.target.texts[0] == "Edited title."


def test_two_processes_race_one_wins(store: Store, db: Db, tmp_path: Path) -> None:
    s0 = add(store)
    go = tmp_path / "go"
    procs = _spawn(db, s0.info.id, s0.version, "race", go, ("p1", "p2"))
    go.write_text("go")
    outs = [p.communicate(timeout=60)[0].strip().splitlines() for p in procs]
    assert sorted(o[0].split()[0] for o in outs) == ["conflict", "ok"], outs
    loser, waited = next((o[0], float(o[1].split()[1])) for o in outs
                         if o[0].startswith("conflict"))
    assert waited > 0.2  # it waited for the winner's lock: the two writes overlapped
    assert "changed since version 1 (now 2, by p" in loser
    s = consistent(store, s0.info.id)
    assert s.version == 2 and s.info.updated_by in ("p1", "p2")
    assert [e.op for e in store.history(s.info.id)] == ["import", "merge"]
    assert len(s.alignment.beads) == len(s0.alignment.beads) - 1


def test_process_killed_mid_write_leaves_the_pair_as_it_was(store: Store, db: Db,
                                                            tmp_path: Path) -> None:
    s0 = add(store)
    before = snap(s0)
    flag = tmp_path / "written"
    (p,) = _spawn(db, s0.info.id, s0.version, "kill", flag, ("doomed",))
    deadline = time.monotonic() + 60
    while not flag.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert flag.exists(), "the child never wrote"
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    assert p.returncode == -signal.SIGKILL
    with open_store(db.url) as fresh:  # no cache: reads every row
        s = consistent(fresh, s0.info.id)
        assert s.version == s0.version and snap(s) == before
        assert [e.op for e in fresh.history(s0.info.id)] == ["import"]
        s = review.merge(fresh, s0.info.id, 0, "next", version=s.version, user="ana")
        assert s.version == 2
    consistent(store, s0.info.id)
