"""Readers for source articles: ``read_source(path) -> SourceText``.

The reader is chosen by the file extension (``.txt``/``.text``, ``.md``/``.markdown``,
``.html``/``.htm``/``.xhtml``, ``.docx``, ``.pdf``); a file with another or no extension
is sniffed (``%PDF``, a zip holding ``word/document.xml``, ``<html``/``<!doctype``, else
plain text). TMX files are pre-aligned input: see :func:`align.formats.tmx.read_tmx`.
Batches are listed in a JSONL manifest: :func:`align.sources.manifest.read_manifest`.
Readers import their third-party libraries lazily (trafilatura, python-docx, pdfminer.six).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from align.errors import InputError
from align.io.read import read_bytes
from align.sources.base import KINDS, SourceText

if TYPE_CHECKING:
    from align.sources.manifest import ManifestEntry

_BY_SUFFIX = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html",
    ".htm": "html", ".xhtml": "html", ".docx": "docx", ".pdf": "pdf",
}
SOURCE_SUFFIXES: tuple[str, ...] = tuple(_BY_SUFFIX)
"""Suffixes :func:`read_source` reads (lower case): the CLI's, the app's upload list."""

__all__ = ["KINDS", "SOURCE_SUFFIXES", "SourceText", "read_manifest", "read_source", "source_kind"]


def source_kind(path: str | Path) -> str:
    """The reader for ``path``: one of :data:`KINDS` (by extension, else by content)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".tmx":
        raise InputError(f"{path} is a TMX file: read it with read_tmx (it is already aligned)")
    if suffix in (".doc", ".rtf", ".odt"):
        raise InputError(f"{path}: {suffix} files are not supported; save the file as .docx")
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    head = read_bytes(p, 2048, "a source article file")
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and b"word/" in head:
        return "docx"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:512]:
        return "html"
    return "txt"


def read_source(path: str | Path) -> SourceText:
    """Read a source article (see :class:`SourceText` for the text layout).

    Raises ``InputError`` for missing, unreadable, encrypted or unsupported files and
    ``NoArticle`` (an InputError) when a page or document holds no article text.
    """
    from align.limits import PDF_SIZE_FACTOR, check_size, check_zip, max_text_bytes

    kind = source_kind(path)
    if Path(path).is_dir():
        raise InputError(f"{path} is a directory; expected a source article file")
    if kind == "docx":
        check_zip(path)
    elif kind == "pdf":
        check_size(path, max_text_bytes() * PDF_SIZE_FACTOR)
    else:
        check_size(path)
    if kind == "txt":
        from align.sources.text import read_txt

        return read_txt(path)
    if kind == "md":
        from align.sources.text import read_md

        return read_md(path)
    if kind == "html":
        from align.sources.html import read_html

        return read_html(path)
    if kind == "docx":
        from align.sources.docx import read_docx

        return read_docx(path)
    from align.sources.pdf import read_pdf

    return read_pdf(path)


def read_manifest(path: str | Path, *, check_files: bool = True) -> list[ManifestEntry]:
    """See :func:`align.sources.manifest.read_manifest`."""
    from align.sources.manifest import read_manifest as _read_manifest

    return _read_manifest(path, check_files=check_files)
