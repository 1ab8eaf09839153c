"""Number mentions with language-independent canonical values.

`numbers(text, lang)` finds integers, decimals, percentages, dates, years, ordinals and
amounts (a number times a scale word) and gives each a canonical ``value`` string that is
equal across languages; ``"#" + value`` is the content token (`align.text.normalize`):

========================================  ==================  =========
surface                                   value               kind
========================================  ==================  =========
``1.250`` (tr) / ``1,250`` (en)           ``1250``            int
``2,5`` (tr) / ``2.5`` (en)               ``2.5``             decimal
``2,5 milyar`` / ``2.5 billion``          ``2500000000``      amount
``yüzde 15``, ``%15``, ``15 percent``     ``15%``             percent
``26 Ekim``, ``October 26th``             ``date:10-26``      date
``2021`` (1000-2100, no separators)       ``2021``            year
``3.`` before a noun (tr), ``üçüncü``     ``ord:3``           ordinal
``dört`` / ``four``                       ``4``               int
========================================  ==================  =========

A full date (``27.10.2021``, ``27 October 2021``, ``October 27, 2021``) gives two
mentions: the day-month (``date:10-27``) and the year (``2021``). Ambiguous words are
rules in ``align/data/numbers/README.md``: bare Turkish ``bir`` and English ``one`` give
nothing (article / pronoun); they count only inside a longer number (``bir milyon``,
``one hundred``); ``a million`` is 1000000. Spans are ``[start, end)``, 0-based, into *text*.
"""
from __future__ import annotations

from align.text.casefold import base_lang
from align.text.numscan import NUMBER_KINDS, Found, NumberMention, Scanner
from align.text.tokenize import Token, tokenize

__all__ = ["NUMBER_KINDS", "Found", "NumberMention", "numbers", "scan"]


def scan(text: str, tokens: list[Token], lang: str, folded: list[str] | None = None) -> list[Found]:
    """All number mentions of *tokens* (from ``tokenize(text, lang)``), in text order.

    *folded*: ``fold(t.text, lang)`` of each word token (any string for the others), if
    the caller has it already.
    """
    lang = base_lang(lang)
    sc = Scanner(text, tokens, lang, folded)
    voc, low = sc.voc, sc.low
    out: list[Found] = []
    i, n = 0, len(tokens)
    while i < n:
        kind = tokens[i].kind
        if kind != "number" and (kind != "word" or low[i] not in voc):
            i += 1
            continue
        res = sc.date(i) or sc.expression(i)
        if res is None:
            i += 1
            continue
        found, i = res
        out.extend(found)
    out.sort(key=lambda f: (f.mention.start, f.mention.end))
    return out


def numbers(text: str, lang: str) -> list[NumberMention]:
    """Number mentions in *text* with canonical values; see the module docstring."""
    return [f.mention for f in scan(text, tokenize(text, lang), lang)]
