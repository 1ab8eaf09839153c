"""Sentence segmentation: a table of tricky cases for Turkish and English, plus modes."""
from __future__ import annotations

import pytest

from align.segment import PRESEGMENTED, SEGMENTER, segment

TR = [
    # titles, ranks and reference abbreviations
    ("Dr. Ahmet Yılmaz geldi. Sonra gitti.", ["Dr. Ahmet Yılmaz geldi.", "Sonra gitti."]),
    ("Prof. Dr. Ayşe Kaya ile Doç. Dr. Ali Can konuştu. Toplantı bitti.",
     ["Prof. Dr. Ayşe Kaya ile Doç. Dr. Ali Can konuştu.", "Toplantı bitti."]),
    ("Av. Mehmet Öz dava açtı. Yrd. Doç. Dr. Can Ak da katıldı.",
     ["Av. Mehmet Öz dava açtı.", "Yrd. Doç. Dr. Can Ak da katıldı."]),
    ("Org. Hulusi Akar ile Tuğg. Ali Kaya görüştü. Alb. Veli Er de oradaydı.",
     ["Org. Hulusi Akar ile Tuğg. Ali Kaya görüştü.", "Alb. Veli Er de oradaydı."]),
    ("Gemiyi Kpt. Orhan Sarp yönetiyordu. Gen. Kurmay toplandı.",
     ["Gemiyi Kpt. Orhan Sarp yönetiyordu.", "Gen. Kurmay toplandı."]),
    ("T.C. Cumhurbaşkanı Recep T. Erdoğan konuştu. Öğleden sonra döndü.",
     ["T.C. Cumhurbaşkanı Recep T. Erdoğan konuştu.", "Öğleden sonra döndü."]),
    ("Şirket Aselsan A.Ş. Genel Müdürü açıkladı. Hisseler yükseldi.",
     ["Şirket Aselsan A.Ş. Genel Müdürü açıkladı.", "Hisseler yükseldi."]),
    ("A.B.D. Dışişleri Bakanı geldi. Görüşmeler başladı.",
     ["A.B.D. Dışişleri Bakanı geldi.", "Görüşmeler başladı."]),
    ("Adres: Atatürk Cad. No. 5 Ankara. Bu adrese gelin.",
     ["Adres: Atatürk Cad. No. 5 Ankara.", "Bu adrese gelin."]),
    # vb. / vs. / vd.: sentence-final before a capital, not before lower case
    ("Elma, armut vb. meyveler alındı. Eve dönüldü.",
     ["Elma, armut vb. meyveler alındı.", "Eve dönüldü."]),
    ("Masa, sandalye vs. Hepsi satıldı.", ["Masa, sandalye vs.", "Hepsi satıldı."]),
    ("Yılmaz vd. (2020) bunu gösterdi. Sonuçlar açık.",
     ["Yılmaz vd. (2020) bunu gösterdi.", "Sonuçlar açık."]),
    # ordinals
    ("3. Ordu komutanı açıklama yaptı. Toplantı sürüyor.",
     ["3. Ordu komutanı açıklama yaptı.", "Toplantı sürüyor."]),
    ("Dava İstanbul 24. Ağır Ceza Mahkemesi'nde görüldü. Sanıklar tutuklandı.",
     ["Dava İstanbul 24. Ağır Ceza Mahkemesi'nde görüldü.", "Sanıklar tutuklandı."]),
    ("Cami 16. yy. sonlarında yapıldı. Şehir büyüdü.",
     ["Cami 16. yy. sonlarında yapıldı.", "Şehir büyüdü."]),
    ("Dedesi 2. Dünya Savaşı'nda savaştı. II. Dünya Savaşı uzun sürdü.",
     ["Dedesi 2. Dünya Savaşı'nda savaştı.", "II. Dünya Savaşı uzun sürdü."]),
    ("1. ve 2. Lig maçları ertelendi. Karar yarın açıklanacak.",
     ["1. ve 2. Lig maçları ertelendi.", "Karar yarın açıklanacak."]),
    ("Bu yıl 2021. Yeni bir dönem başladı.", ["Bu yıl 2021.", "Yeni bir dönem başladı."]),
    ("Ölenlerin sayısı 12. Bu rakam artabilir.", ["Ölenlerin sayısı 12.", "Bu rakam artabilir."]),
    ("1. Giriş", ["1. Giriş"]),
    # numbers, dates, decimals
    ("Fiyat 1.250 lira oldu. Bütçe 2,5 milyar liraya ulaştı.",
     ["Fiyat 1.250 lira oldu.", "Bütçe 2,5 milyar liraya ulaştı."]),
    ("Toplantı 27.10.2021 tarihinde yapıldı. Çok kişi katıldı.",
     ["Toplantı 27.10.2021 tarihinde yapıldı.", "Çok kişi katıldı."]),
    ("Karar açıklandı. 2021 yılında 15 kişi öldü.",
     ["Karar açıklandı.", "2021 yılında 15 kişi öldü."]),
    # ellipsis
    ("Bunu bilmiyordum... ama öğrendim. Şimdi biliyorum.",
     ["Bunu bilmiyordum... ama öğrendim.", "Şimdi biliyorum."]),
    ("Her şey bitti… Yeni bir dönem başlıyor.", ["Her şey bitti…", "Yeni bir dönem başlıyor."]),
    ("Bakan (...) Ankara'ya gitti. Sonra döndü.",
     ["Bakan (...) Ankara'ya gitti.", "Sonra döndü."]),
    ("Bakan [...] dedi ki (...", ["Bakan [...] dedi ki (..."]),
    ("Doğum yılı 1950 (?) olarak geçiyor. Sonra öldü.",
     ["Doğum yılı 1950 (?) olarak geçiyor.", "Sonra öldü."]),
    # quotations
    ("“Ne yapacağız?” dedi. Herkes sustu.", ["“Ne yapacağız?” dedi.", "Herkes sustu."]),
    ("\"Neden geldin?\" diye sordu. Cevap vermedim.",
     ["\"Neden geldin?\" diye sordu.", "Cevap vermedim."]),
    ("Bakan, \"Bunu yapacağız.\" diye ekledi. Toplantı bitti.",
     ["Bakan, \"Bunu yapacağız.\" diye ekledi.", "Toplantı bitti."]),
    ("Sonuç açıklandı. “Çok mutluyuz” dedi Başkan.",
     ["Sonuç açıklandı.", "“Çok mutluyuz” dedi Başkan."]),
    ("“Ne yapacağız?” Ahmet Bey sordu. Kimse cevap vermedi.",
     ["“Ne yapacağız?” Ahmet Bey sordu.", "Kimse cevap vermedi."]),
    ("Dizide Mr. Bean oynadı. Çok güldük.", ["Dizide Mr. Bean oynadı.", "Çok güldük."]),
    # Q&A dashes
    ("— Neden? — Çünkü vaktim yok.", ["— Neden?", "— Çünkü vaktim yok."]),
    ("- Soru: Ne zaman? - Cevap: Yarın.\n- Soru: Nerede?",
     ["- Soru: Ne zaman?", "- Cevap: Yarın.", "- Soru: Nerede?"]),
    # URLs, e-mail, capital İ/Ç/Ş/Ö/Ü as starts
    ("Detaylar www.example.com.tr adresinde. İletişim için info@example.com.tr adresine yazın.",
     ["Detaylar www.example.com.tr adresinde.",
      "İletişim için info@example.com.tr adresine yazın."]),
    ("Bilgi https://ornek.org/haber?id=5 sayfasında. Çok okundu.",
     ["Bilgi https://ornek.org/haber?id=5 sayfasında.", "Çok okundu."]),
    ("Geldi. Şimdi gidiyor. Öyle mi? Üzüldük! Çok.",
     ["Geldi.", "Şimdi gidiyor.", "Öyle mi?", "Üzüldük!", "Çok."]),
    # headline lines
    ("Rusya'dan Türkiye'ye eleştiri\nKremlin açıklama yaptı. Endişe büyük.",
     ["Rusya'dan Türkiye'ye eleştiri", "Kremlin açıklama yaptı.", "Endişe büyük."]),
]

DIGEST_SOURCE = (  # a citation line from the shared digest: "2021. https://" is no end
    "Source: Dr. Can Kasapoğlu, “Title (Title),” EDAM (a think-tank), 27 October 2021. "
    "https://edam.org.tr/a-b/"
)
EN = [
    ("Mr. Smith met Mrs. Jones in the U.S. yesterday. They talked.",
     ["Mr. Smith met Mrs. Jones in the U.S. yesterday.", "They talked."]),
    ("He moved to the U.S. The move was hard.", ["He moved to the U.S.", "The move was hard."]),
    ("The U.K. Parliament voted. It was close.", ["The U.K. Parliament voted.", "It was close."]),
    ("He bought apples, pears, etc. Then he went home.",
     ["He bought apples, pears, etc.", "Then he went home."]),
    ("Bring fruit, bread, etc. and some water.", ["Bring fruit, bread, etc. and some water."]),
    ("“What shall we do?” he asked. Nobody answered.",
     ["“What shall we do?” he asked.", "Nobody answered."]),
    ("\"Why does this board not invest?\" Karaca asked. Nobody replied.",
     ["\"Why does this board not invest?\" Karaca asked.", "Nobody replied."]),
    ("\"Today, there is neither.\" He said the talks failed.",
     ["\"Today, there is neither.\"", "He said the talks failed."]),
    ("The study by Assoc. Prof. Levent Şahin was read. He said no. I agreed.",
     ["The study by Assoc. Prof. Levent Şahin was read.", "He said no.", "I agreed."]),
    (DIGEST_SOURCE, [DIGEST_SOURCE]),
    ("\"Stop!\" she shouted. The car stopped.", ["\"Stop!\" she shouted.", "The car stopped."]),
    ("J. R. R. Tolkien wrote books. They sold well.",
     ["J. R. R. Tolkien wrote books.", "They sold well."]),
    ("George W. Bush spoke. He got a grade of A. Then he left.",
     ["George W. Bush spoke.", "He got a grade of A.", "Then he left."]),
    ("Brig. Gen. John Smith arrived. The talks began.",
     ["Brig. Gen. John Smith arrived.", "The talks began."]),
    ("It cost 3.5 billion dollars. That is a lot.",
     ["It cost 3.5 billion dollars.", "That is a lot."]),
    ("See e.g. Smith, i.e. the author. It is long.",
     ["See e.g. Smith, i.e. the author.", "It is long."]),
    ("They live at No. 10 Downing Street. It is old.",
     ["They live at No. 10 Downing Street.", "It is old."]),
    ("On Oct. 26 drones struck. Sen. Kennedy spoke.",
     ["On Oct. 26 drones struck.", "Sen. Kennedy spoke."]),
    ("He was born in 1950. 20 years later he moved.",
     ["He was born in 1950.", "20 years later he moved."]),
    ("Apple Inc. The company grew.", ["Apple Inc.", "The company grew."]),
    ("It happened at 9 p.m. on Monday. Police came.",
     ["It happened at 9 p.m. on Monday.", "Police came."]),
    ("He paused... then went on. Wait… What?", ["He paused... then went on.", "Wait…", "What?"]),
    ("The area is Idlib, Syria.…\n\nThe forces struck.", ["The area is Idlib, Syria.…",
                                                        "The forces struck."]),
    ("Visit www.example.com. Then write to info@example.co.uk today.",
     ["Visit www.example.com.", "Then write to info@example.co.uk today."]),
    ("Results (see Fig. 3) were good. (They were.) Next steps follow.",
     ["Results (see Fig. 3) were good.", "(They were.)", "Next steps follow."]),
    ("World War I. The war ended in 1918.", ["World War I.", "The war ended in 1918."]),
    ("The U.S.-backed forces won. “It is over,” he said.",
     ["The U.S.-backed forces won.", "“It is over,” he said."]),
    ("Is it? Yes! 3 people came.", ["Is it?", "Yes!", "3 people came."]),
]

OTHER = [  # generic fallback for languages without a full rule set
    ("de", "Er kam am 3. Oktober an. Dann ging er z. B. nach Bern.",
     ["Er kam am 3. Oktober an.", "Dann ging er z. B. nach Bern."]),
    ("fr", "Il a dit : « Bonjour. » Puis il est parti. M. Dupont est resté.",
     ["Il a dit : « Bonjour. »", "Puis il est parti.", "M. Dupont est resté."]),
    ("is", "Hann kom t.d. í gær. Það var gott.", ["Hann kom t.d. í gær.", "Það var gott."]),
    ("xx", "One thing. Another thing? Yes.", ["One thing.", "Another thing?", "Yes."]),
    ("de", "Der Gipfel ist 8848 m hoch . Wir stiegen auf .",
     ["Der Gipfel ist 8848 m hoch .", "Wir stiegen auf ."]),
]


def _texts(text: str, lang: str, **kw: bool) -> list[str]:
    return segment(text, lang, **kw).texts


@pytest.mark.parametrize("text,expected", TR)
def test_turkish(text: str, expected: list[str]) -> None:
    assert _texts(text, "tr") == expected


@pytest.mark.parametrize("text,expected", EN)
def test_english(text: str, expected: list[str]) -> None:
    assert _texts(text, "en") == expected


@pytest.mark.parametrize("lang,text,expected", OTHER)
def test_other_languages(lang: str, text: str, expected: list[str]) -> None:
    assert _texts(text, lang) == expected


def test_spans_and_paragraphs() -> None:
    text = "  Başlık\r\n\r\nBir. İki!  \n \t \nÜç.\u2029Dört."
    doc = segment(text, "tr")
    assert doc.text == text and doc.lang == "tr"
    assert [(s.text, s.paragraph) for s in doc.sentences] == [
        ("Başlık", 0), ("Bir.", 1), ("İki!", 1), ("Üç.", 2), ("Dört.", 3)]
    for s in doc.sentences:
        assert text[s.start:s.end] == s.text and s.lang == "tr"
    assert doc.meta["segmenter"] == SEGMENTER


def test_presegmented() -> None:
    text = "Dr. Ali geldi. Sonra gitti.\r\n  İkinci satır  \n\n\n3. Ordu\n"
    doc = segment(text, "tr", presegmented=True)
    assert [(s.text, s.paragraph) for s in doc.sentences] == [
        ("Dr. Ali geldi. Sonra gitti.", 0), ("İkinci satır", 0), ("3. Ordu", 1)]
    assert all(text[s.start:s.end] == s.text for s in doc.sentences)
    assert doc.meta["segmenter"] == PRESEGMENTED


@pytest.mark.parametrize("text", ["", "   ", "\n\n\r\n", "\u2029 \t"])
def test_empty_inputs(text: str) -> None:
    for pre in (False, True):
        doc = segment(text, "en", presegmented=pre)
        assert doc.sentences == () and doc.text == text


def test_language_code_variants() -> None:
    text = "Dr. Ali 3. Ordu'ya gitti. Sonra döndü."
    expected = ["Dr. Ali 3. Ordu'ya gitti.", "Sonra döndü."]
    for lang in ("tr", "TR", "tr-TR", "tur"):
        doc = segment(text, lang)
        assert doc.texts == expected and doc.lang == lang
