"""Alignment files of one pair: JSON (writer and reader) and Vecalign beads (writer and
parser). Writing any format, these two included, goes through
:func:`align.formats.export` (the one registry of output formats and suffixes).

Beads file: one bead per line, ``[src ids]:[tgt ids]`` with 0-based ids, either side may be
empty (``[]:[3]``), optionally followed by ``:<number>``. Vecalign writes its bead *cost*
there (lower is better, ``%.6f``), not a probability, so the parser returns it separately
and does not store it as :attr:`align.types.Bead.score`. Blank lines are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

from align.errors import AlignError, InvalidAlignment, SchemaError
from align.io.read import read_text
from align.types import Alignment, Bead


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


__all__ = ["parse_beads_line", "parse_beads_text", "read_alignment", "to_beads", "to_json"]
