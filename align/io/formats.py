"""Alignment writers (JSON, Vecalign beads, TSV) and the JSON reader.

``FORMATS`` maps a format name to a function ``Alignment -> str``; ``write_alignment``
writes through ``write_atomic``.
"""

from __future__ import annotations

import csv
import io
from ast import literal_eval
from collections.abc import Callable, Sequence
from pathlib import Path

from align.errors import AlignError, InvalidAlignment, SchemaError, UnknownComponent
from align.io.atomic import write_atomic
from align.io.read import read_text
from align.types import Alignment, Sentence

TSV_HEADER = ("src_text", "tgt_text", "score", "status", "src_ids", "tgt_ids", "flags")
# Cells a spreadsheet would read as a formula (OWASP "CSV injection"); tab and CR are
# replaced before this check. Full-width forms are included: some spreadsheets fold them.
_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_CELL_BREAKS = str.maketrans({c: " " for c in "\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"})


def to_json(aln: Alignment) -> str:
    """The alignment as schema ``align.alignment/1`` JSON, with a final newline."""
    return aln.to_json() + "\n"


def to_beads(aln: Alignment) -> str:
    """Vecalign's output format, one bead per line: ``[0, 1]:[2]:0.870000``.

    Byte for byte what Vecalign's ``dp_utils.print_alignments`` writes
    (``'%s:%s:%.6f' % (src_list, tgt_list, score)``), null beads included as ``[]``.
    Ids are 0-based sentence indices. Note the score meaning differs: Vecalign writes a
    cost (lower is better), we write our score in [0, 1] (higher is better).
    """
    # %-format on purpose: it is Vecalign's, and str(list) gives its "[0, 1]" spelling.
    line = "%s:%s:%.6f\n"
    return "".join(line % (list(b.src), list(b.tgt), b.score) for b in aln.beads)


def parse_beads(
    text: str, name: str = "<beads>"
) -> list[tuple[list[int], list[int], float | None]]:
    """Parse Vecalign/Bleualign bead lines ``[0]:[1]`` or ``[0]:[1]:0.5`` (blank lines skipped).

    Returns (src ids, tgt ids, score or None) per line; raises SchemaError naming the line.
    """
    out: list[tuple[list[int], list[int], float | None]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.strip().split(":")
        try:
            if len(parts) not in (2, 3):
                raise ValueError("expected 2 or 3 ':'-separated fields")
            src, tgt = literal_eval(parts[0].strip()), literal_eval(parts[1].strip())
            if not all(isinstance(x, list) and all(type(i) is int for i in x) for x in (src, tgt)):
                raise ValueError("ids must be lists of integers")
            score = float(parts[2]) if len(parts) == 3 else None
        except (ValueError, SyntaxError) as e:
            raise SchemaError(f"{name} line {lineno}: bad bead {line.strip()!r}: {e}") from None
        out.append((src, tgt, score))
    return out


def to_tsv(aln: Alignment) -> str:
    """One row per bead, with a header row (``TSV_HEADER``).

    Text columns join the bead's sentences with a space. Ids are written like
    ``[0, 1]`` (0-based). Tabs and line breaks inside cells become spaces, and cells a
    spreadsheet would run as a formula (starting ``= + - @``) get a leading ``'``.
    Fields containing ``"`` are quoted the csv way (``csv.reader(delimiter="\\t")`` reads
    the file back).
    """
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(TSV_HEADER)
    src, tgt = aln.source.sentences, aln.target.sentences
    for b in aln.beads:
        row = (
            _join(src, b.src),
            _join(tgt, b.tgt),
            f"{b.score:.6f}",
            b.status.value,
            str(list(b.src)),
            str(list(b.tgt)),
            ",".join(f.type for f in b.flags),
        )
        writer.writerow([safe_cell(c) for c in row])
    return buf.getvalue()


def safe_cell(value: str) -> str:
    """A spreadsheet-safe cell: no tabs or line breaks, no formula at the start."""
    value = value.translate(_CELL_BREAKS)
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return value


def _join(sentences: Sequence[Sentence], ids: Sequence[int]) -> str:
    return " ".join(sentences[i].text for i in ids)


FORMATS: dict[str, Callable[[Alignment], str]] = {
    "json": to_json,
    "beads": to_beads,
    "tsv": to_tsv,
}
_SUFFIXES = {".json": "json", ".beads": "beads", ".tsv": "tsv"}


def format_for_path(path: str | Path, default: str = "json") -> str:
    """Guess the format name from a file suffix (``.json``, ``.beads``, ``.tsv``)."""
    return _SUFFIXES.get(Path(path).suffix.lower(), default)


def write_alignment(aln: Alignment, path: str | Path, fmt: str | None = None) -> None:
    """Write ``aln`` to ``path`` (``"-"`` = stdout) atomically in format ``fmt``.

    ``fmt`` None picks the format from the suffix (JSON when unknown).
    Raises UnknownComponent for a format not in ``FORMATS``.
    """
    name = fmt or format_for_path(path)
    try:
        writer = FORMATS[name]
    except KeyError:
        raise UnknownComponent(
            f"unknown output format {name!r}; choose from {', '.join(FORMATS)}"
        ) from None
    write_atomic(path, writer(aln))


def read_alignment(path: str | Path) -> Alignment:
    """Read an alignment JSON file written by ``to_json``.

    Raises InputError (missing/empty/undecodable), SchemaError (bad JSON or schema) or
    InvalidAlignment (beads do not cover the sentences), each naming the file.
    """
    decoded = read_text(path)
    try:
        return Alignment.from_json(decoded.text)
    except (SchemaError, InvalidAlignment) as e:
        raise type(e)(f"{path}: {e}") from e
    except AlignError:
        raise
    except (TypeError, ValueError, AttributeError) as e:
        raise SchemaError(f"{path}: does not follow the alignment schema: {e}") from e


__all__ = [
    "FORMATS",
    "TSV_HEADER",
    "format_for_path",
    "parse_beads",
    "read_alignment",
    "safe_cell",
    "to_beads",
    "to_json",
    "to_tsv",
    "write_alignment",
]
