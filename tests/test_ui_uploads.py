"""ui.uploads: names cannot escape the data folder; type and size limits say why; messages
name an upload as it was uploaded (control characters made visible), never by a server path."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui.uploads import (
    Batch,
    UploadError,
    check_upload,
    new_batch,
    safe_name,
    save_upload,
    shown_name,
)


@pytest.mark.parametrize(("name", "expected"), [
    ("haber.txt", "haber.txt"),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\x\\özet metni.docx", "özet_metni.docx"),
    (".bashrc", "bashrc"),
    ("a<script>.html", "a_script_.html"),
    ("", "upload"),
    ("...", "upload"),
    ("x" * 300 + ".pdf", "x" * 96 + ".pdf"),
    ("_.txt", "upload.txt"),
    ("\x00.txt", "upload.txt"),
    ("x\x00/../..\x01.txt", "upload.txt"),
    ("evil.exe\x00.txt", "evil.exe_.txt"),
    ("a\r\nb\x1b[2J.md", "a_b_2J.md"),
])
def test_safe_name(name: str, expected: str) -> None:
    assert safe_name(name) == expected


@given(st.text(min_size=0, max_size=200))
def test_safe_name_never_leaves_folder(name: str) -> None:
    out = safe_name(name)
    assert out and "/" not in out and "\\" not in out and not out.startswith(".")
    assert len(out) <= 100 and out not in (".", "..")


@pytest.mark.parametrize(("name", "size", "message"), [
    ("a.exe", 10, "file type .exe is not accepted"),
    ("noext", 10, r"file type \(none\)"),
    ("a.txt", 0, "empty"),
    ("a.pdf", 21 * 1024 * 1024, "over the 20 MB limit"),
])
def test_check_upload_rejects(name: str, size: int, message: str) -> None:
    with pytest.raises(UploadError, match=message):
        check_upload(name, size)


@pytest.mark.parametrize("name", ["a.txt", "B.MD", "c.html", "d.docx", "e.pdf", "f.json"])
def test_check_upload_accepts(name: str) -> None:
    assert check_upload(name, 100) == Path(name).suffix.lower()


def test_save_upload_stays_in_batch(tmp_path: Path) -> None:
    batch = new_batch(tmp_path / "uploads")
    assert batch.parent == (tmp_path / "uploads").resolve()
    p1 = save_upload("../../evil.txt", b"merhaba", batch)
    p2 = save_upload("evil.txt", b"again", batch)
    assert p1 == batch / "evil.txt" and p2 == batch / "evil-2.txt"
    assert p1.read_bytes() == b"merhaba"
    assert sorted(x.name for x in tmp_path.rglob("*") if x.is_file()) == ["evil-2.txt",
                                                                          "evil.txt"]
    with pytest.raises(UploadError):
        save_upload("x.sh", b"rm -rf", batch)


@pytest.mark.parametrize(("name", "shown"), [
    ("özet metni.docx", "özet metni.docx"),
    ("a\x00b.txt", "a\ufffdb.txt"),
    ("x\n\x1b[31m\u202etxt.exe", "x\ufffd\ufffd[31m\ufffdtxt.exe"),  # breaks, escapes, bidi
    ("../../etc/passwd", "../../etc/passwd"),  # the user's own text: shown, never used
    ("", "(no name)"),
    ("y" * 300, "y" * 119 + "…"),
])
def test_shown_name(name: str, shown: str) -> None:
    assert shown_name(name) == shown


@pytest.mark.parametrize(("name", "message"), [
    ("a\x00.exe", "a\ufffd.exe: file type .exe is not accepted"),
    ("x.txt/", r"x\.txt/: file type \(none\)"),  # saved as "upload": no suffix
    ("a\nb.sh", "a\ufffdb.sh: file type .sh"),
])
def test_check_upload_names_the_upload(name: str, message: str) -> None:
    with pytest.raises(UploadError, match=message) as e:
        check_upload(name, 10)
    assert "\x00" not in str(e.value) and "\n" not in str(e.value)


def test_check_upload_takes_the_saved_suffix() -> None:
    assert check_upload("evil.exe\x00.txt", 10) == ".txt"  # saved as evil.exe_.txt


@pytest.mark.parametrize("name", ["a\x00b.txt", "\x00.txt", "x\x00/../..\x01.txt", "..\\..\\w.txt",
                                  "\u202eexe.txt", "a\r\nb.txt"])
def test_batch_saves_any_name_inside(tmp_path: Path, name: str) -> None:
    batch = Batch.new(tmp_path / "uploads")
    path = batch.save(name, b"merhaba", (".txt",))
    assert path.parent == batch.folder and path.read_bytes() == b"merhaba"
    assert batch.names == {path: name}
    assert all(c.isprintable() for c in path.name) and path.suffix == ".txt"


def test_batch_message_names_uploads_not_paths(tmp_path: Path) -> None:
    batch = Batch.new(tmp_path / "uploads")
    a = batch.save("özet metni.json", b"{}", (".json",))
    b = batch.save("a\x00b.json", b"{}", (".json",))
    assert (a.name, b.name) == ("özet_metni.json", "a_b.json")
    error = (f"{a} is not a project file; {b.name}: line 1 is bad; wrote "
             f"{batch.folder}/özet_metni.project.json under {batch.folder.parent}")
    shown = batch.message(ValueError(error))
    assert shown == ("özet metni.json is not a project file; a\ufffdb.json: line 1 is bad; "
                     "wrote özet_metni.project.json under uploads")
    assert str(tmp_path) not in shown
