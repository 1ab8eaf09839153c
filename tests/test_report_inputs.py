"""Report CSV/JSON records, bad inputs (older schemas, zero links, empty sides) and a real project."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from align.errors import InputError, SchemaError, UnknownComponent
from align.report.build import build_report, collect
from align.report.records import RECORD_FIELDS
from align.types import Alignment, Bead, Document, Signature
from tests.test_report import HOSTILE, make_alignment, walk, write

SIG = Signature("test.v1", version="0")


def project(pairs: list[dict], schema: str = "align.project/1", **extra) -> dict:
    return {"schema": schema, "digest_path": "d.txt", "digest": {}, "sources": [],
            "pairs": pairs, "notes": [], **extra}


def pair(pid: str, aln: Alignment | dict, **kw) -> dict:
    d = aln.to_dict() if isinstance(aln, Alignment) else aln
    return {"id": pid, "kind": "excerpt", "block": 1, "sources": ["s1"], "citation": {}, "alignment": d,
            **kw}


ZERO_LINKS = Alignment(Document.from_texts(["Bir.", "İki."], "tr"),
                       Document.from_texts(["Unrelated.", "Text."], "en"),
                       [Bead((0, 1), ()), Bead((), (0, 1))], SIG)
EMPTY_EN = Alignment(Document.from_texts(["Bir."], "tr"), Document("en", ()), [Bead((0,), ())], SIG)
EMPTY_TR = Alignment(Document("tr", ()), Document.from_texts(["Alone."], "en"), [Bead((), (0,))], SIG)


def test_csv_round_trip(tmp_path: Path) -> None:
    path = write(tmp_path / "h.json", make_alignment())
    text = build_report([path], "csv", run_checks=False)
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == RECORD_FIELDS and len(rows) == 6
    recs = [dict(zip(RECORD_FIELDS, r, strict=True)) for r in rows[1:]]
    assert [r["severity"] for r in recs] == ["critical", "critical", "major", "major", "minor"]
    num = next(r for r in recs if r["type"] == "number_mismatch")
    assert (num["src_excerpt"], num["tgt_excerpt"], num["src_ids"], num["tgt_ids"]) == ("180", "280", "0", "0")
    assert HOSTILE in num["tgt_text"] and num["score"] == "0.91"
    added = next(r for r in recs if r["type"] == "unsupported")
    assert added["tgt_text"] == "'=SUM(A1) was added." and added["src_ids"] == ""
    # the same records as JSON (CSV cells are the JSON values through safe_cell)
    data = json.loads(build_report([path], "json", run_checks=False))
    assert [r["type"] for r in data["records"]] == [r["type"] for r in recs]
    assert data["records"][3]["tgt_text"] == "=SUM(A1) was added."


def test_json_summary(tmp_path: Path) -> None:
    paths = [write(tmp_path / "h.json", make_alignment()), write(tmp_path / "z.json", ZERO_LINKS)]
    data = json.loads(build_report(paths, "json", run_checks=False))
    assert data["schema"] == "align.report/1" and data["mqm_weights"] == {"minor": 1, "major": 5, "critical": 25}
    first, second, total = data["summary"]
    assert first["coverage"] == 0.75 and first["flags_by_severity"] == {"critical": 2, "major": 2, "minor": 1}
    assert second["links"] == 0 and second["mean_confidence"] is None and second["coverage"] == 0.0
    assert total["pair"] == "total" and total["pairs"] == 2 and total["links"] == 3
    assert total["penalty_points"] == 2 * 25 + 2 * 5 + 1
    assert any(r["record"] == "note" and "zero links" in r["message"] for r in data["records"])


@pytest.mark.parametrize(("content", "error", "words"), [
    (project([], schema="align.project/0"), SchemaError, ["'align.project/0'", "'align.project/1'", "align digest"]),
    ({"schema": "align.alignment/0", "beads": []}, SchemaError, ["'align.alignment/0'", "'align.alignment/1'"]),
    ({"schema": "other/3"}, SchemaError, ["not a project or alignment file", "'align.project/1'"]),
    ({"pairs": []}, SchemaError, ["no 'schema' key", "'align.alignment/1'"]),
    ([1, 2], SchemaError, ["a JSON list"]),
    ("{not json", SchemaError, ["invalid JSON", "line 1"]),
    ({"schema": "align.alignment/1", "source": {"sentences": 5}}, SchemaError, ["lacks 'target'"]),
])
def test_unusable_single_file(tmp_path: Path, content, error: type, words: list[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    with pytest.raises(error) as exc:
        build_report([path], "html")
    msg = str(exc.value)
    assert "\n" not in msg and str(path) in msg and all(w in msg for w in words), msg


def test_missing_file_and_format(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        build_report([tmp_path / "nope.json"], "html")
    with pytest.raises(UnknownComponent, match="html, csv, json"):
        build_report([write(tmp_path / "h.json", make_alignment())], "pdf")
    with pytest.raises(InputError):
        build_report([], "html")


def test_bad_inputs_render_as_note_rows(tmp_path: Path) -> None:
    old_pair = pair("block:9", {"schema": "align.alignment/0", "beads": []})
    proj = project([pair("block:1", make_alignment(hostile=False)), old_pair,
                    pair("block:2", ZERO_LINKS), pair("block:3", EMPTY_EN), pair("lead", EMPTY_TR)],
                   sources=[{"id": "s2", "path": "gone.html", "status": "missing", "message": "not found"}],
                   notes=["dropped page junk <b>"])
    old = write(tmp_path / "old.json", project([], schema="align.project/0"))
    paths = [write(tmp_path / "p.json", proj), old]
    html = build_report(paths, "html", run_checks=False)
    w = walk(html)
    text = " ".join(w.text)
    for words in ("p.json block:9: skipped: alignment schema 'align.alignment/0' is not supported",
                  "p.json block:2: zero links", "p.json block:3: the English side is empty",
                  "p.json lead: the Turkish source is empty", "old.json: project schema",
                  "'align.project/1'", "gone.html: missing — not found",
                  "dropped page junk <b>"):
        assert words in text, words
    notes = [a for t, a in w.starts if t == "tr" and "note" in (a.get("class") or "")]
    assert len(notes) == 5  # zero links, empty English, empty Turkish, bad pair, old file
    data = collect(paths, run_checks=False)
    assert [p.pair_id for p in data.pairs] == ["block:1", "block:2", "block:3", "lead"]
    assert data.total.pairs == 4 and data.total.tgt_sentences == 4 + 2 + 0 + 1


def test_real_project_renders(tmp_path: Path) -> None:
    from align.project.run import align_digest

    base = Path(__file__).parent.parent / "samples" / "bayraktar"
    proj = align_digest(base / "digest.txt", [base / "sources" / "edam.html",
                                              base / "sources" / "duvar.docx"])
    path = tmp_path / "bay.json"
    path.write_text(proj.to_json(), encoding="utf-8")
    html = build_report([path], "html", run_checks=False)
    w = walk(html)
    text = " ".join(w.text)
    assert "bay.json · block:1" in text and "bay.json · lead" in text and "Total (3 pairs)" in text
    assert next(a["href"] for t, a in w.starts if t == "a").startswith("https://edam.org.tr/")


def test_cli_report(tmp_path: Path) -> None:
    from align.cli import main

    src = write(tmp_path / "h.json", make_alignment())
    out = tmp_path / "r.csv"
    assert main(["report", str(src), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("record,severity,type")
    assert main(["report", str(tmp_path / "missing.json"), "-o", str(tmp_path / "x.html")]) == 2


def test_checks_run_when_no_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    from align.types import Flag, Severity

    calls: list[int] = []

    def run_checks(aln: Alignment) -> Alignment:
        calls.append(len(aln.beads))
        beads = [Bead(b.src, b.tgt, b.score, flags=(Flag("length", Severity.MINOR, "fake"),))
                 if b.tgt else b for b in aln.beads]
        return Alignment(aln.source, aln.target, beads, aln.signature, aln.meta)

    fake = types.ModuleType("align.qa.checks")
    fake.run_checks = run_checks  # type: ignore[attr-defined]
    fake.CHECKS = {"length": object}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "align.qa.checks", fake)
    flagged, clean = make_alignment(), ZERO_LINKS
    data = collect([write(tmp_path / "f.json", flagged), write(tmp_path / "c.json", clean)])
    assert calls == [2]  # only the alignment without flags
    assert data.total.flags_by_type["length"] == 1 + 1
    assert "QA checks (length) run at report time on 1 pair(s)" in data.checks
    assert collect([tmp_path / "c.json"], run_checks=False).total.flags == 0


def test_failing_checks_become_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    from align.errors import InvalidAlignment

    def run_checks(aln: Alignment) -> Alignment:
        raise InvalidAlignment("checks cannot run on this pair")

    fake = types.ModuleType("align.qa.checks")
    fake.run_checks = run_checks  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "align.qa.checks", fake)
    data = collect([write(tmp_path / "z.json", ZERO_LINKS)])
    assert data.pairs and any(n.message == "z.json: QA checks failed: checks cannot run on this pair"
                              for n in data.notes)
