"""Write files atomically, and never over something that must not be replaced.

The data goes to a temporary file in the target's directory (same file system), is
flushed and fsynced, and then ``os.replace``-d over the target. On any exception the
target is untouched and the temporary file is removed. ``"-"`` means standard output,
written directly. Text is written as UTF-8 with no newline translation.

Every writer in the project comes here, so the rules against destroying data live here:

- an output that is one of this process's inputs (same file, also through a link or a
  second name: :func:`claim_input` records what was read) is refused;
- an SQLite database (or its ``-wal``/``-shm``/``-journal`` companion) is refused, and so
  are the data folder's own files (:mod:`align.home`) unless the tool writes its own state
  (``own=True``);
- a special file (a device, a FIFO, standard output under any of its names) is written as a
  stream, never replaced by a regular file;
- temporary files are named ``.align-tmp-<pid>-<name>...``; those a killed run left behind
  are removed on the next write into the same folder.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Literal

from align.errors import OutputError

Data = str | bytes | Iterable[str | bytes]

TMP_PREFIX = ".align-tmp-"
"""Start of every temporary file name this module creates."""

STALE_AFTER_S = 24 * 3600
"""A temporary file older than this is stale even when its process id is alive again."""

SQLITE_MAGIC = b"SQLite format 3\x00"
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")

_inputs: set[tuple[int, int]] = set()
_swept: set[Path] = set()


def claim_input(path: str | Path) -> None:
    """Record that this process reads ``path``: no write here may replace that file."""
    with contextlib.suppress(OSError, ValueError):
        st = os.stat(path)
        if stat.S_ISREG(st.st_mode):
            _inputs.add((st.st_dev, st.st_ino))


def write_atomic(path: str | Path, data: Data, *, encoding: str = "utf-8",
                 own: bool = False) -> None:
    """Atomically write ``data`` to ``path`` (see the module's rules; ``own``: the tool's
    own state file in the data folder).

    ``data`` is a str, bytes, or an iterable of str/bytes chunks (written as they come,
    so a generator that raises midway leaves the target as it was).
    """
    chunks: Iterable[str | bytes] = (data,) if isinstance(data, (str, bytes)) else data
    if _is_stdout(path):
        _write_stdout(chunks, encoding)
        return
    with atomic_open(path, "wb", own=own) as f:
        for chunk in chunks:
            try:
                f.write(chunk.encode(encoding) if isinstance(chunk, str) else chunk)
            except OSError as e:
                raise OutputError(f"cannot write {path}: {e.strerror or e}") from e


def _write_stdout(chunks: Iterable[str | bytes], encoding: str) -> None:
    with _stdout("wb", encoding) as out:
        for chunk in chunks:
            if isinstance(out, io.TextIOBase):  # stdout replaced by a text-only stream
                out.write(chunk if isinstance(chunk, str) else chunk.decode(encoding))
            else:
                out.write(chunk.encode(encoding) if isinstance(chunk, str) else chunk)


@contextlib.contextmanager
def _stdout(mode: str, encoding: str) -> Iterator[IO[Any]]:
    """Standard output as a buffered stream of its own, so every byte is written even where
    ``sys.stdout.buffer`` is raw (``PYTHONUNBUFFERED``, whose writes may be partial)."""
    try:
        sys.stdout.flush()  # keep order with text already written to sys.stdout
        try:
            fd: int | None = sys.stdout.fileno()
        except (AttributeError, OSError, ValueError):  # replaced by an in-memory stream
            fd = None
        if fd is None:
            out = getattr(sys.stdout, "buffer", sys.stdout) if mode == "wb" else sys.stdout
            yield out
            out.flush()
            return
        kwargs: dict[str, Any] = {} if mode == "wb" else {"encoding": encoding, "newline": ""}
        with open(fd, mode, closefd=False, **kwargs) as out:
            yield out
    except OSError as e:
        raise OutputError(f"cannot write to standard output: {e.strerror or e}") from e


def _is_stdout(path: str | Path) -> bool:
    """``-``, or a name of the file standard output is (``/dev/stdout``, ``/dev/fd/1``...)."""
    if str(path) == "-":
        return True
    try:
        st, out = os.stat(path), os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no such path, or stdout is no real file
        return False
    return (st.st_dev, st.st_ino) == (out.st_dev, out.st_ino)


@contextlib.contextmanager
def atomic_open(
    path: str | Path, mode: Literal["w", "wb"] = "w", *, encoding: str = "utf-8",
    own: bool = False,
) -> Iterator[IO[Any]]:
    """Open a file for writing that replaces ``path`` only when the block ends cleanly.

    ``mode`` is "w" (text, ``encoding``, no newline translation) or "wb". For ``"-"``
    the block writes to standard output (not closed afterwards); for a device or a FIFO,
    to that file directly. ``own``: see :func:`write_atomic`.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open mode must be 'w' or 'wb', not {mode!r}")
    if _is_stdout(path):
        with _stdout(mode, encoding) as out:
            yield out
        return
    target = Path(os.path.realpath(path))  # write through a symlink, keep the link
    if target.is_dir():
        raise OutputError(f"{path} is a directory; expected a file name to write")
    if _is_special(target):
        with _stream(path, target, mode, encoding) as f:
            yield f
        return
    check_output(path, own=own)
    _sweep(target.parent)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp",
                                   prefix=f"{TMP_PREFIX}{os.getpid()}-{target.name[:64]}.")
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


def check_output(path: str | Path, *, own: bool = False) -> None:
    """Refuse (OutputError, one line) to replace an input, a database or the tool's files."""
    from align.home import is_own_file

    target = Path(os.path.realpath(path))
    with contextlib.suppress(OSError):
        st = target.stat()
        if (st.st_dev, st.st_ino) in _inputs:
            raise OutputError(f"refusing to write {path}: it is one of the input files "
                              "(writing would destroy it); name another output file")
    if _is_database(target):
        raise OutputError(f"refusing to write {path}: it is a database file or belongs to "
                          "one (its projects and history would be lost); name another output "
                          "file")
    if not own and is_own_file(target):
        raise OutputError(f"refusing to write {path}: the workbench keeps its own data "
                          "there; name another output file")


def _is_database(target: Path) -> bool:
    """An SQLite file, or a companion name (``-wal``...) of one, existing or not."""
    for companion in ("", *_SQLITE_COMPANIONS):
        if companion and not target.name.endswith(companion):
            continue
        db = target.with_name(target.name[: len(target.name) - len(companion)])
        with contextlib.suppress(OSError), db.open("rb") as f:
            if f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC:
                return True
    return False


def _is_special(target: Path) -> bool:
    """A device, FIFO or socket: written to as it is, never replaced."""
    try:
        return not stat.S_ISREG(target.stat().st_mode)
    except OSError:
        return False  # does not exist yet


@contextlib.contextmanager
def _stream(path: str | Path, target: Path, mode: str, encoding: str) -> Iterator[IO[Any]]:
    kwargs: dict[str, Any] = {} if mode == "wb" else {"encoding": encoding, "newline": ""}
    try:
        f = open(target, mode, **kwargs)  # noqa: SIM115 - closed below, errors mapped
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from None
    try:
        with f:
            yield f
    except OSError as e:
        raise OutputError(f"cannot write {path}: {e.strerror or e}") from None


def _sweep(directory: Path) -> None:
    """Remove temporary files that killed runs left in ``directory`` (once per process and
    folder: a batch writing thousands of files there lists it once)."""
    if directory in _swept:
        return
    _swept.add(directory)
    try:
        names = [n for n in os.listdir(directory) if n.startswith(TMP_PREFIX)]
    except OSError:
        return
    now = time.time()
    for name in names:
        pid_text = name[len(TMP_PREFIX):].partition("-")[0]
        p = directory / name
        try:
            old = now - p.lstat().st_mtime > STALE_AFTER_S
            if old or not (pid_text.isdigit() and _alive(int(pid_text))):
                p.unlink()
        except OSError:
            continue


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # gone, or no process id at all
        return False
    except PermissionError:
        return True  # someone else's live process: leave its file
    return True


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
