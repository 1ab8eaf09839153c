"""Export reviewed pairs: one entry point for every interchange format.

``export(pairs, fmt, path)`` builds the whole file in memory, writes it atomically when
``path`` is given (`align.io.atomic.write_atomic`: a failure leaves any old file as it
was and no partial file) and returns the bytes.

Which beads each format carries:

- ``tmx``: confirmed beads (plus auto ones with ``include_auto``); never rejected or
  null beads — a translation memory is for reuse.
- ``xliff`` (2.1), ``xliff12``: every linked bead with its review state (auto,
  confirmed and rejected); null beads skipped (see `align.formats.xliff`).
- ``csv``, ``tsv``, ``jsonl``, ``beads``, ``json``: every bead, null beads included, with
  status.

``include_auto`` therefore only changes ``tmx``. ``beads`` (Vecalign's format) and
``json`` (``align.alignment/1``, everything the aligner knows) take a single pair: beads'
ids only mean something next to that pair's two documents.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from align.errors import UnknownComponent
from align.formats.model import ExportPair

Writer = Callable[[Sequence[ExportPair], bool, str | None, str | None], bytes]
"""``writer(pairs, include_auto, src_lang, tgt_lang) -> bytes``."""


@dataclass(frozen=True)
class FormatSpec:
    """One output format: its name (``--format``), the label menus show, its writer
    (``module:function``, a :data:`Writer`, imported when used), its file suffixes (the first
    is the one written), its MIME type, and whether a file holds only one pair."""

    name: str
    label: str
    writer: str
    suffixes: tuple[str, ...]
    mime: str
    single_pair: bool = False


_HERE = "align.formats.export"
REGISTRY: list[FormatSpec] = [
    FormatSpec("tmx", "TMX 1.4", f"{_HERE}:_tmx", (".tmx",), "application/x-tmx+xml"),
    FormatSpec("xliff", "XLIFF 2.1", f"{_HERE}:_xliff", (".xlf", ".xliff", ".xlf2", ".xliff2"),
               "application/xliff+xml"),
    FormatSpec("xliff12", "XLIFF 1.2", f"{_HERE}:_xliff12", (".xlf12", ".xliff12"),
               "application/xliff+xml"),
    FormatSpec("csv", "CSV", f"{_HERE}:_csv", (".csv",), "text/csv"),
    FormatSpec("tsv", "TSV", f"{_HERE}:_tsv", (".tsv", ".tab", ".txt"),
               "text/tab-separated-values"),
    FormatSpec("jsonl", "JSON lines", f"{_HERE}:_jsonl", (".jsonl", ".ndjson"),
               "application/jsonl"),
    FormatSpec("beads", "Beads (Vecalign lines)", f"{_HERE}:_beads", (".beads",), "text/plain",
               single_pair=True),
    FormatSpec("json", "Alignment JSON", f"{_HERE}:_json", (".json",), "application/json",
               single_pair=True),
]
"""Every output format, in menu order: the CLI's ``--format`` choices, suffixes and the app's
Export menu derive from it when they run. A new format is one writer plus one line here."""


def formats() -> dict[str, FormatSpec]:
    """The registered formats by name, in menu order."""
    return {f.name: f for f in REGISTRY}


ROW_READERS = {".csv": "read_table", ".tsv": "read_table", ".tab": "read_table",
               ".xlf": "read_xliff", ".xliff": "read_xliff", ".xlf12": "read_xliff",
               ".xliff12": "read_xliff", ".jsonl": "read_jsonl", ".ndjson": "read_jsonl"}
"""Files read back as rows (lower-case suffix -> reader in :mod:`align.formats`)."""

IMPORT_SUFFIXES = (".tmx", *ROW_READERS)
"""Reviewed files a project import reads (TMX as gold, the rest as rows)."""


def _suffixes() -> dict[str, str]:
    return {s: f.name for f in REGISTRY for s in f.suffixes}


def format_for(path: str | Path, default: str | None = None) -> str:
    """The format a file name asks for, from its suffix: ``.tmx``, ``.xliff`` / ``.xlf``
    (XLIFF 2.1), ``.xlf12`` / ``.xliff12`` (XLIFF 1.2; also ``name.12.xlf``), ``.csv``,
    ``.tsv`` / ``.tab`` / ``.txt``, ``.jsonl`` / ``.ndjson``, ``.beads``.

    Another suffix gives ``default``; without one, UnknownComponent naming the file and
    the choices.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".xlf", ".xliff") and p.stem.lower().endswith((".12", ".1.2", "-12")):
        return "xliff12"
    try:
        return _suffixes()[suffix]
    except KeyError:
        if default is not None:
            return default
        raise UnknownComponent(
            f"{path}: cannot tell the export format from the suffix {suffix or '(none)'!r}; "
            f"use one of {', '.join(sorted(_suffixes()))} or name the format "
            f"({', '.join(formats())})"
        ) from None


def export(pairs: Sequence[ExportPair], fmt: str, path: Path | None = None, *,
           include_auto: bool = False, src_lang: str | None = None,
           tgt_lang: str | None = None) -> bytes:
    """Serialise ``pairs`` in format ``fmt`` (one of :func:`formats`); write ``path``
    atomically when given (``"-"``: standard output); return the bytes.

    ``src_lang`` / ``tgt_lang`` override the language codes written (default: each
    alignment's documents' ``lang``, else tr / en). Raises UnknownComponent for an unknown
    format, InvalidAlignment for ``beads`` with several pairs or an XLIFF export with no
    linked bead, OutputError when the file cannot be written.
    """
    from align.errors import InvalidAlignment
    from align.io.atomic import write_atomic

    writer = _writer(fmt)
    if formats()[fmt].single_pair and len(pairs) != 1:
        raise InvalidAlignment(
            f"the {fmt} format holds one pair, got {len(pairs)}"
            + (f" ({', '.join(p.name for p in pairs[:5])}{', ...' if len(pairs) > 5 else ''})"
               if pairs else "")
            + "; export the pairs one by one or choose jsonl"
        )
    data = writer(pairs, include_auto, src_lang, tgt_lang)
    if path is not None:
        write_atomic(path, data)
    return data


def _writer(fmt: str) -> Writer:
    spec = formats().get(fmt)
    if spec is None:
        raise UnknownComponent(f"unknown export format {fmt!r}; choose from "
                               f"{', '.join(formats())}")
    module, name = spec.writer.split(":")
    writer: Writer = getattr(importlib.import_module(module), name)
    return writer


def _tmx(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.formats.tmx import to_tmx

    return to_tmx(pairs, include_auto=auto, src_lang=s, tgt_lang=t)


def _xliff(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.formats.xliff import to_xliff2

    return to_xliff2(pairs, src_lang=s, tgt_lang=t)


def _xliff12(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.formats.xliff import to_xliff12

    return to_xliff12(pairs, src_lang=s, tgt_lang=t)


def _csv(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.formats.table import to_table

    return to_table(pairs, sep=",", src_lang=s, tgt_lang=t)


def _tsv(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.formats.table import to_table

    return to_table(pairs, sep="\t", src_lang=s, tgt_lang=t)


def _jsonl(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.formats.jsonl import to_jsonl

    return to_jsonl(pairs, src_lang=s, tgt_lang=t)


def _beads(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.formats.alignment import to_beads

    return to_beads(pairs[0].alignment).encode("utf-8")


def _json(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.formats.alignment import to_json

    return to_json(pairs[0].alignment).encode("utf-8")
