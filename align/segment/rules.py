"""Rule-based sentence boundaries inside one line of text.

A *candidate* is a run of terminators (``. ! ? …``), plus closing quotes/brackets glued to
it, followed by whitespace. Whether it ends a sentence depends on the token before it
(abbreviation, number, initial, ordinary word) and on what comes next (lower case, capital,
digit, other). All scans are linear: each character is looked at a bounded number of times,
and no regular expression here can backtrack more than one character class.

Decisions, in order: lower case next -> no end; a closing quote followed by ``Name asked``
-> no end; ``? !`` -> end; an ellipsis -> end before a capital or digit; a single period ->
by the kind of the token before it (abbreviation lists in ``align/data/abbrev``; single
letters, ``U.S``-like acronyms and, in ordinal-dot languages, numbers of at most
``MAX_ORDINAL_DIGITS`` digits and Roman numerals end a sentence only before a common
sentence starter; an enumerator opening a sentence, ``1.``/``a.``/``IV.``, never does).

Known limits: "Ölü sayısı 12. Yetkililer ..." is read as an ordinal (no end) because
"Yetkililer" is not a listed starter; ":" and ";" never end a sentence; a missing space
("geldi.Sonra") is not split; an ambiguous abbreviation before a capitalised name
("Holding A.Ş. Yönetimi") is never an end.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Literal

from align.segment.lexicon import (
    ORDINAL_DOT_LANGS,
    AbbrevKind,
    abbreviations,
    base_lang,
    speech_verbs,
    starters,
)

STRONG = frozenset("!?‼⁇⁈⁉")
_CLOSE = "\"'”’»›)]}"  # closing quotes and brackets glued to a terminator
_OPEN = "\"'“‘„‚«‹([{"
# Skipped when looking at what follows a candidate: opening quotes, brackets, dashes, bullets.
OPENERS = frozenset(_OPEN + "¿¡-–—―•·*")
_CANDIDATE = re.compile(r"[.!?…‼⁇⁈⁉]+[\"'”’»›)\]}]*")
_ALNUM = re.compile(r"[^\W_]")
_WORD = re.compile(r"[^\W\d_]+")
_ACRONYM = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")  # U.S, A.Ş, e.g, Ph.D, A.B.D
_QUOTES = frozenset("\"'”’»›")
_ROMAN = re.compile(r"[IVXLCDM]{1,7}")
_LOOKAHEAD = 64  # chars of openers/whitespace skipped before giving up on the next token
MAX_ORDINAL_DIGITS = 3  # "24. Ağır Ceza" is an ordinal; "2021. Yeni" is a year ending a sentence


class Next(Enum):
    LOWER = "lower"
    UPPER = "upper"  # capitals and letters of caseless scripts
    DIGIT = "digit"
    OTHER = "other"
    NONE = "none"  # nothing before the end of the line


@dataclass(frozen=True)
class LangRules:
    """What the rules need to know about a language."""

    abbrevs: Mapping[str, AbbrevKind]
    starters: frozenset[str]
    speech_verbs: frozenset[str]
    ordinal_dot: bool


@cache
def lang_rules(lang: str) -> LangRules:
    code = base_lang(lang)
    return LangRules(
        abbreviations(code), starters(code), speech_verbs(code), code in ORDINAL_DOT_LANGS
    )


def _next_token(text: str, pos: int, end: int) -> tuple[Next, str]:
    """Class of the first token at or after ``pos`` (skipping spaces and openers) and its word."""
    limit = min(end, pos + _LOOKAHEAD)
    while pos < limit and (text[pos].isspace() or text[pos] in OPENERS):
        pos += 1
    if pos >= end:
        return Next.NONE, ""
    if pos >= limit:
        return Next.OTHER, ""
    c = text[pos]
    if c.isdigit():
        return Next.DIGIT, ""
    if c.isalpha():
        m = _WORD.match(text, pos, min(end, pos + 40))
        word = m.group() if m else c
        if c.islower():
            return Next.LOWER, word
        return Next.UPPER, word
    return Next.OTHER, ""


def _token_kind(token: str, rules: LangRules, first: bool) -> AbbrevKind | None | Literal[False]:
    """Kind of the word before a single period.

    Returns an AbbrevKind, ``None`` for an ordinary word, or ``False`` when the period can
    never end a sentence here (an enumerator such as ``1.``, ``a.``, ``IV.`` opening it).
    """
    kind = rules.abbrevs.get(token)
    if kind is None and len(token) > 1 and token.isupper():
        kind = rules.abbrevs.get(token[0] + token[1:].lower())  # "DR." in a headline
    if kind is not None:
        return kind
    short_number = token.isdigit() and len(token) <= MAX_ORDINAL_DIGITS
    letter = len(token) == 1 and token.isalpha()
    roman = _ROMAN.fullmatch(token) is not None
    if first and (short_number or letter or roman):
        return False
    if letter or _ACRONYM.fullmatch(token):
        return AbbrevKind.AMBIG  # initials: "Recep T. Erdoğan", "J. R. R. Tolkien"
    if rules.ordinal_dot and (short_number or roman):
        return AbbrevKind.AMBIG  # "3. Ordu", "II. Dünya Savaşı"
    return None


def _period_ends(kind: AbbrevKind | None, nxt: Next, word: str, rules: LangRules) -> bool:
    if kind is AbbrevKind.TITLE:
        return False
    if kind is AbbrevKind.NUM:  # "No. 5", "Oct. 26", "Vol. XI"
        roman = _ROMAN.fullmatch(word) is not None and word not in rules.starters
        return nxt is not Next.DIGIT and not roman
    if kind is AbbrevKind.FINAL:
        return nxt in (Next.UPPER, Next.OTHER)
    if kind is AbbrevKind.AMBIG:
        return nxt is Next.UPPER and word in rules.starters
    return True  # ordinary word: an end before a capital, a digit or a symbol


def _prev_token(text: str, start: int, lo: int) -> tuple[int, str]:
    """Start and text of the token ending at ``start`` (stripped of quotes and brackets)."""
    i = start
    while i > lo and not text[i - 1].isspace():
        i -= 1
    token = text[i:start]
    return i, token.lstrip(_OPEN).rstrip(_CLOSE)


def line_boundaries(text: str, start: int, end: int, rules: LangRules) -> list[int]:
    """Sentence end offsets inside ``text[start:end]`` (one line), excluding ``end`` itself.

    Each offset is just after the terminator and its closing quotes/brackets; the
    whitespace that follows belongs to no sentence.
    """
    ends: list[int] = []
    sent_start = start
    first_alnum = -1  # offset of the first letter/digit of the current sentence, -1 unknown
    scanned = start
    for m in _CANDIDATE.finditer(text, start, end):
        b = m.end()
        if b < end and not text[b].isspace():
            continue  # "3.5", "U.S.-backed", "example.com", "A.Ş.'nin"
        if first_alnum < 0:
            found = _ALNUM.search(text, scanned, m.start())
            scanned = m.start()
            if found is None:
                continue  # nothing but punctuation so far: "…", "— ?"
            first_alnum = found.start()
        if b < end:
            b = _french_closer(text, b, end)
        run_end = m.start() + len(m.group().rstrip(_CLOSE))
        run = text[m.start():run_end]
        bracketed = text[run_end:run_end + 1] in (")", "]")
        if bracketed and m.start() > start and text[m.start() - 1] in "([":
            continue  # "(...)", "[…]", "(?)": an omission or doubt mark, not an end
        nxt, word = _next_token(text, b, end)
        if nxt is Next.NONE:
            break  # the line end closes the sentence anyway
        if nxt is Next.LOWER:
            continue
        if nxt is Next.UPPER and _attribution(text, run_end, b, end, rules):
            continue  # "Why not?" Karaca asked.
        if any(c in STRONG for c in run):
            ok = True
        elif run != ".":  # ellipsis "…", "...", ".…"
            ok = nxt in (Next.UPPER, Next.DIGIT)
        else:
            tok_start, token = _prev_token(text, m.start(), sent_start)
            kind = _token_kind(token, rules, first=first_alnum >= tok_start)
            ok = False if kind is False else _period_ends(kind, nxt, word, rules)
        if ok:
            ends.append(b)
            sent_start = b
            first_alnum = -1
            scanned = b
    return ends


def _attribution(text: str, run_end: int, b: int, end: int, rules: LangRules) -> bool:
    """A closing quote, then 1-3 capitalised words (not a common starter such as ``He``) and
    a speech verb that closes the clause: ``"Why not?" Karaca asked.``"""
    if not rules.speech_verbs or not any(c in _QUOTES for c in text[run_end:b]):
        return False
    for k, m in enumerate(_WORD.finditer(text, b, min(end, b + 80))):
        w = m.group()
        if k == 0 and w in rules.starters:
            return False
        if not w[0].isupper():
            after = text[m.end()] if m.end() < end else ""
            return k > 0 and w in rules.speech_verbs and (after == "" or after in ".,;:!?")
        if k == 3:
            break
    return False


def _french_closer(text: str, b: int, end: int) -> int:
    """Extend an end over `` »`` (French spaced closing guillemet) when one follows."""
    i = b
    while i < end and text[i].isspace() and i - b < 3:
        i += 1
    if i < end and text[i] in "»›" and (i + 1 == end or text[i + 1].isspace()):
        return i + 1
    return b
