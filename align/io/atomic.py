"""Write files atomically: readers see the old file or the complete new one, never a part.

The data goes to a temporary file in the target's directory (same file system), is
flushed and fsynced, and then ``os.replace``-d over the target. On any exception the
target is untouched and the temporary file is removed. ``"-"`` means standard output,
written directly. Text is written as UTF-8 with no newline translation.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Literal

from align.errors import OutputError

Data = str | bytes | Iterable[str | bytes]


def write_atomic(path: str | Path, data: Data, *, encoding: str = "utf-8") -> None:
    """Atomically write ``data`` to ``path``.

    ``data`` is a str, bytes, or an iterable of str/bytes chunks (written as they come,
    so a generator that raises midway leaves the target as it was).
    """
    chunks: Iterable[str | bytes] = (data,) if isinstance(data, (str, bytes)) else data
    if str(path) == "-":
        _write_stdout(chunks, encoding)
        return
    with atomic_open(path, "wb") as f:
        for chunk in chunks:
            try:
                f.write(chunk.encode(encoding) if isinstance(chunk, str) else chunk)
            except OSError as e:
                raise OutputError(f"cannot write {path}: {e.strerror or e}") from e


def _write_stdout(chunks: Iterable[str | bytes], encoding: str) -> None:
    buffer = getattr(sys.stdout, "buffer", None)  # absent when stdout is replaced by a StringIO
    sys.stdout.flush()  # keep order with text already written to sys.stdout
    for chunk in chunks:
        if buffer is not None:
            buffer.write(chunk.encode(encoding) if isinstance(chunk, str) else chunk)
        else:
            sys.stdout.write(chunk if isinstance(chunk, str) else chunk.decode(encoding))
    (buffer or sys.stdout).flush()


@contextlib.contextmanager
def atomic_open(
    path: str | Path, mode: Literal["w", "wb"] = "w", *, encoding: str = "utf-8"
) -> Iterator[IO[Any]]:
    """Open a file for writing that replaces ``path`` only when the block ends cleanly.

    ``mode`` is "w" (text, ``encoding``, no newline translation) or "wb". For ``"-"``
    the block writes to standard output (not closed afterwards).
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open mode must be 'w' or 'wb', not {mode!r}")
    if str(path) == "-":
        out: IO[Any] = sys.stdout.buffer if mode == "wb" else sys.stdout
        yield out
        out.flush()
        return
    target = Path(os.path.realpath(path))  # write through a symlink, keep the link
    if target.is_dir():
        raise OutputError(f"{path} is a directory; expected a file name to write")
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except FileNotFoundError:
        raise OutputError(
            f"cannot write {path}: directory {target.parent} does not exist"
        ) from None
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from None
    kwargs: dict[str, Any] = {} if mode == "wb" else {"encoding": encoding, "newline": ""}
    try:
        with os.fdopen(fd, mode, **kwargs) as f:
            yield f  # exceptions from the caller's block propagate unchanged
            try:
                f.flush()
                os.fsync(f.fileno())
            except OSError as e:
                raise OutputError(f"cannot write {path}: {e.strerror or e}") from e
        try:
            os.chmod(tmp, _mode_for(target))
            os.replace(tmp, target)
        except OSError as e:
            raise OutputError(f"cannot write {path}: {e.strerror or e}") from e
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)


def _mode_for(target: Path) -> int:
    """Keep an existing file's permission bits; new files get 0o666 minus the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


@functools.cache
def _umask() -> int:
    # os.umask can only be read by setting it; done once per process.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable (POSIX); ignored where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
