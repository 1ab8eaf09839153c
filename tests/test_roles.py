"""align.digest.roles: digest furniture (citation lines, editorial framing, the lead) found
in any English document, recorded by ``align pair`` in ``meta["roles"]``, kept by the JSON
format and the store, and skipped by the QA content checks."""
from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from align.cli import main
from align.digest.roles import (
    UNCHECKED,
    is_framing,
    on_furniture,
    roles_in,
    roles_meta,
    target_roles,
)
from align.formats.alignment import read_alignment, to_json
from align.qa.checks import run_checks
from align.segment import segment
from align.store import Store, review
from align.types import Alignment, Bead, Document, Sentence, Signature
from tests import test_store_support as support

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ALIGN_SHARED_DIR") or ROOT.parent / "shared")
EXAMPLE = SHARED / "examples" / "digest-bayraktar.txt"
ECONOMY = ROOT / "samples" / "digests" / "economy"

db = support.db
pg_module_url = support.pg_module_url
sqlite_template = support.sqlite_template
store = support.store


def roles(doc: Document) -> dict[int, str]:
    return {r.tgt: r.role for r in target_roles(doc)}


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="no shared example digest")
def test_the_real_digest() -> None:
    doc = segment(EXAMPLE.read_text(encoding="utf-8"), "en")
    found = {r.tgt: r for r in target_roles(doc)}
    sources = [j for j, s in enumerate(doc.sentences) if s.text.startswith("Source:")]
    assert len(sources) == 3
    assert [j for j, r in found.items() if r.role == "citation"] == sources
    cites = [found[j].to_dict()["citation"] for j in sources]
    assert [(c["outlet"], c["date"]) for c in cites] == [
        ("EDAM", "2021-10-27"), ("Gazete Duvar", "2021-10-27"), ("EDAM", "2021-10-27")]
    assert cites[0]["author"] == "Dr. Can Kasapoğlu"
    # the four lead paragraphs: framing where a sentence refers to the articles, else lead
    lead = [j for j, s in enumerate(doc.sentences) if s.paragraph < 4]
    assert lead and max(lead) < sources[0]
    assert {j: found[j].role for j in lead} == {
        j: "framing" if j in (2, 3, 4) else "lead" for j in lead}
    assert doc.sentences[4].text.startswith("According to the first article")
    # excerpts and the page junk after them get no role
    assert set(found) == set(lead) | set(sources)


NEWS = """Annual inflation rose to 21.31 percent in November, the statistics office said.

According to the report, inflation rose. The report said temperatures fell below zero.
The first article of the Constitution states that Turkey is a republic.
The court ruled that the article violated press freedom, and the columnist was acquitted."""


def test_plain_translation_has_no_roles() -> None:
    assert target_roles(segment(NEWS, "en")) == ()
    # a translation that ends with a credit line: the line is a citation, nothing is lead
    doc = segment(NEWS + "\n\nSource: Hürriyet, 3 May 2023. https://www.hurriyet.com.tr/x", "en")
    assert set(roles(doc).values()) == {"citation"} and roles(doc) == {len(doc) - 1: "citation"}


NTREX = SHARED / "data" / "ntrex128" / "newstest2019-src.eng.txt"


@pytest.mark.skipif(not NTREX.is_file(), reason="no shared NTREX data")
def test_ntrex_news_has_no_roles() -> None:
    lines = NTREX.read_text(encoding="utf-8").splitlines()[:800]
    assert target_roles(Document.from_texts(lines, "en")) == ()


@pytest.mark.parametrize("text", [
    "The article, excerpted below, offers a Turkish perspective on the drone sale.",
    ("According to the first article, if Ukraine continues to wage drone warfare, Russia "
     "could move against Turkey."),
    ("As the second article from independent Turkish daily Gazete Duvar reports, Peskov "
     "warned Ankara."),
    "The accompanying article from EDAM notes that tensions could escalate.",
    ("The first accompanying article, from the business news website Piyasa Gündemi, "
     "reports that inflation climbed."),
    "The third article, a commentary by Dr. Ece Karataş, argues that inspection fails.",
    "The following excerpt is taken from a column in Sabah.",
    "The piece below, from Cumhuriyet, reports that the talks stalled.",
    "The author of the article argues that Ankara has few options.",
    "Both articles note that the lira fell.",
    "This report from pro-government daily Sabah offers a Turkish view of the crisis.",
])
def test_framing(text: str) -> None:
    assert is_framing(text)


@pytest.mark.parametrize("text", [
    "According to the report, inflation rose.",
    "The report said temperatures fell below zero.",
    "The first article of the Constitution states that Turkey is a republic.",
    "The second article in the draft law regulates rents.",
    "The court ruled that the article violated press freedom.",
    "He published an opinion piece in Sunday's newspaper.",
    "Both parties signed the agreement on the first day.",
    "The minister offered a new perspective on the talks.",
    "The regency, an administrative region below a province, had 299,200 people.",
    "Two columns were cut during the renovation.",
    "The other articles were adopted by parliament on Tuesday.",
    "The final piece of the puzzle fell into place.",
])
def test_not_framing(text: str) -> None:
    assert not is_framing(text)


def test_a_split_citation_line_and_its_url_line() -> None:
    """Every sentence of one citation line (the segmenter may cut it) and the URL line after
    it are citation; a ``Sources: a; b`` line carries both citations."""
    text = ("A lead sentence.\n\n"
            "Source: Dr. Ali Veli, “Başlık (Title),” EDAM, 27 October 2021. See also.\n"
            "https://edam.org.tr/x\n\n"
            "An excerpt.\n\n"
            "Sources: “Bir (One),” Sabah, 1 May 2023; “İki (Two),” Hürriyet, 2 May 2023.\n\n"
            "Another excerpt.")
    parts = ["A lead sentence.", "Source: Dr. Ali Veli, “Başlık (Title),” EDAM, 27 October 2021.",
             "See also.", "https://edam.org.tr/x", "An excerpt.",
             "Sources: “Bir (One),” Sabah, 1 May 2023; “İki (Two),” Hürriyet, 2 May 2023.",
             "Another excerpt."]
    sents, pos = [], 0
    for p in parts:
        pos = text.index(p, pos)
        sents.append(Sentence(p, "en", 0, pos, pos + len(p)))
        pos += len(p)
    doc = Document("en", tuple(sents), text)
    found = {r.tgt: r.to_dict() for r in target_roles(doc)}
    assert {j: d["role"] for j, d in found.items()} == {
        0: "lead", 1: "citation", 2: "citation", 3: "citation", 5: "citation"}
    assert found[3]["citation"]["url"] == "https://edam.org.tr/x"
    assert found[1]["citation"] == found[2]["citation"]
    assert found[5]["citation"]["outlet"] == "Sabah"
    assert [c["outlet"] for c in found[5]["also"]] == ["Hürriyet"]
    # Without a text that holds the spans, the sentences stand one per line: only the first
    # part of the split line is a citation line ("See also." parts it from the URL line).
    bare = Document("en", tuple(dataclasses.replace(s, start=0, end=0) for s in sents))
    assert roles(bare) == {0: "lead", 1: "citation", 5: "citation"}


def test_roles_in_ignores_what_it_cannot_read() -> None:
    meta = {"roles": [{"tgt": 1, "role": "citation"}, {"tgt": -1, "role": "lead"},
                      {"tgt": 2, "role": "nonsense"}, {"tgt": True, "role": "lead"}, "x",
                      {"tgt": 3, "role": "framing"}]}
    assert roles_in(meta) == {1: "citation", 3: "framing"}
    assert roles_in({"roles": "citation"}) == {} and roles_in({}) == {}
    assert UNCHECKED == {"citation", "framing"}


def _tiny(meta: dict) -> Alignment:
    src = Document.from_texts(["Bir.", "İki."], "tr")
    tgt = Document.from_texts(["Source: x.", "One.", "Framing."], "en")
    return Alignment(src, tgt, (Bead((0,), (0, 1)), Bead((1,), (2,))), Signature("t"), meta)


def test_on_furniture() -> None:
    aln = _tiny({"roles": [{"tgt": 0, "role": "citation"}, {"tgt": 2, "role": "framing"}]})
    unchecked = on_furniture(aln)
    s = aln.target.sentences
    assert unchecked(0, (s[0].start + 2, s[0].start + 3))  # inside the citation
    assert unchecked(0, (s[0].start, s[0].start))  # an empty span: the sentence holding it
    assert not unchecked(0, (s[1].start, s[1].end))  # a translated sentence
    assert not unchecked(0, (s[0].start, s[1].end))  # both: the translated one counts
    assert not unchecked(0, None) and unchecked(1, None)  # no span: the bead's English
    assert not on_furniture(_tiny({}))(1, None)
    lead = _tiny({"roles": [{"tgt": 2, "role": "lead"}]})
    assert not on_furniture(lead)(1, None)  # leads stay checked


@pytest.fixture(scope="module")
def paired(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Alignment]:
    """``align pair`` on the economy digest's lead, first citation and first block."""
    text = (ECONOMY / "digest.txt").read_text(encoding="utf-8")
    tmp = tmp_path_factory.mktemp("roles")
    en = tmp / "digest.en.txt"
    en.write_text(text[:text.index("Source: “Asgari")], encoding="utf-8")
    out = tmp / "pair.json"
    assert main(["pair", str(ECONOMY / "block1" / "source.tr.txt"), str(en), "-o", str(out),
                 "--quiet"]) == 0
    return out, read_alignment(out)


def _flagged_targets(aln: Alignment) -> set[int]:
    """English sentences a non-omission flag points at (its span, else its bead's)."""
    out: set[int] = set()
    for b in aln.beads:
        for f in b.flags:
            if f.type == "omission":
                continue
            if f.tgt_span is None:
                out.update(b.tgt)
                continue
            out.update(j for j, s in enumerate(aln.target.sentences)
                       if s.start < max(f.tgt_span[1], f.tgt_span[0] + 1)
                       and f.tgt_span[0] < s.end)
    return out


def test_align_pair_records_roles_and_qa_skips_furniture(
        paired: tuple[Path, Alignment]) -> None:
    out, aln = paired
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["roles"] == roles_meta(aln.target)
    got = roles_in(aln.meta)
    assert sorted(set(got.values())) == ["citation", "framing", "lead"]
    cite = next(r for r in data["meta"]["roles"] if r["role"] == "citation")
    assert aln.target.sentences[cite["tgt"]].text.startswith("Source: Selin Aksoy")
    assert cite["citation"]["outlet"] == "Piyasa Gündemi" and cite["citation"]["date"] == "2021-12-03"
    furniture = {j for j, r in got.items() if r in UNCHECKED}
    assert not _flagged_targets(aln) & furniture
    assert _flagged_targets(aln) & {j for j, r in got.items() if r == "lead"}  # still checked
    # the same checks without the roles do flag the citation line and the framing
    bare = run_checks(dataclasses.replace(aln, meta={k: v for k, v in aln.meta.items()
                                                     if k != "roles"}))
    assert {j for j, r in got.items() if r == "citation"} <= _flagged_targets(bare)
    assert _flagged_targets(bare) & {j for j, r in got.items() if r == "framing"}


def test_roles_survive_json(paired: tuple[Path, Alignment], tmp_path: Path) -> None:
    _, aln = paired
    path = tmp_path / "again.json"
    path.write_text(to_json(aln), encoding="utf-8")
    assert read_alignment(path).meta["roles"] == aln.meta["roles"]


def test_roles_survive_the_store_and_follow_edits(paired: tuple[Path, Alignment],
                                                  store: Store) -> None:
    _, aln = paired
    s0 = support.add(store, aln)
    assert s0.alignment.meta["roles"] == aln.meta["roles"]
    # split an English lead sentence: the roles after it move one sentence on
    j = min(roles_in(aln.meta))
    text = aln.target.sentences[j].text
    s1 = review.split_sentence(store, s0.info.id, "tgt", j, text.index(" ", 10) + 1,
                               version=s0.version, user="bo")
    before, after = roles_in(aln.meta), roles_in(s1.alignment.meta)
    assert after == {**{k: r for k, r in before.items() if k < j}, j: "lead", j + 1: "lead",
                     **{k + 1: r for k, r in before.items() if k > j}}
    assert store.load(s0.info.id).alignment.meta["roles"] == s1.alignment.meta["roles"]
    # the windowed re-check of the edit keeps citation and framing unflagged
    assert not _flagged_targets(s1.alignment) & {k for k, r in after.items() if r in UNCHECKED}

