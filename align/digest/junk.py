"""Page-junk rules from ``align/data/digest/junk.txt`` (loaded lazily, cached).

Two strengths (see the data file's header): ``end`` rules apply only to the trailing run of
junk lines at the end of a digest; ``any`` rules also drop a one-line paragraph in the middle.
"""
from __future__ import annotations

import re
from functools import cache
from importlib import resources

from align.errors import InputError

_FILE = ("data", "digest", "junk.txt")
_WHERE = ("end", "any")


@cache
def junk_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``(where, compiled regex)`` per rule, in file order; ``where`` is ``"end"`` or ``"any"``."""
    path = resources.files("align").joinpath(*_FILE)
    rules = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        where, _, pattern = line.partition("\t")
        if where not in _WHERE or not pattern:
            raise InputError(f"align/data/digest/junk.txt:{n}: want '<end|any><TAB><regex>'")
        try:
            rules.append((where, re.compile(pattern, re.IGNORECASE)))
        except re.error as e:
            raise InputError(f"align/data/digest/junk.txt:{n}: bad regex ({e})") from e
    return tuple(rules)


def is_junk(line: str, *, at_end: bool) -> bool:
    """Whether ``line`` (outer whitespace ignored) is page junk.

    ``at_end=True``: every rule applies (the line is in the trailing run of the digest);
    ``at_end=False``: only ``any`` rules. Blank lines are never junk (they separate paragraphs).
    """
    text = line.strip()
    if not text:
        return False
    return any(
        (at_end or where == "any") and rx.fullmatch(text) for where, rx in junk_rules()
    )
