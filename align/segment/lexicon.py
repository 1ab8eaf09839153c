"""Abbreviation and sentence-starter lists from ``align/data/abbrev/`` (loaded lazily, cached).

File formats are described in ``align/data/abbrev/README.md``.
"""
from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from functools import cache
from importlib import resources
from types import MappingProxyType

from align.errors import InputError

_DIR = ("data", "abbrev")

# ISO 639-2/3 codes and common spellings mapped to the 2-letter codes our files use.
_ALIASES = {
    "eng": "en", "tur": "tr", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr",
    "isl": "is", "ice": "is",
}

# Languages that write ordinal numbers as digits + period ("3. Ordu", "am 3. Oktober"): there a
# short number followed by a period and a capital is read as an ordinal, not a sentence end.
ORDINAL_DOT_LANGS = frozenset(
    {"tr", "de", "is", "da", "no", "nb", "nn", "fi", "et", "cs", "sk", "sl", "hr", "sr", "bs",
     "hu", "lv", "fo"}
)


class AbbrevKind(str, Enum):
    """How an abbreviation behaves before ``. Next``; see the README table."""

    TITLE = "title"  # never a sentence end
    NUM = "num"  # not an end before a number, otherwise a plain word
    FINAL = "final"  # an end before a capital
    AMBIG = "ambig"  # an end only before a common sentence starter


def base_lang(lang: str) -> str:
    """``"tr-TR"``, ``"TUR"`` or ``"tr_TR"`` -> ``"tr"``; unknown codes are lower-cased."""
    code = lang.strip().lower().replace("_", "-").split("-", 1)[0]
    return _ALIASES.get(code, code)


def _read(name: str) -> list[str]:
    """Non-comment, non-empty lines of a data file; [] when the file does not exist."""
    path = resources.files("align").joinpath(*_DIR, name)
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def _parse_abbrevs(name: str) -> dict[str, AbbrevKind]:
    table: dict[str, AbbrevKind] = {}
    for line in _read(name):
        parts = line.split()
        word = parts[0]
        if not word.endswith(".") or len(parts) > 2:
            raise InputError(f"align/data/abbrev/{name}: bad line {line!r} (want 'Abbrev. kind')")
        try:
            kind = AbbrevKind(parts[1]) if len(parts) == 2 else AbbrevKind.TITLE
        except ValueError as e:
            raise InputError(f"align/data/abbrev/{name}: unknown kind in {line!r}") from e
        table[word[:-1]] = kind  # keyed without the final period: "U.S", "Dr", "A.Ş"
    return table


@cache
def abbreviations(lang: str) -> Mapping[str, AbbrevKind]:
    """Abbreviation (without its final period) -> kind, for ``common.txt`` + ``<lang>.txt``."""
    table = _parse_abbrevs("common.txt")
    table.update(_parse_abbrevs(f"{base_lang(lang)}.txt"))
    return MappingProxyType(table)


@cache
def starters(lang: str) -> frozenset[str]:
    """Capitalised words that often begin a sentence in ``lang`` (empty set if none listed)."""
    return frozenset(_read(f"{base_lang(lang)}.starters.txt"))


@cache
def speech_verbs(lang: str) -> frozenset[str]:
    """Lower-case verbs of saying in ``lang`` (``said``, ``sordu``); empty set if none listed."""
    return frozenset(_read(f"{base_lang(lang)}.speech.txt"))
