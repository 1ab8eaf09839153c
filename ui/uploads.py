"""Uploads: type and size checks with clear messages, sanitised names, saved under the
data folder only (``<data>/uploads/<batch>/<name>``), never anywhere else. Messages name an
upload by the name it was uploaded under (control characters shown as "\ufffd"), never by
the server's path."""
from __future__ import annotations

import re
import secrets
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from align.errors import InputError
from align.formats.export import IMPORT_SUFFIXES
from ui.config import ALLOWED_SUFFIXES, MAX_UPLOAD_MB, uploads_dir

CAT_SUFFIXES = IMPORT_SUFFIXES  # reviewed files back from a CAT tool or a spreadsheet
"""Files back from a CAT tool or a spreadsheet (``align.reviewed``); accepted only by
the Import page's "Reviewed file" choice, with the same size limit."""


class UploadError(InputError):
    """An upload is too large, of a type the workbench does not read, or empty."""


_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


def safe_name(name: str, default: str = "upload") -> str:
    """A file name that cannot leave its folder: the last path part, NFC, only word
    characters, dots and dashes (runs of anything else, NUL and control characters
    included, become ``_``), no leading dot or ``_``, at most 100 characters with the
    suffix kept (``_.txt`` gives ``upload.txt``)."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    base = _UNSAFE.sub("_", base)
    suffix = PurePosixPath(base).suffix  # "" for ".bashrc"
    if suffix and len(suffix) <= 11:
        stem = base[: -len(suffix)].lstrip("._") or default
        return f"{stem[: 100 - len(suffix)]}{suffix}"
    return base.strip("._")[:100] or default


def shown_name(name: str, limit: int = 120) -> str:
    """An upload's name as messages show it: the name the browser sent, with every control
    or format character (NUL, line breaks, escape sequences, bidi overrides) as "\ufffd",
    cut to ``limit`` characters."""
    shown = "".join(c if c.isprintable() else "\ufffd" for c in name) or "(no name)"
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def check_upload(name: str, size: int, allowed: Sequence[str] = ALLOWED_SUFFIXES,
                 max_mb: int = MAX_UPLOAD_MB) -> str:
    """The lower-case suffix of an acceptable upload (that of the name it is saved under,
    :func:`safe_name`); raises UploadError naming the file and the rule it breaks."""
    suffix = Path(safe_name(name)).suffix.lower()
    shown = shown_name(name)
    if suffix not in allowed:
        raise UploadError(f"{shown}: file type {suffix or '(none)'} is not accepted "
                          f"(use {', '.join(allowed)})")
    if size <= 0:
        raise UploadError(f"{shown}: the file is empty")
    if size > max_mb * 1024 * 1024:
        raise UploadError(f"{shown}: {size / 1024 / 1024:.1f} MB is over the {max_mb} MB "
                          "limit")
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
        raise UploadError(f"{shown_name(name)}: refusing to write outside the batch folder")
    target.write_bytes(data)
    return target


@dataclass
class Batch:
    """The uploads of one import: a fresh folder (:func:`new_batch`) and the name each
    saved file was uploaded under, so that an error can name the file the way the user
    knows it (:meth:`message`)."""

    folder: Path
    names: dict[Path, str] = field(default_factory=dict)

    @classmethod
    def new(cls, root: Path | None = None) -> Batch:
        return cls(new_batch(root))

    def save(self, name: str, data: bytes, allowed: Sequence[str] = ALLOWED_SUFFIXES) -> Path:
        path = save_upload(name, data, self.folder, allowed)
        self.names[path] = name
        return path

    def message(self, error: BaseException | str) -> str:
        """``error``'s text fit to show the uploader: each saved file, by its path or by the
        name it was saved under (:func:`safe_name`), becomes the name it was uploaded under
        (:func:`shown_name`); any other path under the uploads folder (a batch folder, a
        file written next to the uploads) its last part."""
        text = str(error)
        saved = sorted(self.names.items(), key=lambda kv: -len(str(kv[0])))
        for path, name in saved:
            text = text.replace(str(path), shown_name(name))
        for path, name in saved:  # saved names hold only word characters, "." and "-"
            shown = shown_name(name).replace("\\", "\\\\")  # a literal replacement
            text = re.sub(rf"(?<![\w.\-/\\]){re.escape(path.name)}(?![\w.\-])", shown, text)
        root = re.escape(str(self.folder.parent))
        return re.sub(root + r"(?:[/\\][\w.\-]+)*",
                      lambda m: re.split(r"[/\\]", m.group(0))[-1], text)
