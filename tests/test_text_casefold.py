"""Turkish-aware folding and ASCII folding (align.text.casefold)."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.text.casefold import _ASCII, ascii_fold, base_lang, fold

FOLD = [
    ("İSTANBUL", "tr", "istanbul"),
    ("DIŞİŞLERİ", "tr", "dışişleri"),
    ("Işık", "tr", "ışık"),
    ("İzmir’de", "tr", "izmir'de"),
    ("Kremlin‘in", "tr", "kremlin'in"),
    ("Ankaraʼya", "tr", "ankara'ya"),
    ("IRAK", "az", "ırak"),
    ("İLHAM", "az", "ilham"),
    ("ISTANBUL", "en", "istanbul"),
    ("İstanbul", "en", "istanbul"),  # stray combining dot removed
    ("i\u0307stanbul", "tr", "istanbul"),
    ("Straße", "de", "straße"),
    ("ÞINGVELLIR", "is", "þingvellir"),
    ("“Quoted”", "en", '"quoted"'),
    ("co\u00adoperate", "en", "cooperate"),
    ("Cafe\u0301", "fr", "café"),  # NFC
    ("TR-tr", "tr-TR", "tr-tr"),
]


@pytest.mark.parametrize("text, lang, expected", FOLD)
def test_fold(text: str, lang: str, expected: str) -> None:
    assert fold(text, lang) == expected


def test_python_lower_is_wrong_for_turkish() -> None:
    assert "İ".lower() != "i" and fold("İ", "tr") == "i"
    assert fold("I", "tr") == "ı" and fold("I", "en") == "i"


ASCII = [
    ("ışık", "isik"), ("şoğuk", "soguk"), ("çöğüş", "cogus"), ("kâr", "kar"), ("îman", "iman"),
    ("ûlema", "ulema"), ("Müller", "Muller"), ("café", "cafe"), ("garçon", "garcon"),
    ("ðað", "dad"), ("þing", "thing"), ("Ægir", "Aegir"), ("straße", "strasse"),
    ("Ørsted", "Orsted"), ("cœur", "coeur"), ("plain", "plain"), ("İzmir", "Izmir"),
]


@pytest.mark.parametrize("text, expected", ASCII)
def test_ascii_fold(text: str, expected: str) -> None:
    assert ascii_fold(text) == expected


@pytest.mark.parametrize("lang, expected", [("tr", "tr"), ("tr-TR", "tr"), ("EN_us", "en")])
def test_base_lang(lang: str, expected: str) -> None:
    assert base_lang(lang) == expected


@given(st.text(max_size=40))
def test_fold_idempotent(s: str) -> None:
    once = fold(s, "tr")
    assert fold(once, "tr") == once


@given(st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyzâîûäéðþæß", max_size=30))
def test_ascii_fold_gives_ascii_for_latin(s: str) -> None:
    assert ascii_fold(s).isascii()


def _ascii_fold_reference(s: str) -> str:
    """ascii_fold as first written: whole-string NFD, combining marks dropped."""
    s = s.translate(_ASCII)
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


@given(st.text(max_size=30) | st.text(alphabet="aeıişğçöüIİâîûäéðþæßøœǅ\u0301\u0327\u0344ᄀ가각",
                                         max_size=12))
def test_ascii_fold_per_character_table_equals_whole_string_nfd(s: str) -> None:
    assert ascii_fold.__wrapped__(s) == _ascii_fold_reference(s)
