"""CSV / TSV in the LF Aligner layout, with scores, and their reader.

Columns (``COLUMNS``; a header row names them): ``source``, ``target`` (LF Aligner's two
text columns: the bead's sentences joined with a space), then ``score`` (``%.6f``),
``status``, ``project``, ``pair`` (the pair key), ``src_ids``, ``tgt_ids`` (0-based,
``[0, 1]``), ``flags`` (QA flag types, comma-separated), ``flag_confidence`` (each flag's
confidence in the same order, comma-separated, an empty item where a flag states none; an
empty cell when none does) and ``escaped`` (the names of the row's cells this tool escaped,
space-separated). One row per bead, null beads included
(one text cell empty), in alignment order, every pair one after the other.

CSV: UTF-8 with a BOM (so Excel detects the encoding), comma-separated, CRLF, fields
quoted when needed; tabs and line breaks inside a cell are kept (in its quotes). TSV:
UTF-8 without BOM, tab-separated, LF; a cell's backslashes, tabs, line feeds and carriage
returns are written ``\\``, ``\t``, ``\n``, ``\r``, so every row stays one line.

Spreadsheet formula injection (OWASP "CSV injection"): a cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return (or their full-width forms) gets a leading
apostrophe; so does a cell already starting with an apostrophe, which makes the escape
reversible. The ``escaped`` column is the mark that a file is ours: `read_table` undoes
exactly the escapes it lists, and takes every cell of a file without it as it is (a
third-party sheet's leading apostrophe is text).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from align.errors import InputError
from align.formats.model import (
    ExportPair,
    Row,
    bead_views,
    flag_confidences,
    flag_types,
    ids_text,
    parse_confidences,
    parse_ids,
)
from align.io.cells import neutralise, restore
from align.types import Status

COLUMNS = ("source", "target", "score", "status", "project", "pair", "src_ids", "tgt_ids",
           "flags", "flag_confidence", "escaped")
REQUIRED = ("source", "target")
TEXT_COLUMNS = ("source", "target", "project", "pair", "flags")
"""The cells that hold text someone typed, so may need escaping."""
def to_table(pairs: Sequence[ExportPair], *, sep: str = ",", src_lang: str | None = None,
             tgt_lang: str | None = None) -> bytes:
    """The table as bytes: ``sep=","`` gives the CSV flavour, ``"\\t"`` the TSV one."""
    buf = io.StringIO()
    csv_flavour = sep == ","
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n" if csv_flavour else "\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for pair in pairs:
        for v in bead_views(pair, src_lang, tgt_lang):
            b = v.bead
            cells = {"source": v.source, "target": v.target, "score": f"{b.score:.6f}",
                     "status": b.status.value, "project": pair.project, "pair": pair.key,
                     "src_ids": ids_text(b.src), "tgt_ids": ids_text(b.tgt),
                     "flags": flag_types(b), "flag_confidence": flag_confidences(b)}
            escaped = []
            for k in TEXT_COLUMNS:
                cells[k], changed = neutralise(cells[k], tsv=not csv_flavour)
                if changed:
                    escaped.append(k)
            cells["escaped"] = " ".join(escaped)
            writer.writerow([cells[k] for k in COLUMNS])
    text = buf.getvalue()
    return text.encode("utf-8-sig" if csv_flavour else "utf-8")


def read_table(path: str | Path) -> list[Row]:
    """Rows of a CSV (``.csv``: comma, or semicolon when the header has no comma) or TSV
    (other suffixes, or a tab in the header: tab) file with a header row.

    The header must name ``source`` and ``target``; the other columns of ``COLUMNS`` are
    optional, any other column is refused. Raises InputError naming the file and the
    missing / unknown columns, or the line of a bad score, status or id cell.
    """
    name = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{name} does not exist") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{name} is not UTF-8 (byte {e.start})") from None
    except OSError as e:
        raise InputError(f"{name} cannot be read: {e.strerror or e}") from None
    first = text.split("\n", 1)[0]
    sep = "\t"
    if Path(name).suffix.lower() == ".csv" and "\t" not in first:
        # Excel in some locales saves CSV with semicolons.
        sep = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    header = next(reader, None)
    if header is None:
        raise InputError(f"{name} is empty; expected a header row with columns "
                         f"{', '.join(COLUMNS)}")
    header = [h.strip().lower() for h in header]
    _check_header(name, header)
    ours = "escaped" in header
    return [_row(name, lineno, dict(zip(header, cells)), ours=ours, tsv=sep == "\t")
            for lineno, cells in enumerate(reader, 2) if any(c.strip() for c in cells)]


def _check_header(name: str, header: list[str]) -> None:
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    repeated = sorted({c for c in header if header.count(c) > 1})
    if missing or unknown or repeated:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown column(s) {', '.join(repr(c) for c in unknown)}")
        if repeated:
            parts.append(f"repeated column(s) {', '.join(repeated)}")
        raise InputError(f"{name}: {'; '.join(parts)}; expected a header row with "
                         f"{', '.join(REQUIRED)} and optionally {', '.join(COLUMNS[2:])}")


def _row(name: str, lineno: int, cells: dict[str, str], *, ours: bool, tsv: bool) -> Row:
    """One row; the escapes its ``escaped`` cell lists are undone (files of ours only)."""
    listed = set(cells.get("escaped", "").split()) if ours else set()
    get = {k: restore(v, tsv=tsv) if k in listed else v
           for k, v in cells.items() if k is not None}
    flags = tuple(f for f in get.get("flags", "").split(",") if f.strip())
    try:
        score = float(get["score"]) if get.get("score", "").strip() else None
        status = Status(get["status"].strip()) if get.get("status", "").strip() else None
        src_ids = parse_ids(get.get("src_ids", ""))
        tgt_ids = parse_ids(get.get("tgt_ids", ""))
        confidence = parse_confidences(get.get("flag_confidence", ""), len(flags))
    except ValueError as e:
        raise InputError(f"{name} line {lineno}: {e}") from None
    return Row(get.get("source", ""), get.get("target", ""), score, status,
               get.get("project", ""), get.get("pair", ""), src_ids, tgt_ids, flags,
               flag_confidence=confidence)
