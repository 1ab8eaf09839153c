"""Language-aware lower-casing (`fold`) and diacritic stripping for cognates (`ascii_fold`).

`fold` is what every later step sees: NFC, Turkish/Azeri dotted and dotless i handled
(``"İ" -> "i"``, ``"I" -> "ı"``), apostrophes and quotes unified, invisible characters
removed. The output may differ in length from the input (NFC, removed soft hyphens), so
character spans are always taken on the original text (see `align.text.tokenize`).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

TURKIC = frozenset({"tr", "az"})
"""Languages whose dotted/dotless i pair is I/ı and İ/i."""

APOSTROPHES = "'’‘ʼ′`´ʹ＇"
"""Characters treated as an apostrophe; `fold` maps all of them to ``'``."""

_COMMON: dict[int, str | None] = {ord(c): "'" for c in APOSTROPHES}
_COMMON.update({ord(c): '"' for c in "“”„‟«»＂"})
_COMMON.update({ord(c): None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"})
_COMMON.update({ord(c): "-" for c in "\u2010\u2011"})  # hyphen, non-breaking hyphen
_TURKIC = dict(_COMMON)
_TURKIC.update({ord("I"): "ı", ord("İ"): "i"})

_ASCII = str.maketrans({
    "ı": "i", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "ß": "ss",
    "ẞ": "Ss", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "Oe", "đ": "d", "Đ": "D", "ł": "l",
    "Ł": "L", "ə": "e", "Ə": "E", "ħ": "h", "ŋ": "n", "İ": "I",
})


_BASE: dict[str, str] = {}


def base_lang(lang: str) -> str:
    """``"tr-TR"`` / ``"TR"`` / ``"tr_TR"`` -> ``"tr"`` (lower-case primary subtag)."""
    out = _BASE.get(lang)
    if out is None:
        out = lang.split("-")[0].split("_")[0].lower()
        if len(_BASE) < 10_000:
            _BASE[lang] = out
    return out


def fold(text: str, lang: str) -> str:
    """Lower-case *text* for *lang*: NFC, Turkic I/İ, quotes and apostrophes unified.

    ``fold("İSTANBUL’da", "tr") == "istanbul'da"``; ``fold("DIŞİŞLERİ", "tr") == "dışişleri"``;
    ``fold("Straße", "de") == "straße"`` (ß is kept; `ascii_fold` maps it to ``ss``).
    A stray combining dot above after ``i`` (from a non-Turkish ``"İ".lower()``) is removed.
    """
    return fold_with(text, _TURKIC if base_lang(lang) in TURKIC else _COMMON)


def fold_table(lang: str) -> dict[int, str | None]:
    """The translation table `fold` applies for *lang* (see `fold_with`)."""
    return _TURKIC if base_lang(lang) in TURKIC else _COMMON


def fold_with(text: str, table: dict[int, str | None]) -> str:
    """``fold(text, lang)`` with ``table = fold_table(lang)`` looked up once by the caller."""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    out = text.translate(table).lower()
    if "\u0307" in out:
        out = out.replace("i\u0307", "i")
    return out


class _AsciiTable(dict[int, str]):
    """``str.translate`` table of `ascii_fold`, filled one character at a time on first use.

    A character maps to its `_ASCII` replacement, else to its NFD decomposition without
    combining marks. Per character is the same as on the whole string: NFD decomposes each
    character on its own, and canonical reordering only moves combining marks, which are
    all dropped.
    """

    def __missing__(self, code: int) -> str:
        c = chr(code)
        out = _ASCII.get(code)
        if not isinstance(out, str):
            out = "".join(d for d in unicodedata.normalize("NFD", c) if not unicodedata.combining(d))
        self[code] = out
        return out


_ASCII_TABLE = _AsciiTable()


@lru_cache(maxsize=200_000)
def ascii_fold(s: str) -> str:
    """Strip diacritics for cognate matching; keeps case and length-changing digraphs.

    ``ı ş ğ ç ö ü â î û -> i s g c o u a i u``; ``ä é ð þ æ ß -> a e d th ae ss``.
    Characters with no ASCII decomposition (e.g. CJK) are kept as they are.
    """
    if s.isascii():
        return s
    return s.translate(_ASCII_TABLE)
