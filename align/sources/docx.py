"""Word ``.docx`` sources (python-docx).

Paragraphs in document order, table cells included (each cell paragraph once, merged
cells not repeated); runs joined; empty paragraphs skipped; manual line breaks and tabs
become spaces. Title: the first paragraph styled ``Title`` or ``Heading n`` before any
paragraph longer than ``MAX_TITLE_WORDS`` words (it is moved to the front), else the
core property ``title``, else the first paragraph when it looks like a headline
(:func:`align.sources.base.looks_like_title`). Author: the core property ``author``. The
``created`` date is the file's, not the article's, so ``date`` is None.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from align.errors import InputError, NoArticle
from align.sources.base import (
    MAX_TITLE_WORDS,
    SourceText,
    build_text,
    clean_paragraph,
    looks_like_title,
    word_count,
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc, or an encrypted .docx


def read_docx(path: str | Path) -> SourceText:
    """A Word document; raises InputError (unreadable, encrypted, .doc) or NoArticle (no text)."""
    import docx  # python-docx

    name = str(path)
    p = Path(path)
    try:
        with p.open("rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise InputError(f"{name} does not exist") from None
    except OSError as e:
        raise InputError(f"{name} cannot be read: {e.strerror or e}") from None
    if head == _OLE_MAGIC:
        raise InputError(
            f"{name} is password-protected or a Word 97-2003 .doc file; "
            "remove the password or save it as .docx"
        )
    try:
        document = docx.Document(str(p))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InputError(f"{name} is not a valid .docx file ({e})") from None
    except Exception as e:  # noqa: BLE001 - python-docx raises PackageNotFoundError, lxml errors
        raise InputError(f"{name} cannot be read as .docx ({type(e).__name__}: {e})") from None

    paras: list[tuple[str, str]] = [
        (style, text) for style, text in _paragraphs(document) if text
    ]
    if not paras:
        raise NoArticle(f"{name}: no article text found (the document has no text paragraphs)")
    title: str | None = None
    for i, (style, text) in enumerate(paras):
        if word_count(text) > MAX_TITLE_WORDS:
            break  # a heading after body text is a subheading
        if style == "title" or style.startswith("heading"):
            title = text
            del paras[i]
            break
    core = document.core_properties
    if title is None and (core.title or "").strip():
        title = core.title.strip()
    if title is None and looks_like_title(paras[0][1]):
        title = paras.pop(0)[1]
    title, text = build_text(title, [t for _, t in paras])
    author = (core.author or "").strip() or None
    n_words = sum(word_count(t) for _, t in paras)
    return SourceText(
        name, text, title, author=author, kind="docx",
        note=f"{len(paras)} paragraphs, {n_words} words",
    )


def _paragraphs(document: Any) -> list[tuple[str, str]]:
    """``(style name lower-cased, cleaned text)`` in document order, tables included."""
    from docx.table import Table

    out: list[tuple[str, str]] = []
    seen_cells: set[Any] = set()  # <w:tc> elements; held here, so identity is stable

    def visit(items: Any) -> None:
        for item in items:
            if isinstance(item, Table):
                for row in item.rows:
                    for cell in row.cells:
                        if cell._tc in seen_cells:  # a merged cell repeats its <w:tc>
                            continue
                        seen_cells.add(cell._tc)
                        visit(cell.iter_inner_content())
            else:
                style = item.style.name.lower() if item.style is not None else ""
                out.append((style, clean_paragraph(item.text)))

    visit(document.iter_inner_content())
    return out
