"""A small JSON file with one writer at a time (the users and sessions files).

`locked_json` takes an exclusive ``flock`` on ``<file>.lock``, loads the file, lets the
caller change the loaded value, then writes it back atomically with mode 0600 (the files
hold password and token hashes). Readers need no lock: writes are atomic renames.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from align.errors import SchemaError
from align.io.atomic import write_atomic

T = TypeVar("T")


@contextlib.contextmanager
def locked_json(path: Path, load: Callable[[], T], dump: Callable[[T], str]) -> Iterator[T]:
    """``load()`` under the lock, yield it, then write ``dump(value)`` atomically (0600).
    Nothing is written when the caller raises."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            value = load()
            yield value
            write_atomic(path, dump(value) + "\n", own=True)
            os.chmod(path, 0o600)
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def read_table(path: Path, schema: str, key: str, what: str) -> dict[str, dict[str, Any]]:
    """The ``key`` mapping of a ``{"schema": schema, key: {...}}`` file, ``{}`` when the
    file does not exist; SchemaError naming the file when it is unreadable or another kind
    of file (*what*: "users", "sessions")."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise SchemaError(f"{path}: cannot read the {what} file ({e})") from e
    if not isinstance(data, dict) or data.get("schema") != schema \
            or not isinstance(data.get(key), dict):
        raise SchemaError(f"{path}: not a {what} file (expected schema {schema!r})")
    table: dict[str, dict[str, Any]] = data[key]
    return table
