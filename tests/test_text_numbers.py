"""Number mentions and their cross-language canonical values (align.text.numbers)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.text.numbers import numbers
from align.text.numlex import canon, parse_digits, parse_numeric_date

# (lang, text, [(value, kind), ...]) -- every rule of the module docstring, both directions.
CASES = [
    # separators: Turkish/European dot thousands and comma decimals, English the reverse
    ("tr", "1.250 asker", [("1250", "int")]),
    ("en", "1,250 soldiers", [("1250", "int")]),
    ("en", "1.250 metres", [("1.25", "decimal")]),
    ("tr", "1,250 metre", [("1.25", "decimal")]),
    ("tr", "2,5 ton", [("2.5", "decimal")]),
    ("en", "2.5 tonnes", [("2.5", "decimal")]),
    ("en", "2,5 tonnes", [("2.5", "decimal")]),
    ("tr", "3.5 ton", [("3.5", "decimal")]),
    ("tr", "1.250.000,50 lira", [("1250000.5", "decimal")]),
    ("en", "1,250,000.50 pounds", [("1250000.5", "decimal")]),
    ("tr", "1,250,000 kişi", [("1250000", "int")]),
    ("en", "1.250.000 people", [("1250000", "int")]),
    ("de", "1.250 Menschen", [("1250", "int")]),
    ("fr", "1\u00a0250,5 euros", [("1250.5", "decimal")]),
    ("is", "2,5 tonn", [("2.5", "decimal")]),
    # scale words
    ("tr", "2,5 milyar dolar", [("2500000000", "amount")]),
    ("en", "2.5 billion dollars", [("2500000000", "amount")]),
    ("en", "2,500,000,000 dollars", [("2500000000", "int")]),
    ("tr", "3,5 milyon kişi", [("3500000", "amount")]),
    ("en", "3.5 million people", [("3500000", "amount")]),
    ("en", "$5bn deal", [("5000000000", "amount")]),
    ("en", "£3m fine", [("3000000", "amount")]),
    ("en", "3 m away", [("3", "int")]),
    ("tr", "2 milyon 500 bin", [("2500000", "amount")]),
    ("tr", "iki buçuk milyon", [("2500000", "amount")]),
    ("tr", "bir milyon", [("1000000", "amount")]),
    ("en", "a million", [("1000000", "amount")]),
    ("en", "one million", [("1000000", "amount")]),
    ("de", "2,5 Milliarden Euro", [("2500000000", "amount")]),
    ("fr", "2,5 milliards d'euros", [("2500000000", "amount")]),
    ("is", "2,5 milljarða króna", [("2500000000", "amount")]),
    # percent
    ("tr", "yüzde 15 arttı", [("15%", "percent")]),
    ("tr", "%15 arttı", [("15%", "percent")]),
    ("tr", "% 15 arttı", [("15%", "percent")]),
    ("tr", "%2,5 faiz", [("2.5%", "percent")]),
    ("tr", "yüzde on beş", [("15%", "percent")]),
    ("en", "rose 15 percent", [("15%", "percent")]),
    ("en", "rose 15%", [("15%", "percent")]),
    ("en", "rose 15 per cent", [("15%", "percent")]),
    ("en", "rose 2.5%", [("2.5%", "percent")]),
    ("de", "15 Prozent", [("15%", "percent")]),
    ("fr", "15 % des voix", [("15%", "percent")]),
    ("fr", "15 pour cent", [("15%", "percent")]),
    ("tr", "2021 %15", [("2021", "year"), ("15%", "percent")]),
    # dates: day-month (+ year as its own mention)
    ("tr", "26 Ekim'de", [("date:10-26", "date")]),
    ("en", "on October 26", [("date:10-26", "date")]),
    ("en", "on 26 October", [("date:10-26", "date")]),
    ("en", "on October 26th", [("date:10-26", "date")]),
    ("en", "the 26th of October", [("date:10-26", "date")]),
    ("en", "Oct. 26", [("date:10-26", "date")]),
    ("tr", "27.10.2021 tarihinde", [("date:10-27", "date"), ("2021", "year")]),
    ("tr", "27 Ekim 2021", [("date:10-27", "date"), ("2021", "year")]),
    ("en", "27 October 2021", [("date:10-27", "date"), ("2021", "year")]),
    ("en", "October 27, 2021", [("date:10-27", "date"), ("2021", "year")]),
    ("en", "10/27/2021", [("date:10-27", "date"), ("2021", "year")]),
    ("tr", "27/10/2021", [("date:10-27", "date"), ("2021", "year")]),
    ("en", "2021-10-27", [("2021", "year"), ("date:10-27", "date")]),
    ("de", "am 3. Oktober 2021", [("date:10-03", "date"), ("2021", "year")]),
    ("fr", "le 1er octobre", [("date:10-01", "date")]),
    ("is", "26. október", [("date:10-26", "date")]),
    ("tr", "Mayıs 2021", [("month:05", "date"), ("2021", "year")]),  # a month with a year
    ("en", "in November 2017", [("month:11", "date"), ("2017", "year")]),
    ("en", "May 2019 was hot", [("month:05", "date"), ("2019", "year")]),
    # years
    ("tr", "2021'de", [("2021", "year")]),
    ("en", "in 2021", [("2021", "year")]),
    ("en", "the 1990s", [("1990", "year")]),
    ("tr", "1990'lı yıllar", [("1990", "year")]),
    ("en", "3000 troops", [("3000", "int")]),
    # number words
    ("tr", "dört kişi", [("4", "int")]),
    ("en", "four people", [("4", "int")]),
    ("tr", "on iki ay", [("12", "int")]),
    ("en", "twelve months", [("12", "int")]),
    ("tr", "yüz kişi", [("100", "int")]),
    ("tr", "bin kişi", [("1000", "amount")]),
    ("tr", "iki yüz elli bin", [("250000", "amount")]),
    ("en", "two hundred fifty thousand", [("250000", "amount")]),
    ("en", "one hundred and five", [("105", "int")]),
    ("en", "twenty-one", [("21", "int")]),
    ("tr", "yedi kişi", [("7", "int")]),
    # ambiguous words that must give nothing
    ("tr", "bir adam", []),
    ("en", "one of them", []),
    ("tr", "Onu yedi.", []),
    ("tr", "yüz yüze", []),
    ("en", "a second later", []),
    ("en", "a man", []),
    # ordinals
    ("tr", "3. köprü", [("ord:3", "ordinal")]),
    ("tr", "üçüncü köprü", [("ord:3", "ordinal")]),
    ("tr", "3'üncü köprü", [("ord:3", "ordinal")]),
    ("tr", "ilk kez", [("ord:1", "ordinal")]),
    ("tr", "yirmi üçüncü", [("ord:23", "ordinal")]),
    ("en", "the third bridge", [("ord:3", "ordinal")]),
    ("en", "the 3rd bridge", [("ord:3", "ordinal")]),
    ("en", "the 26th", [("ord:26", "ordinal")]),
    ("en", "twenty-third", [("ord:23", "ordinal")]),
    ("en", "the second time", [("ord:2", "ordinal")]),
    ("en", "the first time", [("ord:1", "ordinal")]),
    ("de", "die 3. Liga", [("ord:3", "ordinal")]),
    ("fr", "le 3e arrondissement", [("ord:3", "ordinal")]),
    ("tr", "Bu 3. Ve", [("3", "int")]),  # upper case after "3." in Turkish: sentence end
    ("tr", "sayı 3.", [("3", "int")]),
]


@pytest.mark.parametrize("lang, text, expected", CASES)
def test_numbers(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.value, m.kind) for m in numbers(text, lang)] == expected


def test_table_is_large() -> None:
    assert len(CASES) >= 50


# Cross-language equality: the same quantity written both ways gives the same value set.
PAIRS = [
    ("1.250 asker", "1,250 soldiers"),
    ("2,5 milyar dolar", "2.5 billion dollars"),
    ("2,5 milyar dolar", "2,500,000,000 dollars"),
    ("3,5 milyon", "3.5 million"),
    ("yüzde 15", "15 percent"),
    ("%15", "15%"),
    ("26 Ekim", "October 26th"),
    ("27.10.2021", "October 27, 2021"),
    ("27 Ekim 2021", "27 October 2021"),
    ("dört", "four"),
    ("on iki", "twelve"),
    ("üçüncü", "third"),
    ("3. tur", "3rd round"),
    ("ilk", "first"),
    ("bir milyon", "a million"),
]


@pytest.mark.parametrize("tr, en", PAIRS)
def test_same_value_across_languages(tr: str, en: str) -> None:
    assert {m.value for m in numbers(tr, "tr")} == {m.value for m in numbers(en, "en")} != set()


def test_spans_point_at_the_number() -> None:
    text = "Rusya 26 Ekim 2021'de yüzde 15 düştü."
    got = [(text[m.start:m.end], m.value) for m in numbers(text, "tr")]
    assert got == [("26 Ekim", "date:10-26"), ("2021", "2021"), ("yüzde 15", "15%")]
    text = "27.10.2021"
    assert [text[m.start:m.end] for m in numbers(text, "tr")] == ["27.10.2021", "2021"]


@pytest.mark.parametrize("s, lang, expected", [
    ("1.250", "tr", "1250"), ("1.250", "en", "1.25"), ("2,5", "tr", "2.5"), ("2,5", "en", "2.5"),
    ("1,250", "en", "1250"), ("007", "tr", "7"), ("1 250", "fr", "1250"),
])
def test_parse_digits(s: str, lang: str, expected: str) -> None:
    value = parse_digits(s, lang)
    assert value is not None and canon(value) == expected


@pytest.mark.parametrize("s, lang, expected", [
    ("27.10.2021", "tr", (2021, 10, 27)), ("27.10.21", "tr", (2021, 10, 27)),
    ("10/27/2021", "en", (2021, 10, 27)), ("27/10/2021", "en", (2021, 10, 27)),
    ("05/04/2021", "en", (2021, 5, 4)), ("05/04/2021", "tr", (2021, 4, 5)),
    ("2021-10-27", "de", (2021, 10, 27)), ("32.10.2021", "tr", None), ("1.250.000", "tr", None),
])
def test_numeric_dates(s: str, lang: str, expected: tuple[int, int, int] | None) -> None:
    assert parse_numeric_date(s, lang) == expected


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_agree(n: int) -> None:
    tr, en = f"{n:,}".replace(",", "."), f"{n:,}"
    assert parse_digits(tr, "tr") == parse_digits(en, "en") == n


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))
def test_canon_round_trips(d: Decimal) -> None:
    assert Decimal(canon(d)) == d


# Turkish number words with case, possessive and copula endings (align/data/numbers/
# tr.inflection.tsv): (text, [(surface, value)]). Ambiguous words count only in a number
# context; "yüz" is also "face" and "bu yüzden" is "therefore"; "on" forms are pronoun forms.
INFLECTED = [
    ("1 milyondan fazla kişi", [("1 milyondan", "1000000")]),
    ("3 milyara ulaştı", [("3 milyara", "3000000000")]),
    ("2 milyarı aştı", [("2 milyarı", "2000000000")]),
    ("1 milyon'dan fazla", [("1 milyon", "1000000")]),
    ("yüzden fazla kişi", [("yüzden", "100")]),
    ("Yüzden fazla kişi öldü.", [("Yüzden", "100")]),
    ("iki yüzden fazla", [("iki yüzden", "200")]),
    ("beş yüzü aşkın", [("beş yüzü", "500")]),
    ("yüz'den fazla", [("yüz", "100")]),
    ("iki bine yakın", [("iki bine", "2000")]),
    ("bini aşkın asker", [("bini", "1000")]),
    ("yüzde elli sekizi hayır dedi", [("yüzde elli sekizi", "58%")]),
    ("yüzde otuz sekizken", [("yüzde otuz sekizken", "38%")]),
    ("yüzde kırk sekizdi.", [("yüzde kırk sekizdi", "48%")]),
    ("yüzde üçü bulabilir", [("yüzde üçü", "3%")]),
    ("yüzde yirmisi dedi", [("yüzde yirmisi", "20%")]),
    ("yüzde beşlik vergi", [("yüzde beşlik", "5%")]),
    ("yüzde ona çıkardı", [("yüzde ona", "10%")]),
    ("otuz ikisi ise", [("otuz ikisi", "32")]),
    ("dördü de geldi", [("dördü", "4")]),
    ("üçer puan aldılar", [("üçer", "3")]),
    ("altıdan fazla", [("altıdan", "6")]),
    # ordinary words that must stay words
    ("bu yüzden gitti", []),
    ("bu yüzden fazla mesai yaptı", []),
    ("o yüzden", []),
    ("yağmur yüzünden ertelendi", []),
    ("yüzü güldü", []),
    ("yüze sürülen krem", []),
    ("yüz yüze görüştüler", []),
    ("yüzlerce kişi", []),
    ("binlerce kişi", []),
    ("milyonlarca insan", []),
    ("Ona göre sorun büyük.", []),
    ("ona bir kitap verdi", []),
    ("ondan fazla bir şey beklemiyorum", []),
    ("otobüse bindi", []),
    ("masanın altında kaldı", []),
    ("sıfırdan başladı", []),
    ("birden ortaya çıktı", []),
]


@pytest.mark.parametrize("text, expected", INFLECTED)
def test_inflected_turkish_number_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[m.start:m.end], m.value) for m in numbers(text, "tr")] == expected


@pytest.mark.parametrize("word, suffix, soft, expected", [
    ("milyon", "DAn", False, "milyondan"), ("yüz", "DAn", False, "yüzden"),
    ("üç", "DAn", False, "üçten"), ("dört", "(y)I", True, "dördü"), ("dört", "DA", True, "dörtte"),
    ("iki", "(s)I", False, "ikisi"), ("iki", "(y)A", False, "ikiye"), ("elli", "(n)In", False, "ellinin"),
    ("kırk", "(y)I", False, "kırkı"), ("otuz", "(s)InDAn", False, "otuzundan"),
    ("sekiz", "(y)ken", False, "sekizken"), ("beş", "lIk", False, "beşlik"),
])
def test_harmonise(word: str, suffix: str, soft: bool, expected: str) -> None:
    from align.text.numbers import harmonise

    assert harmonise(word, suffix, soft) == expected


def test_inflection_table_is_generated_from_the_vocabulary() -> None:
    from align.text.numbers import inflection

    inf = inflection("tr")
    assert inf is not None and inf.forms["milyondan"] == "milyon" and "yüzde" not in inf.forms
    assert "yüzlerce" not in inf.forms and {"on", "yüz", "bin"} <= set(inf.ambiguous)
    assert inflection("en") is None


# Dates in Turkish and English forms: (lang, text, [(surface, value)]). Month names take
# case endings without an apostrophe; a day range before one month gives a date per day.
DATES = [
    ("tr", "12.03.2024 tarihinde", [("12.03.2024", "date:03-12"), ("2024", "2024")]),
    ("tr", "12/03/2024 tarihli karar", [("12/03/2024", "date:03-12"), ("2024", "2024")]),
    ("tr", "12 Mart 2024'te", [("12 Mart", "date:03-12"), ("2024", "2024")]),
    ("en", "on 12 March 2024", [("12 March", "date:03-12"), ("2024", "2024")]),
    ("en", "on March 12, 2024", [("March 12", "date:03-12"), ("2024", "2024")]),
    ("tr", "Seçim 12 Martta yapıldı.", [("12 Martta", "date:03-12")]),
    ("tr", "26 Ekimde açıklandı", [("26 Ekimde", "date:10-26")]),
    ("tr", "1 Ocaktan itibaren", [("1 Ocaktan", "date:01-01")]),
    ("tr", "15 Temmuza kadar", [("15 Temmuza", "date:07-15")]),
    ("tr", "3 Mayısın ardından", [("3 Mayısın", "date:05-03")]),
    ("tr", "12-13 Mart tarihlerinde", [("12", "date:03-12"), ("13 Mart", "date:03-13")]),
    ("tr", "12-13 Mart 2024", [("12", "date:03-12"), ("13 Mart", "date:03-13"),
                               ("2024", "2024")]),
    ("tr", "12 ve 13 Mart günleri", [("12", "date:03-12"), ("13 Mart", "date:03-13")]),
    ("tr", "12 ila 15 Mart arasında", [("12", "date:03-12"), ("15 Mart", "date:03-15")]),
    ("en", "on March 12-13", [("March 12", "date:03-12"), ("13", "date:03-13")]),
    ("en", "on March 12–13, 2024", [("March 12", "date:03-12"), ("13", "date:03-13"),
                                    ("2024", "2024")]),
    ("en", "on 12-13 March", [("12", "date:03-12"), ("13 March", "date:03-13")]),
    ("en", "between 12 and 13 March", [("12", "date:03-12"), ("13 March", "date:03-13")]),
    # not ranges: a score, a count after a date, a month word with no day
    ("tr", "3-1 Mart", [("3", "3"), ("1 Mart", "date:03-01")]),
    ("en", "On March 12, 13 people died", [("March 12", "date:03-12"), ("13", "13")]),
    ("en", "On March 12 and 13 people", [("March 12", "date:03-12"), ("13", "13")]),
    ("tr", "Ekimde yapıldı", []),
    ("tr", "ekimden sonra hasat", []),
]


@pytest.mark.parametrize("lang, text, expected", DATES)
def test_dates(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[m.start:m.end], m.value) for m in numbers(text, lang)] == expected
