"""Number vocabularies (``align/data/numbers/*.tsv``) and parsing of digit strings.

Canonical values (`canon`) are plain decimal strings without exponent or trailing zeros:
``Decimal("2500000000.0") -> "2500000000"``, ``Decimal("2.50") -> "2.5"``.

Digit conventions (`parse_digits`):

* European (every language but English): ``.`` groups thousands and ``,`` marks decimals:
  ``1.250 -> 1250``, ``2,5 -> 2.5``, ``1.250.000,5 -> 1250000.5``. A dot not followed by
  exactly three digits is a decimal point written the English way (``3.5 -> 3.5``); several
  comma groups of three are English thousands (``1,250,000 -> 1250000``).
* English: ``,`` groups thousands and ``.`` marks decimals: ``1,250 -> 1250``,
  ``1.250 -> 1.25``; a comma not followed by exactly three digits is a decimal comma
  (``2,5 -> 2.5``); several dot groups of three are European thousands (``1.250.000``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources

from align.errors import SchemaError

KINDS = ("card", "hundred", "scale", "abbr", "half", "ord", "month", "pct_pre", "pct_post")

_SEP = "[ \u00a0\u202f]"
_EU_THOUSANDS = re.compile(rf"\d{{1,3}}(?:(?:\.|{_SEP})\d{{3}})+(?:,\d+)?")
_EN_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_EU_IN_EN = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?")
_EN_IN_EU = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?")
_POINT = re.compile(r"\d+\.\d+")
_COMMA = re.compile(r"\d+,\d+")
_INT = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class NumWord:
    """One entry of a number vocabulary: kind (see `KINDS`), value and flags."""

    kind: str
    value: Decimal
    flags: frozenset[str] = frozenset()
    prev: frozenset[str] = frozenset()  # for ``prev=`` flags: allowed preceding words


@cache
def vocabulary(lang: str) -> dict[str, NumWord]:
    """Folded word (or ``"per_cent"`` phrase) -> `NumWord` for *lang*; empty if no file."""
    name = f"{lang}.tsv"
    folder = resources.files("align") / "data" / "numbers"
    path = folder / name
    if not path.is_file():
        return {}
    out: dict[str, NumWord] = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        cols = line.split("\t")
        if len(cols) not in (3, 4) or cols[1] not in KINDS:
            raise SchemaError(
                f"align/data/numbers/{name} line {lineno}: expected word<TAB>kind<TAB>value"
                f"[<TAB>flags] with kind in {', '.join(KINDS)}, got {raw!r}"
            )
        try:
            value = Decimal(cols[2])
        except InvalidOperation:
            raise SchemaError(f"align/data/numbers/{name} line {lineno}: bad value {cols[2]!r}")
        flags = frozenset(cols[3].split(",")) if len(cols) == 4 else frozenset()
        prev: frozenset[str] = frozenset()
        for flag in flags:
            if flag.startswith("prev="):
                prev = frozenset(flag[5:].split("|"))
        out[cols[0]] = NumWord(cols[1], value, flags, prev)
    return out


def canon(value: Decimal) -> str:
    """Canonical string of a number: no exponent, no trailing zeros (``2.50 -> "2.5"``)."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def is_english(lang: str) -> bool:
    return lang == "en"


def parse_digits(s: str, lang: str) -> Decimal | None:
    """Value of a digit string under *lang*'s convention (see module doc); ``None`` if odd.

    ``parse_digits("1.250", "tr") == 1250``; ``parse_digits("1.250", "en") == Decimal("1.25")``.
    """
    if _INT.fullmatch(s):
        return Decimal(s)
    if is_english(lang):
        if _EN_THOUSANDS.fullmatch(s):
            return Decimal(s.replace(",", ""))
        if _EU_IN_EN.fullmatch(s):
            return Decimal(s.replace(".", "").replace(",", "."))
        if _POINT.fullmatch(s):
            return Decimal(s)
        if _COMMA.fullmatch(s):
            return Decimal(s.replace(",", "."))
        return None
    if _EU_THOUSANDS.fullmatch(s):
        return Decimal(re.sub(rf"\.|{_SEP}", "", s).replace(",", "."))
    if _EN_IN_EU.fullmatch(s):
        return Decimal(s.replace(",", ""))
    if _COMMA.fullmatch(s):
        return Decimal(s.replace(",", "."))
    if _POINT.fullmatch(s):
        return Decimal(s)
    return None


_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})")
_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:  # two-digit years: 00-49 -> 20xx, 50-99 -> 19xx
        n += 2000 if n < 50 else 1900
    return n


def parse_numeric_date(s: str, lang: str) -> tuple[int, int, int] | None:
    """``(year, month, day)`` of ``27.10.2021``, ``27/10/2021`` or ``2021-10-27``, else None.

    Slash dates are day/month except in English, where month/day is read unless the first
    number is over 12 (``10/27/2021`` and ``27/10/2021`` both give October 27).
    """
    if m := _DMY.fullmatch(s):
        d, mo, y = int(m.group(1)), int(m.group(2)), _year(m.group(3))
    elif m := _SLASH.fullmatch(s):
        a, b, y = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        d, mo = (a, b) if (not is_english(lang) or a > 12) else (b, a)
    elif m := _ISO.fullmatch(s):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        return None
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return y, mo, d
    return None
