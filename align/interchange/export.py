"""Export reviewed pairs: one entry point for every interchange format.

``export(pairs, fmt, path)`` builds the whole file in memory, writes it atomically when
``path`` is given (`align.io.atomic.write_atomic`: a failure leaves any old file as it
was and no partial file) and returns the bytes.

Which beads each format carries:

- ``tmx``: confirmed beads (plus auto ones with ``include_auto``); never rejected or
  null beads — a translation memory is for reuse.
- ``xliff`` (2.1), ``xliff12``: every linked bead with its review state (auto,
  confirmed and rejected); null beads skipped (see `align.interchange.xliff2_out`).
- ``csv``, ``tsv``, ``jsonl``, ``beads``, ``json``: every bead, null beads included, with
  status.

``include_auto`` therefore only changes ``tmx``. ``beads`` (Vecalign's format) and
``json`` (``align.alignment/1``, everything the aligner knows) take a single pair: beads'
ids only mean something next to that pair's two documents.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from align.errors import UnknownComponent
from align.interchange.model import ExportPair

FORMATS = ("json", "tmx", "xliff", "xliff12", "csv", "tsv", "jsonl", "beads")
SINGLE_PAIR = ("json", "beads")
"""Formats that hold one pair."""
_SUFFIXES = {
    ".tmx": "tmx", ".xliff": "xliff", ".xlf": "xliff", ".xlf2": "xliff", ".xliff2": "xliff",
    ".xlf12": "xliff12", ".xliff12": "xliff12", ".csv": "csv", ".tsv": "tsv",
    ".tab": "tsv", ".txt": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".beads": "beads",
    ".json": "json",
}


ROW_READERS = {".csv": "read_table", ".tsv": "read_table", ".tab": "read_table",
               ".xlf": "read_xliff", ".xliff": "read_xliff", ".xlf12": "read_xliff",
               ".xliff12": "read_xliff", ".jsonl": "read_jsonl", ".ndjson": "read_jsonl"}
"""Files read back as rows (lower-case suffix -> reader in :mod:`align.interchange`)."""

IMPORT_SUFFIXES = (".tmx", *ROW_READERS)
"""Reviewed files a project import reads (TMX as gold, the rest as rows)."""


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
        return _SUFFIXES[suffix]
    except KeyError:
        if default is not None:
            return default
        raise UnknownComponent(
            f"{path}: cannot tell the export format from the suffix {suffix or '(none)'!r}; "
            f"use one of {', '.join(sorted(_SUFFIXES))} or name the format "
            f"({', '.join(FORMATS)})"
        ) from None


def export(pairs: Sequence[ExportPair], fmt: str, path: Path | None = None, *,
           include_auto: bool = False, src_lang: str | None = None,
           tgt_lang: str | None = None) -> bytes:
    """Serialise ``pairs`` in format ``fmt`` (one of ``FORMATS``); write ``path``
    atomically when given (``"-"``: standard output); return the bytes.

    ``src_lang`` / ``tgt_lang`` override the language codes written (default: each
    alignment's documents' ``lang``, else tr / en). Raises UnknownComponent for an unknown
    format, InvalidAlignment for ``beads`` with several pairs or an XLIFF export with no
    linked bead, OutputError when the file cannot be written.
    """
    from align.errors import InvalidAlignment
    from align.io.atomic import write_atomic

    writer = _writer(fmt)
    if fmt in SINGLE_PAIR and len(pairs) != 1:
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


Writer = Callable[[Sequence[ExportPair], bool, str | None, str | None], bytes]


def _writer(fmt: str) -> Writer:
    if fmt not in FORMATS:
        raise UnknownComponent(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    return _WRITERS[fmt]


def _tmx(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.interchange.tmx_out import to_tmx

    return to_tmx(pairs, include_auto=auto, src_lang=s, tgt_lang=t)


def _xliff(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.interchange.xliff2_out import to_xliff2

    return to_xliff2(pairs, src_lang=s, tgt_lang=t)


def _xliff12(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.interchange.xliff12_out import to_xliff12

    return to_xliff12(pairs, src_lang=s, tgt_lang=t)


def _csv(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.interchange.table import to_table

    return to_table(pairs, sep=",", src_lang=s, tgt_lang=t)


def _tsv(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.interchange.table import to_table

    return to_table(pairs, sep="\t", src_lang=s, tgt_lang=t)


def _jsonl(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.interchange.jsonl import to_jsonl

    return to_jsonl(pairs, src_lang=s, tgt_lang=t)


def _beads(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.io.formats import to_beads

    return to_beads(pairs[0].alignment).encode("utf-8")


def _json(pairs: Sequence[ExportPair], auto: bool, s: str | None, t: str | None) -> bytes:
    from align.io.formats import to_json

    return to_json(pairs[0].alignment).encode("utf-8")


_WRITERS: dict[str, Writer] = {
    "json": _json, "tmx": _tmx, "xliff": _xliff, "xliff12": _xliff12, "csv": _csv, "tsv": _tsv,
    "jsonl": _jsonl, "beads": _beads,
}
