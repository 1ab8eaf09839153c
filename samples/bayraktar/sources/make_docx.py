"""Rebuild duvar.docx (the Gazete Duvar story as a Word file) from ../duvar/source.seg.

Usage: .venv/bin/python samples/bayraktar/sources/make_docx.py   (needs python-docx)

Layout: the headline (sentence 0) as one paragraph in Word's built-in "Title" style, then one
"Normal" paragraph per .seg paragraph, its sentences joined by one space; no empty paragraphs.
As in files saved from Word, some paragraphs are split into several runs (a bold lead, an
italic quote); the runs concatenate to exactly the paragraph text. Core properties carry the
title and the publication date; the author field is left empty (the story has no byline).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.shared import Pt

from align.io.goldseg import build_gold

HERE = Path(__file__).resolve().parent
SEG_FOLDER = HERE.parent / "duvar"
OUT = HERE / "duvar.docx"


def paragraphs() -> list[str]:
    """The .seg paragraphs, 0-based, headline first (the gold source text split at blank lines)."""
    return build_gold(SEG_FOLDER).source.text.strip().split("\n\n")


def runs(i: int, text: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) runs of paragraph ``i``; they join back to ``text`` exactly."""
    if i == 1:  # the spot (lead) line in bold, as news desks format it
        return [(text, True, False)]
    quote = "“Türk İHA’ları Ukrayna’nın doğusundaki durumu istikrarsızlaştırma riski taşıyor”"
    if quote in text:
        a, b = text.split(quote, 1)
        return [(a, False, False), (quote, False, True), (b, False, False)]
    return [(text, False, False)]


def main() -> None:
    paras = paragraphs()
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_paragraph(paras[0], style="Title")
    for i, text in enumerate(paras[1:], 1):
        p = doc.add_paragraph()
        for chunk, bold, italic in runs(i, text):
            r = p.add_run(chunk)
            r.bold, r.italic = bold or None, italic or None
        assert p.text == text, (i, p.text)
    cp = doc.core_properties
    cp.title = paras[0]
    cp.author = ""
    cp.last_modified_by = ""
    cp.comments = ""
    cp.language = "tr-TR"
    cp.created = cp.modified = dt.datetime(2021, 10, 27, 14, 30)
    cp.revision = 1
    doc.save(str(OUT))
    print(f"{OUT}: {len(paras)} paragraphs")


if __name__ == "__main__":
    main()
