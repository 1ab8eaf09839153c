"""Read plain-text input files: detect the encoding, refuse binary or empty files.

Order of detection (first that fits wins):

1. a byte-order mark: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE;
2. strict UTF-8;
3. UTF-16 without a BOM, when every other byte is NUL (Notepad "Unicode" files);
4. Turkish legacy encodings, cp1254 then ISO-8859-9, when the decoded text is Latin
   script whose non-ASCII letters are mostly Turkish (ç ğ ı İ ö ş ü, with at least
   one of ğ ı İ ş Ş Ğ, which cp1252/cp1250 would turn into ð ý Ý þ Þ Ð);
5. charset-normalizer's best guess (it alone often calls cp1254 Turkish "cp1257 Croatian").

Newlines are normalised to ``"\\n"`` in ``DecodedText.text``; what they were is kept.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from align.errors import InputError, SchemaError
from align.io.atomic import claim_input

Newline = Literal["LF", "CRLF", "CR", "mixed"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 LE must be tested before UTF-16 LE: its BOM starts with FF FE.
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_TURKISH_DISTINCT = frozenset("ğĞşŞıİ")  # not in cp1252 / latin-1
_TURKISH_LETTERS = frozenset("çÇğĞıİöÖşŞüÜâÂîÎûÛ")
_ENCODING_NAMES = {
    "cp1254": "Turkish Windows",
    "iso-8859-9": "Turkish Latin-5",
}
# Control characters that never occur in text: C0 except \t \n \v \f \r, DEL and C1.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])
_C1_BYTES_RE = re.compile(b"[\x80-\x9f]")  # where cp1254 and ISO-8859-9 differ
_ASCII = bytes(range(128))
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_MAX_CONTROL_SHARE = 0.05  # text files have ~0; random bytes have ~10% C0 controls


@dataclass(frozen=True)
class DecodedText:
    """A decoded text file.

    ``text`` has ``"\\n"`` newlines and no BOM; ``encoding`` is a Python codec name
    (``utf-8``, ``utf-16-le``, ``cp1254``, ...); ``newline`` records the original line
    endings ("LF" also when the file has none); ``note`` is one human-readable line.
    """

    path: Path
    text: str
    encoding: str
    had_bom: bool
    newline: Newline
    note: str


def read_text(path: str | Path) -> DecodedText:
    """Read and decode a text file (``"-"`` reads standard input).

    Raises InputError (one line, naming the file) when the file is missing, a
    directory, unreadable, empty, whitespace only, binary or undecodable.
    """
    from align.limits import check_size, max_text_bytes, too_large

    if str(path) == "-":
        limit = max_text_bytes()
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise too_large("standard input", "more than", len(data), limit)
        return decode_bytes(data, "<stdin>")
    check_size(path)
    return decode_bytes(read_bytes(path), Path(path))


def read_bytes(path: str | Path, limit: int | None = None,
               expected: str = "a plain-text file") -> bytes:
    """The file's bytes (the first ``limit`` if given); InputError naming the file when it is
    missing, a directory or unreadable."""
    claim_input(path)
    try:
        with Path(path).open("rb") as f:
            return f.read() if limit is None else f.read(limit)
    except FileNotFoundError:
        raise InputError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory; expected {expected}") from None
    except OSError as e:
        raise InputError(f"{path} cannot be read: {e.strerror or e}") from None


def read_json(path: str | Path, expected: str) -> Any:
    """Read and parse a JSON file. One-line errors name the file: InputError when it cannot
    be read, SchemaError when it is not JSON within the limits (``expected`` completes
    "expected ..." in that message, e.g. "an align.project/1 file")."""
    from align.jsontext import loads

    data = read_bytes(path, expected=expected)
    try:
        return loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise SchemaError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start}); "
                          f"expected {expected}") from None
    except SchemaError as e:
        raise SchemaError(f"{path}: {e}; expected {expected}") from None


def read_lines(path: str | Path) -> list[str]:
    """Read a presegmented file: one sentence per line, without line ends.

    Blank lines are kept (they may mark paragraphs); one final newline does not make
    an extra empty line.
    """
    text = read_text(path).text
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> DecodedText:
    """Decode the bytes of a text file (e.g. an upload) by the rules of this module."""
    name = str(path)
    if not data:
        raise InputError(f"{name} is empty (0 bytes)")
    encoding, had_bom, how = _detect(data, name)
    if had_bom:
        text = data.decode(encoding)[1:]  # the BOM decodes to U+FEFF
    else:
        text = data.decode(encoding)
    _check_controls(text, name)
    if not text.strip():
        raise InputError(f"{name} contains only whitespace ({len(data)} bytes)")
    text, newline = _normalise_newlines(text)
    note = how if newline == "LF" else f"{how}; {newline} line ends normalised to LF"
    return DecodedText(Path(path), text, encoding, had_bom, newline, note)


def _detect(data: bytes, name: str) -> tuple[str, bool, str]:
    """Return (codec, had_bom, note) or raise InputError."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                data.decode(enc)
            except UnicodeDecodeError as e:
                raise InputError(
                    f"{name} starts with a {enc.upper()} byte-order mark but is not valid "
                    f"{enc.upper()} (byte offset {e.start})"
                ) from None
            return enc, True, f"decoded as {enc.upper()} (with BOM)"
    nul = data.find(b"\x00")
    if nul >= 0:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return utf16, False, f"decoded as {utf16.upper()} (no BOM: NUL every other byte)"
        raise InputError(f"{name} looks binary (NUL bytes at offset {nul}); expected plain text")
    sample = data[:65536]
    n_ctrl = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if n_ctrl > _MAX_CONTROL_SHARE * len(sample):
        raise InputError(
            f"{name} looks binary ({n_ctrl} control bytes in the first {len(sample)}); "
            "expected plain text"
        )
    try:
        data.decode("utf-8")
        return "utf-8", False, "decoded as UTF-8"
    except UnicodeDecodeError as e:
        utf8_error = f"invalid UTF-8 byte 0x{data[e.start]:02x} at offset {e.start}"
    for enc in ("cp1254", "iso-8859-9"):
        if _looks_turkish(data, enc):
            label = _ENCODING_NAMES[enc]
            if enc == "cp1254" and not _C1_BYTES_RE.search(data):
                label += "; identical to ISO-8859-9 for these bytes"
            return enc, False, f"decoded as {enc} ({label}), not UTF-8 ({utf8_error})"
    from charset_normalizer import from_bytes  # lazy: only legacy files need it

    best = from_bytes(data).best()
    if best is None:
        raise InputError(
            f"{name} cannot be decoded: not UTF-8 ({utf8_error}) and no legacy encoding fits; "
            "re-save it as UTF-8"
        )
    enc = best.encoding
    lang = f", language {best.language}" if best.language not in ("", "Unknown") else ""
    return (
        enc,
        False,
        f"decoded as {enc} (guessed by charset-normalizer{lang}), not UTF-8 ({utf8_error})",
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit on one byte parity only and the text decodes."""
    if len(data) % 2:
        return None
    sample = data[:65536]
    even_nul, odd_nul = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    if odd_nul >= 0.3 * pairs and even_nul == 0:
        enc = "utf-16-le"
    elif even_nul >= 0.3 * pairs and odd_nul == 0:
        enc = "utf-16-be"
    else:
        return None
    try:
        data.decode(enc)
    except UnicodeDecodeError:
        return None
    return enc


def _looks_turkish(data: bytes, enc: str) -> bool:
    """True when ``data`` decodes in ``enc`` (an ASCII superset) to Latin-script text
    whose non-ASCII letters are mostly Turkish ones."""
    try:
        high = data.translate(None, _ASCII).decode(enc)  # the non-ASCII characters only
    except UnicodeDecodeError:
        return False
    if not any(c in _TURKISH_DISTINCT for c in high):
        return False
    non_ascii = [c for c in high if c.isalpha()]
    n_ascii = len(data) - len(data.translate(None, _ASCII_LETTERS))
    n_turkish = sum(1 for c in non_ascii if c in _TURKISH_LETTERS)
    # Turkish prose: ~90% of letters ASCII and nearly all others Turkish.
    # Cyrillic/Greek read as cp1254 have few ASCII letters; Czech/Polish have ř ł ą ...
    # A text of Turkish letters only (no ASCII at all) is accepted too.
    if n_turkish == len(non_ascii):
        return True
    return n_ascii >= len(non_ascii) and n_turkish >= 0.75 * len(non_ascii)


def _check_controls(text: str, name: str) -> None:
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(
            f"{name} looks binary (NUL character at offset {nul} after decoding); "
            "expected plain text"
        )
    n_ctrl = sum(1 for _ in _CONTROL_RE.finditer(text))
    if n_ctrl > _MAX_CONTROL_SHARE * len(text):
        raise InputError(
            f"{name} looks binary ({n_ctrl} of {len(text)} characters are control "
            "characters); expected plain text"
        )


def _normalise_newlines(text: str) -> tuple[str, Newline]:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [k for k, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    newline: Newline
    if len(kinds) > 1:
        newline = "mixed"
    elif kinds == ["CRLF"]:
        newline = "CRLF"
    elif kinds == ["CR"]:
        newline = "CR"
    else:
        newline = "LF"
    if crlf or cr:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, newline
