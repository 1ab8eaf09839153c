"""Where the workbench keeps its data, and the limits it enforces on uploads.

Everything the UI writes lives under :func:`data_dir` (``$ALIGN_HOME`` or ``./align-data``):
``users.json`` (sign-in), ``sessions.json`` (remembered sign-ins), ``uploads/`` (files
people upload, sanitised names) and, unless ``$ALIGN_DB``
says otherwise, the SQLite store.
"""
from __future__ import annotations

import os
from pathlib import Path

from align.home import data_dir
from align.sources import SOURCE_SUFFIXES

MAX_UPLOAD_MB = 20
"""Largest accepted upload, in MiB; ``.streamlit/config.toml`` sets the same server limit."""

ALLOWED_SUFFIXES = (*SOURCE_SUFFIXES, ".json")
"""File types the Import page accepts (lower-case suffixes): every source type
(:data:`align.sources.SOURCE_SUFFIXES`, articles, summaries, digests) and JSON."""

SCORE_BANDS = (0.7, 0.4)
"""Score colour bands: >= 0.7 green ("good"), >= 0.4 yellow ("fair"), below red ("poor")."""

PAGE_SIZES = (10, 25, 50, 100)
"""Beads per review page; long pairs (thousands of sentences) stay responsive this way."""


def users_path() -> Path:
    """The users file: ``$ALIGN_USERS`` (tests) or ``<data>/users.json``."""
    env = os.environ.get("ALIGN_USERS")
    return Path(env).resolve() if env else data_dir() / "users.json"


def sessions_path() -> Path:
    """Remembered sign-ins (:mod:`ui.sessions`): ``sessions.json`` beside the users file,
    so ``<data>/sessions.json`` by default."""
    return users_path().with_name("sessions.json")


def uploads_dir() -> Path:
    return data_dir() / "uploads"
