"""Reading beads from Vecalign/Bertalign beads files and alignment JSON."""
from __future__ import annotations

import json

import pytest

from align.errors import InputError, InvalidAlignment, SchemaError
from align.eval import read_beads
from align.formats.alignment import parse_beads_line
from align.types import Alignment, Bead, Document, Signature

LINES = [
    ("[0, 1]:[2]", (0, 1), (2,), None),
    ("[0]:[2]:0.870000", (0,), (2,), 0.87),
    ("[]:[3]", (), (3,), None),
    ("[4]:[]", (4,), (), None),
    ("  [ 5 ,6 ] : [7,8,9] : 1.5e-3  ", (5, 6), (7, 8, 9), 0.0015),
    ("[10]:[11]:-0.25", (10,), (11,), -0.25),
    ("[1,]:[2]", (1,), (2,), None),
]


@pytest.mark.parametrize("line,src,tgt,number", LINES, ids=[x[0] for x in LINES])
def test_parse_line(line, src, tgt, number):
    bead, value = parse_beads_line(line)
    assert (bead.src, bead.tgt) == (src, tgt)
    assert value == (pytest.approx(number) if number is not None else None)
    assert bead.score == 0.0  # Vecalign's number is a cost, never stored as a probability


BAD = ["[0]", "[0]:[1]:x", "[a]:[1]", "0:1", "[0]:[1]:0.5:extra", "[]:[]", "[-1]:[0]", "[0]-[1]"]


@pytest.mark.parametrize("line", BAD)
def test_bad_line_names_file_and_line(tmp_path, line):
    path = tmp_path / "sys.beads"
    path.write_text(f"[0]:[0]\n\n{line}\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"sys\.beads, line 3"):
        read_beads(path)


def test_beads_file(tmp_path):
    path = tmp_path / "test0.defr"
    path.write_text("[0]:[0, 1]\n[1]:[2]:0.120000\n[]:[3]\n[2, 3]:[]\n", encoding="utf-8")
    assert read_beads(path) == [Bead((0,), (0, 1)), Bead((1,), (2,)), Bead((), (3,)),
                                Bead((2, 3), ())]


def _alignment() -> Alignment:
    src = Document.from_texts(["Bir.", "İki.", "Üç."], "tr")
    tgt = Document.from_texts(["One and two."], "en")
    beads = (Bead((0, 1), (0,), score=0.9), Bead((2,), ()))
    return Alignment(src, tgt, beads, Signature("lexical.v1", mode="monotonic"))


def test_alignment_json(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(_alignment().to_json(), encoding="utf-8")
    beads = read_beads(path)
    assert beads == list(_alignment().beads)
    assert beads[0].score == 0.9


@pytest.mark.parametrize("text,error,pattern", [
    ('{"schema": "other/1"}', SchemaError, "a.json: not an alignment file"),
    ("{not json", SchemaError, r"a.json: invalid JSON.*line 1"),
    ("", SchemaError, "a.json: file holds no beads"),
])
def test_bad_json_names_file(tmp_path, text, error, pattern):
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(error, match=pattern):
        read_beads(path)


def test_json_that_does_not_cover_names_file(tmp_path):
    d = _alignment().to_dict()
    d["beads"] = d["beads"][:1]
    path = tmp_path / "partial.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    with pytest.raises(InvalidAlignment, match="partial.json: source sentences"):
        read_beads(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="nope.beads"):
        read_beads(tmp_path / "nope.beads")
