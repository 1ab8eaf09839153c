"""The command line: golden outputs, the bad-input matrix, exit codes, atomic output.

Golden files live in tests/data/golden; regenerate them on purpose with
``ALIGN_UPDATE_GOLDEN=1 python -m pytest tests/test_cli.py``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from align.cli import main
from align.types import Alignment

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden"
EDAM = ROOT / "samples" / "bayraktar" / "edam"
UPDATE = os.environ.get("ALIGN_UPDATE_GOLDEN") == "1"

TR = "Rusya, Türkiye'nin Ukrayna'ya SİHA satışını eleştirdi.\nKremlin Sözcüsü Peskov açıklama yaptı.\n"
EN = "Russia criticised the sale of Turkish drones to Ukraine.\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; see the module docstring"


@pytest.mark.parametrize("fmt", ["beads", "tsv"])
def test_pair_flagship_golden(capsys, fmt) -> None:
    code, out, err = run(capsys, "pair", EDAM / "source.tr.txt", EDAM / "target.en.txt",
                         "--format", fmt, "--quiet")
    assert code == 0, err
    check_golden(f"edam.{fmt}", out)


@pytest.mark.parametrize("qa", [True, False])
def test_pair_reads_html_like_the_app_and_runs_qa(capsys, qa) -> None:
    html = ROOT / "samples" / "bayraktar" / "sources" / "edam.html"
    code, out, err = run(capsys, "pair", html, EDAM / "target.en.txt", "--scorer", "lexical",
                         "--quiet", *([] if qa else ["--no-qa"]))
    assert code == 0, err
    aln = Alignment.from_json(out)
    assert not any("<" in s.text for s in aln.source.sentences)  # the article, not its markup
    assert aln.source.sentences[0].text.startswith("Ukrayna")
    assert ("qa" in aln.meta) == qa
    from align.project.files import align_files

    same, _ = align_files([html], EDAM / "target.en.txt", scorer="lexical", qa=qa)
    assert [(b.src, b.tgt, b.flags) for b in same.beads] == \
        [(b.src, b.tgt, b.flags) for b in aln.beads]  # the app's service gives the same


def test_segment_golden(capsys) -> None:
    code, out, _ = run(capsys, "segment", EDAM / "source.tr.txt", "--lang", "tr")
    assert code == 0
    check_golden("edam.segment.txt", out)
    assert len(out.splitlines()) == 36  # the gold has 36 Turkish sentences


def test_pair_json_output_file_round_trips(tmp_path, capsys) -> None:
    src, tgt, out = tmp_path / "tr.txt", tmp_path / "en.txt", tmp_path / "out.json"
    src.write_text(TR, encoding="utf-8")
    tgt.write_text(EN, encoding="utf-8")
    code, stdout, err = run(capsys, "pair", src, tgt, "-o", out)
    assert code == 0 and stdout == ""
    assert "1 links" in err and "signature: scorer:hybrid.v1|model:use-m3" in err
    aln = Alignment.from_json(out.read_text(encoding="utf-8"))
    assert [(b.src, b.tgt) for b in aln.links] == [((0,), (0,))]
    assert aln.signature.profile == "summary"  # auto: 2 source vs 1 target sentence


def test_eval_prints_scores(tmp_path, capsys) -> None:
    gold = EDAM / "gold.json"
    code, out, _ = run(capsys, "eval", gold, gold, "--json")
    assert code == 0
    d = json.loads(out)
    assert d["f1_strict"] == 1.0 and d["src_null_f1"] == 1.0


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


BAD = {
    "empty": (b"", "is empty (0 bytes)"),
    "whitespace": (b"  \n\t\n  \n", "whitespace"),
    "binary": (b"\x7fELF\x02\x01\x00\x00\x00binary", "looks binary"),
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_source_gives_one_line_error_and_no_output(tmp_path, capsys, kind) -> None:
    data, message = BAD[kind]
    src = write_bytes(tmp_path / f"{kind}.txt", data)
    tgt = write_bytes(tmp_path / "en.txt", EN.encode())
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "pair", src, tgt, "-o", out)
    assert code == 2
    assert err.count("\n") == 1 and str(src) in err and message in err
    assert set(tmp_path.iterdir()) == {src, tgt}  # no output, no temp file left behind


def test_missing_file_names_it(tmp_path, capsys) -> None:
    code, _, err = run(capsys, "pair", tmp_path / "nope.txt", tmp_path / "nope2.txt")
    assert code == 2 and "nope.txt" in err and err.count("\n") == 1


def test_failed_run_keeps_the_old_output_file(tmp_path, capsys) -> None:
    out = tmp_path / "out.json"
    out.write_text("previous result", encoding="utf-8")
    src = write_bytes(tmp_path / "empty.txt", b"")
    tgt = write_bytes(tmp_path / "en.txt", EN.encode())
    assert run(capsys, "pair", src, tgt, "-o", out)[0] == 2
    assert out.read_text(encoding="utf-8") == "previous result"


@pytest.mark.parametrize("output", ["tgt", "src-link"])
def test_an_output_naming_an_input_is_refused(tmp_path, capsys, output) -> None:
    src = write_bytes(tmp_path / "tr.txt", TR.encode())
    tgt = write_bytes(tmp_path / "en.txt", EN.encode())
    (tmp_path / "link.txt").symlink_to(src)
    out = tgt if output == "tgt" else tmp_path / "link.txt"
    code, _, err = run(capsys, "pair", src, tgt, "-o", out)
    assert code == 2 and "one of the input files" in err and err.count("\n") == 1
    assert (src.read_text(encoding="utf-8"), tgt.read_text(encoding="utf-8")) == (TR, EN)


@pytest.mark.parametrize("encoding, bom, newline", [
    ("cp1254", b"", "\n"), ("iso-8859-9", b"", "\r\n"), ("utf-8", b"\xef\xbb\xbf", "\r\n"),
    ("utf-16", b"", "\n"),
])
def test_legacy_and_bom_inputs_align_like_utf8(tmp_path, capsys, encoding, bom, newline) -> None:
    text = ("Türkiye ve Rusya şimdi görüştü.\nİki ülke ortak açıklama yaptı.\n"
            "Ağrı Dağı'nda kar yağdı.\n").replace("\n", newline)
    src = write_bytes(tmp_path / "tr.txt", bom + text.encode(encoding))
    tgt = write_bytes(tmp_path / "en.txt", b"Turkey and Russia held talks now.\n")
    code, out, err = run(capsys, "pair", src, tgt, "--format", "json")
    assert code == 0, err
    aln = Alignment.from_json(out)
    assert [s.text for s in aln.source.sentences] == [
        "Türkiye ve Rusya şimdi görüştü.", "İki ülke ortak açıklama yaptı.",
        "Ağrı Dağı'nda kar yağdı."]
    assert [(b.src, b.tgt) for b in aln.links] == [((0,), (0,))]
    noted = [line for line in err.splitlines() if "tr.txt: decoded as" in line]
    assert len(noted) == (encoding != "utf-8"), err  # UTF-16 and legacy code pages: a note
    if encoding == "utf-16":
        assert "UTF-16" in noted[0]


def test_one_sentence_summary_against_500(tmp_path, capsys) -> None:
    lines = [f"Belediye {i}. mahallede {i * 7} ağaç dikti." for i in range(500)]
    lines[321] = "Ankara'da dün 1.250 kişilik bir konser düzenlendi."
    src = write_bytes(tmp_path / "tr.txt", "\n".join(lines).encode())
    tgt = write_bytes(tmp_path / "en.txt", b"A concert for 1,250 people was held in Ankara yesterday.\n")
    code, out, err = run(capsys, "pair", src, tgt, "--format", "beads")
    assert code == 0, err
    beads = [line for line in out.splitlines() if not line.startswith("[]")]
    assert "[321]:[0]:" in out and len(out.splitlines()) == 500
    assert len(beads) == 500


def test_one_megabyte_line(tmp_path, capsys) -> None:
    line = ("Ekonomi büyüdü ve ihracat arttı, " * 32_000).strip() + "."
    assert len(line.encode()) > 1_000_000
    src = write_bytes(tmp_path / "tr.txt", line.encode())
    tgt = write_bytes(tmp_path / "en.txt", b"The economy grew and exports rose.\n")
    code, out, err = run(capsys, "pair", src, tgt, "--format", "beads")
    assert code == 0, err
    assert out.strip().startswith("[0]:[0]:")


def test_unknown_scorer_is_a_clear_error(tmp_path, capsys) -> None:
    src = write_bytes(tmp_path / "tr.txt", TR.encode())
    tgt = write_bytes(tmp_path / "en.txt", EN.encode())
    code, _, err = run(capsys, "pair", src, tgt, "--scorer", "labse")
    assert code == 2 and "unknown scorer 'labse'" in err


def test_python_dash_m_and_version() -> None:
    res = subprocess.run([sys.executable, "-m", "align", "--version"], capture_output=True,
                         text=True, check=False)
    assert res.returncode == 0 and res.stdout.startswith("align ")


def test_presegmented_and_anchors(tmp_path, capsys) -> None:
    src = write_bytes(tmp_path / "tr.txt", "Bir. İki.\nÜç.\n\nDört.\n".encode())
    tgt = write_bytes(tmp_path / "en.txt", b"One. Two.\nThree.\nFour.\n")
    anchors = write_bytes(tmp_path / "anchors.beads", b"[1]:[2]\n")
    code, out, err = run(capsys, "pair", src, tgt, "--presegmented", "--anchors", anchors,
                         "--format", "json", "--profile", "translation")
    assert code == 0, err
    aln = Alignment.from_json(out)
    assert [s.text for s in aln.source.sentences] == ["Bir. İki.", "Üç.", "Dört."]
    assert [s.paragraph for s in aln.source.sentences] == [0, 0, 1]
    assert any(b.src == (1,) and b.tgt == (2,) for b in aln.beads)


def test_lexicon_learn_then_use(tmp_path, capsys) -> None:
    pairs = [("Kedi süt içti.", "The cat drank milk."), ("Kedi uyudu.", "The cat slept."),
             ("Köpek süt içti.", "The dog drank milk."), ("Köpek uyudu.", "The dog slept."),
             ("Kedi ve köpek oynadı.", "The cat and the dog played.")] * 2
    src = write_bytes(tmp_path / "tm.tr", "\n".join(p[0] for p in pairs).encode())
    tgt = write_bytes(tmp_path / "tm.en", "\n".join(p[1] for p in pairs).encode())
    out = tmp_path / "lex.tsv"
    code, _, err = run(capsys, "lexicon", "learn", src, tgt, "-o", out)
    assert code == 0, err
    assert "learned" in err and "entries" in err
    rows = {tuple(line.split("\t")[:2]) for line in out.read_text("utf-8").splitlines()
            if line and not line.startswith("#")}
    assert ("kedi", "cat") in rows and ("köpek", "dog") in rows
    code, _, err = run(capsys, "lexicon", "learn", src, write_bytes(tmp_path / "short.en", b"x\n"),
                       "-o", tmp_path / "bad.tsv")
    assert code == 2 and not (tmp_path / "bad.tsv").exists()


def test_scorer_options_it_does_not_take_are_a_clear_error(tmp_path, capsys) -> None:
    src = write_bytes(tmp_path / "tr.txt", TR.encode())
    tgt = write_bytes(tmp_path / "en.txt", EN.encode())
    code, _, err = run(capsys, "pair", src, tgt, "--scorer", "lexical", "--model", "x")
    assert code == 2 and "scorer lexical.v1 does not take model" in err
    assert err.count("\n") == 1
