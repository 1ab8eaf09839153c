"""Input and output: decoding text files, atomic writes, the cell guard, alignment JSON and
Vecalign beads."""

from __future__ import annotations

from align.errors import OutputError
from align.io.atomic import atomic_open, claim_input, write_atomic
from align.io.formats import (
    parse_beads_line,
    parse_beads_text,
    read_alignment,
    to_beads,
    to_json,
)
from align.io.read import DecodedText, decode_bytes, read_lines, read_text

__all__ = [
    "DecodedText",
    "OutputError",
    "atomic_open",
    "claim_input",
    "decode_bytes",
    "parse_beads_line",
    "parse_beads_text",
    "read_alignment",
    "read_lines",
    "read_text",
    "to_beads",
    "to_json",
    "write_atomic",
]
