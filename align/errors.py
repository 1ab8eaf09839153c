"""Exceptions raised by the library. Only ``align.cli`` turns them into exit codes.

Messages name the file, the counts and the fix, on one line.
"""
from __future__ import annotations


class AlignError(Exception):
    """Base class for every error the library raises on purpose."""

    exit_code = 2


class InputError(AlignError):
    """A file cannot be read or holds nothing usable (empty, binary, undecodable)."""


class SchemaError(AlignError):
    """A JSON or beads file does not follow the expected format or schema version."""


class InvalidAlignment(AlignError):
    """Beads do not cover every sentence of both sides exactly once, or break a constraint."""


class UnknownComponent(AlignError):
    """A scorer, segmenter or format name is not registered."""


class ModelNotAvailable(AlignError):
    """A model is not in the local cache and may not be downloaded."""


class OutputError(AlignError):
    """An output file cannot be written (missing directory, no permission, disk full)."""


class NoArticle(InputError):
    """A source holds no article text (a login wall, a cookie page, an image-only PDF)."""


class Conflict(AlignError):
    """A review write was based on an older version of the pair (someone else saved first)."""

    exit_code = 3


class InvalidEdit(AlignError):
    """A review operation cannot apply (merge the first bead with a previous one, split at 0)."""


class StoreError(AlignError):
    """The review database cannot be opened or has a schema this version does not know."""
