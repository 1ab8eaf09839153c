"""The shared normal form: content_tokens and analyse (align.text.normalize)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.text.normalize import (
    _analyse_tokens,
    _pipeline,
    analyse,
    content_tokens,
    content_tokens_uncached,
)

CONTENT = [
    ("tr", "Rusya'nın saldırıları 2,5 milyar dolara ulaştı.",
     ["rusya", "saldırı", "#2500000000", "dolar", "ulaş"]),
    ("tr", "Rusya, Rusya'nın ve Rusya'ya", ["rusya", "rusya", "rusya"]),
    ("tr", "Bakan, TB-2'lerin Ukrayna'ya gönderilmediğini söyledi.",
     ["bakan", "tb2", "ukrayna", "gönder", "söyle"]),
    ("tr", "Türkiye 1.250 asker gönderdi.", ["türkiye", "#1250", "asker", "gönder"]),
    ("en", "Turkey sent 1,250 soldiers.", ["turkey", "sent", "#1250", "soldier"]),
    ("tr", "Fiyatlar yüzde 15 arttı.", ["fiyat", "#15%", "art"]),
    ("en", "Prices rose 15%.", ["price", "rose", "#15%"]),
    ("tr", "26 Ekim 2021'de imzalandı.", ["#date:10-26", "#2021", "imzala"]),
    ("en", "It was signed on October 26th, 2021.", ["sign", "#date:10-26", "#2021"]),
    ("tr", "Üçüncü köprü dört yılda bitti.", ["#ord:3", "köprü", "#4", "yıl", "bit"]),
    ("en", "The third bridge took four years.", ["#ord:3", "bridg", "took", "#4", "year"]),
    ("en", "Russia-backed forces attacked S-400s and TB2 drones.",
     ["russia", "back", "forc", "attack", "s400", "tb2", "drone"]),
    ("tr", "Bu bir ev.", ["ev"]),  # "bir" is the article, a stopword, not the number 1
    ("en", "He is one of them.", []),
    ("tr", "Olarak oldu olan olacak.", []),  # stem:ol
    ("de", "Die Regierung zahlte 2,5 Milliarden Euro nicht.",
     ["regier", "zahlt", "#2500000000", "euro"]),
    ("fr", "L'armée n'a pas payé 15 % des dépenses.", ["armé", "pai", "#15%", "dépens"]),
    ("is", "Ríkisstjórnin greiddi ekki 2,5 milljarða króna.",
     ["ríkis", "greid", "#2500000000", "króna"]),
    ("tr", "", []),
    ("en", "...!?", []),
]


@pytest.mark.parametrize("lang, text, expected", CONTENT)
def test_content_tokens(lang: str, text: str, expected: list[str]) -> None:
    assert content_tokens(text, lang) == expected
    assert content_tokens_uncached(text, lang) == expected
    assert [t.key for t in analyse(text, lang)] == expected


def test_numbers_never_collide_with_words() -> None:
    keys = content_tokens("1250 kişi ve 1250'de", "tr")
    assert all(k.startswith("#") for k in keys if any(c.isdigit() for c in k))


def test_analyse_fields() -> None:
    text = "Dün Ankara'ya giden Bakan Çavuşoğlu gelmedi."
    infos = {t.surface: t for t in analyse(text, "tr")}
    ank = infos["Ankara"]
    assert (ank.start, ank.end, ank.folded, ank.stem, ank.suffix) == (4, 10, "ankara", "ankara", "ya")
    assert ank.is_capitalised and not ank.sentence_initial
    assert infos["Dün"].sentence_initial and not infos["Dün"].is_capitalised
    assert infos["Çavuşoğlu"].ascii == "cavusoglu" and infos["Çavuşoğlu"].is_capitalised
    assert infos["gelmedi"].negation and infos["gelmedi"].stem == "gel"
    assert not infos["giden"].negation and infos["giden"].stem == "git"
    assert all(text[t.start:t.end] == t.surface for t in infos.values())


def test_analyse_numbers() -> None:
    text = "Enflasyon yüzde 15 oldu."
    (num,) = [t for t in analyse(text, "tr") if t.is_number]
    assert (num.surface, num.value, num.number_kind, num.key) == ("yüzde 15", "15%", "percent", "#15%")


NEGATION = [
    ("en", "Forces did not attack the city.", {"attack"}),
    ("en", "Forces didn't attack.", {"attack"}),
    ("en", "They never said it; the talks went on.", {"said"}),
    ("en", "It was done without consent.", {"consent"}),
    ("en", "No troops were sent.", {"troops"}),
    ("tr", "Ordu hazır değil.", {"hazır"}),
    ("tr", "Ülkede para yok.", {"para"}),
    ("tr", "Hiçbir asker geri çekilmedi.", {"asker", "çekilmedi"}),
    ("tr", "Bakan açıklama yapmadı.", {"yapmadı"}),
    ("tr", "Bakan açıklama yaptı.", set()),
    ("de", "Die Armee hat nicht angegriffen.", {"angegriffen"}),
    ("fr", "L'armée n'a pas attaqué.", {"attaqué"}),
    ("is", "Herinn réðst ekki á borgina.", {"borgina"}),
]


@pytest.mark.parametrize("lang, text, negated", NEGATION)
def test_negation(lang: str, text: str, negated: set[str]) -> None:
    assert {t.surface for t in analyse(text, lang) if t.negation} == negated


def test_negators_can_be_listed() -> None:
    infos = analyse("Ordu hazır değil.", "tr", negators=True)
    assert [(t.surface, t.key, t.negation) for t in infos] == [
        ("Ordu", "ordu", False), ("hazır", "hazır", True), ("değil", None, True)]


_WORDS = ["Rusya'nın", "saldırı", "2,5", "milyar", "yüzde", "15", "Ekim", "26", "bir", "milyon",
          "üçüncü", "3.", "değil", "gelmedi", "TB-2'ler", "ve", ",", "2021'de", "%40", "yedi",
          "kişi", "on", "iki", "bin", "27.10.2021", "October", "the", "26th", "percent", "a",
          "million", "one", "hundred", "and", "twenty", "-", "first", "not", "don't"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=25), st.sampled_from(["tr", "en"]))
def test_fast_path_equals_analyse(words: list[str], lang: str) -> None:
    text = " ".join(words)
    assert content_tokens_uncached(text, lang) == [t.key for t in analyse(text, lang)]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60), st.sampled_from(["tr", "en", "de", "fr", "is"]))
def test_any_text(text: str, lang: str) -> None:
    keys = content_tokens(text, lang)
    assert keys == [t.key for t in analyse(text, lang)]
    assert all(keys)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS + ["Bugün", "gelmedi", ".", "hazır", "didn't", "go",
                                           "Ankara'ya", "(", "TB2", "!"]), max_size=25),
       st.sampled_from(["tr", "en"]), st.booleans())
def test_analyse_fast_path_equals_token_path(words: list[str], lang: str, negators: bool) -> None:
    # `analyse` without the scanner reads tokens from the entry cache; the token path must agree
    text = " ".join(words)
    pipe = _pipeline(lang)
    matches = list(pipe.pattern.finditer(text))
    assert analyse(text, lang, negators=negators) == _analyse_tokens(text, pipe, negators, matches)


def test_match_terms_is_analyse_in_short() -> None:
    """The lexical scorer's fast path gives exactly what `analyse` gives, on every line of
    the bundled samples in both languages and on sentences with numbers and negators."""
    from align.text.normalize import match_terms

    root = Path(__file__).resolve().parents[1] / "samples"
    lines = [x for p in sorted(root.rglob("*.txt"))
             for x in p.read_text(encoding="utf-8", errors="replace").splitlines() if x.strip()]
    lines += ["Rusya'nın saldırıları 2,5 milyar dolara ulaştı, hazır değil.",
              "They did not attack on 26 October; S-400s cost $2.5bn.", "— Evet. ...", ""]
    assert len(lines) > 100
    for lang in ("tr", "en"):
        for text in lines:
            want = [(t.stem, t.ascii, t.value if t.is_number else None)
                    for t in analyse(text, lang)]
            assert match_terms(text, lang) == want, text
