"""Atomic writes (align.io.atomic): the target is old or complete, never partial."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from align.io import atomic
from align.io.atomic import OutputError, atomic_open, write_atomic


def _failing_chunks() -> Iterator[str]:
    yield "new first part\n"
    yield "new second part\n"
    raise RuntimeError("writer failed midway")


@pytest.mark.parametrize(
    "data,expected",
    [
        ("Ağaç\r\nşöyle\n", "Ağaç\r\nşöyle\n".encode()),  # no newline translation
        (b"\x00\x01raw", b"\x00\x01raw"),
        (iter(["a", "b", "ç"]), "abç".encode()),
        ([b"x", b"y"], b"xy"),
        ("", b""),
    ],
    ids=["str", "bytes", "str-chunks", "bytes-chunks", "empty"],
)
def test_write_atomic_content(tmp_path: Path, data: object, expected: bytes) -> None:
    f = tmp_path / "out.txt"
    f.write_text("old")
    write_atomic(f, data)  # type: ignore[arg-type]
    assert f.read_bytes() == expected
    assert os.listdir(tmp_path) == ["out.txt"]


def test_generator_raising_midway_keeps_old_file(tmp_path: Path) -> None:
    f = tmp_path / "out.txt"
    f.write_text("old content\n")
    with pytest.raises(RuntimeError, match="midway"):
        write_atomic(f, _failing_chunks())
    assert f.read_text() == "old content\n"
    assert os.listdir(tmp_path) == ["out.txt"]  # no temp file left behind


def test_atomic_open_raising_midway_keeps_old_file(tmp_path: Path) -> None:
    f = tmp_path / "out.tsv"
    f.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_open(f) as out:
        for chunk in _failing_chunks():
            out.write(chunk)
    assert f.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["out.tsv"]


def test_atomic_open_failure_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(KeyError), atomic_open(tmp_path / "new.json", "wb") as out:
        out.write(b"{")
        raise KeyError("boom")
    assert os.listdir(tmp_path) == []


def test_atomic_open_streams_text(tmp_path: Path) -> None:
    f = tmp_path / "out.txt"
    with atomic_open(f) as out:
        out.write("şu\r\n")
        assert not f.exists()  # nothing visible until the block ends
    assert f.read_bytes() == "şu\r\n".encode()


def test_replace_failure_is_output_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "out.txt"
    f.write_text("old")

    def broken_replace(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OutputError, match=r"cannot write .*out\.txt: No space left on device"):
        write_atomic(f, "new")
    assert f.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_keeps_permissions_and_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_new_file_gets_umask_mode(tmp_path: Path) -> None:
    f = tmp_path / "new.txt"
    write_atomic(f, "x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(f.stat().st_mode) == 0o666 & ~mask


@pytest.mark.parametrize("make_dir", [True, False], ids=["target-is-dir", "parent-missing"])
def test_bad_targets(tmp_path: Path, make_dir: bool) -> None:
    target = tmp_path / "d" if make_dir else tmp_path / "missing" / "out.txt"
    if make_dir:
        target.mkdir()
    with pytest.raises(OutputError, match=("is a directory" if make_dir else "does not exist")):
        write_atomic(target, "x")


def test_dash_is_stdout(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    write_atomic("-", "ağaç\n")
    write_atomic("-", [b"b1", "s2"])
    with atomic_open("-") as out:
        out.write("şey\n")
    assert capsysbinary.readouterr().out == "ağaç\nb1s2şey\n".encode()


# --- writes that cannot destroy -------------------------------------------------------


def test_an_input_is_never_replaced(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("keep me\n")
    hard = tmp_path / "hard.txt"
    os.link(src, hard)
    soft = tmp_path / "soft.txt"
    soft.symlink_to(src)
    atomic.claim_input(src)
    for name in (src, hard, soft):
        with pytest.raises(OutputError, match="one of the input files"):
            write_atomic(name, "new")
    assert src.read_text() == "keep me\n"
    assert sorted(os.listdir(tmp_path)) == ["hard.txt", "in.txt", "soft.txt"]


def _sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("pragma journal_mode=wal")
    con.execute("create table t (x)")
    con.execute("insert into t values (1)")
    con.commit()
    con.close()


@pytest.mark.parametrize("name", ["store.db", "store.db-wal", "store.db-journal"])
def test_a_database_is_never_replaced(tmp_path: Path, name: str) -> None:
    _sqlite(tmp_path / "store.db")
    target = tmp_path / name
    if not target.exists():
        target.write_bytes(b"companion")
    before = target.read_bytes()
    with pytest.raises(OutputError, match="is a database file"):
        write_atomic(target, "<tmx/>")
    assert target.read_bytes() == before


def test_the_data_folders_own_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGN_HOME", str(tmp_path))
    users = tmp_path / "users.json"
    users.write_text("{}")
    with pytest.raises(OutputError, match="keeps its own data"):
        write_atomic(users, "export")
    write_atomic(users, '{"schema": 1}', own=True)  # the tool itself may
    assert users.read_text() == '{"schema": 1}'
    write_atomic(tmp_path / "export.tmx", "<tmx/>")  # other names in the folder are free
    assert (tmp_path / "export.tmx").read_text() == "<tmx/>"


def test_a_fifo_is_written_as_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "şey\n")
    reader.join(timeout=10)
    assert got == ["şey\n".encode()]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a FIFO, not a regular file
    assert os.listdir(tmp_path) == ["pipe"]


def test_a_device_is_written_not_replaced() -> None:
    write_atomic("/dev/null", "nothing")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not [n for n in os.listdir("/dev") if n.startswith(atomic.TMP_PREFIX)]
    with pytest.raises(OutputError, match=r"cannot write /dev/full: No space left"):
        write_atomic("/dev/full", "x" * 100_000)


def test_stale_temporary_files_are_swept(tmp_path: Path) -> None:
    dead = tmp_path / f"{atomic.TMP_PREFIX}999999999-out.txt.abc.tmp"  # no such process
    live = tmp_path / f"{atomic.TMP_PREFIX}{os.getpid()}-other.txt.def.tmp"
    old = tmp_path / f"{atomic.TMP_PREFIX}{os.getpid()}-old.txt.ghi.tmp"
    mine = tmp_path / "notes.tmp"  # not ours: never touched
    for p in (dead, live, old, mine):
        p.write_text("partial")
    os.utime(old, (0, 0))
    write_atomic(tmp_path / "out.txt", "done")
    assert sorted(os.listdir(tmp_path)) == sorted([live.name, mine.name, "out.txt"])


_PAIR = ("import sys, align.cli; sys.exit(align.cli.main(['pair', sys.argv[1], sys.argv[1], "
         "'--scorer', 'lexical', '-o', '-']))")


@pytest.fixture(scope="module")
def long_text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    f = tmp_path_factory.mktemp("long") / "long.txt"
    f.write_text("".join(f"Bu {i}. cümle burada.\n" for i in range(1500)), encoding="utf-8")
    return f


def _run(args: list[str], **kw: Any) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # stdout's buffer is raw: writes may be partial
    return subprocess.Popen([sys.executable, "-c", _PAIR, *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def test_stdout_gets_every_byte_when_unbuffered(long_text: Path, tmp_path: Path) -> None:
    p = _run([str(long_text)])
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    data = json.loads(out)  # truncated output would not parse
    assert len(data["source"]["sentences"]) == 1500


def test_a_closed_pipe_is_one_line(long_text: Path) -> None:
    p = _run([str(long_text)])
    assert p.stdout is not None and p.stderr is not None
    p.stdout.read(10)
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait(timeout=300) == 2
    assert err == "align: error: cannot write to standard output: Broken pipe\n"
