"""Rebuild yesilvadi-davasi.pdf (the Başkent Postası court report as a print PDF) from ../block2/source.seg.

Usage: .venv/bin/python samples/digests/justice/sources/make_pdf.py   (needs fpdf2 and DejaVu TTF fonts)

Layout, chosen so that a PDF reader has real work to do but the article text stays unambiguous:
- A4, 20 mm side margins; a running header on every page ("BAŞKENT POSTASI" left, the date right,
  a rule under it) and a running footer "Sayfa N / M" (neither is article text).
- The headline (sentence 0) in bold sans, the byline (sentence 1) in oblique sans, both unindented;
  every other paragraph in serif 10.5 pt with a 6 mm first-line indent and 1.8 mm extra space
  before it. Lines are laid out here, ragged right, so page breaks fall wherever they fall
  (mid-paragraph included).
- Words are hyphenated at Turkish syllable boundaries (a line-final "-" followed by the rest of
  the word on the next line) when the line would otherwise be less than 90% full. Only words made
  of letters are hyphenated, so no genuine hyphen, dash or apostrophe ever ends a line: a line
  ending in "-" is always a soft break to be joined without the hyphen.
The script prints how many words it hyphenated and fails if there are none.
"""
from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from fpdf import FPDF

from align.io.goldseg import build_gold

HERE = Path(__file__).resolve().parent
SEG_FOLDER = HERE.parent / "block2"
OUT = HERE / "yesilvadi-davasi.pdf"
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu")]
VOWELS = set("aeıioöuüâîûAEIİOÖUÜÂÎÛ")

LEFT, RIGHT, TOP, BOTTOM = 20.0, 20.0, 28.0, 277.0  # mm; body area of an A4 page
WIDTH = 210.0 - LEFT - RIGHT
INDENT, LINE_H, PARA_GAP = 6.0, 5.2, 1.8
HYPHEN_BELOW = 0.90  # hyphenate only when the line would be less full than this


def find_font(name: str) -> Path:
    dirs = list(FONT_DIRS)
    try:
        import matplotlib  # its package data ships DejaVu fonts

        dirs.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf")
    except ImportError:
        pass
    for d in dirs:
        if (d / name).is_file():
            return d / name
    raise SystemExit(f"font {name} not found in {[str(d) for d in dirs]}: apt-get install fonts-dejavu-core")


def syllable_breaks(word: str) -> list[int]:
    """Turkish hyphenation points of a letters-only word (0-based cut positions, >= 3 letters
    on each side): a single consonant between vowels starts the next syllable, of a consonant
    cluster only the last one does; two adjacent vowels split between them."""
    if not word.isalpha():
        return []
    vowels = [i for i, c in enumerate(word) if c in VOWELS]
    cuts = []
    for a, b in itertools.pairwise(vowels):
        cut = b if b == a + 1 else b - 1
        if 3 <= cut <= len(word) - 3:
            cuts.append(cut)
    return cuts


class Paper(FPDF):
    def header(self) -> None:
        self.set_font("sans", "", 8)
        self.set_text_color(90, 90, 90)
        self.set_xy(LEFT, 12)
        self.cell(WIDTH / 2, 5, "BAŞKENT POSTASI")
        self.cell(WIDTH / 2, 5, "8 Şubat 2024 Perşembe · Yaşam", align="R")
        self.set_draw_color(150, 150, 150)
        self.line(LEFT, 18.5, 210 - RIGHT, 18.5)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_font("sans", "", 8)
        self.set_text_color(90, 90, 90)
        self.set_xy(LEFT, 284)
        self.cell(WIDTH, 5, f"Sayfa {self.page_no()} / {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def lay_out(pdf: FPDF, text: str, first_indent: float) -> tuple[list[tuple[float, str]], int]:
    """Greedy ragged-right line breaking with soft hyphenation: [(x offset, line)], hyphen count."""
    lines: list[tuple[float, str]] = []
    hyphens = 0
    words = text.split(" ")
    cur: list[str] = []
    indent = first_indent

    def fits(s: str) -> bool:
        return pdf.get_string_width(s) <= WIDTH - indent

    k = 0
    while k < len(words):
        w = words[k]
        trial = " ".join(cur + [w])
        if fits(trial):
            cur.append(w)
            k += 1
            continue
        line = " ".join(cur)
        fill = pdf.get_string_width(line) / (WIDTH - indent) if cur else 0.0
        core = w.rstrip(".,;:!?”\"")
        cuts = [c for c in syllable_breaks(core) if fits(" ".join(cur + [w[:c] + "-"]))]
        if cuts and fill < HYPHEN_BELOW:
            c = max(cuts)
            lines.append((indent, " ".join(cur + [w[:c] + "-"])))
            hyphens += 1
            words[k] = w[c:]
        else:
            if not cur:
                raise SystemExit(f"word too long for a line: {w}")
            lines.append((indent, line))
        cur, indent = [], 0.0
    if cur:
        lines.append((indent, " ".join(cur)))
    return lines, hyphens


def main() -> None:
    paras = build_gold(SEG_FOLDER).source.text.strip().split("\n\n")
    pdf = Paper(format="A4", unit="mm")
    pdf.add_font("serif", "", find_font("DejaVuSerif.ttf"))
    pdf.add_font("sans", "", find_font("DejaVuSans.ttf"))
    pdf.add_font("sans", "B", find_font("DejaVuSans-Bold.ttf"))
    pdf.add_font("sans", "I", find_font("DejaVuSans-Oblique.ttf"))
    pdf.set_auto_page_break(False)
    pdf.alias_nb_pages()
    pdf.set_title(paras[0])
    pdf.set_author("Gizem Tuna")
    pdf.set_subject("Yeşilvadi Konut Kooperatifi davası")
    pdf.set_creator("Başkent Postası e-gazete")
    pdf.set_lang("tr-TR")
    pdf.set_creation_date(dt.datetime(2024, 2, 8, 7, 30, tzinfo=dt.timezone(dt.timedelta(hours=3))))
    pdf.add_page()
    y = TOP
    total_hyphens = 0
    styles = {0: ("sans", "B", 17, 8.0, 0.0, 3.0), 1: ("sans", "I", 9.5, 5.0, 0.0, 3.0)}
    for i, text in enumerate(paras):
        family, style, size, lh, indent, gap = styles.get(i, ("serif", "", 10.5, LINE_H, INDENT, PARA_GAP))
        pdf.set_font(family, style, size)
        lines, hyphens = lay_out(pdf, text, indent)
        total_hyphens += hyphens
        y += gap if i > 1 else 0.0
        for x_off, line in lines:
            if y + lh > BOTTOM:
                pdf.add_page()
                pdf.set_font(family, style, size)
                y = TOP
            pdf.set_xy(LEFT + x_off, y)
            pdf.cell(WIDTH - x_off, lh, line)
            y += lh
        if i == 1:
            y += 2.0
    if not total_hyphens:
        raise SystemExit("no word was hyphenated: lower HYPHEN_BELOW")
    pdf.output(str(OUT))
    print(f"{OUT}: {len(paras)} paragraphs, {pdf.page_no()} pages, {total_hyphens} hyphenated words")


if __name__ == "__main__":
    main()
