"""Split a text into sentences with paragraph indices and exact character spans.

Span convention (the invariant tests check): for every sentence ``s`` of the result,
``text[s.start:s.end] == s.text`` and ``s.text == s.text.strip()`` (no leading or trailing
whitespace, never empty). Sentences are in text order and do not overlap; every
non-whitespace character of ``text`` lies in exactly one sentence. Nothing is normalised:
inner whitespace, quotes and invisible characters are kept as they are.

Lines and paragraphs: a line break (``\\n``, ``\\r\\n``, ``\\r``, and the other breaks
``str.splitlines`` knows) always ends a sentence, so headlines without final punctuation
are sentences of their own. A blank line (empty or whitespace only) or a paragraph
separator ``U+2029`` starts a new paragraph; paragraph indices are 0-based and count
only paragraphs that hold a sentence.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from align.segment.rules import LangRules, lang_rules, line_boundaries
from align.types import Document, Sentence

SEGMENTER = "rules.v1"
"""Versioned name of the rule set; a behaviour change gets a new version."""
PRESEGMENTED = "lines.v1"

_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_NONSPACE = re.compile(r"\S")


def _lines(text: str) -> Iterator[tuple[int, int, bool]]:
    """``(start, end, paragraph_separator_follows)`` for every line, breaks excluded."""
    pos = 0
    for m in _BREAK.finditer(text):
        yield pos, m.start(), m.group() == "\u2029"
        pos = m.end()
    yield pos, len(text), False


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    """``[a, b)`` without leading/trailing whitespace; None if nothing is left."""
    m = _NONSPACE.search(text, a, b)
    if m is None:
        return None
    a = m.start()
    while text[b - 1].isspace():
        b -= 1
    return a, b


def _spans(text: str, presegmented: bool, rules: LangRules) -> Iterator[tuple[int, int, int]]:
    """``(paragraph, start, end)`` of every sentence, in order."""
    paragraph = 0
    seen = False  # a sentence was emitted in the current paragraph
    pending = False  # a paragraph break was met since the last sentence
    for a, b, par_sep in _lines(text):
        line = _trim(text, a, b)
        if line is None:
            pending = True
        else:
            if pending and seen:
                paragraph += 1
            pending = False
            cuts = [] if presegmented else line_boundaries(text, line[0], line[1], rules)
            prev = line[0]
            for cut in [*cuts, line[1]]:
                span = _trim(text, prev, cut)
                if span is not None:
                    seen = True
                    yield paragraph, span[0], span[1]
                prev = cut
        if par_sep:
            pending = True


def segment(text: str, lang: str, *, presegmented: bool = False) -> Document:
    """Sentences of ``text`` in ``lang`` (ISO 639-1 such as ``"tr"``, ``"en"``; any code works).

    Turkish and English have full rule sets; German, French and Icelandic small
    abbreviation lists; other languages get the generic rules. With
    ``presegmented=True`` every non-blank line is one sentence and blank lines mark
    paragraphs. Returns a :class:`Document` whose ``text`` is ``text`` unchanged and whose
    sentences carry 0-based paragraph indices and ``[start, end)`` spans into it.
    """
    rules = lang_rules(lang)
    sentences = tuple(
        Sentence(text[a:b], lang, par, a, b) for par, a, b in _spans(text, presegmented, rules)
    )
    meta = {"segmenter": PRESEGMENTED if presegmented else SEGMENTER}
    return Document(lang, sentences, text, meta)
