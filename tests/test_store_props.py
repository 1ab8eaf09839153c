"""Random sequences of review operations: invariants hold after each, undoing them all
gives back the imported state, redoing them all the final one."""
from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.errors import InvalidEdit
from align.store import Store, review
from tests import test_store_support as support
from tests.test_store_support import add, consistent, sample, snap

# Fixtures shared by the store tests (see tests/test_store_support.py).
db = support.db
pg_module_url = support.pg_module_url
sqlite_template = support.sqlite_template
store = support.store

_keys = itertools.count()

OPS = st.one_of(
    st.tuples(st.just("link"), st.fixed_dictionaries({"src": st.integers(0, 40),
                                                      "tgt": st.integers(0, 30)})),
    st.tuples(st.just("unlink"), st.fixed_dictionaries({"src": st.integers(0, 40)})),
    st.tuples(st.just("detach"), st.fixed_dictionaries({"side": st.sampled_from(["src", "tgt"]),
                                                        "index": st.integers(0, 30)})),
    st.tuples(st.just("merge"), st.fixed_dictionaries({
        "bead": st.integers(0, 30), "direction": st.sampled_from(["prev", "next"])})),
    st.tuples(st.just("split_bead"), st.fixed_dictionaries({
        "bead": st.integers(0, 30), "n_src": st.integers(0, 3), "n_tgt": st.integers(0, 2)})),
    st.tuples(st.just("shift"), st.fixed_dictionaries({
        "side": st.sampled_from(["src", "tgt"]), "index": st.integers(0, 30),
        "direction": st.sampled_from(["up", "down"])})),
    st.tuples(st.just("split_sentence"), st.fixed_dictionaries({
        "side": st.sampled_from(["src", "tgt"]), "index": st.integers(0, 30),
        "at": st.integers(1, 80)})),
    st.tuples(st.just("join_sentences"), st.fixed_dictionaries({
        "side": st.sampled_from(["src", "tgt"]), "index": st.integers(0, 30)})),
    st.tuples(st.just("edit_text"), st.fixed_dictionaries({
        "side": st.sampled_from(["src", "tgt"]), "index": st.integers(0, 30),
        "text": st.sampled_from(["A new sentence with 42 items.", "Yeni bir cümle.", "…"])})),
    st.tuples(st.just("set_status"), st.fixed_dictionaries({
        "bead": st.integers(0, 30), "status": st.sampled_from(["confirmed", "rejected"])})),
    st.tuples(st.just("confirm_above"), st.fixed_dictionaries({"bead": st.integers(0, 30)})),
)


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=st.sampled_from(["translation-transfer", "abstractive-health"]),
       ops=st.lists(OPS, min_size=1, max_size=7))
def test_random_operations_then_undo_all(store: Store, name: str,
                                         ops: list[tuple[str, dict[str, Any]]]) -> None:
    s = add(store, sample(name, qa=False), key=f"k{next(_keys)}")
    pid, imported = s.info.id, snap(s)
    applied = 0
    for fn, kwargs in ops:
        try:
            s = getattr(review, fn)(store, pid, **kwargs, version=s.version, user="hyp")
        except InvalidEdit:
            continue
        applied += 1
        assert snap(consistent(store, pid)) == snap(s)
    final = snap(s)
    for _ in range(applied):
        assert s.can_undo
        s = review.undo(store, pid, version=s.version, user="hyp")
    assert not s.can_undo and snap(s) == imported
    assert snap(consistent(store, pid)) == imported
    for _ in range(applied):
        s = review.redo(store, pid, version=s.version, user="hyp")
    assert not s.can_redo and snap(s) == final
