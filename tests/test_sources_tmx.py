"""TMX 1.4 input as a confirmed alignment, parsed safely (align.formats.tmx)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

pytest.importorskip("defusedxml")

from align.errors import InputError
from align.formats.tmx import read_tmx
from align.types import Alignment, BeadKind, Status

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none"
          adminlang="en" srclang="tr-TR" datatype="plaintext"/>
  <body>
    <tu tuid="1">
      <tuv xml:lang="tr-TR"><seg>Ağır kış şartları İstanbul'u etkiledi.</seg></tuv>
      <tuv xml:lang="en-US"><seg>Harsh winter conditions hit Istanbul.</seg></tuv>
    </tu>
    <tu tuid="2">
      <tuv xml:lang="TR"><seg>Öğrenciler <bpt i="1">&lt;b&gt;</bpt>okula<ept i="1">&lt;/b&gt;</ept>
        gidemedi<ph>&lt;br/&gt;</ph>.</seg></tuv>
      <tuv xml:lang="en"><seg>Students could <hi type="b">not</hi> go to school.</seg></tuv>
    </tu>
    <tu tuid="3">
      <tuv xml:lang="tr"><seg>Yalnız Türkçe birim.</seg></tuv>
      <tuv xml:lang="de"><seg>Nur eine deutsche Einheit.</seg></tuv>
    </tu>
    <tu tuid="4">
      <tuv lang="tr"><seg>Işıklar yanıyor; ğüşıöç İ.</seg></tuv>
      <tuv lang="en"><seg></seg></tuv>
      <tuv lang="en-GB"><seg>Lights are on; ğüşıöç İ.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def write(tmp_path: Path, text: str, name: str = "a.tmx") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_read_tmx(tmp_path: Path) -> None:
    a = read_tmx(write(tmp_path, TMX))
    assert isinstance(a, Alignment)
    assert a.source.texts == [
        "Ağır kış şartları İstanbul'u etkiledi.", "Öğrenciler okula gidemedi.",
        "Işıklar yanıyor; ğüşıöç İ.",
    ]
    assert a.target.texts == [
        "Harsh winter conditions hit Istanbul.", "Students could not go to school.",
        "Lights are on; ğüşıöç İ.",
    ]
    assert (a.source.lang, a.target.lang) == ("tr", "en")
    assert [(b.src, b.tgt) for b in a.beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert all(b.status is Status.CONFIRMED and b.score == 1.0 for b in a.beads)
    assert all(b.kind is BeadKind.ONE_ONE for b in a.beads)
    assert a.signature.scorer == "tmx"
    assert a.meta["skipped_units"] == 1 and a.meta["tmx_srclang"] == "tr-TR"
    for doc in (a.source, a.target):  # spans point into the document text
        assert all(doc.text[s.start:s.end] == s.text for s in doc.sentences)
    assert Alignment.from_json(a.to_json()).beads == a.beads


def test_other_language_pair(tmp_path: Path) -> None:
    a = read_tmx(write(tmp_path, TMX), src_lang="de", tgt_lang="tr")
    assert a.source.texts == ["Nur eine deutsche Einheit."]
    assert a.target.texts == ["Yalnız Türkçe birim."]


def test_regional_codes_must_match_exactly(tmp_path: Path) -> None:
    a = read_tmx(write(tmp_path, TMX), src_lang="tr", tgt_lang="en-GB")
    assert a.target.texts == ["Lights are on; ğüşıöç İ."]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<tmx version="1.4"><header srclang="tr"/><body>
<tu><tuv xml:lang="tr"><seg>&lol9;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>
</body></tmx>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE tmx [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<tmx version="1.4"><header srclang="tr"/><body>
<tu><tuv xml:lang="tr"><seg>&xxe;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>
</body></tmx>
"""

PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE tmx [ <!ENTITY % dtd SYSTEM "http://example.com/evil.dtd"> %dtd; ]>
<tmx version="1.4"><header srclang="tr"/><body/></tmx>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL_ENTITY, PARAMETER_ENTITY],
                         ids=["billion-laughs", "external-entity", "parameter-entity"])
def test_entities_refused(tmp_path: Path, text: str) -> None:
    p = write(tmp_path, text, "kotu.tmx")
    t0 = time.perf_counter()
    with pytest.raises(InputError, match=r"kotu.tmx: refused") as e:
        read_tmx(p)
    assert time.perf_counter() - t0 < 1.0  # refused before any expansion
    assert "root:" not in str(e.value)  # nothing of /etc/passwd leaks into the message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<tmx><body><tu>", "not well-formed XML"),
        ("<xliff version='1.2'/>", "not a TMX file"),
        ("<tmx version='1.4'><header/></tmx>", "no <body>"),
        ("<tmx version='1.4'><body><tu><tuv xml:lang='fr'><seg>a</seg></tuv></tu></body></tmx>",
         r"no translation unit has both 'tr' and 'en' \(languages found: fr\)"),
    ],
)
def test_bad_tmx(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as e:
        read_tmx(write(tmp_path, text, "b.tmx"))
    assert "b.tmx" in str(e.value)


def test_missing_tmx(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_tmx(tmp_path / "yok.tmx")
