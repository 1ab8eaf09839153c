"""Every file format of alignments, in one package, each read and written in one module:
alignment JSON and Vecalign beads (``alignment``), TMX 1.4b (``tmx``: read as pre-aligned
input, lexicon pairs or gold), XLIFF 2.1 / 1.2 (``xliff``), CSV / TSV in the LF Aligner
layout (``table``) and JSONL (``jsonl``); ``export`` holds the one registry of output formats (names, labels, writers, suffixes) and
``rows`` turns rows read back into alignments.

Importing this package imports no XML library; lxml, defusedxml and translate-toolkit are
loaded by the functions that use them.

Public API::

    ExportPair(project, key, alignment, citation={}, title="")
    export(pairs, fmt, path=None, *, include_auto=False, src_lang=None, tgt_lang=None) -> bytes
    formats() -> {name: FormatSpec}; REGISTRY; format_for(path, default=None) -> str
    read_tmx_pairs(path, *, src_lang="tr", tgt_lang="en", swap=False) -> list[tuple[str, str]]
    tmx_to_gold(path, *, src_lang="tr", tgt_lang="en", swap=False) -> Alignment
    read_table(path) -> list[Row]; read_xliff(path) -> list[Row]; read_jsonl(path) -> list[Row]
    rows_to_alignment(rows, *, src_lang="tr", tgt_lang="en", name) -> Alignment
    rows_to_alignments(rows, *, src_lang="tr", tgt_lang="en", name) -> dict[str, Alignment]
    learn_from_tmx(path, out_path="-", *, src_lang, tgt_lang, swap, iterations, ...)
    validate_tmx(data: bytes) -> list[str]   (TMX 1.4b DTD errors)
"""
from __future__ import annotations

from align.formats.export import REGISTRY, FormatSpec, export, format_for, formats
from align.formats.jsonl import read_jsonl
from align.formats.lexicon import learn_from_tmx
from align.formats.model import ExportPair, Row
from align.formats.rows import rows_to_alignment, rows_to_alignments
from align.formats.table import COLUMNS, read_table
from align.formats.tmx import read_tmx_pairs, tmx_to_gold, validate_tmx
from align.formats.xliff import read_xliff

__all__ = [
    "COLUMNS",
    "REGISTRY",
    "ExportPair",
    "FormatSpec",
    "Row",
    "export",
    "format_for",
    "formats",
    "learn_from_tmx",
    "read_jsonl",
    "read_table",
    "read_tmx_pairs",
    "read_xliff",
    "rows_to_alignment",
    "rows_to_alignments",
    "tmx_to_gold",
    "validate_tmx",
]
