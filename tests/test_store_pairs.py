"""Projects, pairs, file import, listings, pair-level fields and history."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from align.errors import Conflict, InputError, InvalidEdit, SchemaError
from align.project.records import PairRecord, Project
from align.store import Store, review
from align.types import Document
from tests import test_store_support as support
from tests.test_store_support import add, consistent, sample, snap

# Fixtures shared by the store tests (see tests/test_store_support.py).
fresh_db = support.fresh_db
fresh_store = support.fresh_store


def _import(store, project, path):  # type: ignore[no-untyped-def]
    """A JSON file into the store the way the CLI and the app do it (read, then import)."""
    from align.reviewed import read_json_document

    return store.import_document(project, read_json_document(path), user="ana", name=path)


@pytest.fixture
def store(fresh_store: Store) -> Store:
    """These tests list every project and pair: each gets an empty database."""
    return fresh_store


def _project_file(tmp_path: Path) -> Path:
    recs = (PairRecord("block:1", "excerpt", ("s1",), sample(qa=False), block=1,
                       citation={"title_en": "Transfer news", "author": "A. Yazar"}),
            PairRecord("lead", "lead", ("s1", "s2"), sample("abstractive-health", qa=False)))
    p = tmp_path / "digest.align.json"
    p.write_text(Project("digest.txt", {}, (), recs).to_json(), encoding="utf-8")
    return p


def test_projects(store: Store) -> None:
    p = store.create_project("digest-1", user="ana", meta={"source": "x"})
    assert (p.name, p.created_by, p.n_pairs, dict(p.meta)) == ("digest-1", "ana", 0,
                                                                 {"source": "x"})
    with pytest.raises(InvalidEdit, match="already exists"):
        store.create_project("digest-1", user="bo")
    store.create_project("digest-0", user="bo")
    assert [x.name for x in store.list_projects()] == ["digest-0", "digest-1"]
    assert store.get_project(p.id) == store.get_project("digest-1")
    with pytest.raises(InvalidEdit, match="no project"):
        store.get_project("nope")


def test_import_project_file(store: Store, tmp_path: Path) -> None:
    infos = _import(store, "digests", _project_file(tmp_path))
    assert [(i.key, i.kind, i.project) for i in infos] == [
        ("block:1", "excerpt", "digests"), ("lead", "lead", "digests")]
    assert infos[0].title == "Transfer news" and infos[0].version == 1
    assert (infos[0].n_src, infos[0].n_tgt, infos[0].status) == (26, 26, "todo")
    state = store.load(infos[0].id)
    assert state.alignment.meta["citation"]["author"] == "A. Yazar"
    assert store.get_project("digests").n_pairs == 2
    assert store.list_pairs("digests") == infos and store.list_pairs() == infos


def test_import_alignment_file_and_bad_files(store: Store, tmp_path: Path) -> None:
    p = tmp_path / "one-pair.json"
    p.write_text(sample().to_json(), encoding="utf-8")
    (info,) = _import(store, "p", p)
    assert info.key == "one-pair" and info.n_flags == sum(len(b.flags) for b in sample().beads)
    bad = tmp_path / "other.json"
    bad.write_text(json.dumps({"schema": "something/1"}), encoding="utf-8")
    with pytest.raises(SchemaError, match="other.json"):
        _import(store, "p", bad)
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(SchemaError, match="other.json"):
        _import(store, "p", bad)
    with pytest.raises(InputError, match="missing.json"):
        _import(store, "p", tmp_path / "missing.json")


def test_import_is_all_or_nothing(store: Store, tmp_path: Path) -> None:
    store.create_project("digests", user="ana")
    # the file's second key, plain and qualified by the file, are both taken
    store.add_pair("digests", "lead", sample(), user="ana")
    store.add_pair("digests", "digest.align/lead", sample(), user="ana")
    with pytest.raises(InvalidEdit, match="already has a pair 'lead'"):
        _import(store, "digests", _project_file(tmp_path))
    assert [i.key for i in store.list_pairs("digests")] == ["lead", "digest.align/lead"]


def test_import_qualifies_a_key_already_taken(store: Store, tmp_path: Path) -> None:
    first = _import(store, "digests", _project_file(tmp_path))
    again = _import(store, "digests", _project_file(tmp_path))
    assert [i.key for i in first] == ["block:1", "lead"]
    assert [i.key for i in again] == ["digest.align/block:1", "digest.align/lead"]
    gold = tmp_path / "edam" / "gold.json"
    gold.parent.mkdir()
    gold.write_text(sample(qa=False).to_json(), encoding="utf-8")
    keys = [_import(store, "digests", gold)[0].key for _ in range(2)]
    assert keys == ["edam", "edam/gold"]


def test_delete_project_removes_its_pairs(store: Store) -> None:
    s = add(store, project="gone")
    s = review.merge(store, s.info.id, 0, "next", version=s.version, user="ana")
    keep = add(store, project="kept")
    store.delete_project("gone", user="ana")
    assert [i.project for i in store.list_pairs()] == ["kept"]
    with pytest.raises(InvalidEdit, match="no pair"):
        store.load(s.info.id)
    consistent(store, keep.info.id)


def test_pair_fields_assign_and_status(store: Store) -> None:
    s = add(store)
    s = store.assign(s.info.id, "bo", version=s.version, user="ana")
    assert (s.info.assignee, s.info.version, s.info.updated_by) == ("bo", 2, "ana")
    s = store.set_pair_status(s.info.id, "in_review", version=s.version, user="bo")
    assert s.info.status == "in_review" and store.pair(s.info.id) == s.info
    with pytest.raises(Conflict, match="changed since version 2 \\(now 3, by bo\\); reload"):
        store.set_pair_status(s.info.id, "done", version=2, user="ana")
    with pytest.raises(InvalidEdit):
        store.set_pair_status(s.info.id, "finished", version=s.version, user="bo")
    s = store.assign(s.info.id, None, version=s.version, user="bo")
    assert s.info.assignee is None and not s.can_undo  # pair fields are not undoable
    hist = store.history(s.info.id)
    assert [(e.seq, e.op, e.user) for e in hist] == [
        (1, "import", "ana"), (2, "assign", "ana"), (3, "set_pair_status", "bo"),
        (4, "assign", "bo")]
    assert [e.seq for e in store.history(s.info.id, limit=2)] == [3, 4]


def test_listing_counts(store: Store) -> None:
    s = add(store)
    s = review.confirm_above(store, s.info.id, 4, version=s.version, user="bo")
    s = review.set_status(store, s.info.id, 6, "rejected", version=s.version, user="bo")
    (info,) = store.list_pairs()
    assert info == s.info
    assert (info.n_beads, info.n_confirmed, info.n_rejected) == (25, 5, 1)
    assert info.mean_score == pytest.approx(sum(b.score for b in s.alignment.beads) / 25)
    assert info.n_flags == sum(len(b.flags) for b in s.alignment.beads)


def test_gloss_and_postedits_follow_their_sentences(store: Store) -> None:
    a = sample(qa=False)
    gloss = [f"gloss {i}" for i in range(len(a.source))]
    meta = {"gloss": {"scorer": "mt.v1", "model": "m", "source": gloss},
            "postedits": [{"tgt": 2, "original": "An older text."}]}
    s = add(store, dataclasses.replace(a, meta=meta))
    assert s.alignment.meta["gloss"] == meta["gloss"]
    assert s.alignment.meta["postedits"] == meta["postedits"]
    s = review.join_sentences(store, s.info.id, "src", 4, version=s.version, user="bo")
    g = s.alignment.meta["gloss"]["source"]
    assert len(g) == len(s.alignment.source) and g[4] == "gloss 4 gloss 5" and g[5] == "gloss 6"
    s = review.split_sentence(store, s.info.id, "tgt", 1, 10, version=s.version, user="bo")
    assert s.alignment.meta["postedits"] == [{"tgt": 3, "original": "An older text."}]


def test_documents_without_usable_text_are_stored_as_lines(store: Store) -> None:
    a = sample(qa=False)
    src = Document(a.source.lang, a.source.sentences, "")  # spans point into nothing
    s = add(store, dataclasses.replace(a, source=src))
    doc = s.alignment.source
    assert doc.text == "\n".join(a.source.texts)
    assert all(doc.text[x.start:x.end] == x.text for x in doc.sentences)
    assert snap(s)["target"] == a.target.to_dict()


def test_free_key_takes_the_first_key_not_in_the_project(store: Store) -> None:
    import itertools

    from ui.importing import free_key

    store.create_project("digests", user="ana")
    store.add_pair("digests", "lead", sample(), user="ana")
    assert store.free_key("digests", ["lead", "", "lead-2", "x"]) == "lead-2"
    assert store.free_key("digests", ["lead"]) is None
    numbered = itertools.chain(["block"], (f"block-{n}" for n in itertools.count(2)))
    assert store.free_key("digests", numbered) == "block"
    store.add_pair("digests", "lead-2", sample(), user="ana")
    assert free_key(store, "digests", "lead") == "lead-3"  # the app numbers its imports
    with pytest.raises(InvalidEdit, match="no project"):
        store.free_key("nowhere", ["a"])
