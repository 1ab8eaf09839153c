"""Bounded inputs (align.limits): too-large text, zip bombs and long PDFs are refused unread,
with one line naming the file and the limit."""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

import align.sources.pdf as pdf_module
from align.cli import main
from align.errors import InputError
from align.io import read_text
from align.sources import read_source

ROOT = Path(__file__).resolve().parents[1]
DOCX = ROOT / "samples" / "bayraktar" / "sources" / "duvar.docx"
PDF = ROOT / "samples" / "digests" / "justice" / "sources" / "yesilvadi-davasi.pdf"


def test_text_over_the_limit_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ALIGN_MAX_INPUT_MB", "0.001")  # 1,000 bytes
    big = tmp_path / "big.txt"
    big.write_text("Bu bir cümle.\n" * 200, encoding="utf-8")
    with pytest.raises(InputError, match=r"big\.txt is too large: the file is 0\.0 MB, the limit "
                                         r"is 0\.0 MB \(set ALIGN_MAX_INPUT_MB to raise it\)"):
        read_text(big)
    with pytest.raises(InputError, match="too large"):
        read_source(big)
    out = tmp_path / "out.json"
    assert main(["pair", str(big), str(big), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "big.txt is too large" in err and not out.exists()
    monkeypatch.setenv("ALIGN_MAX_INPUT_MB", "1")
    assert read_text(big).text.startswith("Bu bir cümle.")  # under the limit: read


def test_standard_input_is_read_only_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGN_MAX_INPUT_MB", "0.001")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Bir cumle.\n" * 500)))
    with pytest.raises(InputError, match="standard input is too large"):
        read_text("-")


@pytest.mark.parametrize("value", ["lots", "0", "-5"])
def test_a_bad_limit_setting_is_named(monkeypatch: pytest.MonkeyPatch, value: str,
                                      tmp_path: Path) -> None:
    monkeypatch.setenv("ALIGN_MAX_INPUT_MB", value)
    (tmp_path / "a.txt").write_text("Bir.")
    with pytest.raises(InputError, match="ALIGN_MAX_INPUT_MB"):
        read_text(tmp_path / "a.txt")


def _docx_with(tmp_path: Path, document_xml_size: int) -> Path:
    """The sample DOCX with word/document.xml padded by zeros-like XML to the given size."""
    out = tmp_path / "padded.docx"
    with zipfile.ZipFile(DOCX) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as o:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "word/document.xml":
                data += b" " * (document_xml_size - len(data))
            o.writestr(info.filename, data)
    return out


def test_a_zip_bomb_docx_is_refused_before_inflating(tmp_path: Path) -> None:
    bomb = _docx_with(tmp_path, 30_000_000)  # 30 MB of spaces: compresses about 1000:1
    assert bomb.stat().st_size < 200_000
    with pytest.raises(InputError, match=r"word/document\.xml inflates \d+ times .* zip bomb"):
        read_source(bomb)


def test_a_docx_inflating_past_the_limit_is_refused(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGN_MAX_INPUT_MB", "0.01")  # parts may inflate to 100 kB
    with pytest.raises(InputError, match=r"duvar\.docx is too large: its part"):
        read_source(DOCX)
    monkeypatch.delenv("ALIGN_MAX_INPUT_MB")
    assert "Bayraktar" in read_source(DOCX).text  # the real document is fine


def test_a_pdf_past_the_page_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "MAX_PDF_PAGES", 1)
    with pytest.raises(InputError, match="has more than 1 pages; split it"):
        read_source(PDF)
