"""A small JSON file with one writer at a time (the users and sessions files).

`locked_json` takes an exclusive ``flock`` on ``<file>.lock``, loads the file, lets the
caller change the loaded value, then writes it back atomically with mode 0600 (the files
hold password and token hashes). Readers need no lock: writes are atomic renames.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

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
            write_atomic(path, dump(value) + "\n")
            os.chmod(path, 0o600)
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
