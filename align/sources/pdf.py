"""PDF sources (pdfminer.six): text lines with positions, then :mod:`align.sources.pdflayout`.

pdfminer.six was chosen over pypdf because it gives every line its bounding box and
font sizes, which paragraph re-flow, header/footer removal and title detection need
(pypdf's plain extraction gives neither paragraph gaps nor sizes; on generated
multi-page articles both extract the Turkish letters correctly).

Title: the largest-font paragraph among the first three of page 1 when its font is at
least 15 % larger than the body text; else the document's ``/Title`` when it looks like a
title (not "Microsoft Word - x.docx", not a file name); else the first paragraph when it
looks like a headline (:func:`align.sources.base.looks_like_title`). Author: ``/Author``; ``date`` is None (``/CreationDate`` is the file's date).
Ligatures (U+FB00-FB06) are expanded; glyphs whose font has no Unicode map (pdfminer's
``(cid:N)``) are dropped and counted in ``note``. Encrypted files open when the user
password is empty; otherwise InputError. A file with fewer than :data:`MIN_WORDS` words
of text (image-only, scanned, blank, or only unmapped glyphs) raises NoArticle.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from align.errors import InputError, NoArticle
from align.limits import MAX_PDF_PAGES
from align.sources.base import MAX_TITLE_WORDS, SourceText, build_text, looks_like_title, word_count
from align.sources.pdflayout import Line, Paragraph, body_size, drop_furniture, paragraphs

MIN_WORDS = 10
_CID_RE = re.compile(r"\(cid:\d+\)")  # pdfminer's stand-in for a glyph without a Unicode map
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_BAD_TITLE_RE = re.compile(
    r"^(microsoft (word|powerpoint)|untitled|adsız|başlıksız|document\d*$)|"
    r"\.(docx?|pdf|indd|odt|rtf|txt|qxp)$",
    re.IGNORECASE,
)


def read_pdf(path: str | Path) -> SourceText:
    """A PDF article; raises InputError (unreadable, encrypted) or NoArticle (no text)."""
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError(f"{name} does not exist")
    try:
        with p.open("rb") as f:
            pages, info = _read_lines(f, name)
    except OSError as e:
        raise InputError(f"{name} cannot be read: {e.strerror or e}") from None
    n_pages = len(pages)
    pages, unmapped = _strip_unmapped(pages)
    pages, dropped = drop_furniture(pages)
    paras, joined = paragraphs(pages)
    words = sum(word_count(q.text) for q in paras)
    if words < MIN_WORDS and unmapped > words:
        raise NoArticle(
            f"{name}: no article text found ({unmapped} glyphs have no Unicode mapping in "
            f"{n_pages} pages, so the text cannot be extracted; run OCR first, e.g. ocrmypdf)"
        )
    if words < MIN_WORDS:
        raise NoArticle(
            f"{name}: no article text found ({words} words of extractable text in {n_pages} "
            "pages; an image-only or scanned PDF? run OCR first, e.g. ocrmypdf)"
        )
    title = _title(paras, body_size(pages), info.get("Title"))
    title, text = build_text(title, [q.text for q in paras])
    note = f"{n_pages} pages, {len(paras)} paragraphs"
    if dropped:
        note += f", {dropped} header/footer/page-number lines dropped"
    if joined:
        note += f", {joined} line-end hyphenations joined"
    if unmapped:
        note += f", {unmapped} glyphs without a Unicode mapping dropped"
    author = (info.get("Author") or "").strip() or None
    return SourceText(name, text, title, author=author, kind="pdf", note=note)


def _title(paras: list[Paragraph], size: float, meta_title: str | None) -> str | None:
    """Picks the title and removes its paragraph from ``paras`` (see the module docstring)."""
    first = [(i, q) for i, q in enumerate(paras[:3]) if q.page == 0]
    if first:
        i, best = max(first, key=lambda iq: iq[1].size)
        if best.size >= 1.15 * size and word_count(best.text) <= MAX_TITLE_WORDS:
            del paras[i]
            return best.text
    meta = " ".join((meta_title or "").split())
    if meta and not _BAD_TITLE_RE.search(meta) and word_count(meta) <= MAX_TITLE_WORDS:
        return meta
    if paras and looks_like_title(paras[0].text):
        return paras.pop(0).text
    return None


def _strip_unmapped(pages: list[list[Line]]) -> tuple[list[list[Line]], int]:
    """Lines without pdfminer's ``(cid:N)`` placeholders and ligatures expanded; the
    number of placeholders removed. Lines left empty are dropped."""
    out: list[list[Line]] = []
    count = 0
    for page in pages:
        kept: list[Line] = []
        for ln in page:
            text, n = _CID_RE.subn("", ln.text.translate(_LIGATURES))
            count += n
            text = " ".join(text.split())
            if text:
                kept.append(replace(ln, text=text))
        out.append(kept)
    return out, count


def _read_lines(f: Any, name: str) -> tuple[list[list[Line]], dict[str, str]]:
    """Lines of every page in pdfminer's reading order, and the document info strings."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        doc = PDFDocument(PDFParser(f), password="")
    except PDFPasswordIncorrect:
        raise InputError(
            f"{name} is encrypted with a password; save an unprotected copy and read that"
        ) from None
    except PDFEncryptionError as e:
        raise InputError(f"{name} uses an unsupported PDF encryption ({e})") from None
    except Exception as e:  # noqa: BLE001 - pdfminer raises PSEOF, PDFSyntaxError, ... on junk
        raise InputError(f"{name} is not a readable PDF ({type(e).__name__}: {e})") from None
    info = _info(doc)
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[list[Line]] = []
    try:
        for number, page in enumerate(PDFPage.create_pages(doc)):
            if number >= MAX_PDF_PAGES:
                raise InputError(f"{name} has more than {MAX_PDF_PAGES} pages; split it "
                                 "(the limit keeps one upload from holding the server)")
            interpreter.process_page(page)
            pages.append(_page_lines(device.get_result(), number))
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - a damaged content stream, any pdfminer error
        raise InputError(f"{name}: page {len(pages) + 1} cannot be read ({e})") from None
    return pages, info


def _page_lines(layout: Any, number: int) -> list[Line]:
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLineHorizontal

    out: list[Line] = []

    def visit(obj: Any) -> None:
        if isinstance(obj, LTTextLineHorizontal):
            text = " ".join(obj.get_text().split())
            sizes = sorted(c.size for c in obj if isinstance(c, LTChar))
            if text and sizes:
                size = sizes[len(sizes) // 2]
                out.append(Line(number, obj.x0, obj.y0, obj.x1, obj.y1, size, text))
        elif isinstance(obj, LTTextContainer):
            for child in obj:
                visit(child)

    for obj in layout:
        visit(obj)
    return out


def _info(doc: Any) -> dict[str, str]:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    out: dict[str, str] = {}
    for entry in doc.info or []:
        for key in ("Title", "Author"):
            value = resolve1(entry.get(key))
            if isinstance(value, bytes):
                value = decode_text(value)
            if isinstance(value, str) and value.strip() and key not in out:
                out[key] = value.strip()
    return out
