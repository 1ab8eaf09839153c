"""negation_flip and untranslated: tables of sentence pairs and English sentences."""
from __future__ import annotations

import pytest

from align.qa.checks import run_checks
from align.qa.checks.untranslated import turkish_spans
from align.types import Alignment, Bead, Document, Signature
from tests.qa_helpers import make


def negation(tr: str, en: str) -> list[str]:
    out = run_checks(make([tr], [en]), ["negation_flip"])
    return [f.severity.value for b in out.beads for f in b.flags]


NEGATION = [
    # negation lost (Turkish negative, English positive)
    ("Bakan, konunun gündemde olmadığını söyledi.",
     "The minister said the issue is on the agenda.", ["critical"]),
    ("Ordu savaşa hazır değil.", "The army is ready for war.", ["critical"]),
    ("Kooperatif tek bir konut teslim etmedi.", "The cooperative delivered homes.", ["critical"]),
    ("Şirketin borcu yok.", "The company has debts.", ["critical"]),
    ("— Maalesef değil.", "– Unfortunately yes.", ["critical"]),
    ("Bakanlık açıklama yapmayacak.", "The ministry will make a statement.", ["critical"]),
    # negation added (English negative, Turkish positive)
    ("Bakan, artışın geçici olduğunu söyledi.", "The minister said the rise was not temporary.",
     ["critical"]),
    ("Polis şüpheliyi yakaladı.", "The police did not catch the suspect.", ["critical"]),
    ("Mahkeme tutukluluğa karar verdi.", "The court never ordered detention.", ["critical"]),
    # same polarity
    ("Bakan, konunun gündemde olmadığını söyledi.",
     "The minister said the issue is not on the agenda.", []),
    ("Kooperatif tek bir konut teslim etmedi.", "The cooperative never delivered a single home.",
     []),
    ("Bina hasar görmedi.", "The building wasn't damaged.", []),
    ("Ordu savaşa hazır.", "The army is ready for war.", []),
    # lexical negation on the positive side
    ("Sanıklar suçlamaları kabul etmedi.", "The defendants rejected the charges.", []),
    ("Bakan toplantıya katılamadı.", "The minister failed to attend the meeting.", []),
    ("Sonuç henüz bilinmiyor.", "The result is still unknown.", []),
    ("Sonuç öngörülemiyor.", "The result is unpredictable.", []),
    ("Karar kabul edilemez.", "The ruling is unacceptable.", []),
    # privative forms and phrases that are not negations
    ("Yardım almadan çalıştı.", "He worked without help.", []),
    ("Bakanlık da açıklama yaptı.", "Not only the ministry made a statement.", []),
    ("Bakan yorgun olup olmadığını sordu.", "The minister asked if he was tired.", []),
    ("Eski bina yok oldu.", "The old building vanished.", []),
    # double negative; a dropped negated clause (the predicate is not rendered)
    ("Bunun doğru olmadığı söylenemez.", "This is true.", []),
    ("Bakan gelmedi ve toplantı ertelendi.", "The meeting was postponed.", []),
    # hiç / asla alone do not flip polarity; with a negative verb they are one negation
    ("Hiç gelmedi.", "He never came.", []),
    ("Hiç Ankara'ya gittin mi?", "Have you ever been to Ankara?", []),
]


NEGATION += [
    # bare -mAmA: "not living" or "to my living" (yaşa-ma-m-a): a cue, never a flip
    ("Burada yaşamama izin verdi.", "He let me live here.", []),
    ("Burada yaşamama izin verdi.", "He did not let me live here.", []),
    ("Yaşamamaya karar verdi.", "He decided to live.", ["critical"]),
    # surnames in -mAz are names, not negative verbs
    ("Ahmet Yılmaz toplantıya katıldı.", "Ahmet Yılmaz attended the meeting.", []),
    ("Kemal Sönmez ve Ali Korkmaz geldi.", "Kemal Sönmez and Ali Korkmaz came.", []),
]


NEGATION += [
    # antonyms (align/data/qa/antonyms.tsv): a flip without a negator
    ("Enflasyon geçen ay arttı.", "Inflation fell last month.", ["critical"]),
    ("Enflasyon geçen ay arttı.", "Inflation rose last month.", []),
    ("Meclis teklifi reddetti.", "Parliament approved the bill.", ["critical"]),
    ("Meclis teklifi kabul etti.", "Parliament approved the bill.", []),
    ("Takım maçı kazandı.", "The team lost the match.", ["critical"]),
    ("Pandemi ve kur artışı nedeniyle maliyetler arttı.",
     "Because of the pandemic and the fall of the lira, costs rose.", []),  # a noun: no pole
    ("Başarısız oldular.", "They succeeded.", ["critical"]),  # the longer prefix wins
    # moods at the end of a quotation; a noun before an opening quote
    ('"Bu teklifi imzalama," dedi.', "He said, 'sign this offer.'", ["critical"]),
    ('"O şapkayla sahneye çıkma," dediler.', "They said, 'don't go out there with that hat.'",
     []),
    ('Yapılan araştırma "sahte Insta" hesaplarını ortaya çıkardı.',
     'The survey revealed "fake Insta" accounts.', []),
    ("Neden katılmak istemeyeyim?", "Why would I want to take part?", ["critical"]),
]


def test_negation_rules_name_what_raised_the_flag() -> None:
    rules = {tr: [f.rule for b in run_checks(make([tr], [en]), ["negation_flip"]).beads
                  for f in b.flags]
             for tr, en in [("Polis şüpheliyi yakaladı.", "The police did not catch him."),
                            ("Ordu savaşa hazır değil.", "The army is ready for war."),
                            ("Enflasyon arttı.", "Inflation fell.")]}
    assert list(rules.values()) == [["added"], ["lost"], ["antonym"]]


@pytest.mark.parametrize(("tr", "en", "expected"), NEGATION)
def test_negation_flip(tr: str, en: str, expected: list[str]) -> None:
    assert negation(tr, en) == expected


POLARITY = [
    # (folded Turkish word, polarity)
    ("yaşamama", "ambiguous"),  # yaşa-ma-ma "not living" / yaşa-ma-m-a "to my living"
    ("olmama", "ambiguous"),
    ("anlamama", "ambiguous"),
    ("gelmeme", "ambiguous"),
    ("yaşamamak", "negative"),
    ("kalmamak", "negative"),
    ("ilgilenmemek", "negative"),
    ("yaşamamaya", "negative"),
    ("olmaması", "negative"),
    ("gelmemesi", "negative"),
    ("gelmez", "negative"),
    ("gelemez", "negative"),
    ("gelmedi", "negative"),
    ("yapılmayacak", "negative"),
    ("olmadığını", "negative"),
    ("mama", "positive"),
    ("hamama", "positive"),
    ("yasama", "positive"),
    ("yasaması", "positive"),
    ("tamamen", "positive"),
    ("tamam", "positive"),
    ("açıklama", "positive"),
    ("yaşama", "positive"),
    ("yaşamamız", "positive"),  # yaşa-ma-mız "our living"
    ("adama", "positive"),
    ("değil", "positive"),  # a negator word: read from the stopword list, not here
    ("hiçbir", "positive"),  # a weak cue (negation_cues.tsv), not a verb form
]


@pytest.mark.parametrize(("word", "expected"), POLARITY)
def test_turkish_polarity(word: str, expected: str) -> None:
    from align.qa.checks.negation_flip import tr_polarity

    assert tr_polarity(word) == expected


TRIGGERS = [
    # (Turkish sentence, trigger words, has a cue)
    ("Bu doğru değil.", ["değil"], False),
    ("Hiçbir açıklama yapılmadı.", ["yapılmadı"], True),
    ("Hiçbir şey.", [], True),
    ("Burada yaşamama izin verdi.", [], True),
    ("Yaşamamaya karar verdi.", ["Yaşamamaya"], False),
    ("Ahmet Yılmaz konuştu.", [], False),
    ("Yılmaz dün açıklama yaptı.", [], False),  # a common surname, also at the start
    ("Sönmez, kararı eleştirdi.", [], False),
    ("Gelmez misin?", ["Gelmez"], False),  # a verb at the start is still a verb
    ("Bilmez, öğrenir.", ["Bilmez"], False),
    ("Gelmedi.", ["Gelmedi"], False),
    ("Bakan gelmedi. Gelmeyecek de.", ["gelmedi", "Gelmeyecek"], False),
    ("“Gelmeyeceğim” dedi.", ["Gelmeyeceğim"], False),
    ("Onun İçin İyi Gitmedi", ["Gitmedi"], False),  # a Title Case headline
]


@pytest.mark.parametrize(("text", "words", "cue"), TRIGGERS)
def test_turkish_triggers(text: str, words: list[str], cue: bool) -> None:
    from align.qa.checks.negation_flip import triggers

    found, has_cue = triggers(text, "tr")
    assert ([w.text for w in found], has_cue) == (words, cue)


def test_negation_spans_and_message() -> None:
    aln = run_checks(make(["Bakan, konunun gündemde olmadığını söyledi."],
                          ["The minister said the issue is on the agenda."]), ["negation_flip"])
    (f,) = [f for b in aln.beads for f in b.flags]
    assert aln.source.text[f.src_span[0]:f.src_span[1]] == "olmadığını"
    assert aln.target.text[f.tgt_span[0]:f.tgt_span[1]] == "agenda"
    assert "negation lost" in f.message


def test_negation_checks_the_whole_bead() -> None:
    tr = ["Bakan açıklama yaptı.", "Konunun gündemde olmadığını söyledi."]
    en = ["The minister said the issue was not on the agenda."]
    aln = run_checks(make(tr, en, [((0, 1), (0,))]), ["negation_flip"])
    assert not [f for b in aln.beads for f in b.flags]


try:
    import py3langid  # noqa: F401
    HAS_LANGID = True
except ImportError:  # the rules on letters and function words still run
    HAS_LANGID = False
needs_langid = pytest.mark.skipif(not HAS_LANGID, reason="py3langid is not installed")

UNTRANSLATED = [
    # (English sentence, the flagged spans)
    ("The new economic model düşük faiz ve yüksek üretim aims at growth.",
     ["düşük faiz ve yüksek üretim"]),
    ("The minister ve the deputy met.", ["ve"]),
    ("He said the model would be tested yani soon.", ["yani"]),
    ("Ancak the ministry disagreed.", ["Ancak"]),
    pytest.param("Yeni ekonomi modeli faiz oranlarını düşürmeyi hedefliyor.",
                 ["ekonomi modeli faiz oranlarını düşürmeyi hedefliyor"], marks=needs_langid),
    pytest.param("The effect of kur geçişkenliği was felt.", ["kur geçişkenliği"],
                 marks=needs_langid),
    # only the language guess sees Turkish without Turkish letters or function words
    pytest.param("The ministry said yeni ekonomi modeli faiz indirimi hedefliyor.",
                 ["yeni ekonomi modeli faiz indirimi hedefliyor"], marks=needs_langid),
    ("The ministry said the new model aims at lower rates and export-led growth.", []),
    # names, titles, acronyms, loanwords, citations: never flagged
    ("President Erdoğan met TÜİK and TCMB officials in İstanbul.", []),
    ("Assoc. Prof. Ayşe Tunalı of the Marmara Economics Institute spoke.", []),
    ("The collapse in Istanbul’s Çınarlı neighborhood killed nine people.", []),
    ("The muhtar of the village spoke to the kaymakam about the gecekondu.", []),
    (("Source: “Rusya’dan Türkiye’ye ‘Bayraktar’ eleştirisi: Endişelerimiz haklı çıktı "
     "(“Bayraktar” criticism from Russia to Turkey),” Gazete Duvar, 27 October 2021. "
     "https://www.gazeteduvar.com.tr/rusyadan-turkiyeye-bayraktar-elestirisi"), []),
    (("The report, titled “Konut güvencesi için denetim şart” [Oversight is a must], "
     "was published."), []),
    # English words that are also Turkish function words, other languages' letters
    ("It was a de facto ban, said Charles de Gaulle.", []),
    ("She cared for her son.", []),
    ("The firm paid 5 lira per share in Zürich and Köln.", []),
    ("Workers went on strike in Gölbaşı, her colleagues said.", []),
]


@pytest.fixture(scope="module")
def known() -> frozenset[str]:
    """English stems of plain words, as the check passes them."""
    from align.qa.checks.base import Context

    return Context(make(["Bir."], ["One."])).common_words


@pytest.mark.parametrize(("text", "spans"), UNTRANSLATED)
def test_untranslated_spans(text: str, spans: list[str], known: frozenset[str]) -> None:
    assert [text[a:b] for a, b, _ in turkish_spans(text, known)] == spans


def test_untranslated_flags_every_english_sentence() -> None:
    tr = ["Ekonomi büyüdü.", "Bakan konuştu."]
    en = ["The economy grew.", "The minister konuştu ve gitti.", "Bu çok önemli bir gelişme."]
    aln = run_checks(make(tr, en), ["untranslated"])
    got = [(b.tgt, f.severity.value, aln.target.text[f.tgt_span[0]:f.tgt_span[1]])
           for b in aln.beads for f in b.flags]
    assert got == [((1,), "major", "konuştu ve gitti"),
                   ((2,), "major", "Bu çok önemli bir gelişme")]


def test_untranslated_only_for_turkish_sources() -> None:
    aln = Alignment(Document.from_texts(["Das ist gut."], "de"),
                    Document.from_texts(["Bu çok önemli bir gelişme."], "en"),
                    (Bead((0,), (0,), 0.9),), Signature("test"))
    assert not run_checks(aln, ["untranslated"]).beads[0].flags
