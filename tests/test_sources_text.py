"""Plain-text and Markdown sources, dispatch and the SourceText record (align.sources)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.errors import InputError
from align.segment import segment
from align.sources import SourceText, read_source, source_kind
from align.sources.base import build_text, clean_paragraph, iso_date
from align.sources.text import split_paragraphs

TITLE = "Ağır kış şartları İstanbul'u etkiledi"
P1 = "Kar yağışı sabah saatlerinde başladı. Öğrenciler okula gidemedi."
P2 = "Valilik, ılık havanın çarşamba günü döneceğini açıkladı. İşçiler yolları temizliyor."


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


# (name, file content, expected paragraphs after the title)
TXT_CASES = [
    ("blank-lines", f"{TITLE}\n\n{P1}\n\n{P2}\n", [P1, P2]),
    ("soft-wrap", f"{TITLE}\n\nKar yağışı sabah saatlerinde\nbaşladı. Öğrenciler okula gidemedi.\n\n{P2}",
     [P1, P2]),
    ("one-per-line", f"{TITLE}\n{P1}\n{P2}\n", [P1, P2]),
    ("crlf-and-spaces", f"  {TITLE}  \r\n\r\n{P1}\r\n\r\n\r\n{P2}\r\n", [P1, P2]),
    ("title-repeated", f"{TITLE}\n\n{TITLE}\n\n{P1}", [P1]),
]


@pytest.mark.parametrize(("name", "content", "body"), TXT_CASES, ids=[c[0] for c in TXT_CASES])
def test_txt_paragraphs(tmp_path: Path, name: str, content: str, body: list[str]) -> None:
    s = read_source(write(tmp_path, "a.txt", content))
    assert s.kind == "txt"
    assert s.title == TITLE
    assert s.body == tuple(body)
    assert s.text == "\n\n".join([TITLE, *body])


@pytest.mark.parametrize("encoding", ["cp1254", "iso-8859-9", "utf-16", "utf-8-sig"])
def test_txt_legacy_encodings(tmp_path: Path, encoding: str) -> None:
    text = f"{TITLE}\n\n{P1} ğüşıöç İĞÜŞÖÇ\n"
    s = read_source(write(tmp_path, "a.txt", text.encode(encoding)))
    assert s.body == (f"{P1} ğüşıöç İĞÜŞÖÇ",)
    assert s.encoding is not None
    assert s.note


def test_segment_gives_headline_then_sentences(tmp_path: Path) -> None:
    s = read_source(write(tmp_path, "a.txt", f"{TITLE}\n\n{P1}\n\n{P2}\n"))
    doc = segment(s.text, "tr")
    assert [(x.paragraph, x.text) for x in doc.sentences] == [
        (0, TITLE),
        (1, "Kar yağışı sabah saatlerinde başladı."), (1, "Öğrenciler okula gidemedi."),
        (2, "Valilik, ılık havanın çarşamba günü döneceğini açıkladı."),
        (2, "İşçiler yolları temizliyor."),
    ]


def test_long_first_paragraph_is_not_a_title(tmp_path: Path) -> None:
    long = " ".join(["kelime"] * 40) + "."
    s = read_source(write(tmp_path, "a.txt", f"{long}\n\n{P1}"))
    assert s.title is None
    assert s.paragraphs == (long, P1)
    assert s.body == (long, P1)


MD = f"""---
author: Ayşe Yılmaz
date: 12.03.2024
url: https://example.com.tr/kar
---
Kısa bir ön not, başlıktan önce.

# {TITLE}

Kar yağışı **sabah** saatlerinde _başladı_. [Öğrenciler](https://meb.gov.tr "MEB") okula
gidemedi.

![foto](kar.jpg)

## Ara başlık: çığ uyarısı

> Valilik, ılık havanın *çarşamba* günü döneceğini açıkladı. İşçiler yolları
> temizliyor.

- Birinci madde: `yollar` kapalı
- İkinci madde, [kaynak][1]

---

snake_case_adı ve 5 * 3 = 15 korunur. <!-- yorum -->

[1]: https://example.com/ref
"""


def test_markdown(tmp_path: Path) -> None:
    s = read_source(write(tmp_path, "a.md", MD))
    assert s.kind == "md"
    assert s.title == TITLE
    assert (s.author, s.date, s.url) == ("Ayşe Yılmaz", "2024-03-12", "https://example.com.tr/kar")
    assert s.body == (
        "Kısa bir ön not, başlıktan önce.",
        "Kar yağışı sabah saatlerinde başladı. Öğrenciler okula gidemedi.",
        "Ara başlık: çığ uyarısı",
        "Valilik, ılık havanın çarşamba günü döneceğini açıkladı. İşçiler yolları temizliyor.",
        "Birinci madde: yollar kapalı",
        "İkinci madde, kaynak",
        "snake_case_adı ve 5 * 3 = 15 korunur.",
    )


@pytest.mark.parametrize(
    ("content", "title", "body"),
    [
        (f"{TITLE}\n=====\n\n{P1}\n", TITLE, (P1,)),
        (f"Önsöz\n\n{TITLE}\n---\n\n{P1}\n", TITLE, ("Önsöz", P1)),
        ("Kar uyarısı\n\n" + P1, "Kar uyarısı", (P1,)),  # no heading: a short first line
        (f"{P1}\n\n{P2}\n", None, (P1, P2)),  # no heading, and P1 is prose: no title
        (f"---\ntitle: Ön başlık\n---\n\n# {TITLE}\n\n{P1}", "Ön başlık", (TITLE, P1)),
        (f"# Başlık #\n\n```\nkod satırı\n```\n\n{P1}", "Başlık", ("kod satırı", P1)),
    ],
)
def test_markdown_titles(tmp_path: Path, content: str, title: str | None,
                         body: tuple[str, ...]) -> None:
    s = read_source(write(tmp_path, "a.md", content))
    assert (s.title, s.body) == (title, body)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\n \n", "whitespace"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("missing.txt", None, "does not exist"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "save the file as .docx"),
        ("tm.tmx", b"<tmx/>", "read_tmx"),
    ],
)
def test_refusals(tmp_path: Path, name: str, data: bytes | None, message: str) -> None:
    p = tmp_path / name
    if data is not None:
        p.write_bytes(data)
    with pytest.raises(InputError, match=message) as e:
        read_source(p)
    assert name in str(e.value)


def test_directory_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_source(tmp_path)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4\n", "pdf"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html></html>", "html"),
        (b"  <html lang='tr'><body>x</body></html>", "html"),
        (b"PK\x03\x04....word/document.xml", "docx"),
        ("Düz metin".encode(), "txt"),
    ],
)
def test_sniffing_without_extension(tmp_path: Path, data: bytes, kind: str) -> None:
    assert source_kind(write(tmp_path, "download", data)) == kind


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-03-12T09:30:00+03:00", "2024-03-12"), ("12.03.2024", "2024-03-12"),
        ("1/2/2024", "2024-02-01"), ("12 Mart 2024", "2024-03-12"),
        ("5 AĞUSTOS 2023", "2023-08-05"), ("3 March 2021", "2021-03-03"),
        ("2024-02-30", None), ("dün", None), ("", None), (None, None),
    ],
)
def test_iso_date(value: str | None, iso: str | None) -> None:
    assert iso_date(value) == iso


def test_source_text_round_trip() -> None:
    s = SourceText("a.html", f"{TITLE}\n\n{P1}", TITLE, "Ayşe", "2024-03-12", "https://x", "html",
                   "cp1254", "decoded")
    assert SourceText.from_dict({**s.to_dict(), "new_key": 1}) == s


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=6),
       st.one_of(st.none(), st.text(max_size=30)))
def test_build_text_invariants(paras: list[str], title: str | None) -> None:
    """No paragraph holds a line break or is empty; the title is paragraph 0."""
    t, text = build_text(title, paras)
    parts = text.split("\n\n") if text else []
    assert all(p and p == p.strip() and "\n" not in p for p in parts)
    if t is not None:
        assert parts[0] == t
    assert len(parts) <= len(paras) + 1
    assert [clean_paragraph(p) for p in parts] == parts


def test_split_paragraphs_ignores_edge_blank_lines() -> None:
    assert split_paragraphs(["", "a", "b", ""]) == ["a", "b"]
    assert split_paragraphs(["a", "b", "", "c"]) == ["a b", "c"]


@pytest.mark.parametrize(
    ("text", "is_title"),
    [
        (TITLE, True),
        ("Kuraklık raporu yayımlandı.", True),  # one short sentence with a full stop
        ("Deprem mi oluyor?", True),
        ("Ve sonra...", True),
        (P1, False),  # two sentences: a lead paragraph
        (" ".join(["uzun"] * 13) + ".", False),  # one long sentence with a full stop
        (" ".join(["kelime"] * 31), False),
        ("", False),
    ],
)
def test_looks_like_title(text: str, is_title: bool) -> None:
    from align.sources.base import looks_like_title

    assert looks_like_title(text) is is_title


def test_prose_first_paragraph_is_not_a_title(tmp_path: Path) -> None:
    s = read_source(write(tmp_path, "a.txt", f"{P1}\n\n{P2}\n"))
    assert s.title is None and s.body == (P1, P2)
