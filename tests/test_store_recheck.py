"""``review.recheck``: the whole-pair QA re-check corrects flags the windowed re-check of
edits left stale, writes only beads whose flags change, is undoable, and refuses a stale
version without writing."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select, update

from align.errors import Conflict
from align.qa.checks import run_checks
from align.store import Store, open_store, review
from align.store.edit.recheck import flag_delta
from align.store.records import PairState
from align.store.sql.schema import T_BEAD, T_LOG
from align.types import Alignment, Bead, Flag, Severity, Status
from tests import test_store_support as support
from tests.test_store_support import Db, add, consistent, sample, snap

db = support.db
pg_module_url = support.pg_module_url
sqlite_template = support.sqlite_template
store = support.store


def _far_edit(store: Store, db: Db) -> PairState:
    """A source edit at bead 19 that changes the message of bead 6's ``unsupported`` flag
    ("… occurs nowhere in the source" names the first name missing from the whole source);
    bead 6 is outside the edit's re-check window, so its flag goes stale."""
    s0 = add(store)
    src = s0.alignment.source.texts[20]
    s1 = review.edit_text(store, s0.info.id, "src", 20, src + " İstanbul'da toplandı.",
                          version=s0.version, user="bo")
    assert s1.alignment.beads[6].flags != run_checks(s1.alignment).beads[6].flags
    return s1


def _imported_without_flags(store: Store, db: Db) -> PairState:
    """A pair imported with no flags at all, some beads confirmed or rejected."""
    a = sample(qa=False)
    beads = list(a.beads)
    beads[2] = dataclasses.replace(beads[2], status=Status.CONFIRMED, score=0.41)
    beads[6] = dataclasses.replace(beads[6], status=Status.REJECTED)
    return add(store, dataclasses.replace(a, beads=tuple(beads)))


def _flags_changed_in_db(store: Store, db: Db) -> PairState:
    """Flags cleared on some beads and a bogus one planted on another, directly in the
    database (as an older QA version would have left them); read by a fresh store."""
    s0 = add(store)
    flagged = [k for k, b in enumerate(s0.alignment.beads) if b.flags]
    bogus = [{"type": "omission", "severity": "minor", "message": "stale", "src": None,
              "tgt": None}]
    with store.engine.begin() as conn:
        ids = [r[0] for r in conn.execute(select(T_BEAD.c.id).where(
            T_BEAD.c.pair_id == s0.info.id).order_by(T_BEAD.c.ordinal))]
        for k in flagged:
            conn.execute(update(T_BEAD).where(T_BEAD.c.id == ids[k]).values(flags=[]))
        conn.execute(update(T_BEAD).where(T_BEAD.c.id == ids[0]).values(flags=bogus))
    with open_store(db.url) as other:
        return other.load(s0.info.id)


STALE: list[tuple[str, Callable[[Store, Db], PairState]]] = [
    ("far-edit", _far_edit),
    ("imported-without-flags", _imported_without_flags),
    ("flags-changed-in-db", _flags_changed_in_db),
]


def _log_after(store: Store, pair_id: int, seq: int) -> Any:
    with store.engine.connect() as conn:
        return conn.execute(select(T_LOG.c.after).where(
            T_LOG.c.pair_id == pair_id, T_LOG.c.seq == seq)).scalar_one()


@pytest.mark.parametrize(("name", "make"), STALE, ids=[c[0] for c in STALE])
def test_recheck_gives_whole_pair_flags_and_undoes(store: Store, db: Db, name: str,
                                                   make: Callable[[Store, Db], PairState]
                                                   ) -> None:
    with open_store(db.url) as s:  # a store whose cache has not seen direct db writes
        s0 = make(store, db)
        pid = s0.info.id
        want = run_checks(s.load(pid).alignment)
        before = snap(s0)
        s1 = review.recheck(s, pid, version=s0.version, user="cem")
        assert s1.version == s0.version + 1 and s1.can_undo and not s1.can_redo
        got = s1.alignment
        assert [b.flags for b in got.beads] == [b.flags for b in want.beads], name
        assert [b.flags for b in consistent(s, pid).alignment.beads] == \
            [b.flags for b in want.beads]
        # Statuses, scores, reviewers and sentences are untouched.
        strip = [dataclasses.replace(b, flags=()) for b in got.beads]
        assert strip == [dataclasses.replace(b, flags=()) for b in s0.alignment.beads]
        assert got.meta["bead_meta"] == s0.alignment.meta["bead_meta"]
        assert (got.source, got.target) == (s0.alignment.source, s0.alignment.target)
        assert s1.info.n_flags == sum(len(b.flags) for b in want.beads)
        # Only the beads whose flags changed were written, and only their flags.
        changed = {k for k, (a, b) in enumerate(zip(s0.alignment.beads, got.beads))
                   if a.flags != b.flags}
        after = _log_after(s, pid, s1.version)
        assert set(after) == {"bead"} and len(after["bead"]) == len(changed) > 0
        assert all(set(cols) == {"flags"} for _, cols in after["bead"])
        assert s.history(pid)[-1].op == "recheck" and s.history(pid)[-1].user == "cem"
        # Undo restores the previous flags exactly; redo re-applies.
        s2 = review.undo(s, pid, version=s1.version, user="cem")
        assert snap(s2) == before
        with open_store(db.url) as fresh:
            assert snap(fresh.load(pid)) == before
        s3 = review.redo(s, pid, version=s2.version, user="cem")
        assert snap(s3) == snap(s1)


def test_recheck_of_fresh_flags_writes_no_bead(store: Store) -> None:
    s0 = add(store)  # imported with run_checks flags: nothing is stale
    s1 = review.recheck(store, s0.info.id, version=s0.version, user="bo")
    assert snap(s1) == snap(s0) and s1.version == s0.version + 1
    assert _log_after(store, s0.info.id, s1.version) == {}


def test_stale_version_conflicts_and_writes_nothing(store: Store) -> None:
    s0 = add(store, sample(qa=False))
    s1 = review.set_status(store, s0.info.id, 0, "confirmed", version=s0.version, user="bo")
    with pytest.raises(Conflict, match=f"changed since version {s0.version}"):
        review.recheck(store, s0.info.id, version=s0.version, user="cem")
    now = consistent(store, s0.info.id)
    assert now.version == s1.version and snap(now) == snap(s1)
    assert not any(b.flags for b in now.alignment.beads)
    assert [e.op for e in store.history(s0.info.id)] == ["import", "set_status"]


def _aln(*flags: tuple[Flag, ...]) -> Alignment:
    a = sample(qa=False)
    beads = tuple(Bead(b.src, b.tgt, b.score, b.status, flags[k] if k < len(flags) else ())
                  for k, b in enumerate(a.beads))
    return dataclasses.replace(a, beads=beads)


F1 = Flag("omission", Severity.MINOR, "one", None, None)
F2 = Flag("length", Severity.MINOR, "two", None, None)


@pytest.mark.parametrize(("before", "after", "delta"), [
    ((), (), (0, 0)),
    (((F1,),), ((F1,),), (0, 0)),
    (((F1,),), ((F2,),), (1, 1)),
    (((), (F1, F1)), ((F1,), (F1,)), (1, 1)),
    (((F1, F2),), ((),), (0, 2)),
    ((), ((F1,), (F2,), (F1, F2)), (4, 0)),
])
def test_flag_delta(before: tuple[tuple[Flag, ...], ...], after: tuple[tuple[Flag, ...], ...],
                    delta: tuple[int, int]) -> None:
    assert flag_delta(_aln(*before), _aln(*after)) == delta
