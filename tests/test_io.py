"""Reading input files: encodings, newlines, refusals (align.io.read)."""

from __future__ import annotations

import io
import random
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.errors import InputError
from align.io.read import decode_bytes, read_lines, read_text

TURKISH = "ğüşıöç ĞÜŞİÖÇ"
PROSE = (
    "Türkiye'nin başkenti Ankara'dır. Çocuklar ağaçların altında oynuyor.\n"
    "İstanbul ise en büyük şehirdir; Boğaziçi'nde ışıklar yanıyor. " + TURKISH + "\n"
)

# (name, bytes, expected text, encodings accepted, had_bom, newline)
DECODE_CASES = [
    ("utf8", PROSE.encode("utf-8"), PROSE, {"utf-8"}, False, "LF"),
    ("utf8-bom", b"\xef\xbb\xbf" + PROSE.encode("utf-8"), PROSE, {"utf-8"}, True, "LF"),
    ("utf16le-bom", b"\xff\xfe" + PROSE.encode("utf-16-le"), PROSE, {"utf-16-le"}, True, "LF"),
    ("utf16be-bom", b"\xfe\xff" + PROSE.encode("utf-16-be"), PROSE, {"utf-16-be"}, True, "LF"),
    (
        "utf32le-bom",
        b"\xff\xfe\x00\x00" + PROSE.encode("utf-32-le"),
        PROSE,
        {"utf-32-le"},
        True,
        "LF",
    ),
    ("utf16le-nobom", PROSE.encode("utf-16-le"), PROSE, {"utf-16-le"}, False, "LF"),
    ("cp1254", PROSE.encode("cp1254"), PROSE, {"cp1254"}, False, "LF"),
    ("cp1254-letters-only", TURKISH.encode("cp1254"), TURKISH, {"cp1254"}, False, "LF"),
    (
        "cp1254-smart-quotes",
        "“Ağaç” – şöyle…".encode("cp1254"),
        "“Ağaç” – şöyle…",
        {"cp1254"},
        False,
        "LF",
    ),
    ("iso-8859-9", PROSE.encode("iso-8859-9"), PROSE, {"cp1254", "iso-8859-9"}, False, "LF"),
    (
        "iso-8859-9-letters",
        TURKISH.encode("iso-8859-9"),
        TURKISH,
        {"cp1254", "iso-8859-9"},
        False,
        "LF",
    ),
    ("crlf", b"a\r\nb\r\n", "a\nb\n", {"utf-8"}, False, "CRLF"),
    ("cr", b"a\rb\r", "a\nb\n", {"utf-8"}, False, "CR"),
    ("mixed", b"a\r\nb\nc\rd", "a\nb\nc\nd", {"utf-8"}, False, "mixed"),
    ("no-newline", b"tek satir", "tek satir", {"utf-8"}, False, "LF"),
    ("cp1254-crlf", PROSE.replace("\n", "\r\n").encode("cp1254"), PROSE, {"cp1254"}, False, "CRLF"),
    (
        "cp1251-russian",
        "Привет, как дела? Это тест.".encode("cp1251"),
        "Привет, как дела? Это тест.",
        {"cp1251"},
        False,
        "LF",
    ),
    (
        "cp1250-polish",
        "Zażółć gęślą jaźń.".encode("cp1250"),
        "Zażółć gęślą jaźń.",
        {"cp1250"},
        False,
        "LF",
    ),
]


@pytest.mark.parametrize(
    "data,text,encodings,had_bom,newline",
    [c[1:] for c in DECODE_CASES],
    ids=[c[0] for c in DECODE_CASES],
)
def test_read_text_decodes(
    tmp_path: Path, data: bytes, text: str, encodings: set[str], had_bom: bool, newline: str
) -> None:
    f = tmp_path / "in.txt"
    f.write_bytes(data)
    d = read_text(f)
    assert d.text == text
    assert d.encoding in encodings
    assert d.had_bom is had_bom
    assert d.newline == newline
    assert d.path == f
    assert "\n" not in d.note and d.note.startswith("decoded as")
    assert "\r" not in d.text and "\ufeff" not in d.text


def test_turkish_letters_survive_legacy_encodings(tmp_path: Path) -> None:
    for enc in ("cp1254", "iso-8859-9"):
        f = tmp_path / f"{enc}.txt"
        f.write_bytes(TURKISH.encode(enc))
        d = read_text(f)
        assert d.text == TURKISH
        assert "not UTF-8" in d.note and "Turkish" in d.note


def test_note_names_newline_normalisation(tmp_path: Path) -> None:
    f = tmp_path / "crlf.txt"
    f.write_bytes("Ağaç\r\n".encode("cp1254"))
    assert read_text(f).note.startswith("decoded as cp1254 (Turkish Windows")
    assert "CRLF line ends normalised to LF" in read_text(f).note


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00>\x00"
_rng = random.Random(0)
CONTROLS = bytes(_rng.choice([1, 2, 3, 4, 5, 6, 0x10, 0x1F, 65, 66, 32]) for _ in range(400))
HIGH = bytes(_rng.choice([*range(0x80, 0x100), 0x20]) for _ in range(2000))

# (name, bytes or None for "make a directory", message fragment)
ERROR_CASES = [
    ("empty", b"", "is empty (0 bytes)"),
    ("whitespace", b" \n\t\r\n  \n", "contains only whitespace (8 bytes)"),
    ("whitespace-utf16", b"\xff\xfe" + " \n ".encode("utf-16-le"), "contains only whitespace"),
    ("png", PNG, "looks binary (NUL bytes at offset 8); expected plain text"),
    ("elf", ELF, "looks binary (NUL bytes at offset 7); expected plain text"),
    ("controls", CONTROLS, "looks binary ("),
    ("nul-in-utf16", b"\xff\xfe" + "a\x00b".encode("utf-16-le"), "looks binary (NUL character"),
    ("bad-utf16-bom", b"\xff\xfe\x00\xd8", "is not valid UTF-16-LE"),
    ("undecodable", HIGH, "cannot be decoded: not UTF-8"),
]


@pytest.mark.parametrize(
    "data,fragment", [c[1:] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES]
)
def test_read_text_refuses(tmp_path: Path, data: bytes, fragment: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(data)
    with pytest.raises(InputError) as ei:
        read_text(f)
    msg = str(ei.value)
    assert msg.startswith(str(f)) and fragment in msg
    assert "\n" not in msg


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt does not exist$"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory; expected a plain-text file"):
        read_text(tmp_path)


@pytest.mark.parametrize("enc", ["utf-8", "cp1254"])
def test_one_megabyte_single_line(tmp_path: Path, enc: str) -> None:
    line = ("Ağaç şöyle dursun, ırmak İzmir'e akar. " * 27_000)[:1_000_000]
    f = tmp_path / "big.txt"
    f.write_bytes(line.encode(enc))
    t0 = time.perf_counter()
    d = read_text(f)
    elapsed = time.perf_counter() - t0
    assert d.text == line and d.encoding == enc
    assert elapsed < 2.0, f"reading a 1 MB line took {elapsed:.2f}s"


def test_read_lines(tmp_path: Path) -> None:
    f = tmp_path / "pre.txt"
    f.write_bytes("Bir.\r\n\r\nİki.\r\nÜç.\r\n".encode("cp1254"))
    assert read_lines(f) == ["Bir.", "", "İki.", "Üç."]
    f.write_bytes(b"a\nb")
    assert read_lines(f) == ["a", "b"]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TURKISH.encode("cp1254"))))
    d = read_text("-")
    assert d.text == TURKISH and str(d.path) == "<stdin>"


def test_decode_bytes_names_the_upload() -> None:
    with pytest.raises(InputError, match=r"^upload\.txt is empty \(0 bytes\)$"):
        decode_bytes(b"", "upload.txt")


_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
    min_size=1,
).filter(lambda s: s.strip() != "")


@settings(max_examples=60, deadline=None)
@given(_TEXT)
def test_utf8_round_trip(text: str) -> None:
    d = decode_bytes(text.encode("utf-8"))
    assert d.text == text and d.encoding == "utf-8"


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        st.sampled_from("abcdefghijklmnoprstuvyz ABCDEFGHIJKLMNOPRSTUVYZ.,'çÇöÖüÜ"), max_size=40
    ),
    st.text(st.sampled_from("ğĞşŞıİ"), min_size=1, max_size=4),
    st.sampled_from(["cp1254", "iso-8859-9"]),
)
def test_turkish_legacy_round_trip(ascii_part: str, turkish: str, enc: str) -> None:
    text = ascii_part + turkish
    assert decode_bytes(text.encode(enc)).text == text
