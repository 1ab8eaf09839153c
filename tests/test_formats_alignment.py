"""Alignment formats (align.formats.alignment): JSON, Vecalign beads, and the JSON reader."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from align.errors import InputError, InvalidAlignment, SchemaError
from align.formats.alignment import parse_beads_text, read_alignment, to_beads, to_json
from align.types import Alignment, Bead, Document, Flag, Signature, Status


def make_alignment() -> Alignment:
    src = Document.from_texts(["Bir ve iki.", "=SUM(A1:A9)", "Üç\tdört\nbeş.", "Altı."], "tr")
    tgt = Document.from_texts(["One and two.", "@three", "-6 degrees"], "en")
    beads = (
        Bead((0, 1), (0,), 0.87),
        Bead((2,), (), 0.0),
        Bead((), (1,), 0.5, Status.CONFIRMED),
        Bead((3,), (2,), 0.1234567, flags=(Flag("number_mismatch"), Flag("name_mismatch"))),
    )
    return Alignment(src, tgt, beads, Signature("lexical.v1", mode="monotonic"))


def test_beads_golden() -> None:
    assert to_beads(make_alignment()) == (
        "[0, 1]:[0]:0.870000\n[2]:[]:0.000000\n[]:[1]:0.500000\n[3]:[2]:0.123457\n"
    )


def test_beads_match_vecalign_print_alignments_format() -> None:
    # Vecalign's dp_utils.print_alignments prints '%s:%s:%.6f' % (x, y, s) for python
    # lists x, y (built with list(range(...))) and a numpy float s, via print (adds "\n").
    np = pytest.importorskip("numpy")
    aln = make_alignment()
    buf = io.StringIO()
    for b in aln.beads:
        x, y = list(range(b.src[0], b.src[-1] + 1)) if b.src else [], list(b.tgt)
        print("%s:%s:%.6f" % (x, y, np.float64(b.score)), file=buf)  # noqa: UP031
    assert to_beads(aln) == buf.getvalue()


def test_beads_round_trip_through_parser() -> None:
    aln = make_alignment()
    parsed = parse_beads_text(to_beads(aln))
    assert [(b.src, b.tgt) for b, _ in parsed] == [(b.src, b.tgt) for b in aln.beads]
    assert [round(b.score, 6) for b in aln.beads] == [sc for _, sc in parsed]
    assert [((b.src, b.tgt), sc) for b, sc in parse_beads_text("[0]:[1]\n\n[1, 2]:[]\n")] == \
        [(((0,), (1,)), None), (((1, 2), ()), None)]


@pytest.mark.parametrize(
    "line", ["[0]", "[0]:x", "[0]:[1]:abc", "[0]:[True]", "0:1", "[0]:[1]:0.5:9"]
)
def test_parse_beads_errors(line: str) -> None:
    with pytest.raises(SchemaError, match=r"^gold\.beads, line 2: not a bead"):
        parse_beads_text("[0]:[0]\n" + line + "\n", "gold.beads")


def test_json_round_trip(tmp_path: Path) -> None:
    aln = make_alignment()
    f = tmp_path / "a.json"
    f.write_text(to_json(aln), encoding="utf-8")
    back = read_alignment(f)
    assert back.to_dict() == aln.to_dict()
    assert json.loads(to_json(aln))["schema"] == "align.alignment/1"


@pytest.mark.parametrize(("suffix", "fmt", "writer"), [
    (".json", "json", to_json), (".beads", "beads", to_beads), (".unknown", None, to_json)])
def test_single_pair_formats_through_export(tmp_path: Path, suffix: str, fmt: str | None,
                                            writer: object) -> None:
    """JSON and beads are written through the one output registry (align.formats)."""
    from align.formats import ExportPair, export, format_for

    aln = make_alignment()
    f = tmp_path / f"out{suffix}"
    assert format_for(f, default="json") == (fmt or "json")
    export([ExportPair("p", "k", aln)], format_for(f, default="json"), f)
    assert f.read_text(encoding="utf-8") == writer(aln)  # type: ignore[operator]


def _good() -> dict[str, object]:
    return make_alignment().to_dict()


def _with_bead(bead: dict[str, object]) -> str:
    good = _good()
    return json.dumps({**good, "beads": [bead, *good["beads"][1:]]})  # type: ignore[index]


def _with_sentence(sentence: dict[str, object]) -> str:
    good = _good()
    source = dict(good["source"])  # type: ignore[call-overload]
    source["sentences"] = [sentence, *source["sentences"][1:]]
    return json.dumps({**good, "source": source})


BAD_JSON = [
    ("not-json", "{not json", SchemaError, "invalid JSON"),
    ("list", "[1, 2]", SchemaError, "must be an object"),
    ("other-schema", json.dumps({"schema": "other/1"}), SchemaError, "not an alignment file"),
    (
        "future-schema",
        json.dumps({**_good(), "schema": "align.alignment/2"}),
        SchemaError,
        "not supported",
    ),
    (
        "no-beads",
        json.dumps({k: v for k, v in _good().items() if k != "beads"}),
        SchemaError,
        "lacks 'beads'",
    ),
    (
        "sentences-int",
        json.dumps({**_good(), "source": {"lang": "tr", "sentences": 5}}),
        SchemaError,
        "source: 'sentences' must be a list, not int",
    ),
    (
        "bad-bead",
        json.dumps({**_good(), "beads": [{"src": [0], "tgt": "x", "score": 7}]}),
        SchemaError,
        "beads[0]: tgt: expected a list of sentence indices, got str",
    ),
    ("id-fraction", _with_bead({"src": [0.5], "tgt": [0]}), SchemaError,
     "beads[0]: src: sentence indices are integers, not 0.5"),
    ("id-bool", _with_bead({"src": [0], "tgt": [True]}), SchemaError,
     "beads[0]: tgt: sentence indices are integers, not True"),
    ("id-huge", _with_bead({"src": [10**30], "tgt": [0]}).replace("1" + "0" * 30, "9" * 5000),
     SchemaError, "a number with 5000 digits"),
    ("score-string", _with_bead({"src": [0], "tgt": [0], "score": "0.9"}), SchemaError,
     "beads[0]: score: expected a number, got '0.9'"),
    ("nan", json.dumps(_good()).replace('"beads": [', '"x": NaN, "beads": [', 1), SchemaError,
     "NaN is not a JSON number"),
    ("deep", '{"schema": ' + "[" * 100_000 + "]" * 100_000 + "}", SchemaError,
     "nested too deeply"),
    ("span-outside", _with_sentence({"text": "Bir.", "start": 0, "end": 10_000}), SchemaError,
     "source: sentences[0]: span 0-10000 is outside the text"),
    ("span-backwards", _with_sentence({"text": "Bir.", "start": 3, "end": 1}), SchemaError,
     "source: sentences[0]: span start 3 is after its end 1"),
    ("span-bool", _with_sentence({"text": "Bir.", "start": False, "end": 4}), SchemaError,
     "'start' must be a whole number >= 0, not False"),
    ("text-number", _with_sentence({"text": 5}), SchemaError, "'text' is int, not a string"),
    (
        "not-covering",
        json.dumps({**_good(), "beads": [{"src": [0], "tgt": [0]}]}),
        InvalidAlignment,
        "exactly one bead",
    ),
]


@pytest.mark.parametrize(
    "text,exc,fragment", [c[1:] for c in BAD_JSON], ids=[c[0] for c in BAD_JSON]
)
def test_read_alignment_errors(
    tmp_path: Path, text: str, exc: type[Exception], fragment: str
) -> None:
    f = tmp_path / "bad.json"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(exc) as ei:
        read_alignment(f)
    assert type(ei.value) is exc
    msg = str(ei.value)
    assert msg.startswith(f"{f}: ") and fragment in msg and "\n" not in msg


def test_read_alignment_missing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_alignment(tmp_path / "none.json")
