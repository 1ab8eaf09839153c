"""`align digest` end to end: the sample digests, bad inputs that must not stop the rest."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from align.cli import main
from align.project.evaluate import evaluate_project
from align.project.records import Project
from benchmarks.digests import check_parse

ROOT = Path(__file__).resolve().parent.parent
BAY = ROOT / "samples" / "bayraktar"
MANIFESTS = sorted((ROOT / "samples").rglob("digest.json"))
# pair F1 floors a little under what the samples measure (benchmarks/digests.py)
FLOOR = {"excerpt": 0.85, "lead": 0.25}


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def load(path: Path) -> Project:
    return Project.from_dict(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda p: p.parent.name)
def test_sample_digest_parses_exactly_and_aligns(manifest: Path, tmp_path, capsys) -> None:
    pc = check_parse(manifest)
    assert pc.wrong == () and pc.fields_right == pc.fields_total and pc.structure_ok
    spec = json.loads(manifest.read_text(encoding="utf-8"))
    out = tmp_path / "project.json"
    code, _, err = run(capsys, "digest", manifest.parent / spec["digest"],
                       *[manifest.parent / s for s in spec["sources"]], "-o", out)
    assert code == 0, err
    project = load(out)
    assert {p.id for p in project.pairs} == set(spec["gold"])
    for score in evaluate_project(project, manifest):
        kind = "lead" if score.pair == "lead" else "excerpt"
        assert score.unmatched == 0  # every source format segments like its gold
        assert score.result.f1_pairs >= FLOOR[kind], score.pair


def test_flagship_summary_and_notes(tmp_path, capsys) -> None:
    out = tmp_path / "p.json"
    code, _, err = run(capsys, "digest", BAY / "digest.txt", BAY / "sources/edam.html",
                       BAY / "sources/duvar.docx", "-o", out)
    assert code == 0
    assert "block:1" in err and "matched by url" in err and "lowest" in err
    notes = load(out).notes
    assert any("repeats block 1 word for word" in n for n in notes)
    assert any("Hits: 0" in n for n in notes)
    code, table, _ = run(capsys, "eval", out, BAY / "digest.json")
    assert code == 0 and table.splitlines()[0].startswith("pair") and "lead" in table


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_sources_are_reported_and_the_rest_aligns(tmp_path, capsys) -> None:
    login = write(tmp_path / "login.html", "<html><head><title>Giriş</title></head><body>"
                  "<p>Lütfen giriş yapın. Çerezleri kabul edin.</p></body></html>")
    missing = tmp_path / "missing.docx"
    out = tmp_path / "p.json"
    code, _, err = run(capsys, "digest", BAY / "digest.txt", BAY / "sources/edam.html", login,
                       missing, "-o", out)
    assert code == 0, err
    project = load(out)
    status = {Path(s.path).name: s.status for s in project.sources}
    assert status == {"edam.html": "ok", "login.html": "no-article", "missing.docx": "missing"}
    assert [p.id for p in project.pairs] == ["block:1", "lead"]
    assert any("block 2" in n and "matched no readable source" in n for n in project.notes)
    assert "no-article" in err and "missing" in err


def test_encrypted_pdf_is_reported(tmp_path, capsys) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Gizli belge")
    pdf.set_encryption(owner_password="o", user_password="u")
    locked = tmp_path / "locked.pdf"
    pdf.output(str(locked))
    out = tmp_path / "p.json"
    code, _, _err = run(capsys, "digest", BAY / "digest.txt", BAY / "sources/edam.html", locked,
                       "-o", out)
    assert code == 0
    assert {Path(s.path).name: s.status for s in load(out).sources}["locked.pdf"] == "unreadable"


def test_digest_without_source_lines_is_one_block(tmp_path, capsys) -> None:
    digest = write(tmp_path / "d.txt", "On October 26th, 2021, the Ukrainian Armed Forces used "
                   "Turkey-transferred Bayraktar TB-2 unmanned aerial systems to destroy an "
                   "artillery position of the Russia-backed rebels in Donbass.\n")
    out = tmp_path / "p.json"
    code, _, err = run(capsys, "digest", digest, BAY / "sources/edam.html", "-o", out)
    assert code == 0, err
    project = load(out)
    assert any("no Source: lines" in n for n in project.notes)
    pair = project.pair("block:1")
    assert pair.matched_by == "content"
    assert [(b.src, b.tgt) for b in pair.alignment.links] == [((2,), (0,))]


def test_malformed_citation_keeps_the_raw_line(tmp_path, capsys) -> None:
    text = (BAY / "digest.txt").read_text(encoding="utf-8").replace(
        "Source: Dr. Can Kasapoğlu, “Ukrayna’nin", "Source: Dr. Can Kasapoğlu “Ukrayna’nin")
    text = text.replace(", 27 October 2021. https://edam.org.tr", " https://edam.org.tr")
    digest = write(tmp_path / "d.txt", text)
    out = tmp_path / "p.json"
    code, _, _ = run(capsys, "digest", digest, BAY / "sources/edam.html",
                     BAY / "sources/duvar.docx", "-o", out)
    assert code == 0
    project = load(out)
    assert any("citation" in n for n in project.notes)
    assert {p.id for p in project.pairs} == {"block:1", "block:2", "lead"}


def test_mapping_file_and_nothing_alignable(tmp_path, capsys) -> None:
    edam = shutil.copy(BAY / "sources/edam.html", tmp_path / "a.html")
    duvar = shutil.copy(BAY / "sources/duvar.docx", tmp_path / "b.docx")
    mapping = write(tmp_path / "map.json", json.dumps({"1": "a.html", "2": "b.docx"}))
    out = tmp_path / "p.json"
    code, _, _ = run(capsys, "digest", BAY / "digest.txt", edam, duvar, "--mapping", mapping,
                     "-o", out)
    assert code == 0
    assert {p.id: p.matched_by for p in load(out).pairs if p.kind == "excerpt"} == {
        "block:1": "mapping", "block:2": "mapping"}
    code, _, err = run(capsys, "digest", BAY / "digest.txt", tmp_path / "none.txt", "-o",
                       tmp_path / "q.json")
    assert code == 2 and "no block could be aligned" in err


def test_fetch_offline_carries_on(tmp_path, capsys, monkeypatch) -> None:
    import requests

    def offline(url, **kw):
        raise requests.ConnectionError("no route to host")

    monkeypatch.setattr(requests, "get", offline)
    out = tmp_path / "p.json"
    code, _, err = run(capsys, "digest", BAY / "digest.txt", BAY / "sources/edam.html",
                       "--fetch", "--cache", tmp_path / "cache", "-o", out)
    assert code == 0
    assert "offline or unreachable" in err
    assert [p.id for p in load(out).pairs] == ["block:1", "lead"]


def test_batch_runs_digest_and_pair_jobs_and_reports_failures(tmp_path, capsys) -> None:
    edam = ROOT / "samples" / "bayraktar" / "edam"
    lines = [
        {"id": "bayraktar", "digest": str(BAY / "digest.txt"),
         "sources": [str(BAY / "sources/edam.html"), str(BAY / "sources/duvar.docx")]},
        {"id": "edam-pair", "src": str(edam / "source.tr.txt"), "tgt": str(edam / "target.en.txt")},
        {"id": "broken", "src": str(write(tmp_path / "empty.txt", "")),
         "tgt": str(edam / "target.en.txt")},
    ]
    manifest = write(tmp_path / "jobs.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    code, _, err = run(capsys, "batch", manifest, "-o", tmp_path / "out")
    assert code == 1  # one job failed
    assert "job broken: FAILED" in err and "is empty" in err and "2 of 3 jobs done" in err
    assert load(tmp_path / "out" / "bayraktar.json").pair("block:1")
    assert (tmp_path / "out" / "edam-pair.json").is_file()
    assert not (tmp_path / "out" / "broken.json").exists()


def test_tmx_serves_as_gold(tmp_path, capsys) -> None:
    tmx = write(tmp_path / "tm.tmx", """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="tr" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu><tuv xml:lang="tr"><seg>Bir.</seg></tuv><tuv xml:lang="en"><seg>One.</seg></tuv></tu>
<tu><tuv xml:lang="tr"><seg>İki.</seg></tuv><tuv xml:lang="en"><seg>Two.</seg></tuv></tu>
</body></tmx>""")
    pred = write(tmp_path / "pred.beads", "[0]:[0]\n[1]:[1]\n")
    code, out, err = run(capsys, "eval", pred, tmx, "--json")
    assert code == 0, err
    assert json.loads(out)["f1_strict"] == 1.0
