"""XLIFF 1.2 export with review state, built with translate-toolkit's XLIFF store.

Layout: one ``<file original="project/key" source-language target-language
datatype="plaintext">`` per pair; one ``<trans-unit id="b<bead>">`` per linked bead
(0-based position in the alignment), texts = the bead's sentences joined with a space.
Null beads are skipped, as in XLIFF 2.1 (`align.formats.xliff2_out`), and a pair
with no linked bead gets no ``<file>``.

Review state: ``confirmed`` -> ``approved="yes"`` and ``<target state="signed-off">``;
``auto`` -> ``approved="no"``, ``state="translated"``; ``rejected`` -> ``approved="no"``,
``state="needs-review-translation"`` and a note saying the reviewer rejected the pairing.
A ``<context-group name="align" purpose="information">`` holds ``x-score``,
``x-status``, ``x-project``, ``x-pair``, ``x-src-ids`` / ``x-tgt-ids`` (0-based) and
``x-flags``; notes (``from="align"``) hold the score and each QA flag for people. The
pair's title and citation go into the file's ``<header>`` notes.
"""
from __future__ import annotations

import io
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
    xml_side,
    xml_text,
)
from align.formats.model import langs as pair_langs
from align.types import Status

NS = "urn:oasis:names:tc:xliff:document:1.2"
STATE = {Status.AUTO: "translated", Status.CONFIRMED: "signed-off",
         Status.REJECTED: "needs-review-translation"}
REJECTED_NOTE = "rejected by the reviewer: the target does not render this source"
_SKELETON = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<xliff version="1.2" xmlns="{NS}"><file original="NoName" source-language="{{src}}" '
    'target-language="{tgt}" datatype="plaintext"><body/></file></xliff>'
)


def to_xliff12(pairs: Sequence[ExportPair], *, src_lang: str | None = None,
               tgt_lang: str | None = None) -> bytes:
    """The XLIFF 1.2 document (UTF-8 bytes) for ``pairs``; see the module docstring.

    Raises InvalidAlignment when no pair has a linked bead.
    """
    from lxml import etree
    from translate.storage.xliff import xlifffile

    s0, t0 = pair_langs(pairs[0], src_lang, tgt_lang) if pairs else ("tr", "en")
    skeleton = _SKELETON.format(src=xml_text(s0), tgt=xml_text(t0)).encode("utf-8")
    store = xlifffile.parsestring(skeleton)  # type: ignore[no-untyped-call]  # translate-toolkit is untyped
    n_files = 0
    for pair in pairs:
        linked = [v for v in bead_views(pair, src_lang, tgt_lang) if not v.bead.is_null]
        if not linked:
            continue
        n_files += 1
        name = xml_text(pair.name)
        store.switchfile(name, createifmissing=True)
        filenode = store.getfilenode(name)
        filenode.set("source-language", linked[0].src_lang)
        filenode.set("target-language", linked[0].tgt_lang)
        _header(etree, filenode, pair)
        for view in linked:
            _unit(store, name, view)
    if not n_files:
        raise InvalidAlignment("nothing to export to XLIFF: no pair has a bead linking "
                               "source and target sentences")
    # Units are created in translate-toolkit's default (1.1) namespace and moved to 1.2;
    # drop the unused declaration that leaves behind.
    etree.cleanup_namespaces(store.document.getroot())
    out = io.BytesIO()
    store.serialize(out)
    return out.getvalue()


def _header(etree: Any, filenode: Any, pair: ExportPair) -> None:
    texts = [f"title: {pair.title}"] if pair.title else []
    if pair.citation:
        texts.append("citation: " + json.dumps(dict(pair.citation), ensure_ascii=False,
                                                default=str))
    if not texts:
        return
    header = etree.Element(f"{{{NS}}}header")
    for text in texts:
        note = etree.SubElement(header, f"{{{NS}}}note", {"from": "align"})
        note.text = xml_text(text)
    filenode.insert(0, header)  # <header> must precede <body>


def _unit(store: Any, filename: str, view: BeadView) -> None:
    b = view.bead
    unit = store.addsourceunit(xml_side(view, "source"), filename=filename,
                               createifmissing=True)
    unit.setid(f"b{view.index}")
    unit.settarget(xml_side(view, "target"), lang=view.tgt_lang)
    unit.getlanguageNode(lang=None, index=1).set("state", STATE[b.status])
    unit.xmlelement.set("approved", "yes" if b.status is Status.CONFIRMED else "no")
    contexts = [
        ("x-score", f"{b.score:.6f}"), ("x-status", b.status.value),
        ("x-project", view.pair.project), ("x-pair", view.pair.key),
        ("x-src-ids", ids_text(b.src)), ("x-tgt-ids", ids_text(b.tgt)),
        ("x-flags", flag_types(b)),
    ]
    unit.createcontextgroup("align", [(k, xml_text(v)) for k, v in contexts if v],
                            purpose="information")
    unit.addnote(f"alignment score {b.score:.3f}", origin="align")
    if b.status is Status.REJECTED:
        unit.addnote(REJECTED_NOTE, origin="align")
    for fl in b.flags:
        text = f"{fl.type} ({fl.severity.value})" + (f": {fl.message}" if fl.message else "")
        unit.addnote(xml_text(text), origin="align")
