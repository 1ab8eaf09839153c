"""How much input the tool takes in: one home for the size limits every reader applies.

A file past a limit is refused before it is read, with one line naming the file, its size,
the limit and how to raise it; nothing is half-processed. The limits are what a laptop
aligns in a few minutes and well under a gigabyte of memory.

- Text (plain, Markdown, HTML, standard input): :func:`max_text_bytes`, 20 MB unless
  ``ALIGN_MAX_INPUT_MB`` says otherwise.
- DOCX (a zip): each entry and the whole inflate to at most :data:`ZIP_INFLATE_FACTOR`
  times the text limit, and no entry larger than 1 MB compresses more than
  :data:`MAX_ZIP_RATIO` : 1 (zip bombs do 1000 : 1; Word's XML about 10 : 1). Checked
  from the zip's directory, before anything is inflated.
- PDF: the file at most :data:`PDF_SIZE_FACTOR` times the text limit (images make PDFs
  big), and at most :data:`MAX_PDF_PAGES` pages.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

from align.errors import InputError

DEFAULT_MAX_INPUT_MB = 20.0
ENV = "ALIGN_MAX_INPUT_MB"
ZIP_INFLATE_FACTOR = 10
MAX_ZIP_RATIO = 200
PDF_SIZE_FACTOR = 5
MAX_PDF_PAGES = 2000
_MB = 1_000_000


def max_text_bytes() -> int:
    """The largest text input, in bytes (``$ALIGN_MAX_INPUT_MB`` megabytes, default 20)."""
    raw = os.environ.get(ENV, "")
    try:
        mb = float(raw) if raw else DEFAULT_MAX_INPUT_MB
    except ValueError:
        raise InputError(f"{ENV}={raw!r} is not a number of megabytes") from None
    if not mb > 0:
        raise InputError(f"{ENV}={raw!r} must be a positive number of megabytes")
    return int(mb * _MB)


def too_large(name: str, what: str, size: int, limit: int) -> InputError:
    """The one-line error for an input over a limit."""
    return InputError(f"{name} is too large: {what} {size / _MB:.1f} MB, the limit is "
                      f"{limit / _MB:.1f} MB (set {ENV} to raise it)")


def check_size(path: str | Path, limit: int | None = None, what: str = "the file is") -> None:
    """Refuse a file larger than ``limit`` bytes (default: the text limit) unread."""
    limit = max_text_bytes() if limit is None else limit
    try:
        size = os.stat(path).st_size
    except OSError:
        return  # the reader says what is wrong with it
    if size > limit:
        raise too_large(str(path), what, size, limit)


def check_zip(path: str | Path) -> None:
    """Refuse a zip (DOCX) that would inflate past the limits, from its directory alone."""
    name = str(path)
    limit = max_text_bytes() * ZIP_INFLATE_FACTOR
    check_size(path, limit)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip: the DOCX reader gives its own message
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limit:
            raise too_large(name, f"its part {info.filename} inflates to", info.file_size, limit)
        if info.file_size > _MB and ratio > MAX_ZIP_RATIO:
            raise InputError(f"{name}: its part {info.filename} inflates {ratio:.0f} times "
                             f"({info.file_size / _MB:.0f} MB from {info.compress_size} "
                             "bytes), a zip bomb; refused unread")
    if total > limit:
        raise too_large(name, "its parts inflate to", total, limit)
