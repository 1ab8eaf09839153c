"""Tokeniser decisions and span invariants (align.text.tokenize)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.text.tokenize import KINDS, tokenize

CASES = [
    ("tr", "Ankara'ya", [("Ankara", "word", "ya")]),
    ("tr", "Kremlin’in", [("Kremlin", "word", "in")]),
    ("tr", "TB-2'ler", [("TB-2", "code", "ler")]),
    ("tr", "2021'de", [("2021", "number", "de")]),
    ("tr", "1.250", [("1.250", "number", "")]),
    ("tr", "2,5", [("2,5", "number", "")]),
    ("tr", "27.10.2021", [("27.10.2021", "number", "")]),
    ("tr", "%40", [("%40", "number", "")]),
    ("tr", "% 15", [("% 15", "number", "")]),
    ("en", "15%", [("15%", "number", "")]),
    ("fr", "15 %", [("15 %", "number", "")]),
    ("tr", "2021 %15", [("2021", "number", ""), ("%15", "number", "")]),
    ("en", "Russia-backed", [("Russia", "word", ""), ("-", "punct", ""), ("backed", "word", "")]),
    ("en", "S-400", [("S-400", "code", "")]),
    ("en", "F-16s", [("F-16s", "code", "")]),
    ("en", "COVID-19", [("COVID-19", "code", "")]),
    ("tr", "TB2", [("TB2", "code", "")]),
    ("en", "5G", [("5G", "code", "")]),
    ("en", "15km", [("15", "number", ""), ("km", "word", "")]),
    ("en", "$5bn", [("$", "symbol", ""), ("5", "number", ""), ("bn", "word", "")]),
    ("en", "26th", [("26", "number", "th")]),
    ("en", "1990s", [("1990", "number", "s")]),
    ("en", "don't", [("do", "word", "n't")]),
    ("en", "can't", [("ca", "word", "n't")]),
    ("en", "Russia's", [("Russia", "word", "s")]),
    ("fr", "l'armée", [("l'", "word", ""), ("armée", "word", "")]),
    ("fr", "qu'il", [("qu'", "word", ""), ("il", "word", "")]),
    ("en", "27/10/2021", [("27/10/2021", "number", "")]),
    ("en", "2021-10-27", [("2021-10-27", "number", "")]),
    ("fr", "1\u00a0250", [("1\u00a0250", "number", "")]),
    ("en", "Hello, world!", [("Hello", "word", ""), (",", "punct", ""), ("world", "word", ""),
                             ("!", "punct", "")]),
]


@pytest.mark.parametrize("lang, text, expected", CASES)
def test_tokens(lang: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(t.text, t.kind, t.suffix) for t in tokenize(text, lang)] == expected


def test_spans_are_of_the_base() -> None:
    text = "Dün Ankara'ya gitti."
    toks = tokenize(text, "tr")
    assert [(t.start, t.end) for t in toks] == [(0, 3), (4, 10), (14, 19), (19, 20)]


_ALPHABET = "aıiİIşğüöçAB Z0123456789.,'’%-/ \u00a0\n!?\u0301x"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60), st.sampled_from(["tr", "en", "fr", "de"]))
def test_spans_index_input_and_never_overlap(text: str, lang: str) -> None:
    prev_end = 0
    for t in tokenize(text, lang):
        assert text[t.start:t.end] == t.text and t.text
        assert t.start >= prev_end and t.kind in KINDS
        prev_end = t.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.sampled_from(["tr", "en", "is"]))
def test_every_non_space_char_is_covered_or_a_suffix(text: str, lang: str) -> None:
    covered: set[int] = set()
    for t in tokenize(text, lang):
        covered.update(range(t.start, t.end + len(t.suffix) + (1 if t.suffix else 0)))
    assert all(i in covered or text[i].isspace() for i in range(len(text)))
