"""The one spreadsheet cell guard, for every CSV or TSV this tool writes (interchange tables,
QA report records).

Spreadsheet formula injection (OWASP "CSV injection"): a cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return (or their full-width forms) gets a leading
apostrophe; so does a cell already starting with an apostrophe, which makes the escape
reversible. TSV cells also get ``\\``, ``\t``, ``\n``, ``\r`` escapes so a row stays one line.
:func:`restore` undoes both, for cells a file marks as escaped.
"""
from __future__ import annotations

import re

_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_UNESCAPE = re.compile(r"\\([\\tnr])")


def neutralise(cell: str, *, tsv: bool = False) -> tuple[str, bool]:
    """A cell no spreadsheet runs as a formula (and, for TSV, on one line), and whether it
    was changed: TSV escapes first, then a leading ``'`` for formula and apostrophe
    starts."""
    out = cell
    if tsv and any(c in out for c in _TSV_ESCAPES):
        out = "".join(_TSV_ESCAPES.get(c, c) for c in out)
    if out.startswith(_FORMULA) or out.startswith("'"):
        out = "'" + out
    return out, out != cell


def restore(cell: str, *, tsv: bool = False) -> str:
    """Undo `neutralise` on a cell the file's ``escaped`` column lists."""
    cell = cell.removeprefix("'")
    if tsv:
        cell = _TSV_UNESCAPE.sub(lambda m: {"t": "\t", "n": "\n", "r": "\r"}.get(m[1], m[1]),
                                 cell)
    return cell
