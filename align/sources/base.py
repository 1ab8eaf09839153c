"""The record every source reader returns, and the text helpers the readers share.

A source's ``text`` is its paragraphs joined by one blank line (``"\\n\\n"``), the title
first; no paragraph holds a line break, so ``align.segment.segment(text, "tr")`` yields
the headline as sentence 0 (paragraph 0) and the body sentences with paragraph indices
1, 2, ... (0-based, counting the title paragraph).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

KINDS = ("txt", "md", "html", "docx", "pdf")
"""Values of ``SourceText.kind``."""

MAX_TITLE_WORDS = 30
"""A first paragraph longer than this is body text, not a headline (then ``title`` is None)."""

# Line and paragraph breaks of every kind (str.splitlines' set) plus tabs: inside a
# paragraph they become one space. NBSP and other spaces are kept as they are.
_BREAKS_RE = re.compile(r"[ \t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
_INVISIBLE_RE = re.compile("[\u00ad\u200b\ufeff]")  # soft hyphen, zero-width space, BOM
_WORD_RE = re.compile(r"\w+")
_TRMONTHS = dict(zip(
    ("ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül",
     "ekim", "kasım", "aralık"), range(1, 13), strict=True,
))
_ENMONTHS = dict(zip(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), range(1, 13), strict=True,
))


@dataclass(frozen=True)
class SourceText:
    """A source article read from a file.

    ``text``: paragraphs separated by one blank line, the title (when known) as paragraph 0.
    ``title``/``author``/``url``: as found in the file or its metadata, else None.
    ``date``: ISO ``yyyy-mm-dd`` or None. ``kind``: one of :data:`KINDS`.
    ``encoding``: the codec the bytes were decoded with (txt, md, html), else None.
    ``note``: one human-readable line on how the text was obtained (decoding, what was dropped).
    """

    path: str
    text: str
    title: str | None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    kind: str = "txt"
    encoding: str | None = None
    note: str = ""

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """All paragraphs, the title first when there is one."""
        return tuple(p for p in self.text.split("\n\n") if p)

    @property
    def body(self) -> tuple[str, ...]:
        """The paragraphs after the title."""
        paras = self.paragraphs
        return paras[1:] if self.title is not None and paras else paras

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SourceText:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def clean_paragraph(text: str) -> str:
    """One paragraph on one line: breaks and tabs to one space, invisible characters removed."""
    return _BREAKS_RE.sub(" ", _INVISIBLE_RE.sub("", text)).strip()


def word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))


def same_text(a: str, b: str) -> bool:
    """Equal after casefolding, collapsing spaces and dropping final punctuation."""
    return _key(a) == _key(b)


def _key(s: str) -> str:
    return " ".join(s.casefold().split()).rstrip(" .:;!?")


def looks_like_title(text: str) -> bool:
    """May this first paragraph be a headline? At most :data:`MAX_TITLE_WORDS` words, and
    when it ends in a full stop, one sentence of at most 12 words (a lead paragraph of
    body prose is not a title)."""
    t = clean_paragraph(text)
    n = word_count(t)
    if not t or n > MAX_TITLE_WORDS:
        return False
    if t.endswith(".") and not t.endswith(".."):
        return n <= 12 and not re.search(r"[.!?…]\s+\S", t[:-1])
    return True


def build_text(title: str | None, paragraphs: Iterable[str]) -> tuple[str | None, str]:
    """``(title, text)``: cleaned paragraphs joined by a blank line, the title first.

    Empty paragraphs are dropped, and so is a first body paragraph repeating the title.
    A title longer than :data:`MAX_TITLE_WORDS` words is put back as body text.
    """
    paras = [p for p in (clean_paragraph(x) for x in paragraphs) if p]
    t = clean_paragraph(title) if title else ""
    if t and word_count(t) > MAX_TITLE_WORDS:
        if not paras or not same_text(paras[0], t):
            paras.insert(0, t)
        t = ""
    if t and paras and same_text(paras[0], t):
        paras.pop(0)
    return (t or None), "\n\n".join([t, *paras] if t else paras)


def iso_date(value: str | None) -> str | None:
    """``yyyy-mm-dd`` from an ISO timestamp, ``dd.mm.yyyy``/``dd/mm/yyyy`` (day first)
    or ``12 Mart 2024`` / ``12 March 2024``; None when nothing valid is found."""
    if not value:
        return None
    s = value.strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return _ymd(y, mo, d)
    m = re.match(r"(\d{1,2})[./](\d{1,2})[./](\d{4})\b", s)
    if m:
        d, mo, y = (int(g) for g in m.groups())
        return _ymd(y, mo, d)
    m = re.match(r"(\d{1,2})\s+(\w+)\s+(\d{4})\b", s)
    if m:
        from align.text.casefold import fold

        month = _TRMONTHS.get(fold(m.group(2), "tr")) or _ENMONTHS.get(m.group(2).casefold())
        if month:
            return _ymd(int(m.group(3)), month, int(m.group(1)))
    return None


def _ymd(y: int, mo: int, d: int) -> str | None:
    import datetime

    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:
        return None
