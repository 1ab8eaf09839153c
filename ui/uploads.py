"""Uploads: type and size checks with clear messages, sanitised names, saved under the
data folder only (``<data>/uploads/<batch>/<name>``), never anywhere else."""
from __future__ import annotations

import re
import secrets
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from align.errors import InputError
from ui.config import ALLOWED_SUFFIXES, MAX_UPLOAD_MB, uploads_dir

CAT_SUFFIXES = (".tmx", ".xlf", ".xliff", ".csv", ".tsv", ".jsonl")
"""Files back from a CAT tool or a spreadsheet (``align.store.files``); accepted only by
the Import page's "Reviewed file" choice, with the same size limit."""


class UploadError(InputError):
    """An upload is too large, of a type the workbench does not read, or empty."""


_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


def safe_name(name: str, default: str = "upload") -> str:
    """A file name that cannot leave its folder: the last path part, NFC, only word
    characters, dots and dashes (runs of anything else become ``_``), no leading dot,
    at most 100 characters with the suffix kept."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    base = _UNSAFE.sub("_", base).strip("._") or default
    stem, dot, suffix = base.rpartition(".")
    if dot and len(suffix) <= 10:
        return f"{stem[: 100 - len(suffix) - 1] or default}.{suffix}"
    return base[:100]


def check_upload(name: str, size: int, allowed: Sequence[str] = ALLOWED_SUFFIXES,
                 max_mb: int = MAX_UPLOAD_MB) -> str:
    """The lower-case suffix of an acceptable upload; raises UploadError naming the file
    and the rule it breaks."""
    suffix = Path(name).suffix.lower()
    if suffix not in allowed:
        raise UploadError(f"{name}: file type {suffix or '(none)'} is not accepted "
                          f"(use {', '.join(allowed)})")
    if size <= 0:
        raise UploadError(f"{name}: the file is empty")
    if size > max_mb * 1024 * 1024:
        raise UploadError(f"{name}: {size / 1024 / 1024:.1f} MB is over the {max_mb} MB limit")
    return suffix


def new_batch(root: Path | None = None) -> Path:
    """A fresh folder for one import under ``<data>/uploads`` (created)."""
    root = (root or uploads_dir()).resolve()
    folder = root / f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(4)}"
    folder.mkdir(parents=True, exist_ok=False)
    return folder


def save_upload(name: str, data: bytes, batch: Path,
                allowed: Sequence[str] = ALLOWED_SUFFIXES) -> Path:
    """Check and write one upload into ``batch`` (from :func:`new_batch`); returns its path.
    A name already used in the batch gets a ``-2``, ``-3``, … suffix."""
    check_upload(name, len(data), allowed)
    clean = safe_name(name)
    target = (batch / clean).resolve()
    stem, suffix = target.stem, target.suffix
    n = 1
    while target.exists():
        n += 1
        target = batch / f"{stem}-{n}{suffix}"
    if target.parent != batch.resolve():  # safe_name makes this impossible; keep the guard
        raise UploadError(f"{name}: refusing to write outside {batch}")
    target.write_bytes(data)
    return target
