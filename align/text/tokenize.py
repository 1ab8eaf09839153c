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
_KIND = {"code": "code", "num": "number", "word": "word"}

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


def token_from_match(m: re.Match[str]) -> Token:
    """Turn one match of `token_pattern` into a `Token`."""
    group = m.lastgroup
    if group is not None and group.endswith("_s"):  # matched with an apostrophe suffix
        base = group[:-2]
        return Token(m.group(base), m.start(base), m.end(base), _KIND[base], m.group(group))
    if group in _KIND:
        return Token(m.group(), m.start(), m.end(), _KIND[group])
    if group in ("date", "pct"):
        return Token(m.group(), m.start(), m.end(), "number")
    if group in ("ordn", "osfx"):
        return Token(m.group("ordn"), m.start("ordn"), m.end("ordn"), "number", m.group("osfx"))
    if group == "nt":
        return Token(m.group("nt"), m.start("nt"), m.end("nt"), "word", "n't")
    if group == "elid":
        return Token(m.group(), m.start(), m.end(), "word")
    ch = m.group()
    kind = "punct" if unicodedata.category(ch).startswith("P") else "symbol"
    return Token(ch, m.start(), m.end(), kind)


def tokenize(text: str, lang: str) -> list[Token]:
    """Split *text* into `Token`s in order; spans index into *text* (0-based, end exclusive).

    ``tokenize("Ankara'ya 2,5 milyar", "tr")`` ->
    ``[Token("Ankara", 0, 6, "word", "ya"), Token("2,5", 10, 13, "number"),
    Token("milyar", 14, 20, "word")]``.
    """
    return [token_from_match(m) for m in token_pattern(lang).finditer(text)]
