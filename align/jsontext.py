"""Parse JSON that came from outside (a file, an upload) within limits.

Python's :func:`json.loads` accepts what our readers must not: ``NaN`` and ``Infinity``,
integers thousands of digits long (slow to convert; past 4,300 digits a ValueError from
deep inside), and nesting deep enough to exhaust the stack (RecursionError). Here each is a
:class:`~align.errors.SchemaError` with one line the caller prefixes with the file name.
"""
from __future__ import annotations

import json
import math
from typing import Any

from align.errors import SchemaError

MAX_INT_DIGITS = 18
"""Longest integer accepted (sentence indices, offsets and counts all fit in 18 digits)."""


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise SchemaError(f"a number with {len(text.lstrip('-'))} digits "
                          f"(at most {MAX_INT_DIGITS} are accepted)")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise SchemaError(f"the number {text[:40]} is out of range")
    return value


def _constant(name: str) -> float:
    raise SchemaError(f"{name} is not a JSON number")


def index_list(value: Any, where: str) -> tuple[int, ...]:
    """A JSON list of sentence indices, taken as it is: no 0.5 -> 0, no true -> 1."""
    if not isinstance(value, list):
        raise SchemaError(f"{where}: expected a list of sentence indices, "
                          f"got {type(value).__name__}")
    for v in value:
        if type(v) is not int:
            raise SchemaError(f"{where}: sentence indices are integers, not {v!r}")
    return tuple(value)


def loads(text: str | bytes) -> Any:
    """The parsed value; SchemaError for invalid JSON or a value past the limits."""
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except RecursionError:
        raise SchemaError("invalid JSON: nested too deeply") from None
    except json.JSONDecodeError as e:
        raise SchemaError(f"invalid JSON: {e}") from None
    except UnicodeDecodeError as e:
        raise SchemaError(f"invalid JSON: not UTF-8 text ({e.reason})") from None

