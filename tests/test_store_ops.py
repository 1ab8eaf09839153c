"""Review operations: what each does, undo/redo of every one, refusals that write nothing."""
from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from align.errors import InvalidEdit
from align.qa.postedit import edits_from_meta
from align.store import Store, review
from align.types import Alignment, Bead, Status
from tests import test_store_support as support
from tests.test_store_support import add, consistent, sample, snap

# Fixtures shared by the store tests (see tests/test_store_support.py).
db = support.db
pg_module_url = support.pg_module_url
sqlite_template = support.sqlite_template
store = support.store

# (name, review function, kwargs, check of the new alignment); translation sample, monotonic:
# bead 4 = src (4, 5) / tgt (4,); bead 5 = (6,) / (5,); bead 6 = () / (6,); bead 7 = (7,) /
# (7, 8); bead 14 = (14, 15) / (16,); bead 15 = (16,) / ().
CASES: list[tuple[str, str, dict[str, Any], Any]] = [
    ("link", "link", {"src": 5, "tgt": 5},
     lambda a: a.beads[4].src == (4,) and a.beads[5].src == (5, 6)),
    ("unlink", "unlink", {"src": 5},
     lambda a: a.beads[4].src == (4,) and (a.beads[5].src, a.beads[5].tgt) == ((5,), ())),
    ("detach-tgt", "detach", {"side": "tgt", "index": 8},
     lambda a: a.beads[7].tgt == (7,) and (a.beads[8].src, a.beads[8].tgt) == ((), (8,))),
    ("detach-src-first", "detach", {"side": "src", "index": 4},
     lambda a: (a.beads[4].src, a.beads[4].tgt) == ((4,), ()) and a.beads[5].src == (5,)),
    ("merge-next", "merge", {"bead": 2, "direction": "next"},
     lambda a: (a.beads[2].src, a.beads[2].tgt) == ((2, 3), (2, 3)) and len(a.beads) == 24),
    ("merge-prev", "merge", {"bead": 3, "direction": "prev"},
     lambda a: (a.beads[2].src, a.beads[2].tgt) == ((2, 3), (2, 3))),
    ("split_bead", "split_bead", {"bead": 4, "n_src": 1, "n_tgt": 1},
     lambda a: (a.beads[4].src, a.beads[5].src, a.beads[5].tgt) == ((4,), (5,), ())),
    ("shift-down", "shift", {"side": "src", "index": 5, "direction": "down"},
     lambda a: a.beads[5].src == (5, 6)),
    ("shift-up", "shift", {"side": "tgt", "index": 6, "direction": "up"},
     lambda a: a.beads[5].tgt == (5, 6) and len(a.beads) == 24),
    ("split_sentence", "split_sentence", {"side": "tgt", "index": 0, "at": 33},
     lambda a: a.target.texts[:2] == ["Kuzeyspor signs Turkey midfielder",
                                      "Emre Taşkın for 12.5 million euros"]
     and a.beads[0].tgt == (0, 1) and len(a.target) == 27),
    ("join-same-bead", "join_sentences", {"side": "tgt", "index": 7},
     lambda a: len(a.target) == 25 and a.beads[7].tgt == (7,)
     and a.target.texts[7].endswith("offers for the player.")),
    ("join-two-beads", "join_sentences", {"side": "src", "index": 0},
     lambda a: len(a.source) == 25 and (a.beads[0].src, a.beads[0].tgt) == ((0,), (0, 1))),
    ("edit_text", "edit_text", {"side": "tgt", "index": 3, "text": "Of that sum, all is paid now."},
     lambda a: a.target.texts[3] == "Of that sum, all is paid now."
     and a.meta["postedits"][0]["tgt"] == 3),
    ("confirm", "set_status", {"bead": 0, "status": "confirmed"},
     lambda a: a.beads[0].status is Status.CONFIRMED),
    ("reject", "set_status", {"bead": 1, "status": Status.REJECTED},
     lambda a: a.beads[1].status is Status.REJECTED),
    ("confirm_above", "confirm_above", {"bead": 5},
     lambda a: all(b.status is Status.CONFIRMED for b in a.beads[:6])
     and a.beads[6].status is Status.AUTO),
]


def _run(store: Store, state: Any, fn: str, kwargs: dict[str, Any], user: str = "bo") -> Any:
    """Through the facade: ``store.<op>(pair_id, …)`` (bound from ``align.store.review``)."""
    return getattr(store, fn)(state.info.id, **kwargs, version=state.version, user=user)


@pytest.mark.parametrize(("name", "fn", "kwargs", "check"), CASES, ids=[c[0] for c in CASES])
def test_operation_then_undo_redo(store: Store, name: str, fn: str, kwargs: dict[str, Any],
                                  check: Any) -> None:
    s0 = add(store)
    before = snap(s0)
    s1 = _run(store, s0, fn, kwargs)
    assert s1.version == s0.version + 1 and s1.can_undo and not s1.can_redo
    assert check(s1.alignment), name
    assert snap(s1) != before
    after = snap(s1)
    assert snap(consistent(store, s1.info.id)) == after  # what load() reads back
    s2 = store.undo(s1.info.id, version=s1.version, user="bo")
    assert snap(s2) == before and not s2.can_undo and s2.can_redo
    assert snap(consistent(store, s1.info.id)) == before
    s3 = store.redo(s1.info.id, version=s2.version, user="bo")
    assert snap(s3) == after and s3.can_undo and not s3.can_redo
    s4 = store.undo(s1.info.id, version=s3.version, user="bo")
    assert snap(s4) == before
    ops = [e.op for e in store.history(s1.info.id)]
    assert ops == ["import", fn, "undo", "redo", "undo"]


def _lumped() -> Alignment:
    """The translation sample with beads 10-13 lumped into one 4-5 bead."""
    a = sample(qa=False)
    b = a.beads
    lump = Bead(b[10].src + b[11].src + b[12].src + b[13].src,
                b[10].tgt + b[11].tgt + b[12].tgt + b[13].tgt, 0.3)
    return dataclasses.replace(a, beads=(*b[:10], lump, *b[14:]))


def test_realign_keeps_confirmed_anchors_and_undoes(store: Store) -> None:
    s0 = add(store, _lumped())
    s0 = _run(store, s0, "set_status", {"bead": 12, "status": "confirmed"})  # (16,) / ()
    before = snap(s0)
    kept = s0.alignment.beads[12]
    s1 = _run(store, s0, "realign", {"start_bead": None})  # first unconfirmed: bead 0
    a = s1.alignment
    assert [(b.src, b.tgt) for b in a.beads] == [(b.src, b.tgt) for b in sample().beads]
    assert a.beads[15] == kept and a.beads[15].status is Status.CONFIRMED
    assert a.meta["bead_meta"][0] == s0.alignment.meta["bead_meta"][0]  # same row kept
    s2 = review.undo(store, s1.info.id, version=s1.version, user="bo")
    assert snap(s2) == before
    s3 = review.redo(store, s1.info.id, version=s2.version, user="bo")
    assert snap(s3) == snap(s1)
    with pytest.raises(InvalidEdit):
        _run(store, s3, "realign", {"start_bead": 99})


def test_changed_beads_go_auto_and_unchanged_rows_stay(store: Store) -> None:
    s0 = add(store)
    s = _run(store, s0, "confirm_above", {"bead": 24})
    s = _run(store, s, "merge", {"bead": 2, "direction": "next"})
    meta = s.alignment.meta["bead_meta"]
    assert s.alignment.beads[2].status is Status.AUTO and meta[2]["reviewer"] == "bo"
    assert all(b.status is Status.CONFIRMED for k, b in enumerate(s.alignment.beads) if k != 2)
    assert s.info.n_confirmed == 23 and s.info.n_beads == 24


def test_edit_keeps_first_original_and_feeds_postedit_metrics(store: Store) -> None:
    s = add(store)
    first = s.alignment.target.texts[3]
    s = _run(store, s, "edit_text", {"side": "tgt", "index": 3, "text": "One edit."})
    s = _run(store, s, "edit_text", {"side": "tgt", "index": 3, "text": "Two edits here."})
    assert s.alignment.meta["postedits"] == [{"tgt": 3, "original": first}]
    (edit,) = edits_from_meta(s.alignment)
    assert (edit.original, edit.edited) == (first, "Two edits here.")
    hist = store.sentence_history(s.info.id, "tgt", 3)
    assert [h["text"] for h in hist] == [first, "One edit."]
    assert [h["op"] for h in hist] == ["edit_text", "edit_text"]
    # Every other sentence keeps a valid span in the rebuilt target text.
    doc = s.alignment.target
    assert all(doc.text[x.start:x.end] == x.text for x in doc.sentences)
    assert "Two edits here." in doc.text and first not in doc.text


def test_split_and_join_keep_the_imported_text(store: Store) -> None:
    s0 = add(store)
    text = s0.alignment.target.text
    s = _run(store, s0, "split_sentence", {"side": "tgt", "index": 0, "at": 33})
    assert s.alignment.target.text == text  # spans cut inside the imported text
    s = _run(store, s, "join_sentences", {"side": "tgt", "index": 0})
    assert s.alignment.target.text == text
    assert s.alignment.target.sentences[0] == s0.alignment.target.sentences[0]


def test_edited_bead_gets_flags_recomputed(store: Store) -> None:
    s = add(store)
    k = next(k for k, b in enumerate(s.alignment.beads) if b.tgt == (16,))
    assert not s.alignment.beads[k].flags
    s = _run(store, s, "edit_text", {"side": "tgt", "index": 16,
                                     "text": "Taşkın said the club paid 99 million dollars."})
    types = {f.type for f in s.alignment.beads[k].flags}
    assert "number_mismatch" in types
    for f in s.alignment.beads[k].flags:
        if f.tgt_span:
            assert "99" in s.alignment.target.text[f.tgt_span[0]:f.tgt_span[1]] or \
                f.type != "number_mismatch"


def test_free_mode_allows_crossing_links(store: Store) -> None:
    s = add(store, sample("abstractive-health", qa=False))
    assert s.alignment.signature.mode == "free"
    s = _run(store, s, "link", {"src": 0, "tgt": 1})  # source 0 joins bead (2, 3, 4, 6, 7)
    bead = next(b for b in s.alignment.beads if 1 in b.tgt)
    assert bead.src == (0, 2, 3, 4, 6, 7)
    s = _run(store, s, "unlink", {"src": 26})  # from the middle of (1, 26, 27, 28, 29)
    assert any(b.src == (26,) and not b.tgt for b in s.alignment.beads)
    consistent(store, s.info.id)


REFUSED: list[tuple[str, dict[str, Any]]] = [
    ("merge", {"bead": 0, "direction": "prev"}),
    ("merge", {"bead": 24, "direction": "next"}),
    ("merge", {"bead": 1, "direction": "sideways"}),
    ("split_bead", {"bead": 0, "n_src": 1, "n_tgt": 1}),
    ("split_bead", {"bead": 4, "n_src": 3, "n_tgt": 0}),
    ("shift", {"side": "src", "index": 0, "direction": "up"}),
    ("split_sentence", {"side": "tgt", "index": 0, "at": 0}),
    ("split_sentence", {"side": "tgt", "index": 0, "at": 500}),
    ("join_sentences", {"side": "src", "index": 25}),
    ("edit_text", {"side": "tgt", "index": 0, "text": "   "}),
    ("set_status", {"bead": 0, "status": "maybe"}),
    ("set_status", {"bead": 99, "status": "confirmed"}),
    ("unlink", {"src": 16}),
    ("link", {"src": 4, "tgt": 4}),
    ("link", {"src": 0, "tgt": 5}),  # would cross: the pair is monotonic
    ("detach", {"side": "tgt", "index": 6}),
    ("detach", {"side": "both", "index": 0}),
    ("undo", {}),
    ("redo", {}),
    ("comment", {"bead": None, "text": " "}),
    ("resolve_flag", {"bead": 0, "flag_type": "length", "resolution": "accepted"}),
    ("resolve_flag", {"bead": 6, "flag_type": "unsupported", "resolution": "fine"}),
]


def test_refused_operations_write_nothing(store: Store) -> None:
    s0 = add(store)
    for fn, kwargs in REFUSED:
        with pytest.raises(InvalidEdit):
            _run(store, s0, fn, kwargs)
        s1 = consistent(store, s0.info.id)
        assert s1.version == s0.version and snap(s1) == snap(s0), (fn, kwargs)
    assert [e.op for e in store.history(s0.info.id)] == ["import"]


def test_comments_and_flag_resolutions(store: Store) -> None:
    s = add(store)
    s = review.comment(store, s.info.id, 6, "is this sentence in the source?",
                       version=s.version, user="bo")
    s = review.comment(store, s.info.id, None, "pair looks fine", version=s.version, user="cy")
    s = review.resolve_flag(store, s.info.id, 6, "unsupported", "false_positive",
                            version=s.version, user="bo")
    s = review.resolve_flag(store, s.info.id, 6, "unsupported", "accepted",
                            version=s.version, user="cy")
    assert [(c.bead, c.user) for c in s.comments] == [(6, "bo"), (None, "cy")]
    assert [(r.bead, r.flag_type, r.resolution, r.user) for r in s.resolutions] == \
        [(6, "unsupported", "accepted", "cy")]
    # An operation before bead 6 moves the notes with their bead; notes are not undone.
    s = review.merge(store, s.info.id, 0, "next", version=s.version, user="bo")
    assert s.comments[0].bead == 5 and s.resolutions[0].bead == 5
    assert not s.can_redo
    s = review.undo(store, s.info.id, version=s.version, user="bo")
    assert s.comments[0].bead == 6 and len(s.resolutions) == 1
    loaded = store.load(s.info.id)
    assert loaded.comments == s.comments and loaded.resolutions == s.resolutions


def test_new_operation_clears_redo(store: Store) -> None:
    s = add(store)
    s = _run(store, s, "merge", {"bead": 0, "direction": "next"})
    s = _run(store, s, "merge", {"bead": 0, "direction": "next"})
    s = review.undo(store, s.info.id, version=s.version, user="bo")
    assert s.can_redo
    s = _run(store, s, "set_status", {"bead": 3, "status": "rejected"})
    assert not s.can_redo
    with pytest.raises(InvalidEdit):
        review.redo(store, s.info.id, version=s.version, user="bo")
    s = review.undo(store, s.info.id, version=s.version, user="bo")  # the status
    s = review.undo(store, s.info.id, version=s.version, user="bo")  # the first merge
    assert snap(s) == snap(add(store, key="fresh")) and not s.can_undo


def test_alignment_round_trips_through_the_store(store: Store) -> None:
    aln = sample()
    s = add(store, aln)
    got: Alignment = s.alignment
    assert got.source == aln.source and got.target == aln.target
    assert got.source.text == aln.source.text and got.target.text == aln.target.text
    assert [b.to_dict() for b in got.beads] == [b.to_dict() for b in aln.beads]
    assert got.signature == aln.signature
    assert got.meta["postedits"] == [] and len(got.meta["bead_meta"]) == len(aln.beads)
