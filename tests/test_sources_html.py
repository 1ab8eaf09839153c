"""HTML sources: trafilatura extraction, metadata, legacy encodings, no-article pages."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("trafilatura")

from align.errors import InputError, NoArticle
from align.segment import segment
from align.sources import read_source
from align.sources.html import MIN_WORDS, _fallback_meta

DATA = Path(__file__).parent / "data" / "sources"
HEADLINE = "Ankara'da yeni metro hattı açıldı"
BODY = (
    ("Başkent Ankara'da uzun süredir beklenen yeni metro hattı, düzenlenen törenle hizmete "
     "açıldı. Hat, şehir merkezini havalimanına yaklaşık yirmi beş dakikada bağlayacak."),
    ("Ulaştırma Bakanlığı'ndan yapılan açıklamada, projenin toplam maliyetinin 1,2 milyar "
     "lira olduğu belirtildi. İnşaat çalışmaları dört yıl sürdü ve 3.500 işçi görev aldı."),
    ("Törende konuşan yetkililer, hattın günde 200 bin yolcu taşımasının beklendiğini söyledi. "
     "Öğrenciler ve yaşlılar için indirimli tarifenin ilk ay ücretsiz olacağı duyuruldu."),
    ("Şehir plancıları ise yeni hattın trafik sıkışıklığını azaltacağını, ancak çevre "
     "ilçelere yönelik bağlantıların da güçlendirilmesi gerektiğini vurguladı."),
)


def page(head: str, body: str) -> str:
    return f"<!DOCTYPE html><html lang='tr'><head>{head}</head><body>{body}</body></html>"


ARTICLE = "".join(f"<p>{p}</p>" for p in BODY)


def test_saved_news_page() -> None:
    s = read_source(DATA / "haber.html")
    assert s.kind == "html"
    assert s.title == HEADLINE
    assert s.author == "Ayşe Yılmaz"
    assert s.date == "2024-03-12"
    assert s.url == "https://haber.example.com.tr/ankara-metro-hatti"
    assert s.body == BODY  # menu, cookie banner, byline, related links and footer are gone
    doc = segment(s.text, "tr")
    assert doc.sentences[0].text == HEADLINE and doc.sentences[0].paragraph == 0
    assert {x.paragraph for x in doc.sentences} == {0, 1, 2, 3, 4}


CP1254_HEAD = {
    "meta-charset": "<meta charset='windows-1254'><title>{t}</title>",
    "http-equiv": "<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-9'>"
                  "<title>{t}</title>",
    "no-declaration": "<title>{t}</title>",
    "mislabelled-latin1": "<meta charset='iso-8859-1'><title>{t}</title>",
    "mislabelled-utf8": "<meta charset='utf-8'><title>{t}</title>",
}


@pytest.mark.parametrize("variant", sorted(CP1254_HEAD))
def test_legacy_turkish_encodings(tmp_path: Path, variant: str) -> None:
    html = page(CP1254_HEAD[variant].format(t=HEADLINE), f"<article><h1>{HEADLINE}</h1>{ARTICLE}"
                "<p>Ğ Ü Ş İ Ö Ç ğ ü ş ı ö ç harfleri doğru okunmalı.</p></article>")
    p = tmp_path / "eski.htm"
    p.write_bytes(html.encode("cp1254"))
    s = read_source(p)
    assert s.title == HEADLINE
    assert s.body[:4] == BODY
    assert s.body[-1] == "Ğ Ü Ş İ Ö Ç ğ ü ş ı ö ç harfleri doğru okunmalı."
    assert s.encoding in ("cp1254", "iso-8859-9")
    assert "ý" not in s.text and "þ" not in s.text


def test_declared_charset_used_when_nothing_else_fits(tmp_path: Path) -> None:
    text = ("Москва объявила о новых мерах поддержки экономики. Правительство выделит "
            "дополнительные средства регионам, пострадавшим от наводнений в этом году. ") * 3
    p = tmp_path / "ru.html"
    p.write_bytes(page("<meta charset='windows-1251'><title>Новости</title>",
                       f"<article><p>{text}</p></article>").encode("cp1251"))
    s = read_source(p)
    assert s.encoding == "windows-1251"
    assert s.body == (text.strip(),)


def test_xml_declaration_and_bom(tmp_path: Path) -> None:
    html = "\ufeff<?xml version='1.0' encoding='utf-8'?>" + page(
        f"<title>{HEADLINE}</title>", f"<article>{ARTICLE}</article>")
    p = tmp_path / "a.xhtml"
    p.write_bytes(html.encode("utf-8"))
    s = read_source(p)
    assert s.body == BODY and s.title == HEADLINE


def test_line_breaks_inside_one_block(tmp_path: Path) -> None:
    body = (
        f"<div id='content'>{BODY[0]}<br><br>{BODY[1]}<br>{BODY[2]}<br>Açılışta konuşan vali"
        f"<br>yeni hattın önemine değindi.<br><br>{BODY[3]}</div>"
    )
    p = tmp_path / "br.html"
    p.write_text(page(f"<title>{HEADLINE}</title>", body), encoding="utf-8")
    s = read_source(p)
    # one <br> after a sentence end starts a paragraph; one inside a sentence is a wrap
    assert s.body == (*BODY[:3], "Açılışta konuşan vali yeni hattın önemine değindi.", BODY[3])


def test_title_from_page_title_with_site_suffix(tmp_path: Path) -> None:
    p = tmp_path / "a.html"
    p.write_text(page(f"<title>{HEADLINE} | Örnek Haber</title>",
                      f"<article><h1>{HEADLINE}</h1>{ARTICLE}</article>"), encoding="utf-8")
    s = read_source(p)
    assert s.title == HEADLINE
    assert s.body == BODY


def test_no_spurious_date_from_copyright(tmp_path: Path) -> None:
    p = tmp_path / "a.html"
    p.write_text(page(f"<title>{HEADLINE}</title>",
                      f"<article>{ARTICLE}</article><footer>© 2024 Örnek Haber</footer>"),
                 encoding="utf-8")
    s = read_source(p)
    assert s.date is None and s.author is None and s.url is None


def test_fallback_metadata() -> None:
    html = (
        "<?xml version='1.0' encoding='windows-1254'?><html><head><title>Sayfa başlığı</title>"
        "<meta name='author' content='Mehmet Öztürk'>"
        "<meta property='article:published_time' content='2023-11-05T08:00:00Z'>"
        "<link rel='canonical' href='https://example.com.tr/x'></head><body></body></html>"
    )
    assert _fallback_meta(html) == {
        "title": "Sayfa başlığı", "author": "Mehmet Öztürk", "date": "2023-11-05T08:00:00Z",
        "url": "https://example.com.tr/x",
    }


def test_short_news_brief_is_an_article(tmp_path: Path) -> None:
    brief = ("AFAD'ın açıklamasına göre İzmir'in Seferihisar ilçesinde sabah saatlerinde 4,1 "
             "büyüklüğünde bir deprem meydana geldi. Depremin 7 kilometre derinlikte olduğu "
             "bildirildi. İlk belirlemelere göre can ve mal kaybı yaşanmadı.")
    p = tmp_path / "a.html"
    p.write_text(page("<title>Deprem</title>", f"<nav><a href='/abone'>Abone ol</a></nav><h1>"
                      f"İzmir'de deprem</h1><p>{brief}</p><footer>Çerez politikası · Giriş yap"
                      "</footer>"), encoding="utf-8")
    s = read_source(p)
    assert s.title == "İzmir'de deprem" and s.body == (brief,)


NO_ARTICLE = {
    "login": page(
        "<title>Giriş Yap - Örnek Haber</title>",
        "<main><h1>Giriş Yap</h1><p>Bu içeriği okumak için abonelerimize özel giriş yapmanız "
        "gerekiyor.</p><form><label>E-posta</label><input type='email'><label>Şifre</label>"
        "<input type='password'><button>Giriş yap</button></form><p><a href='/s'>Şifremi "
        "unuttum</a> · <a href='/k'>Üye ol</a></p></main>"),
    "cookie": page(
        "<title>Çerez Tercihleri</title>",
        "<div id='consent'><h2>Gizliliğiniz bizim için önemli</h2><p>Bu web sitesi, "
        "deneyiminizi iyileştirmek, trafiği analiz etmek ve size kişiselleştirilmiş reklamlar "
        "göstermek için çerezler kullanır. Çerez tercihlerinizi dilediğiniz zaman "
        "değiştirebilirsiniz. Zorunlu çerezler sitenin çalışması için gereklidir.</p><p>Tümünü "
        "kabul et düğmesine tıklayarak çerezlerin saklanmasını kabul etmiş olursunuz. Ayrıntılar "
        "için çerez politikamızı okuyun.</p><button>Kabul et</button></div>"),
    "javascript": page(
        "<title>Haber</title><script src='/app.js'></script>",
        "<noscript>Bu sayfayı görüntülemek için lütfen tarayıcınızda JavaScript'i "
        "etkinleştirin. Please enable JavaScript to continue.</noscript><div id='root'></div>"),
    "empty-shell": page("<title>Örnek Haber</title>",
                        "<div id='app'></div><script>window.__STATE__={}</script>"),
    "menu-only": page("<title>Örnek</title>", "<nav><ul><li><a href='/a'>Gündem</a></li>"
                      "<li><a href='/b'>Spor</a></li></ul></nav>"),
}


@pytest.mark.parametrize("kind", sorted(NO_ARTICLE))
def test_no_article_pages(tmp_path: Path, kind: str) -> None:
    p = tmp_path / f"{kind}.html"
    p.write_text(NO_ARTICLE[kind], encoding="utf-8")
    with pytest.raises(NoArticle, match=r"no article text found \(looks like a login/cookie page") \
            as e:
        read_source(p)
    assert str(e.value).startswith(f"{p}: ")
    assert isinstance(e.value, InputError)


def test_threshold_is_documented() -> None:
    assert 10 <= MIN_WORDS <= 50


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_source(tmp_path / "yok.html")
    (tmp_path / "bos.html").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        read_source(tmp_path / "bos.html")


def test_lists_quotes_tables_nested(tmp_path: Path) -> None:
    body = (
        "<article><h1>Zengin içerik başlığı</h1><p>Giriş paragrafı, haberin özünü anlatan uzun "
        "bir cümle içeriyor ve okuyucuyu bilgilendiriyor.</p><h2>Ara başlık</h2><ul><li>Birinci "
        "madde, önemli bir bilgi veriyor.</li><li>İkinci madde<ul><li>iç madde bir</li><li>iç "
        "madde iki</li></ul></li></ul><blockquote><p>Bakan, \"Çalışmalar sürüyor\" dedi.</p><p>"
        "İkinci alıntı paragrafı.</p></blockquote><table><tr><th>İl</th><th>Sayı</th></tr><tr>"
        "<td>Ankara</td><td>1.200</td></tr></table><p>Son paragraf, <b>kalın</b> ve <a href='/x'>"
        "bağlantılı</a> metin; ğüşıöç İ.</p></article>"
    )
    p = tmp_path / "zengin.html"
    p.write_text(page("<title>Zengin içerik</title>", body), encoding="utf-8")
    s = read_source(p)
    assert s.title == "Zengin içerik başlığı"
    assert s.body == (
        ("Giriş paragrafı, haberin özünü anlatan uzun bir cümle içeriyor ve okuyucuyu "
         "bilgilendiriyor."),
        "Ara başlık", "Birinci madde, önemli bir bilgi veriyor.", "İkinci madde",
        "iç madde bir", "iç madde iki", 'Bakan, "Çalışmalar sürüyor" dedi.',
        "İkinci alıntı paragrafı.", "İl Sayı", "Ankara 1.200",
        "Son paragraf, kalın ve bağlantılı metin; ğüşıöç İ.",
    )
