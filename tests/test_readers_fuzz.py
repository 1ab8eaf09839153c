"""Every reader, fed mangled and random bytes, answers with a result or an AlignError.

Seeds are real files (an export of the edam gold alignment in every interchange format,
the bundled DOCX, PDF and HTML sources); hypothesis truncates them, flips and inserts
bytes, splices them into each other or replaces them with noise. A reader that raises
anything else (KeyError, RecursionError, zipfile.BadZipFile, a pdfminer exception...) would
reach the user as a traceback.
"""
from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.errors import AlignError
from align.formats import ExportPair, export, read_jsonl, read_table, read_tmx_pairs, read_xliff
from align.formats.alignment import read_alignment
from align.formats.alignment import read_alignment as read_gold
from align.formats.tmx import read_tmx
from align.io import read_text
from align.io.read import read_json
from align.project.records import Project
from align.sources import read_manifest, read_source

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "samples" / "bayraktar" / "sources"
EDAM = ROOT / "samples" / "bayraktar" / "edam" / "gold.json"
PDF = ROOT / "samples" / "digests" / "justice" / "sources" / "yesilvadi-davasi.pdf"


@functools.cache
def _export(fmt: str) -> bytes:
    aln = read_alignment(EDAM)
    return export([ExportPair("p", "edam", aln, {"title": "Edam"})], fmt, include_auto=True)


def _project(path: Path) -> object:
    data = read_json(path, "a project")
    if isinstance(data, dict) and data.get("schema", "").startswith("align.project"):
        return Project.from_dict(data)
    return data


# reader, suffix, seed bytes
READERS: dict[str, tuple[Callable[[Path], Any], str, Callable[[], bytes]]] = {
    "text": (read_text, ".txt", lambda: (SOURCES.parent / "digest.txt").read_bytes()),
    "alignment-json": (read_alignment, ".json", EDAM.read_bytes),
    "gold-json": (read_gold, ".json", EDAM.read_bytes),
    "project-json": (_project, ".json", lambda: (SOURCES.parent / "digest.json").read_bytes()),
    "tmx-rows": (read_tmx_pairs, ".tmx", lambda: _export("tmx")),
    "tmx-gold": (read_tmx, ".tmx", lambda: _export("tmx")),
    "xliff": (read_xliff, ".xlf", lambda: _export("xliff")),
    "xliff12": (read_xliff, ".xlf", lambda: _export("xliff12")),
    "csv": (read_table, ".csv", lambda: _export("csv")),
    "tsv": (read_table, ".tsv", lambda: _export("tsv")),
    "jsonl": (read_jsonl, ".jsonl", lambda: _export("jsonl")),
    "manifest": (functools.partial(read_manifest, check_files=False), ".jsonl",
                 lambda: b'{"id": "a", "path": "a.html", "title": "A"}\n'),
    "docx": (read_source, ".docx", (SOURCES / "duvar.docx").read_bytes),
    "pdf": (read_source, ".pdf", PDF.read_bytes),
    "html": (read_source, ".html", (SOURCES / "edam.html").read_bytes),
}


@st.composite
def mangled(draw: st.DrawFn, seed: bytes) -> bytes:
    """The seed truncated, with bytes flipped, inserted or deleted; or plain noise."""
    how = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "noise", "mixed"]))
    if how == "noise":
        return draw(st.binary(max_size=2000))
    data = bytearray(seed)
    if how == "truncate":
        return bytes(data[: draw(st.integers(0, len(data)))])
    for _ in range(draw(st.integers(1, 8 if how != "mixed" else 30))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = how if how != "mixed" else draw(st.sampled_from(["flip", "insert", "delete"]))
        if op == "flip":
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=40)
                               | st.sampled_from([b"<", b"\x00", b"]]>", b'"', b"\xff\xfe",
                                                  b"[" * 50, b"9" * 30, b"NaN", b"&#0;"]))
        else:
            del data[at: at + draw(st.integers(1, 200))]
    return bytes(data)


@pytest.mark.parametrize("name", list(READERS))
def test_reader_answers_or_raises_align_error(name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    reader, suffix, seed = READERS[name]
    folder = tmp_path_factory.mktemp(name)
    examples = int(os.environ.get("ALIGN_FUZZ_EXAMPLES", "0")) or (
        30 if name in ("pdf", "docx", "html") else 100)

    # CI runs the same examples every time (a red run is reproducible); set
    # ALIGN_FUZZ_EXAMPLES locally to search further with fresh random draws
    @settings(max_examples=examples, deadline=None, database=None,
              derandomize=bool(os.environ.get("CI")) and "ALIGN_FUZZ_EXAMPLES" not in os.environ,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=mangled(seed()))
    def run(data: bytes) -> None:
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                reader(path)
            except AlignError as e:
                assert "\n" not in str(e).strip(), str(e)

    run()
