"""Span invariants of ``segment`` on random text, and linear time on large inputs."""
from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.segment import segment
from align.types import Document

_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

# Pieces that exercise every rule: abbreviations, ordinals, quotes, ellipses, breaks.
PIECES = [
    "Dr.", "Prof.", "vb.", "etc.", "U.S.", "A.Ş.", "T.", "3.", "2021.", "II.", "1.250", "2,5",
    "...", "…", "?", "!", "?!", ".", ". ", "“", "”", "\"", "'", "(", ")", "(...)", "—", "-",
    "Bu", "The", "İstanbul", "şehir", "he", "dedi", "www.x.com", "a@b.tr", "7", "x",
    " ", "  ", "\t", "\xa0", "\n", "\r\n", "\r", "\n\n", " \n \n", "\u2029", "\u2028",
    "\u200b", "\x85",
]
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(max_size=200),
)
LANGS = ["tr", "en", "de", "fr", "is", "xx"]


def check_invariants(doc: Document, text: str) -> None:
    assert doc.text == text
    pos = 0
    covered = 0
    last_par = 0
    for k, s in enumerate(doc.sentences):
        assert pos <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert not text[pos:s.start].strip(), "non-space text skipped"
        assert _BREAK.search(s.text) is None, "a sentence spans a line break"
        assert s.paragraph in (last_par, last_par + 1) and (k > 0 or s.paragraph == 0)
        last_par = s.paragraph
        covered += sum(1 for c in s.text if not c.isspace())
        pos = s.end
    assert not text[pos:].strip()
    assert covered == sum(1 for c in text if not c.isspace())


@settings(max_examples=300, deadline=None)
@given(text=texts, lang=st.sampled_from(LANGS))
def test_span_invariants(text: str, lang: str) -> None:
    check_invariants(segment(text, lang), text)


@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_presegmented_is_one_sentence_per_nonblank_line(text: str) -> None:
    doc = segment(text, "tr", presegmented=True)
    check_invariants(doc, text)
    lines = [ln.strip() for ln in _BREAK.split(text)]
    assert doc.texts == [ln for ln in lines if ln]


@settings(max_examples=150, deadline=None)
@given(text=texts, lang=st.sampled_from(LANGS))
def test_sentences_only_split_lines(text: str, lang: str) -> None:
    """Re-joining the default segmentation per line gives the presegmented sentences."""
    auto = segment(text, lang)
    lines = segment(text, lang, presegmented=True)
    for line in lines.sentences:
        inside = [s for s in auto.sentences if line.start <= s.start and s.end <= line.end]
        assert inside and inside[0].start == line.start and inside[-1].end == line.end
        assert all(s.paragraph == line.paragraph for s in inside)


def _timed(text: str, lang: str) -> float:
    t0 = time.perf_counter()
    segment(text, lang)
    return time.perf_counter() - t0


@pytest.mark.parametrize("unit", [
    "Dr. Ali 3. Ordu'ya gitti, vb. şeyler yaptı… “Neden?” dedi. Sonra U.S. The end!\n",
    "a. ",  # many candidates that are never boundaries
    ". ",  # punctuation only
    "x" * 99 + ".",  # one huge token, no space
    " " * 50 + "…\u00a0",
])
def test_one_megabyte_is_fast(unit: str) -> None:
    big = unit * (1_000_000 // len(unit))
    assert _timed(big, "tr") < 5.0
    one_line = big.replace("\n", " ")
    assert _timed(one_line, "en") < 5.0
