"""Alignment files: JSON (writer and reader), Vecalign beads (writer and parser), TSV.

``FORMATS`` maps a format name to a function ``Alignment -> str``; ``write_alignment``
writes through ``write_atomic``.

Beads file: one bead per line, ``[src ids]:[tgt ids]`` with 0-based ids, either side may be
empty (``[]:[3]``), optionally followed by ``:<number>``. Vecalign writes its bead *cost*
there (lower is better, ``%.6f``), not a probability, so the parser returns it separately
and does not store it as :attr:`align.types.Bead.score`. Blank lines are skipped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from align.errors import AlignError, InvalidAlignment, SchemaError, UnknownComponent
from align.io.atomic import write_atomic
from align.io.read import read_text
from align.types import Alignment, Bead, Sentence

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


_IDS = r"\[\s*(\d+(?:\s*,\s*\d+)*)?\s*,?\s*\]"
_LINE = re.compile(rf"^\s*{_IDS}\s*:\s*{_IDS}\s*(?::\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*)?$")


def _ids(group: str | None) -> tuple[int, ...]:
    return tuple(int(x) for x in group.split(",")) if group else ()


def parse_beads_line(line: str, where: str = "<string>", lineno: int = 1) -> tuple[Bead, float | None]:
    """Parse ``[0, 1]:[2]`` or ``[0]:[2]:0.870000`` into a bead and the trailing number."""
    m = _LINE.match(line)
    if m is None:
        raise SchemaError(f"{where}, line {lineno}: not a bead '[src ids]:[tgt ids]': {line.strip()!r}")
    src, tgt = _ids(m.group(1)), _ids(m.group(2))
    if not src and not tgt:
        raise SchemaError(f"{where}, line {lineno}: bead has no sentence on either side")
    return Bead(src, tgt), (float(m.group(3)) if m.group(3) is not None else None)


def parse_beads_text(text: str, where: str = "<string>") -> list[tuple[Bead, float | None]]:
    """Parse a whole beads file; each item is (bead, trailing number or None)."""
    out = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            out.append(parse_beads_line(line, where, lineno))
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
    "parse_beads_line",
    "parse_beads_text",
    "read_alignment",
    "safe_cell",
    "to_beads",
    "to_json",
    "to_tsv",
    "write_alignment",
]
