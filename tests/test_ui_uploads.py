"""ui.uploads: names cannot escape the data folder; type and size limits say why."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui.uploads import UploadError, check_upload, new_batch, safe_name, save_upload


@pytest.mark.parametrize(("name", "expected"), [
    ("haber.txt", "haber.txt"),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\x\\özet metni.docx", "özet_metni.docx"),
    (".bashrc", "bashrc"),
    ("a<script>.html", "a_script_.html"),
    ("", "upload"),
    ("...", "upload"),
    ("x" * 300 + ".pdf", "x" * 96 + ".pdf"),
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
