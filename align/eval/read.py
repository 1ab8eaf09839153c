"""Read gold or predicted beads from alignment JSON, a Vecalign/Bertalign beads file
(:mod:`align.formats.alignment` parses both) or a TMX file."""
from __future__ import annotations

from pathlib import Path

from align.errors import InputError, SchemaError
from align.formats.alignment import parse_beads_text, read_alignment
from align.types import Bead


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise InputError(f"cannot read beads file {path}: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise InputError(f"beads file {path} is not UTF-8 (byte {e.start})") from e


def read_beads(path: str | Path) -> list[Bead]:
    """Beads from ``path``: a TMX file (``.tmx``: one 1:1 bead per translation unit, as
    pre-aligned input), alignment JSON if the content starts with ``{``, else a beads file.

    Raises SchemaError (naming the file and, for beads files, the line) on malformed input
    and on a file with no beads; InputError if the file cannot be read.
    """
    path = Path(path)
    if path.suffix.lower() == ".tmx":
        from align.formats.tmx import read_tmx

        return list(read_tmx(path).beads)
    text = _read(path)
    stripped = text.lstrip()
    if not stripped:
        raise SchemaError(f"{path}: file holds no beads (it is empty)")
    if stripped.startswith("{"):
        return list(read_alignment(path).beads)
    return [b for b, _ in parse_beads_text(text, str(path))]
