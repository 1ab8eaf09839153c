"""Citation lines of digests (align.digest.citation) and citation dates (align.digest.dates)."""
from __future__ import annotations

import pytest

from align.digest import parse_citation, parse_citation_line, parse_date

EDAM = (
    "Source: Dr. Can Kasapoğlu, “Ukrayna’nin Donbas’taki SİHA Taarruzu Türkiye-Rusya Gerilimini "
    "Tetikleyebilir (Ukraine’s Drone Strike In Donbass Can Spark A Turkish-Russian Escalation),” "
    "EDAM (Center for Economic and Foreign Affairs Research, an Istanbul-based independent Turkish "
    "think-tank), 27 October 2021. "
    "https://edam.org.tr/ukraynanin-siha-taarruzu-bir-turkiye-rusya-gerilimine-neden-olabilir/"
)
DUVAR = (
    "Source: “Rusya’dan Türkiye’ye ‘Bayraktar’ eleştirisi: Endişelerimiz haklı çıktı (“Bayraktar” "
    "criticism from Russia to Turkey: Our concerns were justified),” Gazete Duvar (an independent "
    "Turkish Daily), 27 October 2021. https://www.gazeteduvar.com.tr/rusyadan-turkiyeye-"
    "bayraktarelestirisi-endiselerimiz-hakli-cikti-haber-1539815"
)
D = "2021-10-27"
U = "https://s.com/a"

# line -> (author, title_tr, title_en, outlet, outlet_desc, date, url), warning fragments
CASES = [
    (EDAM, ("Dr. Can Kasapoğlu",
            "Ukrayna’nin Donbas’taki SİHA Taarruzu Türkiye-Rusya Gerilimini Tetikleyebilir",
            "Ukraine’s Drone Strike In Donbass Can Spark A Turkish-Russian Escalation", "EDAM",
            ("Center for Economic and Foreign Affairs Research, an Istanbul-based independent "
            "Turkish think-tank"), D,
            "https://edam.org.tr/ukraynanin-siha-taarruzu-bir-turkiye-rusya-gerilimine-neden-olabilir/"),
     []),
    (DUVAR, (None, "Rusya’dan Türkiye’ye ‘Bayraktar’ eleştirisi: Endişelerimiz haklı çıktı",
             "“Bayraktar” criticism from Russia to Turkey: Our concerns were justified",
             "Gazete Duvar", "an independent Turkish Daily", D,
             ("https://www.gazeteduvar.com.tr/rusyadan-turkiyeye-bayraktarelestirisi-"
             "endiselerimiz-hakli-cikti-haber-1539815")), []),
    # straight quotes, comma inside
    ('Source: Ali Veli, "Başlık (Title)," EDAM (a think-tank), 27 October 2021. ' + U,
     ("Ali Veli", "Başlık", "Title", "EDAM", "a think-tank", D, U), []),
    # curly quotes, comma outside
    ("Source: “Başlık (Title)”, Sabah (a daily), 27 October 2021. " + U,
     (None, "Başlık", "Title", "Sabah", "a daily", D, U), []),
    # straight quotes, comma outside
    ('Source: "Başlık (Title)", Sabah, 27 October 2021. ' + U,
     (None, "Başlık", "Title", "Sabah", None, D, U), []),
    # single title, dotted date
    ("Source: Ali Veli, “Türkiye ve Rusya,” Hürriyet, 27.10.2021. " + U,
     ("Ali Veli", "Türkiye ve Rusya", None, "Hürriyet", None, D, U), []),
    # date before the outlet
    ("Source: Ali Veli, “Başlık (Title),” 27 October 2021, EDAM (a think-tank). " + U,
     ("Ali Veli", "Başlık", "Title", "EDAM", "a think-tank", D, U), []),
    ("Source: “Başlık (Title),” Sabah, October 27, 2021. " + U,
     (None, "Başlık", "Title", "Sabah", None, D, U), []),
    ("Source: “Başlık (Title),” Sabah, 2021-10-27, " + U,
     (None, "Başlık", "Title", "Sabah", None, D, U), []),
    ("Source: “Başlık (Title),” Sabah, 27/10/2021. " + U,
     (None, "Başlık", "Title", "Sabah", None, D, U), []),
    ("Sources: “Başlık (Title),” Sabah, 27 Ekim 2021. " + U,
     (None, "Başlık", "Title", "Sabah", None, D, U), []),
    ("Source: «Başlık (Title)», Sabah, 27 October 2021. " + U,
     (None, "Başlık", "Title", "Sabah", None, D, U), []),
    ("Source: Ali Veli, ‘Rusya’dan Başlık (Russia’s Title),’ Sabah, 27 October 2021. " + U,
     ("Ali Veli", "Rusya’dan Başlık", "Russia’s Title", "Sabah", None, D, U), []),
    ("**Source:** “Başlık (Title),” Sabah, 27 October 2021. " + U,
     (None, "Başlık", "Title", "Sabah", None, D, U), []),
    ("Kaynak: “Başlık (Title),” Sabah, 27 Ekim 2021. (" + U + ")",
     (None, "Başlık", "Title", "Sabah", None, D, U), []),
    # English title in parentheses after the quotes
    ("Source: “Başlık” (“English Title”), Sabah (a daily), 27 October 2021. " + U,
     (None, "Başlık", "English Title", "Sabah", "a daily", D, U), []),
    # a quote nested in the Turkish title with a parenthesis after it stays in the title
    ("Source: “Türkiye’nin “SİHA” (drone) politikası (Turkey’s drone policy),” Sabah, "
     "27 October 2021. " + U,
     (None, "Türkiye’nin “SİHA” (drone) politikası", "Turkey’s drone policy", "Sabah", None, D,
      U), []),
    ("Source: “Başlık; alt başlık (Title; subtitle),” EDAM, 27 October 2021. " + U,
     (None, "Başlık; alt başlık", "Title; subtitle", "EDAM", None, D, U), []),
    # malformed: fields filled as far as possible, warnings say what is missing
    ("Source: “Başlık (Title),” Sabah, 27 October 2021.",
     (None, "Başlık", "Title", "Sabah", None, D, None), ["no URL found"]),
    ("Source: “Başlık (Title),” Sabah. " + U,
     (None, "Başlık", "Title", "Sabah", None, None, U), ["no date found"]),
    ("Source: “Başlık (Title),” Sabah, October 2021. " + U,
     (None, "Başlık", "Title", "Sabah", None, None, U), ["'October 2021' has no day"]),
    ("Source: “Başlık (Title),” Sabah, 31 February 2021. " + U,
     (None, "Başlık", "Title", "Sabah", None, None, U), ["'31 February 2021' does not exist"]),
    ("Source: Hürriyet (a daily), 27 October 2021. " + U,
     (None, None, None, "Hürriyet", "a daily", D, U), ["no title in quotes"]),
    ("Source: Ali Veli, Başlık (Title), Hürriyet, 27 October 2021. " + U,
     ("Ali Veli", "Başlık", "Title", "Hürriyet", None, D, U), ["title not in quotes"]),
    ("Source: “Başlık (Title), Hürriyet, 27 October 2021. " + U,
     (None, "Başlık", "Title", "Hürriyet", None, D, U), ["never closed", "title not in quotes"]),
    ("Source: “Başlık (Title)” Sabah 27 October 2021 " + U,
     (None, "Başlık", "Title", "Sabah", None, D, U), ["no comma next to the title"]),
    ("Source: “Başlık (Title),” Sabah, 27 October 2021. " + U + " https://s.com/b",
     (None, "Başlık", "Title", "Sabah", None, D, U), ["2 URLs; kept the first"]),
    ("Source: “Başlık,” 27 October 2021. " + U,
     (None, "Başlık", None, None, None, D, U), ["no outlet found"]),
    ("Source:", (None,) * 7, ["empty citation"]),
    ("Source: ???", (None, None, None, "???", None, None, None),
     ["no title in quotes", "no date found", "no URL found"]),
]
FIELDS = ("author", "title_tr", "title_en", "outlet", "outlet_desc", "date", "url")


@pytest.mark.parametrize(("line", "want", "warns"), CASES, ids=range(len(CASES)))
def test_citation_fields(line: str, want: tuple, warns: list[str]) -> None:
    c = parse_citation(line)
    assert c.raw == line
    assert tuple(getattr(c, f) for f in FIELDS) == want
    assert len(c.warnings) == len(warns), c.warnings
    for fragment in warns:
        assert any(fragment in w for w in c.warnings), (fragment, c.warnings)


def test_sources_line_gives_several_citations() -> None:
    line = ("Sources: Ali Veli, “T1 (E1),” EDAM, 27 October 2021. https://a.org/1; "
            "“T2,” Duvar (daily), 28.10.2021. https://b.org/2")
    first, second = parse_citation_line(line)
    assert first.raw == line  # the first citation carries the whole line (what render writes)
    assert (first.author, first.title_tr, first.title_en, first.outlet, first.date, first.url) == (
        "Ali Veli", "T1", "E1", "EDAM", "2021-10-27", "https://a.org/1")
    assert second.raw == "“T2,” Duvar (daily), 28.10.2021. https://b.org/2"
    assert (second.title_tr, second.outlet, second.outlet_desc, second.date, second.url) == (
        "T2", "Duvar", "daily", "2021-10-28", "https://b.org/2")
    assert not first.warnings and not second.warnings


@pytest.mark.parametrize("line", [
    "Source: “Başlık; alt başlık (Title; subtitle),” EDAM, 27 October 2021. https://e.org/a",
    "Source: Sabah (a daily; pro-government), “Başlık,” 27 October 2021. https://e.org/a",
    "Source: “Başlık,” Sabah, 27 October 2021. https://e.org/a; see also the editorial",
])
def test_semicolon_without_second_citation_does_not_split(line: str) -> None:
    assert len(parse_citation_line(line)) == 1


@pytest.mark.parametrize(("text", "iso"), [
    ("27 October 2021", D), ("October 27, 2021", D), ("27.10.2021", D), ("2021-10-27", D),
    ("27th Oct. 2021", D), ("Oct 27th, 2021", D), ("27 EKİM 2021", D), ("1 Mayıs 2020", "2020-05-01"),
    ("3 ŞUBAT 2020", "2020-02-03"), ("Sept 3 2020", "2020-09-03"), ("10/27/2021", D),
    ("27/10/2021", D), ("05/04/2021", "2021-04-05"), ("31 February 2021", None),
    ("https://x.com/2021/10/27/a", None), ("v1.2.2021", None), ("no date here", None),
])
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso
