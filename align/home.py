"""The data folder: where the review store, the sign-in files and uploads live.

``$ALIGN_HOME``, else ``./align-data``. The files named in :data:`OWN_FILES` (and their
companions: SQLite's ``-wal``/``-shm``/``-journal``, lock files) belong to the tool; no
export or other user-named output may replace them (:mod:`align.io.atomic`).
"""
from __future__ import annotations

import os
from pathlib import Path

STORE_FILE = "align.db"
"""The SQLite store in the data folder (unless ``$ALIGN_DB`` names another database)."""

OWN_FILES = (STORE_FILE, "users.json", "sessions.json", "throttle.json")
"""Files in the data folder that only the tool itself writes."""

_COMPANIONS = ("", "-wal", "-shm", "-journal", ".lock")


def data_dir() -> Path:
    """The data folder (absolute): ``$ALIGN_HOME`` or ``./align-data``; not created here."""
    return Path(os.environ.get("ALIGN_HOME") or "align-data").resolve()


def cache_dir(kind: str) -> Path:
    """``$XDG_CACHE_HOME/align/<kind>`` (``~/.cache/align/<kind>`` by default): files the
    tool can always rebuild (embeddings, translations, fetched pages, normalised lexicons);
    not created here."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "align" / kind


def is_own_file(path: Path) -> bool:
    """Whether ``path`` (resolved) is one of the data folder's own files or a companion."""
    if path.parent != data_dir():
        return False
    return any(path.name == own + c for own in OWN_FILES for c in _COMPANIONS)
