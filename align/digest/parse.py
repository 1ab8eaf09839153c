"""``parse_digest``: digest text -> ``Digest`` (lead, source blocks, duplicates, junk, notes).

Never raises on odd content (problems become notes and citation warnings); only a non-``str``
input raises ``InputError``. The rules are described in ``align.digest``'s docstring.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from align.digest.citation import SOURCE_RE, find_url, is_url_line, parse_citation_line
from align.digest.junk import is_junk
from align.digest.records import Block, Citation, Digest
from align.errors import InputError

log = logging.getLogger("align")

_EOL = re.compile(r"\r\n|\r|\n")
NO_SOURCES = "no Source: lines found; treating the digest as one block"


@dataclass
class _Item:
    """A paragraph or a citation (``cite``) as lines ``[first, last]`` of the digest, 0-based."""

    cite: bool
    first: int
    last: int
    url_line: bool = False  # a citation that already took the URL line after it


@dataclass
class _Raw:
    cite: _Item | None
    paras: list[_Item] = field(default_factory=list)


def _lines(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each line's content (line break excluded), 0-based offsets."""
    out, pos = [], 0
    for m in _EOL.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _norm(text: str) -> str:
    return " ".join(text.split())


def _eol(text: str) -> str:
    return _EOL.sub("\n", text)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _lines(text)
        self.junk: list[tuple[int, str]] = []  # (line index, stripped line)
        self.notes: list[str] = []

    def line(self, i: int) -> str:
        s, e = self.lines[i]
        return self.text[s:e]

    def span(self, item: _Item) -> tuple[int, int]:
        """``[start, end)`` of an item, outer whitespace excluded."""
        s, e = self.lines[item.first][0], self.lines[item.last][1]
        chunk = self.text[s:e]
        s += len(chunk) - len(chunk.lstrip())
        return s, e - (len(chunk) - len(chunk.rstrip()))

    def content(self, item: _Item) -> str:
        s, e = self.span(item)
        return _eol(self.text[s:e]).lstrip("\ufeff").strip()

    def drop_junk(self, i: int) -> None:
        self.junk.append((i, self.line(i).strip()))

    def trailing_junk(self) -> int:
        """Drop the trailing run of junk lines; returns how many lines remain in play."""
        n = len(self.lines)
        dropped = []
        while n and (not self.line(n - 1).strip() or is_junk(self.line(n - 1), at_end=True)):
            if self.line(n - 1).strip():
                dropped.append(n - 1)
            n -= 1
        for i in dropped:
            self.drop_junk(i)
        return n

    def items(self, n: int) -> list[_Item]:
        items: list[_Item] = []
        cur: _Item | None = None
        for i in range(n):
            line = self.line(i)
            if not line.strip():
                cur = None
            elif SOURCE_RE.match(line):
                cur = None
                items.append(_Item(True, i, i))
            elif (
                cur is None and items and items[-1].cite and not items[-1].url_line
                and is_url_line(line) and find_url(self.line(items[-1].first)) is None
            ):
                items[-1].last, items[-1].url_line = i, True
            elif cur is None:
                cur = _Item(False, i, i)
                items.append(cur)
            else:
                cur.last = i
        kept = []
        for it in items:  # a one-line paragraph in the middle that only "any" rules call junk
            if not it.cite and it.first == it.last and is_junk(self.line(it.first), at_end=False):
                self.drop_junk(it.first)
            else:
                kept.append(it)
        return kept

    def block(self, raw: _Raw, number: int) -> Block:
        paras = tuple(self.content(p) for p in raw.paras)
        if raw.cite is None:
            first, last = raw.paras[0], raw.paras[-1]
            return Block(Citation(), paras, self.span(first)[0], self.span(last)[1])
        cites = parse_citation_line(self.content(raw.cite))
        start, end = self.span(raw.cite)
        if raw.paras:
            end = self.span(raw.paras[-1])[1]
        for k, c in enumerate(cites):
            which = "citation" if len(cites) == 1 else f"citation {k + 1}"
            self.notes.extend(f"source block {number} {which}: {w}" for w in c.warnings)
        if not paras:
            self.notes.append(f"source block {number} has no excerpt paragraphs")
        return Block(cites[0], paras, start, end, cites[1:])

    def run(self) -> Digest:
        n = self.trailing_junk()
        items = self.items(n)
        lead: list[_Item] = []
        raws: list[_Raw] = []
        for it in items:
            if it.cite:
                raws.append(_Raw(it))
            elif raws:
                raws[-1].paras.append(it)
            else:
                lead.append(it)
        if not raws and lead:
            self.notes.append(NO_SOURCES)
            raws, lead = [_Raw(None, lead)], []
        elif not raws:
            self.notes.append("the digest is empty")
        self.junk.sort()
        self.notes[:0] = [f"dropped page junk on line {i + 1}: {j!r}" for i, j in self.junk]
        blocks: list[Block] = []
        duplicates: list[tuple[int, tuple[int, int]]] = []
        seen: dict[tuple[str, str], tuple[int, int]] = {}  # key -> (kept index, file number)
        for number, raw in enumerate(raws, start=1):
            b = self.block(raw, number)
            key = (_norm(b.citation.raw), _norm(" ".join(b.paragraphs)))
            if key in seen and b.citation.raw:
                kept, first = seen[key]
                duplicates.append((kept, (b.start, b.end)))
                self.notes.append(
                    f"source block {number} repeats block {first} word for word (dropped)"
                )
                continue
            seen[key] = (len(blocks), number)
            blocks.append(b)
        return Digest(
            text=self.text,
            lead=tuple(self.content(p) for p in lead),
            blocks=tuple(blocks),
            duplicates=tuple(duplicates),
            junk=tuple(j for _, j in self.junk),
            notes=tuple(self.notes),
        )


def citation_lines(text: str) -> tuple[tuple[int, int, tuple[Citation, ...]], ...]:
    """``(start, end, citations)`` of every citation line of ``text``, in file order, found
    as :func:`parse_digest` finds them: the line and, when it has no URL, a URL alone on the
    next line; word-for-word repeats included (they stand in the text). ``[start, end)`` are
    0-based offsets into ``text``, outer whitespace excluded; ``citations`` as
    :func:`align.digest.citation.parse_citation_line` gives them. Never raises on content.
    """
    p = _Parser(text)
    return tuple((*p.span(it), parse_citation_line(p.content(it)))
                 for it in p.items(p.trailing_junk()) if it.cite)


def parse_digest(text: str, path: str | None = None) -> Digest:
    """Parse a digest's text. ``path`` only names the file in messages and logs.

    Returns a ``Digest`` whose spans index ``text`` exactly as given (0-based, ``[start, end)``).
    Raises ``InputError`` only when ``text`` is not a ``str``.
    """
    where = path or "<digest>"
    if not isinstance(text, str):
        raise InputError(f"{where}: expected decoded text, got {type(text).__name__}")
    digest = _Parser(text).run()
    log.debug("%s: %d source blocks, %d duplicates, %d junk lines", where,
              len(digest.blocks), len(digest.duplicates), len(digest.junk))
    return digest
