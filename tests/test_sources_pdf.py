"""PDF sources: PDFs are generated in the tests with fpdf2 and a DejaVu (Unicode) font."""
from __future__ import annotations

from pathlib import Path

import pytest

fpdf = pytest.importorskip("fpdf")
pytest.importorskip("pdfminer")

from align.errors import InputError, NoArticle
from align.segment import segment
from align.sources import read_source
from align.sources.pdflayout import join_lines


def _font() -> Path | None:
    candidates = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
    try:
        import matplotlib

        candidates.append(Path(matplotlib.get_data_path()) / "fonts/ttf/DejaVuSans.ttf")
    except ImportError:
        pass
    return next((p for p in candidates if p.is_file()), None)


FONT = _font()
pytestmark = pytest.mark.skipif(FONT is None, reason="no DejaVuSans.ttf for Turkish text in PDFs")

TITLE = "Ankara'da yeni metro hattı açıldı"
# Pages of paragraphs of typeset lines (line-end hyphens as a typesetter leaves them).
PAGES = [
    [["Başkent Ankara'da uzun süredir beklenen yeni metro hattı, düzenlenen",
      "törenle hizmete açıldı. Proje üç aşamada gerçek-",
      "leştirildi ve S-400 tipi trenler değil, yerli üretim araçlar kullanıldı."],
     ["Rusya-Ukrayna savaşı nedeniyle gecikmeler yaşandığı, ancak çalışmaların",
      "Ağustos ayında tamamlandığı belirtildi. Ankara-",
      "İstanbul hattında da çevre düzen-",
      "lemeleri yapıldı ve gelecek yıl"]],  # the paragraph goes on over the page break
    [["ikinci etabın açılacağı bildirildi.",
      "Ulaştırma Bakanlığı'ndan yapılan açıklamada, projenin toplam maliyetinin",
      "1,2 milyar lira olduğu belirtildi."],
     ["Şehir plancıları yeni hattın trafiği azaltacağını söyledi. Çevre ilçe-",
      "lere yönelik bağlantılar da güçlendirilecek."]],
    [["Yetkililer, ikinci etabın 2026 yılında açılmasının planlandığını ifade etti."]],
]
BODY = (
    ("Başkent Ankara'da uzun süredir beklenen yeni metro hattı, düzenlenen törenle hizmete "
     "açıldı. Proje üç aşamada gerçekleştirildi ve S-400 tipi trenler değil, yerli üretim "
     "araçlar kullanıldı."),
    ("Rusya-Ukrayna savaşı nedeniyle gecikmeler yaşandığı, ancak çalışmaların Ağustos ayında "
     "tamamlandığı belirtildi. Ankara-İstanbul hattında da çevre düzenlemeleri yapıldı ve "
     "gelecek yıl ikinci etabın açılacağı bildirildi."),
    ("Ulaştırma Bakanlığı'ndan yapılan açıklamada, projenin toplam maliyetinin 1,2 milyar lira "
     "olduğu belirtildi."),
    ("Şehir plancıları yeni hattın trafiği azaltacağını söyledi. Çevre ilçelere yönelik "
     "bağlantılar da güçlendirilecek."),
    "Yetkililer, ikinci etabın 2026 yılında açılmasının planlandığını ifade etti.",
)


def make_pdf(path: Path, pages: list[list[list[str]]], *, title: str | None = TITLE,
             layout: str = "gap", header: bool = True, meta_title: str = "",
             password: str | None = None) -> Path:
    """``layout``: "gap" (space between paragraphs) or "indent" (first-line indent only).
    The first line of a page's first paragraph is not indented (it may continue a
    paragraph from the page before)."""
    pdf = fpdf.FPDF()
    pdf.add_font("dv", "", str(FONT))
    pdf.set_auto_page_break(False)
    if meta_title:
        pdf.set_title(meta_title)
    pdf.set_author("Ayşe Yılmaz")
    if password is not None:
        pdf.set_encryption(owner_password="sahip", user_password=password)
    for number, paras in enumerate(pages, start=1):
        pdf.add_page()
        if header:
            pdf.set_font("dv", "", 8)
            pdf.text(20, 12, "Örnek Gazete · Şehir Haberleri · 12 Mart 2024")
            pdf.text(100, 287, f"Sayfa {number} / {len(pages)}")
        y = 30.0
        if number == 1 and title:
            pdf.set_font("dv", "", 18)
            pdf.text(20, y, title)
            y += 14
        pdf.set_font("dv", "", 11)
        for k, para in enumerate(paras):
            for i, line in enumerate(para):
                indent = layout == "indent" and i == 0 and (k > 0 or number == 1)
                pdf.text(28 if indent else 20, y, line)
                y += 5.5
            if layout == "gap":
                y += 4
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("layout", ["gap", "indent"])
def test_multipage_article(tmp_path: Path, layout: str) -> None:
    s = read_source(make_pdf(tmp_path / "haber.pdf", PAGES, layout=layout))
    assert s.kind == "pdf"
    assert s.title == TITLE
    assert s.author == "Ayşe Yılmaz"
    assert s.body == BODY
    assert "Örnek Gazete" not in s.text and "Sayfa" not in s.text
    assert "6 header/footer/page-number lines dropped" in s.note
    assert "3 line-end hyphenations joined" in s.note  # gerçek-, düzen-, ilçe-; not Ankara-
    doc = segment(s.text, "tr")
    assert (doc.sentences[0].text, doc.sentences[0].paragraph) == (TITLE, 0)
    assert doc.sentences[-1].paragraph == len(BODY)


def test_single_page_number_dropped_and_metadata_title(tmp_path: Path) -> None:
    pdf = fpdf.FPDF()
    pdf.add_font("dv", "", str(FONT))
    pdf.set_title("Kuraklık raporu")
    pdf.add_page()
    pdf.set_font("dv", "", 11)
    pdf.text(20, 30, BODY[4])
    pdf.text(20, 35.5, "Çiftçiler ağır koşullar nedeniyle üretimin düştüğünü söylüyor.")
    pdf.text(105, 287, "1")
    p = tmp_path / "tek.pdf"
    pdf.output(str(p))
    s = read_source(p)
    assert s.title == "Kuraklık raporu"
    assert s.body == (BODY[4] + " Çiftçiler ağır koşullar nedeniyle üretimin düştüğünü söylüyor.",)


def test_word_file_name_is_not_a_title(tmp_path: Path) -> None:
    pages = [[["Kuraklık raporu yayımlandı"], PAGES[0][0]]]
    s = read_source(make_pdf(tmp_path / "a.pdf", pages, title=None, header=False,
                             meta_title="Microsoft Word - haber_son.docx"))
    assert s.title == "Kuraklık raporu yayımlandı"  # the short first paragraph
    assert s.body == BODY[:1]


def test_owner_password_only_opens(tmp_path: Path) -> None:
    s = read_source(make_pdf(tmp_path / "kilitli.pdf", PAGES, password=""))
    assert s.body == BODY


def test_user_password_refused(tmp_path: Path) -> None:
    p = make_pdf(tmp_path / "sifreli.pdf", PAGES, password="gizli")
    with pytest.raises(InputError, match="sifreli.pdf is encrypted with a password"):
        read_source(p)


def test_image_only_pdf(tmp_path: Path) -> None:
    from PIL import Image

    pdf = fpdf.FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(Image.new("RGB", (60, 80), (200, 200, 200)), x=20, y=20, w=120)
    p = tmp_path / "tarama.pdf"
    pdf.output(str(p))
    with pytest.raises(NoArticle, match=r"tarama.pdf: no article text found \(0 words .* 2 pages"):
        read_source(p)


def test_blank_pdf(tmp_path: Path) -> None:
    pdf = fpdf.FPDF()
    pdf.add_page()
    p = tmp_path / "bos.pdf"
    pdf.output(str(p))
    with pytest.raises(NoArticle, match="OCR"):
        read_source(p)


@pytest.mark.parametrize("data", [b"%PDF-1.4\nbozuk", b"bu bir pdf degil", b""])
def test_not_a_pdf(tmp_path: Path, data: bytes) -> None:
    p = tmp_path / "bozuk.pdf"
    p.write_bytes(data)
    with pytest.raises(InputError, match="bozuk.pdf"):
        read_source(p)


@pytest.mark.parametrize(
    ("a", "b", "joined", "n"),
    [
        ("gerçek-", "leştirildi", "gerçekleştirildi", 1),
        ("Rusya-", "Ukrayna savaşı", "Rusya-Ukrayna savaşı", 0),
        ("S-", "400 füzeleri", "S-400 füzeleri", 0),
        ("S-400", "füzeleri", "S-400 füzeleri", 0),
        ("karar -", "ki tartışmalı", "karar - ki tartışmalı", 0),
        ("İSTAN\u00ad", "BUL", "İSTAN-BUL", 0),
        ("düzen\u00ad", "lemeleri", "düzenlemeleri", 1),
        ("1990-", "1995", "1990- 1995", 0),
        ("bitti.", "Sonra", "bitti. Sonra", 0),
        ("", "ilk", "ilk", 0),
        # a compound broken at its own hyphen: both halves words, their join none
        ("kamu-", "özel sektör", "kamu-özel sektör", 0),
        ("ekonomik-", "sosyal", "ekonomik-sosyal", 0),
        # words hyphenated at the line end, though a half is a word by itself
        ("ger-", "çek", "gerçek", 1),
        ("yer-", "el", "yerel", 1),
        ("bakan-", "lık", "bakanlık", 1),
        ("dış-", "işleri", "dışişleri", 1),
        ("seçim-", "lerde", "seçimlerde", 1),
    ],
)
def test_join_lines(a: str, b: str, joined: str, n: int) -> None:
    assert join_lines(a, b) == (joined, n)


def test_unmapped_glyphs_and_ligatures() -> None:
    from align.sources.pdf import _strip_unmapped
    from align.sources.pdflayout import Line

    pages = [[Line(0, 0, 700, 100, 710, 11, "(cid:3)(cid:4) (cid:5)"),
              Line(0, 0, 690, 100, 700, 11, "\ufb01yat \ufb02aş (cid:7)")]]
    out, n = _strip_unmapped(pages)
    assert n == 4
    assert [ln.text for ln in out[0]] == ["fiyat flaş"]


@pytest.mark.parametrize(("first_size", "kept"), [(18, True), (8, False)])
def test_running_header_repeating_the_title(tmp_path: Path, first_size: int, kept: bool) -> None:
    """Page 1 prints the headline large and pages 2-3 repeat it small: the headline stays.
    Printed at the same size on every page it is a masthead and goes."""
    pdf = fpdf.FPDF()
    pdf.add_font("dv", "", str(FONT))
    pdf.set_auto_page_break(False)
    for number, paras in enumerate(PAGES, start=1):
        pdf.add_page()
        pdf.set_font("dv", "", first_size if number == 1 else 8)
        pdf.text(20, 14, TITLE)
        pdf.set_font("dv", "", 11)
        y = 30.0
        for para in paras:
            for line in para:
                pdf.text(20, y, line)
                y += 5.5
            y += 4
    p = tmp_path / "baslik.pdf"
    pdf.output(str(p))
    s = read_source(p)
    assert s.body == BODY
    assert s.title == (TITLE if kept else None)
