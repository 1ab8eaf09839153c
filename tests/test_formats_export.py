"""export(): every format on real sample alignments, read back; format guessing; atomic
writes; Turkish text kept exactly."""
from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from align.errors import InvalidAlignment, OutputError, UnknownComponent
from align.formats import (
    ExportPair,
    export,
    format_for,
    formats,
    read_jsonl,
    read_table,
    read_tmx_pairs,
    read_xliff,
)
from align.formats.alignment import parse_beads_text
from align.types import Alignment, Bead, Document, Signature
from tests.test_formats_samples import (
    ENGLISH,
    TURKISH,
    expected_rows,
    sample_pairs,
    turkish_pair,
)

SUFFIX = {"tmx": "tmx", "xliff": "xlf", "xliff12": "xlf12", "csv": "csv", "tsv": "tsv",
          "jsonl": "jsonl", "beads": "beads", "json": "json"}


@pytest.mark.parametrize(("name", "fmt"), [
    ("a.tmx", "tmx"), ("A.TMX", "tmx"), ("a.xlf", "xliff"), ("a.xliff", "xliff"),
    ("a.xlf12", "xliff12"), ("a.12.xlf", "xliff12"), ("a.csv", "csv"), ("a.tsv", "tsv"),
    ("a.txt", "tsv"), ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("a.beads", "beads"),
])
def test_format_for(name: str, fmt: str) -> None:
    assert format_for(name) == fmt


@pytest.mark.parametrize("name", ["a.docx", "a", "a.xml"])
def test_format_for_unknown_suffix(name: str) -> None:
    with pytest.raises(UnknownComponent, match=r"cannot tell the export format"):
        format_for(name)


def test_unknown_format() -> None:
    with pytest.raises(UnknownComponent, match="unknown export format 'docx'"):
        export(sample_pairs()[:1], "docx", None)


@pytest.mark.parametrize("fmt", list(formats()))
def test_export_writes_and_returns_the_same_bytes(fmt: str, tmp_path: Path) -> None:
    pairs = sample_pairs()[:1]
    out = tmp_path / f"x.{SUFFIX[fmt]}"
    data = export(pairs, format_for(out), out)
    assert out.read_bytes() == data and data
    assert export(pairs, fmt, None) == data  # deterministic
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


def test_round_trip_table_and_jsonl(tmp_path: Path) -> None:
    pairs = sample_pairs()
    every = expected_rows(pairs, linked_only=False, with_bead=False)
    for fmt in ("csv", "tsv"):
        path = tmp_path / f"x.{fmt}"
        export(pairs, fmt, path)
        assert read_table(path) == every, fmt
    path = tmp_path / "x.jsonl"
    export(pairs, "jsonl", path)
    kept = [replace(r, src_sentences=tuple(p.alignment.source.sentences[i].text
                                             for i in r.src_ids),
                    tgt_sentences=tuple(p.alignment.target.sentences[i].text
                                        for i in r.tgt_ids))
            for p in pairs for r in expected_rows([p], linked_only=False, with_bead=True)]
    assert read_jsonl(path) == kept
    objs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(objs) == sum(len(p.alignment.beads) for p in pairs)
    first = pairs[0].alignment
    for obj, bead in zip(objs, first.beads):
        assert obj["src_sentences"] == [first.source.sentences[i].text for i in bead.src]
        assert obj["tgt_sentences"] == [first.target.sentences[i].text for i in bead.tgt]


def test_round_trip_xliff(tmp_path: Path) -> None:
    pairs = sample_pairs()
    linked = expected_rows(pairs, linked_only=True, with_bead=True)
    for fmt in ("xliff", "xliff12"):
        path = tmp_path / f"x.{SUFFIX[fmt]}"
        export(pairs, fmt, path)
        assert read_xliff(path) == linked, fmt


def test_round_trip_beads_single_pair_only(tmp_path: Path) -> None:
    pairs = sample_pairs()
    data = export(pairs[:1], "beads", None).decode()
    beads = [b for b, _ in parse_beads_text(data)]
    assert [(b.src, b.tgt) for b in beads] == [(b.src, b.tgt) for b in pairs[0].alignment.beads]
    out = tmp_path / "x.beads"
    with pytest.raises(InvalidAlignment, match=r"one pair, got 5 \(samples/bayraktar-edam"):
        export(pairs, "beads", out)
    assert not out.exists()


def test_tmx_round_trip_pairs(tmp_path: Path) -> None:
    pairs = sample_pairs()
    path = tmp_path / "x.tmx"
    export(pairs, "tmx", path, include_auto=True)
    want = [(r.source, r.target) for r in expected_rows(pairs, linked_only=True, with_bead=True)
            if r.status is not None and r.status.value != "rejected"]
    assert read_tmx_pairs(path) == want


@pytest.mark.parametrize("fmt", list(formats()))
def test_turkish_text_is_kept_exactly(fmt: str, tmp_path: Path) -> None:
    pair = turkish_pair()
    path = tmp_path / f"x.{SUFFIX[fmt]}"
    data = export([pair], fmt, path)
    if fmt == "beads":
        return  # ids only
    if fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    assert TURKISH.encode("utf-8") in data  # raw UTF-8, no character references
    if fmt == "json":
        from align.formats.alignment import read_alignment

        aln = read_alignment(path)
        assert [(b.src, b.tgt) for b in aln.beads] == [(b.src, b.tgt)
                                                      for b in pair.alignment.beads]
        assert aln.source.text == pair.alignment.source.text  # the whole pair, as it was
        return
    if fmt == "tmx":
        got = read_tmx_pairs(path)
    elif fmt in ("xliff", "xliff12"):
        got = [(r.source, r.target) for r in read_xliff(path)]
    elif fmt == "jsonl":
        got = [(r.source, r.target) for r in read_jsonl(path)]
    else:
        got = [(r.source, r.target) for r in read_table(path)]
    assert got == [(TURKISH, ENGLISH), ("İkinci cümle ğüşıöç. Üçüncü: ıİ.",
                                        "Second and third ğüşıöç ıİ.")]
    assert "türkçe" in data.decode("utf-8-sig")  # the pair key


def test_language_override(tmp_path: Path) -> None:
    data = export([turkish_pair()], "tmx", None, src_lang="tr-TR", tgt_lang="en-GB").decode()
    assert 'srclang="tr-TR"' in data and 'xml:lang="en-GB"' in data


def test_failed_write_leaves_old_file_and_no_partial(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "memory.tmx"
    out.write_bytes(b"old content")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match="memory.tmx"):
        export(sample_pairs(), "tmx", out)
    assert out.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memory.tmx"]


def test_missing_directory_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        export(sample_pairs()[:1], "csv", tmp_path / "nope" / "x.csv")


def test_xliff_needs_a_linked_bead() -> None:
    src = Document.from_texts(["Yalnız kaynak."], "tr")
    tgt = Document.from_texts(["Only target."], "en")
    aln = Alignment(src, tgt, (Bead((0,), ()), Bead((), (0,))), Signature("test"))
    pair = ExportPair("p", "k", aln)
    for fmt in ("xliff", "xliff12"):
        with pytest.raises(InvalidAlignment, match="no pair has a bead linking"):
            export([pair], fmt, None)
    assert export([pair], "tmx", None).count(b"<tu ") == 0
    rows = list(csv.reader(io.StringIO(export([pair], "csv", None).decode("utf-8-sig"))))
    assert rows[1:] == [["Yalnız kaynak.", "", "0.000000", "auto", "p", "k", "[0]", "[]", "", "",
                         ""],
                        ["", "Only target.", "0.000000", "auto", "p", "k", "[]", "[0]", "", "",
                         ""]]
