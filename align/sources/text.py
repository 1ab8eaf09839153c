"""Plain-text and Markdown sources.

Decoding is :func:`align.io.read.read_text` (BOMs, UTF-8, cp1254 / ISO-8859-9, ...).

Paragraph rule (as in Markdown): when the file has blank lines, blocks separated by
blank lines are paragraphs and a single line break inside a block is a soft wrap (the
lines are joined with a space). A file without any blank line has one paragraph per line.
The title is the first paragraph of a text file when it looks like a headline
(:func:`align.sources.base.looks_like_title`; else None); in Markdown it is ``title:`` in
a YAML front matter, else the first heading (ATX ``#`` or setext ``===``/``---``), else
the first paragraph when it looks like a headline.

Markdown clean-up: heading marks, emphasis (``*``, ``**``, ``_``, ``__``), ``~~``, inline code
backticks, block quote ``>`` and list markers are removed; ``[text](url)`` and
``[text][ref]`` become ``text``; images, reference definitions, HTML comments, tags,
horizontal rules and code fences are dropped. Each list item is its own paragraph.
"""
from __future__ import annotations

import re
from pathlib import Path

from align.io.read import read_text
from align.sources.base import SourceText, build_text, iso_date, looks_like_title

_ATX_RE = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)\s*$")
_HR_RE = re.compile(r"^ {0,3}([-*_])(\s*\1){2,}\s*$")
_FENCE_RE = re.compile(r"^ {0,3}(```|~~~)")
_LIST_RE = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE_RE = re.compile(r"^\s*(?:>\s?)+")
_REFDEF_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$")
_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]")
_LINK_RE = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_REFLINK_RE = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK_RE = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG_RE = re.compile(r"</?[A-Za-z][^>]*>")
_CODE_RE = re.compile(r"`+([^`]+)`+")
_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_STAR_RE = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*")
_UNDER_RE = re.compile(r"(?<![\w])_(?=\S)(.+?)(?<=\S)_(?![\w])")
_STRIKE_RE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")


def read_txt(path: str | Path) -> SourceText:
    """A plain-text article; raises InputError for files read_text refuses."""
    dec = read_text(path)
    paras = split_paragraphs(dec.text.split("\n"))
    if paras and looks_like_title(paras[0]):
        title, text = build_text(paras[0], paras[1:])
    else:
        title, text = build_text(None, paras)
    return SourceText(str(path), text, title, kind="txt", encoding=dec.encoding, note=dec.note)


def split_paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs by the rule above: blank-line blocks with soft wraps, else one per line."""
    if not any(not ln.strip() for ln in _strip_edges(lines)):
        return [ln.strip() for ln in lines if ln.strip()]
    paras: list[str] = []
    block: list[str] = []
    for ln in [*lines, ""]:
        if ln.strip():
            block.append(ln.strip())
        elif block:
            paras.append(" ".join(block))
            block = []
    return paras


def _strip_edges(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def read_md(path: str | Path) -> SourceText:
    """A Markdown article (see the module docstring for what is kept)."""
    dec = read_text(path)
    lines = dec.text.split("\n")
    meta, lines = _front_matter(lines)
    blocks, heading = _md_blocks(lines)
    title = meta.get("title") or (blocks[heading] if heading is not None else None)
    if heading is not None and title == blocks[heading]:
        del blocks[heading]
    elif title is None and blocks and looks_like_title(_inline(blocks[0])):
        title = blocks.pop(0)
    paras = [_inline(b) for b in blocks]
    title, text = build_text(_inline(title) if title else None, paras)
    return SourceText(
        str(path), text, title, author=meta.get("author") or None,
        date=iso_date(meta.get("date")), url=meta.get("url") or None, kind="md",
        encoding=dec.encoding, note=dec.note,
    )


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """YAML front matter (``---`` ... ``---`` at the top): flat ``key: value`` pairs only."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            meta: dict[str, str] = {}
            for ln in lines[1:i]:
                key, sep, value = ln.partition(":")
                if sep and key.strip() and not key.startswith((" ", "\t")):
                    meta[key.strip().lower()] = value.strip().strip("'\"")
            return meta, lines[i + 1:]
    return {}, lines


def _md_blocks(lines: list[str]) -> tuple[list[str], int | None]:
    """Raw paragraphs (inline markup still in) and the index of the first heading."""
    blocks: list[str] = []
    block: list[str] = []
    heading: int | None = None
    fenced = False

    def flush() -> None:
        if block:
            blocks.append(" ".join(block))
            block.clear()

    for raw in lines:
        if _FENCE_RE.match(raw):
            flush()
            fenced = not fenced
            continue
        if fenced:
            if raw.strip():
                block.append(raw.strip())
            else:
                flush()
            continue
        line = _QUOTE_RE.sub("", raw)
        if not line.strip() or _REFDEF_RE.match(line):
            flush()
            continue
        m = _ATX_RE.match(line)
        setext = _SETEXT_RE.match(line)
        if m:
            flush()
            text = m.group(2)
        elif setext and len(block) == 1:
            text = block.pop()  # the line above, underlined, is a heading
        elif _HR_RE.match(line):
            flush()
            continue
        else:
            if _LIST_RE.match(line):
                flush()
                line = _LIST_RE.sub("", line, count=1)
            block.append(line.strip())
            continue
        if heading is None and text.strip():
            heading = len(blocks)
        blocks.append(text)
    flush()
    return blocks, heading


def _inline(s: str) -> str:
    """Markdown inline markup removed (see the module docstring)."""
    s = _COMMENT_RE.sub("", s)
    s = _IMAGE_RE.sub("", s)
    s = _LINK_RE.sub(r"\1", s)
    s = _REFLINK_RE.sub(r"\1", s)
    s = _AUTOLINK_RE.sub(r"\1", s)
    s = _CODE_RE.sub(r"\1", s)
    s = _TAG_RE.sub("", s)
    for rx in (_STRONG_RE, _STRIKE_RE):
        s = rx.sub(lambda m: m.group(m.lastindex or 1), s)
    s = _STAR_RE.sub(r"\1", s)
    s = _UNDER_RE.sub(r"\1", s)
    return _ESCAPE_RE.sub(r"\1", s).strip()
