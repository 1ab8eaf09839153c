"""`align db` and `align project` end to end through `align.cli.main` on a SQLite file."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from align.cli import main
from align.formats import read_tmx_pairs, validate_tmx

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
EDAM = SAMPLES / "bayraktar" / "edam" / "gold.json"
TRANSFER = SAMPLES / "translation-transfer" / "gold.json"


@pytest.fixture()
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'review.db'}"
    monkeypatch.setenv("ALIGN_DB", url)
    monkeypatch.setenv("ALIGN_USER", "ana")
    return url


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_project_lifecycle(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"]) == 0
    assert "created schema" in capsys.readouterr().err
    assert main(["project", "create", "digests"]) == 0
    assert main(["project", "import", "digests", str(EDAM), str(TRANSFER)]) == 0
    shown = _json(capsys, "project", "show", "digests", "--format", "json")
    assert isinstance(shown, dict)
    pairs = {p["key"]: p for p in shown["pairs"]}
    assert set(pairs) == {"edam", "translation-transfer"}
    assert pairs["edam"]["n_src"] == 36 and pairs["edam"]["n_tgt"] == 12
    assert pairs["edam"]["updated_by"] == "ana" and pairs["edam"]["version"] == 1

    out = tmp_path / "edam.tmx"
    assert main(["project", "export", "digests", "--pair", "edam", "-o", str(out)]) == 0
    assert validate_tmx(out.read_bytes()) == []
    units = read_tmx_pairs(out)
    gold = json.loads(EDAM.read_text(encoding="utf-8"))
    linked = [b for b in gold["beads"] if b["src"] and b["tgt"]]
    assert len(units) == len(linked)  # the gold beads are all confirmed
    assert any("Bayraktar" in en for _, en in units)

    listed = _json(capsys, "project", "list", "--format", "json")
    assert [(p["name"], p["n_pairs"]) for p in listed] == [("digests", 2)]  # type: ignore[union-attr]
    assert main(["project", "delete", "digests", "--yes"]) == 0
    assert _json(capsys, "project", "list", "--format", "json") == []
    from align.store import open_store

    with open_store(db) as store:  # the deletion outlives the pairs' edit logs
        (entry,) = store.audit_log()
    assert (entry["op"], entry["user"], entry["subject"]) == ("delete_project", "ana", "digests")
    assert sorted(entry["details"]["pairs"]) == ["edam", "translation-transfer"]


def test_an_export_never_replaces_the_database(db: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["project", "create", "digests"]) == 0
    assert main(["project", "import", "digests", str(EDAM)]) == 0
    store = tmp_path / "review.db"
    before = store.read_bytes()[:16]
    capsys.readouterr()
    for target in (store, store.with_name("review.db-wal")):
        assert main(["project", "export", "digests", "--format", "tmx", "-o", str(target)]) == 2
        assert "is a database file" in capsys.readouterr().err
    assert store.read_bytes()[:16] == before == b"SQLite format 3\x00"
    assert _json(capsys, "project", "list", "--format", "json")[0]["n_pairs"] == 1  # type: ignore[index]


def test_import_of_a_reversed_tmx_takes_the_flag_its_error_names(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tmx = tmp_path / "en-tr.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" '
        'datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>The court ruled.</seg></tuv>'
        '<tuv xml:lang="tr"><seg>Mahkeme karar verdi.</seg></tuv></tu></body></tmx>',
        encoding="utf-8")
    capsys.readouterr()
    assert main(["project", "import", "p", str(tmx), "--create"]) == 2
    err = capsys.readouterr().err
    assert "pass --swap" in err and err.count("\n") == 1
    assert main(["project", "import", "p", str(tmx), "--create", "--swap"]) == 0
    shown = _json(capsys, "project", "show", "p", "--format", "json")
    assert [(p["n_src"], p["n_tgt"]) for p in shown["pairs"]] == [(1, 1)]  # type: ignore[index]


@pytest.mark.parametrize(("argv", "message"), [
    (["project", "import", "nope", str(EDAM)], "no project 'nope'"),
    (["project", "export", "digests", "--pair", "missing", "-o", "x.tmx"], "has no pair missing"),
    (["project", "delete", "digests"], "pass --yes"),
    (["project", "import", "digests", "no-such.json"], "no-such.json: no such file"),
    (["project", "create", "digests"], "digests"),
])
def test_errors_are_one_line(db: str, argv: list[str], message: str,
                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["project", "create", "digests"]) == 0
    capsys.readouterr()
    assert main(argv) != 0
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1, err


def test_a_newer_database_is_refused_and_left_alone(db: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"]) == 0
    path = tmp_path / "review.db"
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["project", "list"]) != 0
    err = capsys.readouterr().err
    assert "9999_future" in err and "newer" in err.lower(), err
    assert path.read_bytes() == before


def test_import_of_a_wrong_file_changes_nothing(db: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('{"schema": "something/1"}', encoding="utf-8")
    assert main(["project", "import", "digests", "--create", str(EDAM), str(bad)]) != 0
    assert "notes.json" in capsys.readouterr().err
    # every file is read before anything is written: not even the project --create makes
    assert _json(capsys, "project", "list", "--format", "json") == []


def test_import_rows_back_from_a_spreadsheet(db: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["project", "import", "digests", "--create", str(EDAM)]) == 0
    out = tmp_path / "edam-reviewed.csv"
    assert main(["project", "export", "digests", "--pair", "edam", "-o", str(out)]) == 0
    plain = tmp_path / "plain.csv"  # LF Aligner's two columns, no ids, no pair key
    plain.write_text("source,target\nBir.,One.\n,Added.\n", encoding="utf-8")
    assert main(["project", "import", "back", "--create", str(out), str(plain)]) == 0
    shown = _json(capsys, "project", "show", "back", "--format", "json")
    pairs = {p["key"]: p for p in shown["pairs"]}  # type: ignore[index]
    assert (pairs["edam"]["n_src"], pairs["edam"]["n_tgt"], pairs["edam"]["n_beads"]) == (36, 12, 34)
    assert pairs["edam"]["kind"] == "import" and pairs["edam"]["n_confirmed"] == 34
    assert (pairs["plain"]["n_src"], pairs["plain"]["n_tgt"], pairs["plain"]["n_beads"]) == (1, 2, 2)
    # Back into the project it came from: the key is taken, so it is qualified by the file.
    assert main(["project", "import", "digests", str(out)]) == 0
    shown = _json(capsys, "project", "show", "digests", "--format", "json")
    assert [p["key"] for p in shown["pairs"]] == ["edam", "edam-reviewed/edam"]  # type: ignore[index]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("wrong.csv", "english,turkish\nOne.,Bir.\n", "missing column(s) source, target"),
    ("empty.csv", "", "is empty"),
    ("empty.jsonl", "\n", "holds no row with text"),
    ("bomb.xlf", ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
                  '<xliff version="2.1"><file id="f"><unit id="b0"><segment><source>&b;'
                  '</source></segment></unit></file></xliff>'), "bomb.xlf"),
    ("broken.xliff", "<xliff version='1.2'><file>", "broken.xliff"),
])
def test_import_of_a_bad_row_file_writes_nothing(db: str, tmp_path: Path, name: str,
                                                 content: str, message: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["project", "import", "digests", "--create", str(EDAM)]) == 0
    before = _json(capsys, "project", "show", "digests", "--format", "json")
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("source,target\nBir.,One.\n", encoding="utf-8")
    for argv in (["project", "import", "digests", str(good), str(bad)],
                 ["project", "import", "fresh", "--create", str(good), str(bad)]):
        capsys.readouterr()
        assert main(argv) != 0
        err = capsys.readouterr().err.strip()
        assert message in err and str(bad) in err and len(err.splitlines()) == 1, err
    assert _json(capsys, "project", "show", "digests", "--format", "json") == before
    listed = _json(capsys, "project", "list", "--format", "json")
    assert [p["name"] for p in listed] == ["digests"]  # type: ignore[union-attr]


def test_project_report_carries_review_edits(db: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from align.store import open_store, review

    assert main(["project", "import", "digests", "--create", str(EDAM)]) == 0
    with open_store(db) as store:
        info = store.list_pairs("digests")[0]
        state = store.load(info.id)
        old = state.alignment.target.sentences[1].text
        review.edit_text(store, info.id, "tgt", 1, old + " Indeed.", version=state.version,
                         user="ana")
    out = tmp_path / "report.json"
    assert main(["project", "report", "digests", "-o", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    (post,) = report["postedits"]
    assert (post["file"], post["pair"], post["changed"]) == ("digests", "edam", 1)
    edit = next(e for e in post["edits"] if e["tgt"] == 1)
    assert edit["original"] == old and edit["edited"] == old + " Indeed." and edit["hter"] > 0
    html = tmp_path / "report.html"
    assert main(["project", "report", "digests", "-o", str(html)]) == 0
    assert html.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_project_recheck_stores_whole_pair_flags(db: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from align.qa.checks import run_checks
    from align.store import open_store, review

    assert main(["project", "import", "digests", "--create", str(EDAM), str(TRANSFER)]) == 0
    with open_store(db) as store:
        pairs = {"tt" if p.key == "translation-transfer" else p.key: p
                 for p in store.list_pairs("digests")}
        before = {k: store.load(p.id) for k, p in pairs.items()}
    want = run_checks(before["tt"].alignment)
    n_want = sum(len(b.flags) for b in want.beads)
    n_had = sum(len(b.flags) for b in before["tt"].alignment.beads)
    assert n_want != n_had  # gold files carry no QA flags
    capsys.readouterr()
    assert main(["project", "recheck", "digests", "--pair", "translation-transfer"]) == 0
    err = capsys.readouterr().err
    added = f"digests/translation-transfer: {n_want - n_had} flag(s) added, 0 removed"
    assert added in err, err
    assert "re-checked 1 pair(s) of digests" in err and "edam" not in err
    with open_store(db) as store:
        s1 = store.load(pairs["tt"].id)
        assert [b.flags for b in s1.alignment.beads] == [b.flags for b in want.beads]
        assert s1.info.updated_by == "ana" and store.history(s1.info.id)[-1].op == "recheck"
        assert store.load(pairs["edam"].id).version == 1  # not asked for
        s2 = review.undo(store, s1.info.id, version=s1.version, user="ana")
        assert s2.alignment.beads == before["tt"].alignment.beads
    # Unknown pair key: one-line error, nothing written.
    assert main(["project", "recheck", "digests", "--pair", "translation-transfer",
                 "--pair", "nope"]) != 0
    err = capsys.readouterr().err.strip()
    assert "has no pair nope" in err and len(err.splitlines()) == 1, err
    with open_store(db) as store:
        assert store.load(pairs["tt"].id).version == s2.version
