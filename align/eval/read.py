"""Read beads from alignment JSON or from Vecalign/Bertalign beads files.

Beads file: one bead per line, ``[src ids]:[tgt ids]`` with 0-based ids, either side may be
empty (``[]:[3]``), optionally followed by ``:<number>``. Vecalign writes its bead *cost*
there (lower is better, ``%.6f``), not a probability, so it is returned separately and not
stored as :attr:`align.types.Bead.score`. Blank lines are skipped.
"""
from __future__ import annotations

import re
from pathlib import Path

from align.errors import InputError, InvalidAlignment, SchemaError
from align.types import Alignment, Bead

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


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise InputError(f"cannot read beads file {path}: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise InputError(f"beads file {path} is not UTF-8 (byte {e.start})") from e


def read_alignment(path: str | Path) -> Alignment:
    """Load an alignment JSON file (:meth:`align.types.Alignment.from_json`)."""
    path = Path(path)
    return _alignment(_read(path), path)


def _alignment(text: str, path: Path) -> Alignment:
    try:
        return Alignment.from_json(text)
    except (SchemaError, InvalidAlignment) as e:
        raise type(e)(f"{path}: {e}") from e


def read_beads(path: str | Path) -> list[Bead]:
    """Beads from ``path``: a TMX file (``.tmx``: one 1:1 bead per translation unit, as
    pre-aligned input), alignment JSON if the content starts with ``{``, else a beads file.

    Raises SchemaError (naming the file and, for beads files, the line) on malformed input
    and on a file with no beads; InputError if the file cannot be read.
    """
    path = Path(path)
    if path.suffix.lower() == ".tmx":
        from align.sources.tmx import read_tmx

        return list(read_tmx(path).beads)
    text = _read(path)
    stripped = text.lstrip()
    if not stripped:
        raise SchemaError(f"{path}: file holds no beads (it is empty)")
    if stripped.startswith("{"):
        return list(_alignment(text, path).beads)
    return [b for b, _ in parse_beads_text(text, str(path))]
