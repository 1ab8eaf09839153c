"""Tokeniser with character spans: words, numbers, codes and punctuation.

`tokenize(text, lang)` returns `Token`s whose ``[start, end)`` spans (0-based) index into
*text* itself (not into a folded copy): ``text[t.start:t.end] == t.text`` always, and spans
never overlap. Whitespace is skipped.

Decisions (tested in ``tests/test_text_normalize.py``):

* Apostrophe suffixes (Turkish case endings on names and numbers, English ``'s``) are cut
  off: ``"Ankara'ya"`` -> token ``"Ankara"`` with ``suffix="ya"``; ``"2021'de"`` -> number
  ``"2021"``, ``suffix="de"``; ``"TB-2'ler"`` -> code ``"TB-2"``, ``suffix="ler"``.
  Any apostrophe-like character counts (``' ’ ‘ ʼ``...).
* English ``n't`` is a suffix of the preceding letters: ``"don't"`` -> ``"do"`` +
  ``suffix="n't"``, ``"can't"`` -> ``"ca"`` (a stopword).
* French elision: ``"l'armée"`` -> ``"l'"`` (word) + ``"armée"``.
* Letters joined to digits are one ``code`` token: ``S-400``, ``TB-2``, ``TB2``, ``F-16``,
  ``COVID-19``, ``5G``. Letters joined to letters by a hyphen are split:
  ``"Russia-backed"`` -> ``"Russia"``, ``"-"``, ``"backed"`` (parts match a lexicon better
  than the compound; ``Rusya destekli`` is two words in Turkish too).
* Numbers keep their separators as one ``number`` token: ``1.250``, ``2,5``, ``1,250,000``,
  ``27.10.2021``, ``27/10/2021``, ``2021-10-27``, ``%40``, ``% 15``, ``15%``, ``15 %``,
  ``1 250`` (with a no-break space only). English also: ``26th``, ``1990s``
  (``suffix="th"`` / ``"s"``). Digits followed by lower-case letters are split
  (``"15km"`` -> ``"15"``, ``"km"``; ``"5bn"`` -> ``"5"``, ``"bn"``).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from align.text.casefold import APOSTROPHES, base_lang

KINDS = ("word", "number", "code", "punct", "symbol")

_L = r"[^\W\d_]"  # a letter
_W = rf"{_L}(?:{_L}|[\u0300-\u036f])*"  # letters, with combining marks (NFD input)
_AP = "[" + re.escape(APOSTROPHES) + "]"
_NB = "\u00a0\u202f"  # no-break spaces used as thousands separators (fr, is)
_CODE = rf"{_W}-?\d+(?:{_L}+)?(?:-\d+)?|\d+[A-ZÇĞİÖŞÜ]+\d*(?!{_L})"
_DATE = r"\d{4}-\d{1,2}-\d{1,2}(?!\d)|\d{1,2}/\d{1,2}/\d{2,4}(?!\d)"
_NUM = rf"\d{{1,3}}(?:[{_NB}]\d{{3}})+(?:,\d+)?(?!\d)|\d+(?:[.,]\d+)*(?:[ {_NB}]?%(?![ {_NB}]?\d))?"
_PCT = rf"%[ {_NB}]?\d+(?:[.,]\d+)*"


@dataclass(frozen=True, slots=True)
class Token:
    """One token. ``text == source[start:end]`` (0-based, end exclusive).

    ``kind`` is one of `KINDS`. ``suffix`` is the part after an apostrophe that was cut off
    (``"ya"`` for ``"Ankara'ya"``, ``"n't"`` for ``"don't"``), as written, else ``""``.
    """

    text: str
    start: int
    end: int
    kind: str
    suffix: str = ""


def _pattern_source(lang: str) -> str:
    sfx = rf"(?:{_AP}(?P<{{}}>{_L}+))?"
    parts = [rf"(?P<date>{_DATE})", rf"(?P<pct>{_PCT})"]
    if lang == "en":
        sfx = rf"(?:{_AP}(?P<{{}}>s|re|ve|ll|d|m)(?!{_L}))?"
        parts.append(rf"(?P<nt>{_L}+?)n{_AP}t(?!{_L})")
        parts.append(rf"(?P<ordn>\d+)(?P<osfx>st|nd|rd|th|s)(?!{_L})")
    if lang == "fr":
        parts.append(rf"(?P<elid>(?i:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu){_AP})(?={_L})")
    parts += [
        rf"(?P<code>{_CODE})" + sfx.format("code_s"),
        rf"(?P<num>{_NUM})" + sfx.format("num_s"),
        rf"(?P<word>{_W})" + sfx.format("word_s"),
        r"(?P<other>\S)",  # whitespace matches nothing: finditer skips it
    ]
    return "|".join(parts)


@cache
def token_pattern(lang: str) -> re.Pattern[str]:
    """Compiled master pattern for *lang* (cached); see `token_from_match` for its groups."""
    return re.compile(_pattern_source(base_lang(lang)), re.DOTALL)


# lastgroup -> (group holding the token, or None for the whole match; kind; group holding
# the suffix, or None; the suffix when that is None). Groups not listed: "other".
_SHAPES: dict[str, tuple[str | None, str, str | None, str]] = {
    "code": (None, "code", None, ""), "num": (None, "number", None, ""),
    "word": (None, "word", None, ""), "date": (None, "number", None, ""),
    "pct": (None, "number", None, ""), "elid": (None, "word", None, ""),
    "code_s": ("code", "code", "code_s", ""), "num_s": ("num", "number", "num_s", ""),
    "word_s": ("word", "word", "word_s", ""), "ordn": ("ordn", "number", "osfx", ""),
    "osfx": ("ordn", "number", "osfx", ""), "nt": ("nt", "word", None, "n't"),
}


def token_from_match(m: re.Match[str]) -> Token:
    """Turn one match of `token_pattern` into a `Token`."""
    shape = _SHAPES.get(m.lastgroup or "")
    if shape is None:
        ch = m.group()
        kind = "punct" if unicodedata.category(ch).startswith("P") else "symbol"
        return Token(ch, m.start(), m.end(), kind)
    base, kind, sfx, fixed = shape
    if base is None:
        return Token(m.group(), m.start(), m.end(), kind)
    start, end = m.span(base)
    return Token(m.group(base), start, end, kind, m.group(sfx) if sfx is not None else fixed)


def tokenize(text: str, lang: str) -> list[Token]:
    """Split *text* into `Token`s in order; spans index into *text* (0-based, end exclusive).

    ``tokenize("Ankara'ya 2,5 milyar", "tr")`` ->
    ``[Token("Ankara", 0, 6, "word", "ya"), Token("2,5", 10, 13, "number"),
    Token("milyar", 14, 20, "word")]``.
    """
    return [token_from_match(m) for m in token_pattern(lang).finditer(text)]
