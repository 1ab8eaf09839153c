"""Suppression (as Xbench's "ignore"): a flag marked false positive is not raised again on
the same sentence pair anywhere in the project — by ``recheck``, by the window re-check of
an edit, or in a newly added pair — until a reviewer accepts it; and ``align project
report`` gives per-check precision from the reviewers' verdicts."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import uuid
from pathlib import Path

import pytest

from align.cli import main
from align.store import Store, open_store, review, upgrade_db
from align.store.edit.suppress import normalise, suppression_key
from align.store.records import PairState
from align.store.sql import migrate
from align.types import Flag, Severity
from tests import test_store_support as support
from tests.test_store_support import Db, add, consistent, sample

db = support.db
fresh_db = support.fresh_db
pg_module_url = support.pg_module_url
sqlite_template = support.sqlite_template
store = support.store


def _flagged(state: PairState) -> tuple[int, str]:
    """(bead, flag type) of the first flag of the pair."""
    return next((k, b.flags[0].type) for k, b in enumerate(state.alignment.beads) if b.flags)


def _types(state: PairState, k: int) -> list[str]:
    return [f.type for f in state.alignment.beads[k].flags]


def _held(state: PairState) -> list[tuple[int, str]]:
    return [(h["bead"], h["type"]) for h in state.alignment.meta.get("suppressed", ())]


def _fp(store: Store, state: PairState, k: int, t: str) -> PairState:
    return review.resolve_flag(store, state.info.id, k, t, "false_positive",
                               version=state.version, user="bo")


def test_key_is_type_and_normalised_texts() -> None:
    key = suppression_key("length", "İSTANBUL’da  toplandı.", "They  MET.", "tr", "en")
    assert key == suppression_key("length", "istanbul'da toplandı.", "they met.", "tr", "en")
    assert key != suppression_key("omission", "istanbul'da toplandı.", "they met.", "tr", "en")
    assert key != suppression_key("length", "istanbul'da toplandı.", "they left.", "tr", "en")
    assert normalise(" Iraklı\n İşçi ", "tr") == "ıraklı işçi"


def test_false_positive_is_not_raised_again_by_recheck(store: Store) -> None:
    s0 = add(store)
    k, t = _flagged(s0)
    n0 = s0.info.n_flags
    s1 = _fp(store, s0, k, t)
    assert t in _types(s1, k)  # shown (marked false positive) until flags are recomputed
    rows = store.suppressions(s0.info.project)
    assert [(r["flag_type"], r["pair_id"]) for r in rows] == [(t, s0.info.id)]
    s2 = review.recheck(store, s0.info.id, version=s1.version, user="bo")
    assert t not in _types(s2, k)
    assert _held(s2) == [(k, t)]
    assert s2.info.n_flags == n0 - 1
    assert [r.resolution for r in s2.resolutions] == ["false_positive"]  # the verdict stays
    consistent(store, s0.info.id)
    # undo brings the flag back as it was; redo holds it back again
    s3 = review.undo(store, s0.info.id, version=s2.version, user="bo")
    assert t in _types(s3, k) and not _held(s3)
    s4 = review.redo(store, s0.info.id, version=s3.version, user="bo")
    assert t not in _types(s4, k) and _held(s4) == [(k, t)]


def test_a_new_pair_of_the_project_does_not_raise_it(store: Store) -> None:
    s0 = add(store)
    k, t = _flagged(s0)
    _fp(store, s0, k, t)
    same = add(store, key="again", project=s0.info.project)
    assert t not in _types(same, k) and _held(same) == [(k, t)]
    assert same.info.n_flags == s0.info.n_flags - 1
    docs = store.import_document(s0.info.project, sample(), user="ana", name="third.json")
    third = store.load(docs[0].id)
    assert t not in _types(third, k) and _held(third) == [(k, t)]
    other = add(store)  # another project: its own suppressions (none)
    assert t in _types(other, k) and not _held(other)


def test_the_edit_refresh_does_not_raise_it(store: Store) -> None:
    """Merging the flagged bead into its neighbour and splitting it off again re-checks it
    (``refresh``): a pair of another project gets the flag back, this one does not."""

    def merge_and_split(s: PairState, k: int) -> PairState:
        prev = s.alignment.beads[k - 1]
        m = review.merge(store, s.info.id, k, "prev", version=s.version, user="bo")
        return review.split_bead(store, s.info.id, k - 1, len(prev.src), len(prev.tgt),
                                 version=m.version, user="bo")

    control = add(store)
    k, t = _flagged(control)
    back = merge_and_split(control, k)
    assert back.alignment.beads[k].src == control.alignment.beads[k].src
    assert t in _types(back, k)  # the window re-check raises it on the restored bead

    s0 = add(store)
    s1 = _fp(store, s0, k, t)
    s2 = merge_and_split(s1, k)
    assert s2.alignment.beads[k].tgt == s0.alignment.beads[k].tgt
    assert t not in _types(s2, k) and (k, t) in _held(s2)
    consistent(store, s0.info.id)


def test_accepting_lifts_the_suppression(store: Store) -> None:
    s0 = add(store)
    k, t = _flagged(s0)
    s1 = review.recheck(store, s0.info.id, version=_fp(store, s0, k, t).version, user="bo")
    assert t not in _types(s1, k)
    # the held-back flag can still be judged: accepting it lifts the suppression
    s2 = review.resolve_flag(store, s0.info.id, k, t, "accepted", version=s1.version,
                             user="bo")
    assert store.suppressions(s0.info.project) == []
    s3 = review.recheck(store, s0.info.id, version=s2.version, user="bo")
    assert t in _types(s3, k) and not _held(s3)
    assert s3.info.n_flags == s0.info.n_flags
    again = add(store, key="again", project=s0.info.project)
    assert t in _types(again, k)
    # false positive once more: suppressed again (re-resolving replaces the record)
    _fp(store, s3, k, t)
    assert len(store.suppressions(s0.info.project)) == 1


def test_other_types_and_other_texts_are_untouched(store: Store) -> None:
    s0 = add(store)
    k, t = _flagged(s0)
    _fp(store, s0, k, t)
    a = sample()
    extra = Flag("length", Severity.MINOR, "planted")
    beads = list(a.beads)
    beads[k] = dataclasses.replace(beads[k], flags=(*beads[k].flags, extra))
    edited = a.target.sentences[0]
    target = dataclasses.replace(a.target, sentences=(
        dataclasses.replace(edited, text=edited.text + " Indeed."),
        *a.target.sentences[1:]), text="")
    beads[0] = dataclasses.replace(beads[0], flags=(Flag(t, Severity.MAJOR, "zero"),))
    planted = dataclasses.replace(a, beads=tuple(beads))
    s1 = add(store, planted, key="planted", project=s0.info.project)
    assert _types(s1, k) == ["length"] and _held(s1) == [(k, t)]
    s2 = _fp(store, s1, 0, t)  # another sentence pair: its own suppression
    assert len(store.suppressions(s0.info.project)) == 2
    third = add(store, dataclasses.replace(planted, target=target), key="edited",
                project=s0.info.project)
    assert _types(third, 0) == [t]  # English sentence 0 differs: not suppressed
    assert s2.alignment.beads[0].flags  # marked, still shown until recomputed


def test_report_gives_per_check_precision(store: Store, db: Db, tmp_path: Path) -> None:
    project = f"p-{uuid.uuid4().hex[:10]}"
    s0 = add(store, project=project)
    k, t = _flagged(s0)
    review.recheck(store, s0.info.id, version=_fp(store, s0, k, t).version, user="bo")
    a = sample(qa=False)
    beads = list(a.beads)
    for n, flag in ((1, Flag("number_mismatch", Severity.MAJOR, "a")),
                    (2, Flag("number_mismatch", Severity.MAJOR, "b")),
                    (3, Flag("length", Severity.MINOR, "c"))):
        beads[n] = dataclasses.replace(beads[n], flags=(flag,))
    b0 = add(store, dataclasses.replace(a, beads=tuple(beads)), key="planted", project=project)
    b1 = review.resolve_flag(store, b0.info.id, 1, "number_mismatch", "accepted",
                             version=b0.version, user="bo")
    review.resolve_flag(store, b0.info.id, 2, "number_mismatch", "false_positive",
                        version=b1.version, user="bo")
    out = tmp_path / "report.json"
    assert main(["project", "report", project, "-o", str(out), "--db", db.url]) == 0
    got = {p["type"]: p for p in json.loads(out.read_text("utf-8"))["precision"]}
    assert got["number_mismatch"] == {"type": "number_mismatch", "raised": 2, "accepted": 1,
                                      "false_positive": 1, "open": 0, "suppressed": 0,
                                      "precision": 0.5}
    assert got["length"] == {"type": "length", "raised": 1, "accepted": 0,
                             "false_positive": 0, "open": 1, "suppressed": 0,
                             "precision": None}
    assert got[t] == {"type": t, "raised": 1, "accepted": 0, "false_positive": 1, "open": 0,
                      "suppressed": 1, "precision": 0.0}
    assert got["omission"]["raised"] == 0  # every registered check has a line
    csv_out = tmp_path / "report.csv"
    assert main(["project", "report", project, "-o", str(csv_out), "--db", db.url]) == 0
    rows = [r for r in csv.DictReader(io.StringIO(csv_out.read_text("utf-8")))
            if r["record"] == "precision"]
    line = next(r["message"] for r in rows if r["type"] == "number_mismatch")
    assert line == ("raised 2, accepted 1, false positive 1, open 0, suppressed 0, "
                    "precision 0.50")
    html = tmp_path / "report.html"
    assert main(["project", "report", project, "-o", str(html), "--db", db.url]) == 0
    page = html.read_text("utf-8")
    assert "Per-check precision" in page and "<td class=n>0.50</td>" in page


def test_a_database_at_0002_gets_the_suppressions_table(fresh_db: Db, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    shipped, older = migrate.MIGRATIONS, tmp_path / "older"
    shutil.copytree(shipped, older)
    for extra in (older / "versions").glob("0003_*.py"):
        extra.unlink()
    monkeypatch.setattr(migrate, "MIGRATIONS", older)
    with open_store(fresh_db.url) as s:
        s.create_project("old", user="ana")
    monkeypatch.setattr(migrate, "MIGRATIONS", shipped)
    assert upgrade_db(fresh_db.url) == ("0002", migrate.head())
    with open_store(fresh_db.url) as s:
        s0 = add(s, project="old")
        k, t = _flagged(s0)
        s1 = review.resolve_flag(s, s0.info.id, k, t, "false_positive", version=s0.version,
                                 user="bo")
        assert len(s.suppressions(s1.info.project)) == 1
