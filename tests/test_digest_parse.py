"""parse_digest / render_digest on the real digest and on small variant fixtures."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from align.digest import Block, Citation, Digest, parse_digest, render_digest
from align.errors import InputError, SchemaError

HERE = Path(__file__).resolve().parent / "data" / "digests"
SHARED = Path(os.environ.get("ALIGN_SHARED_DIR") or HERE.parents[3] / "shared") / "examples"


def read(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def real() -> tuple[str, Digest]:
    text = read("bayraktar.txt")
    return text, parse_digest(text, "bayraktar.txt")


@pytest.mark.skipif(not (SHARED / "digest-bayraktar.txt").is_file(), reason="no shared examples")
def test_fixture_is_the_shared_digest() -> None:
    assert read("bayraktar.txt") == (SHARED / "digest-bayraktar.txt").read_text(encoding="utf-8")


def test_real_digest_structure(real: tuple[str, Digest]) -> None:
    text, d = real
    assert len(d.blocks) == 2 and d.junk == ("Hits: 0",)
    assert len(d.lead) == 4
    assert d.lead[0].startswith("Turkey’s recent sale of combat drones to Ukraine")
    assert d.lead[3].startswith("It is also possible that the Kremlin will respond")
    assert [len(b.paragraphs) for b in d.blocks] == [8, 1]
    assert d.blocks[0].paragraphs[0].startswith("On October 26th, 2021, the Ukrainian")
    assert d.blocks[1].paragraphs == (
        ("Concerns about Turkey’s decision to sell drones to Ukraine are becoming reality, and "
        "Turkish drones risk destabilizing the situation in eastern Ukraine."),)
    copy_start = text.rindex("Source: Dr. Can Kasapoğlu")
    assert d.duplicates == ((0, (copy_start, text.index("\n\nHits: 0"))),)
    assert d.notes == ("dropped page junk on line 49: 'Hits: 0'",
                       "source block 3 repeats block 1 word for word (dropped)")
    for b in d.blocks:  # spans run from the citation line to the end of the last paragraph
        assert text[b.start:b.end].startswith(b.citation.raw)
        assert text[b.start:b.end].endswith(b.paragraphs[-1])
        assert not b.also and not b.citation.warnings


def test_real_digest_citations(real: tuple[str, Digest]) -> None:
    edam, duvar = (b.citation for b in real[1].blocks)
    assert edam == Citation(
        raw=real[0].splitlines()[8],
        author="Dr. Can Kasapoğlu",
        title_tr="Ukrayna’nin Donbas’taki SİHA Taarruzu Türkiye-Rusya Gerilimini Tetikleyebilir",
        title_en="Ukraine’s Drone Strike In Donbass Can Spark A Turkish-Russian Escalation",
        outlet="EDAM",
        outlet_desc="Center for Economic and Foreign Affairs Research, an Istanbul-based "
                    "independent Turkish think-tank",
        date="2021-10-27",
        url="https://edam.org.tr/ukraynanin-siha-taarruzu-bir-turkiye-rusya-gerilimine-neden-olabilir/",
    )
    assert duvar == Citation(
        raw=real[0].splitlines()[26],
        author=None,
        title_tr="Rusya’dan Türkiye’ye ‘Bayraktar’ eleştirisi: Endişelerimiz haklı çıktı",
        title_en="“Bayraktar” criticism from Russia to Turkey: Our concerns were justified",
        outlet="Gazete Duvar",
        outlet_desc="an independent Turkish Daily",
        date="2021-10-27",
        url="https://www.gazeteduvar.com.tr/rusyadan-turkiyeye-bayraktarelestirisi-"
            "endiselerimiz-hakli-cikti-haber-1539815",
    )


def test_real_digest_round_trip_is_exact(real: tuple[str, Digest]) -> None:
    text, d = real
    copy = text[text.rindex("Source: Dr. Can Kasapoğlu"):text.index("\n\nHits: 0")]
    expected = text.removesuffix("\n\nHits: 0").removesuffix("\n\n" + copy)
    assert copy.endswith("deep strategic divergences and rivalries.")
    assert render_digest(d) == expected


def test_real_digest_crlf_parses_the_same(real: tuple[str, Digest]) -> None:
    text, d = real
    crlf = parse_digest(text.replace("\n", "\r\n"))
    assert crlf.lead == d.lead and crlf.junk == d.junk
    assert [b.citation for b in crlf.blocks] == [b.citation for b in d.blocks]
    assert [b.paragraphs for b in crlf.blocks] == [b.paragraphs for b in d.blocks]
    assert render_digest(crlf) == render_digest(d)


def test_to_dict_from_dict(real: tuple[str, Digest]) -> None:
    d = real[1]
    data = json.loads(json.dumps(d.to_dict(), ensure_ascii=False))
    assert data["schema"] == "align.digest/1"
    assert Digest.from_dict(data) == d
    data["future_field"] = 1
    data["blocks"][0]["citation"]["future"] = "x"
    assert Digest.from_dict(data) == d
    assert Digest.from_dict({}) == Digest()
    assert Block.from_dict({"paragraphs": ["a"]}) == Block(paragraphs=("a",))
    with pytest.raises(SchemaError):
        Digest.from_dict({"lead": "not a list"})
    with pytest.raises(SchemaError):
        Digest.from_dict({"duplicates": [{"kept": 0}]})
    with pytest.raises(SchemaError):
        Digest.from_dict([])  # type: ignore[arg-type]


def test_url_on_its_own_line() -> None:
    text = read("url-own-line.txt")
    d = parse_digest(text)
    one, two = (b.citation for b in d.blocks)
    assert one.raw.endswith("2021.\nhttps://www.sabah.com.tr/one")
    assert (one.author, one.title_en, one.outlet_desc, one.date, one.url) == (
        "Ali Veli", "Title one", "a pro-government daily", "2021-11-03",
        "https://www.sabah.com.tr/one")
    assert two.raw.endswith("2021.\n\nhttps://www.hurriyet.com.tr/two")
    assert (two.date, two.url) == ("2021-11-04", "https://www.hurriyet.com.tr/two")
    assert d.notes == () and [len(b.paragraphs) for b in d.blocks] == [2, 1]
    assert render_digest(d) == text


def test_sources_line_is_one_block_with_several_citations() -> None:
    text = read("sources-multi.txt")
    d = parse_digest(text)
    assert len(d.blocks) == 2 and d.notes == ()
    first = d.blocks[0]
    assert [c.title_en for c in first.citations] == ["Title one", "Title two"]
    assert [c.url for c in first.citations] == ["https://s.com/1", "https://h.com/2"]
    assert first.also[0].author == "Ali Veli" and first.also[0].date == "2021-11-04"
    assert first.paragraphs == ("An excerpt that both articles report.",)
    assert [c.title_en for c in d.citations] == ["Title one", "Title two", "Title three"]
    assert render_digest(d) == text


def test_repeated_citation_with_other_excerpts_is_kept() -> None:
    text = read("same-citation.txt")
    d = parse_digest(text)
    assert [b.paragraphs[0][:9] for b in d.blocks] == ["Excerpt A", "Excerpt B", "Excerpt C"]
    copy = text.index("Source:  “Başlık")
    assert d.duplicates == ((0, (copy, len(text) - 1)),)
    assert d.notes == ("source block 4 repeats block 1 word for word (dropped)",)
    assert render_digest(d) == text[:copy - 2] + "\n"


def test_no_source_lines() -> None:
    d = parse_digest(read("no-source.txt"))
    assert d.lead == () and len(d.blocks) == 1
    assert d.blocks[0].citation == Citation() and d.blocks[0].citation.is_empty
    assert d.blocks[0].paragraphs == ("A digest that forgot its citations.",
                                      "It has two more paragraphs.", "The last one.")
    assert d.junk == ("Share this:", "Tweet")
    assert "no Source: lines found; treating the digest as one block" in d.notes
    assert d.citations == ()
    assert render_digest(d) == ("A digest that forgot its citations.\n\nIt has two more "
                                "paragraphs.\n\nThe last one.\n")


def test_junk_rules() -> None:
    d = parse_digest(read("junk-variants.txt"))
    assert d.lead == ("Lead.",)
    # "Print" and "…" in the middle are kept: only "any" rules apply there
    assert d.blocks[0].paragraphs == ("Excerpt one.", "Print", "…",
                                      "Excerpt two mentioning 42 things.", "…")
    assert d.junk == ("Hits: 12", "Share this:", "Tweet", "Print", "Related posts",
                      "We use cookies to improve your experience. By continuing you accept.",
                      "42", "* * *")
    assert d.notes[0] == "dropped page junk on line 3: 'Hits: 12'"
    assert len(d.notes) == 8


def test_junk_line_glued_to_the_last_paragraph() -> None:
    d = parse_digest("Lead.\n\nSource: “B (T),” S, 3 November 2021. https://s.com\n\nText.\nHits: 0\n")
    assert d.junk == ("Hits: 0",) and d.blocks[0].paragraphs == ("Text.",)
    assert render_digest(d) == "Lead.\n\nSource: “B (T),” S, 3 November 2021. https://s.com\n\nText.\n"


def test_malformed_citations_never_raise() -> None:
    d = parse_digest(read("malformed.txt"))
    assert len(d.blocks) == 3
    assert d.blocks[0].citation.outlet == "Hürriyet"
    assert d.blocks[1].citation.warnings == ("empty citation",) and d.blocks[1].paragraphs == ()
    third = d.blocks[2].citation
    assert (third.title_tr, third.title_en, third.outlet, third.date) == (
        "Unclosed", "Title", "Sabah", "2021-11-05")
    assert "source block 2 has no excerpt paragraphs" in d.notes
    assert "source block 1 citation: no URL found" in d.notes
    assert any(n.startswith("source block 3 citation: the title's opening quote") for n in d.notes)


@pytest.mark.parametrize(("text", "note"), [
    ("", "the digest is empty"), ("  \n\n \n", "the digest is empty"),
    ("Hits: 0\n", "the digest is empty"), ("One paragraph only.", "no Source: lines found"),
])
def test_degenerate_inputs(text: str, note: str) -> None:
    d = parse_digest(text)
    assert any(n.startswith(note) for n in d.notes)
    assert render_digest(d) == render_digest(parse_digest(render_digest(d)))


def test_source_line_inside_a_paragraph_starts_a_block() -> None:
    d = parse_digest("Lead line.\nSource: “B (T),” S, 3 November 2021. https://s.com\nText.")
    assert d.lead == ("Lead line.",)
    assert d.blocks[0].citation.title_en == "T" and d.blocks[0].paragraphs == ("Text.",)


def test_non_text_input_raises() -> None:
    with pytest.raises(InputError, match="digest.txt: expected decoded text, got bytes"):
        parse_digest(b"Source: x", "digest.txt")  # type: ignore[arg-type]
