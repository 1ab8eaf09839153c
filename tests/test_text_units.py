"""Currencies and units next to a number (align.text.units, align/data/numbers/units.tsv)."""
from __future__ import annotations

import pytest

from align.text.numbers import numbers
from align.text.units import Unit, compatible, forms, unit_of


def units(text: str, lang: str) -> list[tuple[str, str | None, str | None]]:
    """(number surface, unit kinds joined by "|", unit surface) for each number of *text*."""
    out: list[tuple[str, str | None, str | None]] = []
    for m in numbers(text, lang):
        u = unit_of(text, m.start, m.end, lang)
        out.append((text[m.start:m.end], "|".join(sorted(u.kinds)) if u else None,
                    text[u.start:u.end] if u else None))
    return out


CASES = [
    # currencies after the number, Turkish endings included
    ("tr", "5 milyon dolar ödedi", [("5 milyon", "cur:USD", "dolar")]),
    ("tr", "5 milyon dolarlık yatırım", [("5 milyon", "cur:USD", "dolarlık")]),
    ("tr", "2,5 milyar dolara ulaştı", [("2,5 milyar", "cur:USD", "dolara")]),
    ("tr", "26.750 ABD dolarını çaldılar", [("26.750", "cur:USD", "ABD dolarını")]),
    ("tr", "3 bin 500 liralık maaş", [("3 bin 500", "cur:TRY", "liralık")]),
    ("tr", "500 TL ceza", [("500", "cur:TRY", "TL")]),
    ("tr", "500 TL'lik ceza", [("500", "cur:TRY", "TL")]),
    ("tr", "100 bin Türk Lirası", [("100 bin", "cur:TRY", "Türk Lirası")]),
    ("tr", "125 milyon sterline sattı", [("125 milyon", "cur:GBP", "sterline")]),
    ("tr", "2,2 milyar euroluk proje", [("2,2 milyar", "cur:EUR", "euroluk")]),
    ("tr", "40 milyon avro", [("40 milyon", "cur:EUR", "avro")]),
    ("en", "5 million dollars", [("5 million", "cur:USD", "dollars")]),
    ("en", "5m dollars", [("5m", "cur:USD", "dollars")]),
    ("en", "a 5 million-dollar deal", [("5 million", "cur:USD", "dollar")]),
    ("en", "5 million Turkish lira", [("5 million", "cur:TRY", "Turkish lira")]),
    ("en", "500 liras", [("500", "cur:TRY", "liras")]),
    ("en", "3 USD", [("3", "cur:USD", "USD")]),
    # symbols and codes before the number
    ("en", "$5bn", [("5bn", "cur:USD", "$")]),
    ("en", "US$5m", [("5m", "cur:USD", "US$")]),
    ("tr", "₺500", [("500", "cur:TRY", "₺")]),
    ("tr", "TL 500", [("500", "cur:TRY", "TL")]),
    ("en", "TRY 500", [("500", "cur:TRY", "TRY")]),
    ("en", "USD 3", [("3", "cur:USD", "USD")]),
    ("en", "€3.5 billion", [("3.5 billion", "cur:EUR", "€")]),
    ("en", "£120m", [("120m", "cur:GBP", "£")]),
    # units
    ("tr", "12 km yürüdü", [("12", "unit:km", "km")]),
    ("tr", "12km", [("12", "unit:km", "km")]),
    ("tr", "2,5 kilometrelik yol", [("2,5", "unit:km", "kilometrelik")]),
    ("en", "a 12-km road", [("12", "unit:km", "km")]),
    ("en", "12 kilometres", [("12", "unit:km", "kilometres")]),
    ("en", "12 kilometers", [("12", "unit:km", "kilometers")]),
    ("en", "12 miles", [("12", "unit:mi|unit:nmi", "miles")]),
    ("tr", "180 kilo eroin", [("180", "unit:kg", "kilo")]),
    ("en", "180 kilos", [("180", "unit:kg", "kilos")]),
    ("en", "1.5 tonnes", [("1.5", "unit:t", "tonnes")]),
    ("tr", "1,5 ton", [("1,5", "unit:t", "ton")]),
    ("tr", "50 dönümlük arazi", [("50", "unit:dönüm", "dönümlük")]),
    ("tr", "50 hektar", [("50", "unit:ha", "hektar")]),
    ("tr", "25°C", [("25", "unit:°C", "°C")]),
    ("tr", "25 derece", [("25", "unit:°C|unit:°F", "derece")]),
    ("en", "500 MW", [("500", "unit:MW", "MW")]),
    ("tr", "500 megavatlık santral", [("500", "unit:MW", "megavatlık")]),
    ("en", "120 km/h", [("120", "unit:km|unit:km/h", "km/h")]),
    ("tr", "20 yaşındaki genç", [("20", "unit:year", "yaşındaki")]),
    ("tr", "48 saatliğine kapattı", [("48", "unit:hour", "saatliğine")]),
    ("en", "5 pounds", [("5", "cur:GBP|unit:lb", "pounds")]),
    ("tr", "1000 dolar", [("1000", "cur:USD", "dolar")]),
    # nothing: another dollar, a word between, a glued symbol, a lower-case code
    ("en", "C$5", [("5", None, None)]),
    ("en", "HK$5", [("5", None, None)]),
    ("tr", "5 milyon Kanada doları", [("5 milyon", None, None)]),
    ("en", "5 million Canadian dollars", [("5 million", None, None)]),
    ("en", "3 try to win", [("3", None, None)]),
    ("tr", "5 mi 6 mı?", [("5", None, None), ("6", None, None)]),
    ("en", "5 people, 3 dollars", [("5", None, None), ("3", "cur:USD", "dollars")]),
    ("tr", "yüzde 5", [("yüzde 5", None, None)]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_unit_of(lang: str, text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert units(text, lang) == expected


def _unit(text: str, lang: str) -> Unit:
    m = numbers(text, lang)[0]
    u = unit_of(text, m.start, m.end, lang)
    assert u is not None, text
    return u


def test_compatible_shares_a_kind() -> None:
    pounds, sterlin, kilo = _unit("5 pounds", "en"), _unit("5 sterlin", "tr"), _unit("5 kilo", "tr")
    assert compatible(pounds, sterlin) and not compatible(pounds, kilo)  # GBP or lb
    assert pounds.label == "GBP or lb" and kilo.label == "kg"
    tl = _unit("5 lira", "tr")
    assert not compatible(_unit("$5", "en"), tl) and compatible(_unit("₺5", "en"), tl)
    assert compatible(_unit("120 km/h", "en"), _unit("120 kilometre", "tr"))
    assert not compatible(_unit("120 mph", "en"), _unit("120 km", "tr"))
    assert not compatible(_unit("50 hectares", "en"), _unit("50 dönüm", "tr"))


def test_forms_are_generated_per_language() -> None:
    tr, en = forms("tr"), forms("en")
    assert any(f.words == ("dolarlık",) for f in tr["dolarlık"])
    assert "dolarlık" not in en and "dollars" not in tr  # English plural is not Turkish
    assert "km'lik" not in tr and "kmlik" not in tr  # abbreviations take an apostrophe
    assert "$" in tr and "$" in en  # symbols are for any language
