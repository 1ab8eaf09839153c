"""XLIFF 2.1 export with review state, built with lxml.

Layout: ``<xliff version="2.1" srcLang trgLang>`` in the core namespace
``urn:oasis:names:tc:xliff:document:2.0`` (XLIFF 2.1 keeps the 2.0 namespace); one
``<file id="f1" original="project/key">`` per pair; one ``<unit id="b<bead>">`` per linked
bead (``bead`` = 0-based position in the alignment) with one ``<segment>``; the source /
target are the bead's sentences joined with a space.

Review state (decision): ``auto`` -> ``state="translated"`` (aligner output, not yet
reviewed); ``confirmed`` -> ``state="reviewed"`` (a reviewer checked the link; ``final`` is
left to the downstream workflow's sign-off, which may lock the segment); ``rejected`` ->
``state="initial"`` with a note saying the reviewer rejected the pairing. The exact status
also goes into ``subState="align:<status>"`` so a round trip is lossless.

Null beads (decision): skipped. A Turkish sentence no English sentence uses is not a unit
to translate, and an English sentence with no source cannot be a unit (``<source>`` is
required); the file's notes say how many were left out. A pair with no linked bead gets
no ``<file>`` (XLIFF needs at least one unit per file).

Machine-readable data sit in the Metadata module (``mda``, namespace
``urn:oasis:names:tc:xliff:metadata:2.0``): per file ``project``, ``pair``, ``title``,
``citation`` (JSON); per unit ``score`` (``%.6f``), ``status``, ``src-ids`` /
``tgt-ids`` (0-based, ``[0, 1]``) and ``flags`` (types, comma-separated). Notes carry the
same for people: the score and each QA flag (type, severity, message; priority 1 for
critical, 3 major, 5 minor).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from align.errors import InvalidAlignment
from align.formats.model import (
    BeadView,
    ExportPair,
    bead_views,
    flag_types,
    ids_text,
    langs,
    xml_side,
    xml_text,
)
from align.types import Severity, Status

NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
STATE = {Status.AUTO: "translated", Status.CONFIRMED: "reviewed", Status.REJECTED: "initial"}
PRIORITY = {Severity.CRITICAL: "1", Severity.MAJOR: "3", Severity.MINOR: "5"}
REJECTED_NOTE = "rejected by the reviewer: the target does not render this source"


def to_xliff2(pairs: Sequence[ExportPair], *, src_lang: str | None = None,
              tgt_lang: str | None = None) -> bytes:
    """The XLIFF 2.1 document (UTF-8 bytes) for ``pairs``; see the module docstring.

    Raises InvalidAlignment when no pair has a linked bead (XLIFF needs one unit).
    """
    from lxml import etree

    s_lang, t_lang = langs(pairs[0], src_lang, tgt_lang) if pairs else ("tr", "en")
    root = etree.Element(f"{{{NS}}}xliff", {"version": "2.1", "srcLang": s_lang,
                                            "trgLang": t_lang}, nsmap={None: NS, "mda": MDA})
    for pair in pairs:
        views = list(bead_views(pair, src_lang, tgt_lang))
        linked = [v for v in views if not v.bead.is_null]
        if linked:
            _file(etree, root, pair, len(root) + 1, linked, len(views) - len(linked))
    if not len(root):
        raise InvalidAlignment("nothing to export to XLIFF: no pair has a bead linking "
                               "source and target sentences")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True))


def _file(etree: Any, root: Any, pair: ExportPair, n: int, linked: list[BeadView],
          n_null: int) -> None:
    f = etree.SubElement(root, f"{{{NS}}}file", id=f"f{n}", original=xml_text(pair.name))
    meta = {"project": pair.project, "pair": pair.key, "title": pair.title,
            "citation": json.dumps(dict(pair.citation), ensure_ascii=False, default=str)
            if pair.citation else ""}
    _metadata(etree, f, "align:pair", meta)
    notes: list[tuple[str, str, str]] = []
    if pair.title:
        notes.append(("align:title", "", pair.title))
    if n_null:
        notes.append(("align:unlinked", "", (
            f"{n_null} null bead(s) (a source sentence with no target, or a target sentence "
            "with no source) are not exported as units")))
    _notes(etree, f, notes)
    for view in linked:
        _unit(etree, f, view)


def _unit(etree: Any, f: Any, view: BeadView) -> None:
    b = view.bead
    unit = etree.SubElement(f, f"{{{NS}}}unit", id=f"b{view.index}")
    _metadata(etree, unit, "align:bead", {
        "score": f"{b.score:.6f}", "status": b.status.value, "src-ids": ids_text(b.src),
        "tgt-ids": ids_text(b.tgt), "flags": flag_types(b)})
    notes = [("align:score", "", f"alignment score {b.score:.3f}")]
    if b.status is Status.REJECTED:
        notes.append(("align:status", "1", REJECTED_NOTE))
    for fl in b.flags:
        text = f"{fl.type} ({fl.severity.value})" + (f": {fl.message}" if fl.message else "")
        notes.append(("align:flag", PRIORITY.get(fl.severity, "5"), text))
    _notes(etree, unit, notes)
    seg = etree.SubElement(unit, f"{{{NS}}}segment", state=STATE[b.status],
                           subState=f"align:{b.status.value}")
    etree.SubElement(seg, f"{{{NS}}}source").text = xml_side(view, "source")
    etree.SubElement(seg, f"{{{NS}}}target").text = xml_side(view, "target")


def _metadata(etree: Any, parent: Any, category: str, values: dict[str, str]) -> None:
    md = etree.SubElement(parent, f"{{{MDA}}}metadata")
    group = etree.SubElement(md, f"{{{MDA}}}metaGroup", category=category)
    for key, value in values.items():
        if value:
            etree.SubElement(group, f"{{{MDA}}}meta", type=key).text = xml_text(value)
    if not len(group):
        parent.remove(md)


def _notes(etree: Any, parent: Any, notes: list[tuple[str, str, str]]) -> None:
    if not notes:
        return
    container = etree.SubElement(parent, f"{{{NS}}}notes")
    for category, priority, text in notes:
        note = etree.SubElement(container, f"{{{NS}}}note", category=category)
        if priority:
            note.set("priority", priority)
        note.text = xml_text(text)
