"""Input and output: decoding text files, atomic writes and their guards, the spreadsheet
cell guard, untrusted XML. File formats live in :mod:`align.formats`."""

from __future__ import annotations

from align.errors import OutputError
from align.io.atomic import atomic_open, claim_input, write_atomic
from align.io.read import DecodedText, decode_bytes, read_lines, read_text

__all__ = [
    "DecodedText",
    "OutputError",
    "atomic_open",
    "claim_input",
    "decode_bytes",
    "read_lines",
    "read_text",
    "write_atomic",
]
