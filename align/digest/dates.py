"""Dates written in digest citations -> ISO ``yyyy-mm-dd``.

Accepted: ``27 October 2021``, ``27th Oct. 2021``, ``October 27, 2021``, ``Oct 27th 2021``,
``27.10.2021``, ``27/10/2021`` (day first, unless the second number is over 12: then month
first), ``2021-10-27``, and Turkish month names (``27 Ekim 2021``). English and Turkish month
names, full or abbreviated, any case.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple

_MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        "january jan ocak oca", "february feb şubat subat şub sub", "march mar mart",
        "april apr nisan nis", "may mayıs mayis", "june jun haziran haz",
        "july jul temmuz tem", "august aug ağustos agustos ağu agu",
        "september sep sept eylül eylul eyl", "october oct ekim eki", "november nov kasım kasim kas",
        "december dec aralık aralik ara",
    ],
    start=1,
):
    for _n in _names.split():
        _MONTHS[_n] = _i

# Longest names first so "sept" wins over "sep" and "mayıs" over "may".
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_D = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_M = rf"(?P<m>{_MONTH_RE})\.?"
_Y = r"(?P<y>\d{4})"
_PATTERNS = [
    re.compile(rf"(?<![\w.]){_D}\s+{_M},?\s+{_Y}(?!\w)", re.IGNORECASE),
    re.compile(rf"(?<![\w.]){_M}\s+{_D},?\s+{_Y}(?!\w)", re.IGNORECASE),
    re.compile(r"(?<![\w./-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\w/-]|\.\d)"),
    re.compile(r"(?<![\w./-])(?P<d>\d{1,2})(?P<sep>[./])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\w/-]|\.\d)"),
]
_MONTH_YEAR = re.compile(rf"(?<![\w.]){_M},?\s+{_Y}(?!\w)", re.IGNORECASE)


class DateMatch(NamedTuple):
    """A date found in text: ISO string (``None`` when the date does not exist) and its span."""

    iso: str | None
    start: int
    end: int


def _month(name: str) -> int:
    key = name.lower().rstrip(".").replace("i\u0307", "i")  # "İ".lower() is "i" + combining dot
    return _MONTHS.get(key, 0)


def _iso(m: re.Match[str]) -> str | None:
    y, d = int(m["y"]), int(m["d"])
    raw_m = m["m"]
    if raw_m.isdigit():
        mo = int(raw_m)
        if m.groupdict().get("sep") == "/" and mo > 12 >= d:  # 10/27/2021: month first
            d, mo = mo, d
    else:
        mo = _month(raw_m)
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every full date in ``text``, in order of position; overlapping matches keep the first."""
    found: list[DateMatch] = []
    for pat in _PATTERNS:
        for m in pat.finditer(text):
            if not any(m.start() < f.end and f.start < m.end() for f in found):
                found.append(DateMatch(_iso(m), m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def parse_date(text: str) -> str | None:
    """ISO date of the first full date in ``text``; ``None`` if there is none or it is invalid."""
    found = find_dates(text)
    return found[0].iso if found else None


def find_month_year(text: str) -> re.Match[str] | None:
    """A month and year without a day (``October 2021``), for a precise warning."""
    return _MONTH_YEAR.search(text)
