"""A 5,000-sentence pair: import, a few operations and their undo, load."""
from __future__ import annotations

import time

import pytest

from align.store import Store, open_store, review
from benchmarks.store_ops import synthetic_pair
from tests import test_store_support as support
from tests.test_store_support import Db, consistent, snap

# Fixtures shared by the store tests (see tests/test_store_support.py).
db = support.db
pg_module_url = support.pg_module_url
sqlite_template = support.sqlite_template
store = support.store


@pytest.mark.slow
def test_five_thousand_sentence_pair(store: Store, db: Db) -> None:
    aln = synthetic_pair(5000)
    assert len(aln.source) == len(aln.target) == 5000
    store.create_project("big", user="ana")
    t0 = time.perf_counter()
    info = store.add_pair("big", "pair", aln, user="ana")
    s = store.load(info.id)
    assert [b.to_dict() for b in s.alignment.beads] == [b.to_dict() for b in aln.beads]
    assert s.alignment.source.text == aln.source.text
    before = snap(s)
    pid = info.id
    s = review.merge(store, pid, 2500, "next", version=s.version, user="ana")
    s = review.split_sentence(store, pid, "tgt", 4000, 10, version=s.version, user="ana")
    s = review.edit_text(store, pid, "src", 10, "Yeni metin.", version=s.version, user="ana")
    s = review.confirm_above(store, pid, 4700, version=s.version, user="ana")
    assert (s.info.n_beads, s.info.n_src, s.info.n_tgt) == (len(aln.beads) - 1, 5000, 5001)
    after = snap(s)
    with open_store(db.url) as cold:  # every row read back from the database
        assert snap(consistent(cold, pid)) == after
    for _ in range(4):
        s = review.undo(store, pid, version=s.version, user="ana")
    assert snap(s) == before
    assert snap(consistent(store, pid)) == before
    assert time.perf_counter() - t0 < 60
