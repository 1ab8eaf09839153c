"""Word .docx sources, built in the tests with python-docx."""
from __future__ import annotations

from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from align.errors import InputError, NoArticle
from align.segment import segment
from align.sources import read_source

TITLE = "Çiftçilere kuraklık desteği açıklandı"
P1 = "Tarım Bakanlığı, kuraklıktan etkilenen üreticilere ödeme yapılacağını duyurdu."
P2 = "Destek, Güneydoğu'daki ışık ve su sorunları için de kullanılabilecek."


def build(path: Path, items: list[tuple[str, str | None]], *, core_title: str = "",
          author: str = "") -> Path:
    """``items``: (text, style) paragraphs; style None is Normal."""
    d = docx.Document()
    for text, style in items:
        d.add_paragraph(text, style=style)
    d.core_properties.title = core_title
    d.core_properties.author = author
    d.save(str(path))
    return path


def test_title_style_runs_breaks_tables(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("ANKARA — 12 Mart", style=None)
    d.add_paragraph(TITLE, style="Title")
    d.add_paragraph("")
    para = d.add_paragraph()
    para.add_run("Tarım Bakanlığı, kuraklıktan ")
    para.add_run("etkilenen").bold = True
    para.add_run(" üreticilere ödeme yapılacağını duyurdu.")
    d.add_paragraph("   ")
    wrapped = d.add_paragraph("Destek, Güneydoğu'daki ışık")
    wrapped.add_run().add_break()
    wrapped.add_run("ve su sorunları için de\tkullanılabilecek.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Bölge: Şanlıurfa"
    table.cell(1, 0).text = "Ödeme: 1,5 milyar lira"
    table.cell(1, 1).text = "Süre: üç ay"
    d.core_properties.author = "Ayşe Yılmaz"
    p = tmp_path / "haber.docx"
    d.save(str(p))
    s = read_source(p)
    assert s.kind == "docx"
    assert s.title == TITLE
    assert s.author == "Ayşe Yılmaz" and s.date is None
    assert s.body == ("ANKARA — 12 Mart", P1, P2, "Bölge: Şanlıurfa", "Ödeme: 1,5 milyar lira",
                      "Süre: üç ay")
    doc = segment(s.text, "tr")
    assert (doc.sentences[0].text, doc.sentences[0].paragraph) == (TITLE, 0)


@pytest.mark.parametrize(
    ("items", "core_title", "title", "body"),
    [
        ([(TITLE, "Heading 1"), (P1, None), (P2, None)], "", TITLE, (P1, P2)),
        ([(P1, None), (P2, None)], TITLE, TITLE, (P1, P2)),  # core property
        ([(TITLE, None), (P1, None)], "", TITLE, (P1,)),  # short first paragraph
        # a heading after a long body paragraph is a subheading, not the title
        ([(" ".join(["uzun"] * 35) + ".", None), ("Ara başlık", "Heading 2")], "", None,
         (" ".join(["uzun"] * 35) + ".", "Ara başlık")),
        ([(TITLE, "Heading 1"), (P1, None)], "Microsoft Word - taslak.docx", TITLE, (P1,)),
    ],
)
def test_title_rules(tmp_path: Path, items: list[tuple[str, str | None]], core_title: str,
                     title: str | None, body: tuple[str, ...]) -> None:
    s = read_source(build(tmp_path / "a.docx", items, core_title=core_title))
    assert (s.title, s.body) == (title, body)


def test_empty_document_has_no_article(tmp_path: Path) -> None:
    p = build(tmp_path / "bos.docx", [("", None), ("  ", None)])
    with pytest.raises(NoArticle, match="bos.docx: no article text"):
        read_source(p)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "password-protected or a Word 97-2003"),
        (b"PK\x03\x04 not really a zip", "not a valid .docx|cannot be read as .docx"),
        (b"plain text", "not a valid .docx|cannot be read as .docx"),
    ],
)
def test_unreadable_docx(tmp_path: Path, data: bytes, message: str) -> None:
    p = tmp_path / "bozuk.docx"
    p.write_bytes(data)
    with pytest.raises(InputError, match=message) as e:
        read_source(p)
    assert "bozuk.docx" in str(e.value)
