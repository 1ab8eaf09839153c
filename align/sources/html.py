"""HTML pages: the article text by trafilatura, with its metadata.

Decoding: a byte-order mark, then valid UTF-8, then the Turkish legacy check of
:func:`align.io.read.decode_bytes` (cp1254 / ISO-8859-9); the charset the page declares
(``<meta charset>``, ``http-equiv``, ``<?xml encoding?>``) is used only when none of
these fits. So a cp1254 page labelled ``iso-8859-1``/``windows-1252`` (common on old
Turkish sites) is still read as Turkish.

Paragraphs: every block of trafilatura's output (``p``, ``head``, list ``item``, ``quote``,
table ``row``) is one paragraph; inside a block two or more ``<br>`` end a paragraph and
one ``<br>`` does too, unless the line before it ends without sentence punctuation and
the next starts in lower case (a wrapped sentence: the lines are joined).

No article: fewer than :data:`MIN_WORDS` words of body text, or fewer than
:data:`WALL_MAX_WORDS` words with :data:`WALL_MIN_HITS` or more login / cookie /
JavaScript phrases, raises :class:`align.errors.NoArticle`.

Metadata: trafilatura's title, author, date and URL (``link rel=canonical``, ``og:url``);
the date search skips htmldate's "extensive search", which turns a bare "© 2024" into
2024-01-01. Missing fields fall back to ``<title>``/``og:title``, ``meta name=author``,
``article:published_time``/``itemprop=datePublished``/``<time datetime>`` and the canonical
link. The first body heading becomes the title when the page title contains it.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from align.errors import InputError, NoArticle
from align.io.read import decode_bytes
from align.sources.base import SourceText, build_text, iso_date, same_text, word_count

MIN_WORDS = 25
"""Body text shorter than this is no article (a one-paragraph news brief has 40 or more)."""
WALL_MAX_WORDS = 150
WALL_MIN_HITS = 2
_WALL_RE = re.compile(
    r"cookie|çerez|javascript|log ?in\b|sign ?in\b|sign up|subscribe|password|"
    r"giriş yap|oturum aç|üye ol|abone ol|şifre|kayıt ol|tarayıcınız",
    re.IGNORECASE,
)
_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|"""
    rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_SENTENCE_END = tuple(".!?:;…\"”’»)")
_BLOCKS = frozenset({"p", "head", "item", "quote", "row", "code", "list", "table"})
_SKIP = frozenset({"graphic", "ref_target"})


def read_html(path: str | Path) -> SourceText:
    """An article page; raises InputError (unreadable) or NoArticle (no article text)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path} does not exist") from None
    except OSError as e:
        raise InputError(f"{path} cannot be read: {e.strerror or e}") from None
    html, encoding, note = decode_html(data, str(path))
    return extract_article(html, str(path), encoding, note)


def decode_html(data: bytes, name: str) -> tuple[str, str, str]:
    """``(text, codec, note)`` by the rules in the module docstring."""
    dec = decode_bytes(data, name)
    m = _CHARSET_RE.search(data[:4096])
    declared = (m.group(1) or m.group(2)).decode("ascii").lower() if m else None
    guessed = dec.encoding not in ("utf-8", "cp1254", "iso-8859-9") and not dec.had_bom
    if declared and guessed:
        try:
            return data.decode(declared), declared, f"decoded as {declared} (declared in the page)"
        except (LookupError, UnicodeDecodeError):
            pass
    note = dec.note
    if declared and _codec(declared) != _codec(dec.encoding):
        note += f"; the page declares {declared}"
    return dec.text, dec.encoding, note


def _codec(name: str) -> str:
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def extract_article(html: str, name: str, encoding: str | None = None, note: str = "") -> SourceText:
    """Title, metadata and body paragraphs of a decoded page (``name`` is for messages)."""
    import trafilatura

    doc: Any = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    paras: list[tuple[str, str]] = _paragraphs(doc.body) if doc is not None else []
    meta = _fallback_meta(html)
    title = (doc.title if doc is not None else None) or meta.get("title")
    if paras and paras[0][0] == "head" and (title is None or _contains(title, paras[0][1])):
        title = paras.pop(0)[1]
    body = [t for _, t in paras]
    words = sum(word_count(t) for t in body)
    hits = len(_WALL_RE.findall(" ".join(body + [title or ""])))
    if words < MIN_WORDS:
        why = f"{words} words of body text, fewer than {MIN_WORDS}"
    elif words < WALL_MAX_WORDS and hits >= WALL_MIN_HITS:
        why = f"{words} words of body text with {hits} login/cookie/JavaScript phrases"
    else:
        why = ""
    if why:
        raise NoArticle(f"{name}: no article text found (looks like a login/cookie page: {why})")
    title, text = build_text(title, body)
    author = (doc.author if doc is not None else None) or meta.get("author")
    date = iso_date(doc.date if doc is not None else None) or iso_date(meta.get("date"))
    url = (doc.url if doc is not None else None) or meta.get("url")
    return SourceText(
        name, text, title, author=author or None, date=date, url=url or None, kind="html",
        encoding=encoding, note=f"{note}; {len(body)} paragraphs, {words} words".lstrip("; "),
    )


def _contains(title: str, head: str) -> bool:
    """The page title holds the headline (``"Headline - Site"`` holds ``"Headline"``)."""
    return same_text(title, head) or " ".join(head.casefold().split()) in title.casefold()


def _paragraphs(body: Any) -> list[tuple[str, str]]:
    """``(block tag, text)`` for every paragraph of trafilatura's XML body."""
    out: list[tuple[str, str]] = []
    for block in _blocks(body):
        lines: list[str] = []
        _lines(block, lines, top=True)
        for text in _join_wrapped(lines):
            out.append((block.tag, text))
    return out


def _blocks(el: Any) -> list[Any]:
    """Innermost block elements in document order (a list yields its items)."""
    found: list[Any] = []
    for child in el:
        if child.tag in _SKIP:
            continue
        if child.tag in ("list", "table", "quote", "div", "main", "body") and any(
            c.tag in _BLOCKS for c in child
        ):
            found.extend(_blocks(child))
        else:
            found.append(child)
    return found


def _lines(el: Any, lines: list[str], top: bool = False) -> None:
    """Text of ``el`` into ``lines``; ``<lb/>`` starts a new line, ``""`` marks ``<lb/><lb/>``."""
    if not lines:
        lines.append("")
    if not top and el.tag == "lb":
        lines.append("")
    elif not top and el.tag in _BLOCKS:  # a block nested in a block: its own paragraph
        lines += ["", ""]
        _lines(el, lines, top=True)
        lines += ["", ""]
    elif not top and el.tag in _SKIP:
        pass
    else:
        lines[-1] += el.text or ""
        for child in el:
            _lines(child, lines)
            if child.tag == "cell":
                lines[-1] += " "
    if not top:
        lines[-1] += el.tail or ""


def _join_wrapped(lines: list[str]) -> list[str]:
    """Lines from ``<br>`` breaks to paragraphs (see the module docstring)."""
    out: list[str] = []
    hard = True  # an empty line (two <br> in a row) always ends the paragraph
    for line in (" ".join(ln.split()) for ln in lines):
        if not line:
            hard = True
        elif not hard and not out[-1].endswith(_SENTENCE_END) and line[0].islower():
            out[-1] += " " + line
        else:
            out.append(line)
            hard = False
    return out


def _fallback_meta(html: str) -> dict[str, str]:
    """``<title>``, ``meta author``, ``article:published_time``, ``link rel=canonical``."""
    import lxml.html

    try:  # a str with an XML declaration is refused by lxml; the page is decoded already
        root = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    except Exception:  # noqa: BLE001 - lxml raises ParserError, ValueError, ... on odd input
        return {}
    out: dict[str, str] = {}
    for key, xpath in (
        ("title", "//head/title/text()"),
        ("title", "//meta[@property='og:title']/@content"),
        ("author", "//meta[@name='author']/@content"),
        ("author", "//meta[@property='article:author']/@content"),
        ("date", "//meta[@property='article:published_time']/@content"),
        ("date", "//meta[@name='date' or @name='pubdate' or @itemprop='datePublished']/@content"),
        ("date", "//time/@datetime"),
        ("url", "//link[@rel='canonical']/@href"),
        ("url", "//meta[@property='og:url']/@content"),
    ):
        if key in out:
            continue
        values = [str(v).strip() for v in root.xpath(xpath) if str(v).strip()]
        if values and not (key == "author" and values[0].startswith("http")):
            out[key] = values[0]
    return out
