"""number_mismatch and entity_mismatch: tables of Turkish/English pairs (one 1-1 link)."""
from __future__ import annotations

import pytest

from align.qa.checks import run_checks
from align.types import Alignment
from tests.qa_helpers import make


def flags(aln: Alignment, check: str) -> list[tuple[str, str]]:
    out = run_checks(aln, [check])
    return [(f.severity.value, f.message) for b in out.beads for f in b.flags]


def severities(tr: str, en: str, check: str) -> list[str]:
    return [s for s, _ in flags(make([tr], [en]), check)]


NUMBERS = [
    # (Turkish, English, expected severities)
    ("Polis 180 kilo eroin ele geçirdi.", "Police seized 280 kilos of heroin.", ["critical"]),
    ("Polis 180 kilo eroin ele geçirdi.", "Police seized 180 kilos of heroin.", []),
    ("Çin planı Temmuz 2017'de yayımladı.", "China issued the plan in November 2017.",
     ["critical"]),  # a month with a year is a date
    ("Çin planı Kasım 2017'de yayımladı.", "China issued the plan in November 2017.", []),
    ("Şirket 3,5 milyon lira ödedi.", "The company paid 3.5 million liras.", []),
    ("Hesaba 2,5 milyar lira yatırıldı.", "2.5 billion liras were paid in.", []),
    ("Hesaba 2,5 milyar lira yatırıldı.", "2.5 million liras were paid in.", ["critical"]),
    ("Oran yüzde 40 oldu.", "The rate was 40%.", []),
    ("Oran %40 oldu.", "The rate was 40 percent.", []),
    ("Oran yüzde 40 oldu.", "The rate was 14 percent.", ["critical"]),
    ("Toplantı 27.10.2021 tarihinde yapıldı.", "The meeting was held on October 27, 2021.", []),
    ("Karar 26 Ekim'de açıklandı.", "The verdict was announced on October 26.", []),
    ("Karar 26 Ekim'de açıklandı.", "The verdict was announced on October 24.", ["critical"]),
    ("Kooperatifin 1.250 üyesi var.", "The cooperative has 1,250 members.", []),
    ("Kooperatifin 1.250 üyesi var.", "The cooperative has 1,520 members.", ["critical"]),
    ("Üç kişi yaralandı.", "Three people were injured.", []),
    ("3 kişi yaralandı.", "Three people were injured.", []),
    ("Dört kişi yaralandı.", "Four people were injured.", []),
    ("Altı kişi yaralandı.", "Four people were injured.", ["critical"]),
    ("Lira yüzde 44,8 değer kaybetti.", "The lira lost about 45% of its value.", []),
    ("Fiyatlar arttı.", "Prices rose 12%.", ["major"]),
    ("Ürünlerin yarısı satıldı.", "50% of the products were sold.", []),
    ("Her yıl 1 milyondan fazla ölüm oluyor.", "It causes more than a million deaths a year.", []),
    ("İstanbul 34. Ağır Ceza Mahkemesi karar verdi.", "Istanbul's 34th High Criminal Court ruled.",
     []),
    ("Maç saat 15:00'te başlayacak.", "The match starts at 3 p.m.", []),
    ("Bina saat 06.40 sularında çöktü.", "The building collapsed at about 6:40.", []),
    ("Net asgari ücret 2.825,90 lira.", "The net minimum wage is 2,825.90 liras.", []),
    ("Otuz yıl geçti.", "Thirty years passed.", []),
    # a summary may drop Turkish numbers; the English one that is there must match
    ("Enflasyon yüzde 21,31'e, faiz yüzde 15'e çıktı.", "Inflation rose to 21.31%.", []),
    # "first", "second" as words are not figures unless a different ordinal is there
    ("İlk duruşma yapıldı.", "The first hearing was held.", []),
    ("Yazar makalede bunu anlattı.", "The second article explains it.", []),
    # currencies: a changed one is critical; one named on one side only is fine
    ("Şirket 5 milyon dolar ödedi.", "The company paid 5 million lira.", ["critical"]),
    ("Şirket 5 milyon dolar ödedi.", "The company paid $5 million.", []),
    ("Şirket 5 milyon dolar ödedi.", "The company paid 5 million dollars.", []),
    ("Şirket 5 milyon dolar ödedi.", "The company paid 5 million.", []),
    ("Şirket 5 milyon ödedi.", "The company paid 5 million euros.", []),
    ("Şirket 5 milyon dolarlık anlaşma imzaladı.", "The company signed a $5m deal.", []),
    ("Şirket 5 milyon dolarlık anlaşma imzaladı.", "The company signed a €5m deal.",
     ["critical"]),
    ("Ceza 500 TL oldu.", "The fine was 500 lira.", []),
    ("Ceza 500 TL oldu.", "The fine was ₺500.", []),
    ("Ceza ₺500 oldu.", "The fine was TRY 500.", []),
    ("Ceza 500 liraya çıktı.", "The fine rose to 500 Turkish liras.", []),
    ("Ceza 500 liraya çıktı.", "The fine rose to $500.", ["critical"]),
    ("Ceza 500 TL'ye çıktı.", "The fine rose to 500 euros.", ["critical"]),
    ("Bilet 3 dolar.", "The ticket costs 3 USD.", []),
    ("Bilet 3 avro.", "The ticket costs 3 euros.", []),
    ("Bilet 3 avro.", "The ticket costs €3.", []),
    ("Bilet 3 euro.", "The ticket costs 3 pounds.", ["critical"]),
    ("Bilet 3 sterlin.", "The ticket costs 3 pounds.", []),
    ("Bilet 3 sterlin.", "The ticket costs £3.", []),
    ("Maliye yılda 120 milyon sterlin toplayacak.", "The Treasury will raise £120m a year.",
     []),
    ("Dava 26.750 ABD dolarını buldu.", "The claim reached $26,750.", []),
    ("Dava 26.750 ABD dolarını buldu.", "The claim reached 26,750 lira.", ["critical"]),
    ("Fiyat 2,46 milyar avroya çıktı.", "The price rose to about $2.5 billion.", ["critical"]),
    ("Bağış 5 dolar ve 5 avro oldu.", "Donations were 5 euros and 5 dollars.", []),
    ("Erkeklere 1000 dolar verdi.", "He gave the men €1,000.", ["critical"]),
    # units
    ("Yol 12 km uzunluğunda.", "The road is 12 miles long.", ["critical"]),
    ("Yol 12 km uzunluğunda.", "The road is 12 kilometres long.", []),
    ("12 kilometrelik yol açıldı.", "A 12-kilometer road opened.", []),
    ("12 kilometrelik yol açıldı.", "A 12-mile road opened.", ["critical"]),
    ("Polis 180 kilo eroin ele geçirdi.", "Police seized 180 pounds of heroin.", ["critical"]),
    ("Polis 180 kilo eroin ele geçirdi.", "Police seized 180kg of heroin.", []),
    ("Gemiye 2,5 ton yük yüklendi.", "2.5 tonnes of cargo were loaded.", []),
    ("Gemiye 2,5 ton yük yüklendi.", "2.5 kilos of cargo were loaded.", ["critical"]),
    ("Çiftçi 50 dönüm arazi ekti.", "The farmer sowed 50 decares.", []),
    ("Çiftçi 50 dönüm arazi ekti.", "The farmer sowed 50 hectares.", ["critical"]),
    ("Çiftçi 50 hektar arazi ekti.", "The farmer sowed 50 ha.", []),
    ("Hava sıcaklığı 40 dereceyi aştı.", "Temperatures topped 40°C.", []),
    ("Hava sıcaklığı 40 °C'yi aştı.", "Temperatures topped 40 degrees Fahrenheit.",
     ["critical"]),
    ("Santral 500 megavatlık olacak.", "The plant will have 500 MW.", []),
    ("Santral 500 megavatlık olacak.", "The plant will have 500 kW.", ["critical"]),
    ("Araç saatte 120 kilometre hızla gidiyordu.", "The car was doing 120 km/h.", []),
    ("Araç saatte 120 kilometre hızla gidiyordu.", "The car was doing 120 mph.", ["critical"]),
    ("Tanker 12 mil açıkta bekliyor.", "The tanker is waiting 12 nautical miles offshore.", []),
    ("Günde 5 milyon varil petrol üretiliyor.", "5 million barrels of oil a day are produced.",
     []),
    ("Sanık 15 yıl hapis cezası aldı.", "The defendant was sentenced to 15 years in prison.",
     []),
    ("Sanık 15 yıl hapis cezası aldı.", "The defendant was sentenced to 15 months in prison.",
     ["critical"]),
    ("20 yaşındaki öğrenci gözaltına alındı.", "The 20-year-old student was detained.", []),
    ("Plajlar 48 saatliğine kapatıldı.", "Beaches were closed for 48 hours.", []),
    ("Plajlar 48 saatliğine kapatıldı.", "Beaches were closed for 48 minutes.", ["critical"]),
    ("Faiz 200 baz puan artırıldı.", "Rates were raised by 200 basis points.", []),
    # a same-value Turkish number without a unit (or an ordinal) keeps the rule lenient
    ("İki şirket iki yıl önce birleşti.", "The two companies merged two months ago.", []),
    ("Dördüncü dakikada gol geldi, 4 dakika sonra ikincisi.",
     "A goal came in the fourth minute, a second 4 hours later.", ["critical"]),
    # dates in Turkish formats
    ("Toplantı 12.03.2024 tarihinde yapıldı.", "The meeting was held on 12 March 2024.", []),
    ("Toplantı 12.03.2024 tarihinde yapıldı.", "The meeting was held on March 12, 2024.", []),
    ("Toplantı 12 Mart 2024'te yapıldı.", "The meeting was held on March 12, 2024.", []),
    ("Seçim 12 Martta yapıldı.", "The election was held on March 12.", []),
    ("Seçim 12 Martta yapıldı.", "The election was held on March 21.", ["critical"]),
    ("Toplantı 12-13 Mart'ta yapıldı.", "The meeting was held on March 12-13.", []),
    ("Toplantı 12 ve 13 Mart'ta yapıldı.", "The meeting was held on 12 and 13 March.", []),
    ("Toplantı 12.03.2024 tarihinde yapıldı.", "The meeting was held on 12/03/2024.", []),
    ("Toplantı 03.12.2024 tarihinde yapıldı.", "The meeting was held on March 12, 2024.",
     ["critical"]),
    ("Toplantı 03.12.2024 tarihinde yapıldı.", "The meeting was held on 3 December 2024.", []),
]


@pytest.mark.parametrize(("tr", "en", "expected"), NUMBERS)
def test_number_mismatch(tr: str, en: str, expected: list[str]) -> None:
    assert severities(tr, en, "number_mismatch") == expected


def test_number_elsewhere_is_minor_and_context_year_is_fine() -> None:
    tr = ["Fiyatlar 2021'de yüzde 12 arttı.", "Bakan konuştu."]
    en = ["Prices rose.", "In 2021, the minister said prices rose 12%."]
    got = flags(make(tr, en, [((0,), (0,)), ((1,), (1,))]), "number_mismatch")
    assert [s for s, _ in got] == ["minor"]  # 12% is in sentence 0; the year is context
    assert "source sentence 0" in got[0][1]


def test_number_spans_point_at_the_figures() -> None:
    aln = run_checks(make(["Bir", "Polis 180 kilo eroin ele geçirdi."],
                          ["One.", "Police seized 280 kilos."], [((0,), (0,)), ((1,), (1,))]),
                     ["number_mismatch"])
    (f,) = [f for b in aln.beads for f in b.flags]
    assert aln.target.text[f.tgt_span[0]:f.tgt_span[1]] == "280"
    assert aln.source.text[f.src_span[0]:f.src_span[1]] == "180"
    assert f.type == "number_mismatch"


def test_changed_currency_message_and_spans() -> None:
    aln = run_checks(make(["Bakanlık 5 milyon dolar ödedi."],
                          ["The ministry paid 5 million lira."]), ["number_mismatch"])
    (f,) = [f for b in aln.beads for f in b.flags]
    assert f.severity.value == "critical"
    assert f.message == ("English “5 million lira”: the linked Turkish has “5 milyon dolar” "
                         "(USD, not TRY) in source sentence 0: changed currency?")
    assert aln.target.text[f.tgt_span[0]:f.tgt_span[1]] == "5 million lira"
    assert aln.source.text[f.src_span[0]:f.src_span[1]] == "5 milyon dolar"


@pytest.mark.parametrize(("tr", "en", "part"), [
    ("Yol 12 km uzunluğunda.", "The road is 12 miles long.", "(km, not mi or nmi)"),
    ("Polis 180 kilo eroin buldu.", "Police found 180 pounds of heroin.", "(kg, not lb)"),
    ("Ceza 3 sterlin.", "The fine was 3 kilos.",
     "(GBP, not kg) in source sentence 0: changed unit?"),
    ("Toplantı 03.12.2024'te yapıldı.", "The meeting was on March 12.",
     "day and month swapped?"),
])
def test_unit_and_date_messages(tr: str, en: str, part: str) -> None:
    (msg,) = [m for _, m in flags(make([tr], [en]), "number_mismatch")]
    assert part in msg


def test_changed_currency_in_free_mode() -> None:
    tr = ["Bakan konuştu.", "Şirket 5 milyon dolar ödedi.", "Hava güzeldi."]
    en = ["The minister said the company paid 5 million euros."]
    got = flags(make(tr, en, [((0, 2), (0,))], mode="free"), "number_mismatch")
    assert [s for s, _ in got] == ["critical"] and "(USD, not EUR)" in got[0][1]


def test_number_free_mode_uses_the_whole_source() -> None:
    tr = ["Fiyatlar yüzde 12 arttı.", "Bakan konuştu.", "Ücretler düştü."]
    en = ["The minister said prices rose 12% and wages 7%."]
    got = flags(make(tr, en, [((1, 2), (0,))], mode="free"), "number_mismatch")
    assert [s for s, _ in got] == ["major"] and "7%" in got[0][1]


ENTITIES = [
    ("Ermenistan ile sınır kapısı açılacak.", "The border gate with Azerbaijan will open.",
     ["critical"]),
    ("Ermenistan ile sınır kapısı açılacak.", "The border gate with Armenia will open.", []),
    ("Bakan Kiev'e gitti.", "The minister went to Kyiv.", []),
    ("Bakan Kiev'e gitti.", "The minister went to Kiev.", []),
    ("Toplantı İstanbul'da yapıldı.", "The meeting was held in Istanbul.", []),
    ("Toplantı İstanbul'da yapıldı.", "The meeting was held in İstanbul.", []),
    ("Cumhurbaşkanı Erdoğan konuştu.", "President Erdoğan spoke.", []),
    ("Cumhurbaşkanı Erdoğan konuştu.", "President Erdogan spoke.", []),
    ("TÜİK verileri açıkladı.", "Data released by TÜİK show a rise.", []),
    ("TÜİK verileri açıkladı.", "Data released by TurkStat show a rise.", []),
    ("TCMB faizi indirdi.", "The CBRT cut rates.", []),
    ("Rus birlikleri ilerledi.", "Russian troops advanced.", []),
    ("Rusya Ukrayna'ya saldırdı.", "Russia attacked the Ukrainian army.", []),
    ("Almanya'nın kulübü transferi onayladı.", "The German club approved the transfer.", []),
    ("Bakan Ahmet Kaya konuştu.", "Minister Mehmet Demir spoke.", ["major"]),
    ("Nermin Yıldız hakimlere döndü.", "Nermin Yılmaz turned to the judges.", ["major"]),
    ("Toplantı Ankara'da yapıldı.", "The meeting was held in Izmir.", ["major"]),
    ("Marmara Ekonomi Enstitüsü rapor yayımladı.", ("The Aegean Economics Institute published a "
     "report."), ["major"]),
    # titles, compass words, plain capitalised words and the home country are not names
    ("Doç. Dr. Ayşe Tunalı konuştu.", "Assoc. Prof. Ayşe Tunalı spoke.", []),
    ("Suriye'nin kuzeybatısındaki İdlib.", "Idlib, Northwestern Syria.", []),
    ("Merkez Bankası faizi indirdi.", "The Central Bank cut rates.", []),
    ("Lira değer kaybetti.", "The Turkish lira lost value.", []),
]


@pytest.mark.parametrize(("tr", "en", "expected"), ENTITIES)
def test_entity_mismatch(tr: str, en: str, expected: list[str]) -> None:
    assert severities(tr, en, "entity_mismatch") == expected


def test_entity_from_elsewhere_in_the_source_is_minor_or_silent() -> None:
    tr = ["Kooperatifin eski başkanı Necati Bozkurt tutuklandı.", "Bozkurt suçlamaları reddetti.",
          "Dün Kaya da ifade verdi."]
    en = ["The former president was arrested.", "Necati Bozkurt rejected the charges.",
          "Kaan Bozkurt also testified yesterday."]
    got = flags(make(tr, en), "entity_mismatch")
    # "Necati" is elsewhere and "Bozkurt" is linked: silent; "Kaan Bozkurt" vs "Kaya": major
    assert [s for s, _ in got] == ["major"] and "Kaan Bozkurt" in got[0][1] and "Kaya" in got[0][1]


def test_entity_rules_need_a_swapped_name_for_major() -> None:
    """A name the English adds (no Turkish name left unrendered) is a minor hint, rule
    ``added``; a sentence-initial plain word ("Kaya": rock) is no evidence of a swap."""
    aln = run_checks(make(["Kaya da ifade verdi.", "Toplantı uzun sürdü."],
                          ["Kaan Bozkurt also testified.", "The Reuters meeting lasted long."]),
                     ["entity_mismatch"])
    got = [(f.severity.value, f.rule) for b in aln.beads for f in b.flags]
    assert got == [("minor", "added"), ("minor", "added")]


def test_entity_swap_spans_name_both_countries() -> None:
    aln = run_checks(make(["Ermenistan ile sınır kapısı açılacak."],
                          ["The border gate with Azerbaijan will open."]), ["entity_mismatch"])
    (f,) = [f for b in aln.beads for f in b.flags]
    assert aln.target.text[f.tgt_span[0]:f.tgt_span[1]] == "Azerbaijan"
    assert aln.source.text[f.src_span[0]:f.src_span[1]] == "Ermenistan"


def test_entity_free_mode_skips_turkish_outlet_names() -> None:
    tr = ["Rusya İdlib'de saldırı düzenledi.", "Kremlin açıklama yaptı."]
    en = ["As Gazete Duvar reports, Russia struck Idlib and the Kremlin spoke to Reuters."]
    got = flags(make(tr, en, [((0, 1), (0,))], mode="free"), "entity_mismatch")
    assert [m for _, m in got] == ["English “Reuters” occurs nowhere in the source"]
