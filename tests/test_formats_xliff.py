"""XLIFF 2.1 and 1.2: structure, review state, reading back with translate-toolkit.

translate-toolkit 3.20 reads XLIFF 2.x with `translate.storage.xliff2.Xliff2File` (the
factory maps .xlf to the 1.x class, which refuses version 2.1), so 2.1 is read with that
class directly; its structure is also checked here with lxml (no XSD is shipped).
"""
from __future__ import annotations

import io
import re

import pytest
from lxml import etree

from align.errors import OutputError
from align.formats import export
from align.types import Status
from tests.test_formats_samples import sample_pairs

X2 = "urn:oasis:names:tc:xliff:document:2.0"
X1 = "urn:oasis:names:tc:xliff:document:1.2"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
NMTOKEN = re.compile(r"^[\w.:-]+$")
STATE2 = {Status.AUTO: "translated", Status.CONFIRMED: "reviewed", Status.REJECTED: "initial"}
STATE1 = {Status.AUTO: "translated", Status.CONFIRMED: "signed-off",
          Status.REJECTED: "needs-review-translation"}


def q(ns: str, local: str) -> str:
    return f"{{{ns}}}{local}"


def check_xliff2_structure(root: etree._Element) -> None:
    """The XLIFF 2.1 core rules our files must follow (attributes, order, ids)."""
    assert root.tag == q(X2, "xliff") and root.get("version") == "2.1"
    assert root.get("srcLang") and root.get("trgLang")
    files = list(root)
    assert files and all(f.tag == q(X2, "file") for f in files)
    assert len({f.get("id") for f in files}) == len(files)
    for f in files:
        assert NMTOKEN.match(f.get("id", ""))
        order = [c.tag for c in f]
        # mda:metadata?, notes?, unit+ in that order
        units = [c for c in f if c.tag == q(X2, "unit")]
        assert units and order[len(order) - len(units):] == [q(X2, "unit")] * len(units)
        assert order[:len(order) - len(units)] in (
            [], [q(MDA, "metadata")], [q(X2, "notes")], [q(MDA, "metadata"), q(X2, "notes")])
        assert len({u.get("id") for u in units}) == len(units)
        for u in units:
            assert NMTOKEN.match(u.get("id", ""))
            tags = [c.tag for c in u]
            assert tags[-1] == q(X2, "segment")
            assert tags[:-1] in ([], [q(MDA, "metadata")], [q(X2, "notes")],
                                 [q(MDA, "metadata"), q(X2, "notes")])
            seg = u.find(q(X2, "segment"))
            assert [c.tag for c in seg] == [q(X2, "source"), q(X2, "target")]
            assert seg.get("state") in {"initial", "translated", "reviewed", "final"}
            assert re.match(r"^[A-Za-z0-9-]+:[^\s:]+$", seg.get("subState", ""))
            for note in u.iter(q(X2, "note")):
                assert note.getparent().tag == q(X2, "notes")
                assert note.get("priority", "1") in {str(i) for i in range(1, 11)}


def test_xliff2_structure_and_review_state() -> None:
    pairs = sample_pairs()
    root = etree.fromstring(export(pairs, "xliff", None))
    check_xliff2_structure(root)
    files = root.findall(q(X2, "file"))
    assert [f.get("original") for f in files] == [p.name for p in pairs]
    for f, pair in zip(files, pairs):
        beads = pair.alignment.beads
        n_null = sum(b.is_null for b in beads)
        for unit in f.findall(q(X2, "unit")):
            b = beads[int(unit.get("id")[1:])]
            seg = unit.find(q(X2, "segment"))
            assert not b.is_null
            assert seg.get("state") == STATE2[b.status]
            assert seg.get("subState") == f"align:{b.status.value}"
            notes = [n.text for n in unit.iter(q(X2, "note"))]
            assert any(n.startswith("alignment score") for n in notes)
            assert any("rejected by the reviewer" in n for n in notes) == (
                b.status is Status.REJECTED)
            assert any(n.startswith("number_mismatch (major)") for n in notes) == bool(b.flags)
        assert len(f.findall(q(X2, "unit"))) == len(beads) - n_null
        unlinked = f.find(f"{q(X2, 'notes')}/{q(X2, 'note')}[@category='align:unlinked']")
        assert (unlinked is not None) == bool(n_null)
        meta = {m.get("type"): m.text for m in f.iter(q(MDA, "meta"))
                if m.getparent().get("category") == "align:pair"}
        assert meta["project"] == "samples" and meta["pair"] == pair.key
        assert "Kasapoğlu" in meta["citation"]


def test_xliff2_read_by_translate_toolkit() -> None:
    from translate.storage.xliff2 import Xliff2File

    pairs = sample_pairs()
    store = Xliff2File.parsestring(export(pairs, "xliff", None))
    assert store.sourcelanguage == "tr" and store.targetlanguage == "en"
    linked = [(p, i, b) for p in pairs for i, b in enumerate(p.alignment.beads)
              if not b.is_null]
    assert len(store.units) == len(linked)
    first = [(i, b) for p, i, b in linked if p is pairs[0]]
    for unit, (i, b) in zip(store.units, first):
        aln = pairs[0].alignment
        assert unit.getid() == f"b{i}"
        assert unit.source == " ".join(aln.source.sentences[j].text for j in b.src)
        assert unit.target == " ".join(aln.target.sentences[j].text for j in b.tgt)
        assert unit.isapproved() == (b.status is Status.CONFIRMED)
        assert unit.isfuzzy() == (b.status is Status.REJECTED)


def test_xliff12_read_by_translate_toolkit() -> None:
    from translate.storage import factory

    pairs = sample_pairs()
    data = export(pairs, "xliff12", None)
    root = etree.fromstring(data)
    assert root.tag == q(X1, "xliff") and root.get("version") == "1.2"
    for f in root.findall(q(X1, "file")):
        assert [c.tag for c in f] == [q(X1, "header"), q(X1, "body")]
        assert f.get("source-language") == "tr" and f.get("target-language") == "en"
        assert f.get("datatype") == "plaintext"
    store = factory.getobject(io.BytesIO(data))
    assert type(store).__name__ == "Xliff1File"
    linked = [(p, i, b) for p in pairs for i, b in enumerate(p.alignment.beads)
              if not b.is_null]
    assert len(store.units) == len(linked)
    for unit, (p, i, b) in zip(store.units, linked):
        aln = p.alignment
        assert unit.getid() == f"{p.name}\x04b{i}"
        assert unit.source == " ".join(aln.source.sentences[j].text for j in b.src)
        assert unit.target == " ".join(aln.target.sentences[j].text for j in b.tgt)
        assert unit.isapproved() == (b.status is Status.CONFIRMED)
        assert unit.xmlelement.find(q(X1, "target")).get("state") == STATE1[b.status]
        contexts = dict(unit.getcontextgroups("align")[0])
        assert contexts["x-status"] == b.status.value
        assert contexts["x-score"] == f"{b.score:.6f}"
        assert ("rejected by the reviewer" in unit.getnotes()) == (b.status is Status.REJECTED)


@pytest.mark.parametrize("fmt", ["xliff", "xliff12"])
def test_xliff_escapes_markup_in_text(fmt: str) -> None:
    from dataclasses import replace

    from align.types import Document

    pair = sample_pairs()[2]
    aln = pair.alignment
    texts = aln.target.texts
    texts[0] = '<b onclick="x">&amp; ]]> \x0b' + texts[0]
    aln = replace(aln, target=Document.from_texts(texts, "en"))
    with pytest.raises(OutputError, match=r"target sentence 0: holds U\+000B, a control "
                                          r"character XML \(TMX, XLIFF\) cannot carry"):
        export([replace(pair, alignment=aln)], fmt, None)  # refused, never silently dropped
    texts[0] = texts[0].replace("\x0b", "\t")
    aln = replace(aln, target=Document.from_texts(texts, "en"))
    data = export([replace(pair, alignment=aln)], fmt, None)
    root = etree.fromstring(data)  # well-formed despite the markup
    targets = [t.text for t in root.iter(q(X2 if fmt == "xliff" else X1, "target"))]
    assert any(t.startswith('<b onclick="x">&amp; ]]> ') for t in targets)
