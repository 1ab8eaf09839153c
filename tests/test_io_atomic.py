"""Atomic writes (align.io.atomic): the target is old or complete, never partial."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

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
