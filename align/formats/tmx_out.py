"""TMX 1.4b export: one translation unit per confirmed bead, built with lxml.

Which beads: confirmed ones; auto ones too with ``include_auto``; rejected beads never;
null beads (1-0, 0-1) never (a translation memory holds pairs). A bead with several
sentences on a side (n:m) gives one segment holding them joined with a space.

Each ``<tu>`` has ``tuid="project/key/<bead>"`` (bead = 0-based position in the alignment)
and, before its two ``<tuv>``, the properties ``x-score`` (``%.6f``, in [0, 1]),
``x-status``, ``x-project``, ``x-pair`` (the pair key), ``x-src-ids`` / ``x-tgt-ids``
(0-based sentence ids, ``[0, 1]``) and ``x-flags`` (QA flag types, comma-separated; only
when the bead has flags). The header declares ``segtype="sentence"``, ``srclang``,
``adminlang="en"``, ``datatype="plaintext"``, ``o-tmf="align"``. The file is UTF-8 with
``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` and validates against ``align/data/interchange/
tmx14b.dtd`` (`validate_tmx`).
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from typing import Any

from align.formats.model import (
    BeadView,
    ExportPair,
    bead_views,
    flag_types,
    for_memory,
    ids_text,
    langs,
    xml_side,
    xml_text,
)
from align.formats.tmx_in import CREATION_TOOL

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
PROPS = ("x-score", "x-status", "x-project", "x-pair", "x-src-ids", "x-tgt-ids", "x-flags")


def to_tmx(pairs: Sequence[ExportPair], *, include_auto: bool = False,
           src_lang: str | None = None, tgt_lang: str | None = None) -> bytes:
    """The TMX document (UTF-8 bytes) for ``pairs``; see the module docstring."""
    from lxml import etree

    from align import __version__

    header_src = langs(pairs[0], src_lang, tgt_lang)[0] if pairs else (src_lang or "tr")
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": CREATION_TOOL, "creationtoolversion": __version__,
        "segtype": "sentence", "o-tmf": "align", "adminlang": "en",
        "srclang": header_src, "datatype": "plaintext",
    })
    body = etree.SubElement(root, "body")
    for pair in pairs:
        for view in bead_views(pair, src_lang, tgt_lang):
            if for_memory(view, include_auto):
                _unit(etree, body, view)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                doctype=DOCTYPE, pretty_print=True))


def _unit(etree: Any, body: Any, view: BeadView) -> None:
    b = view.bead
    tu = etree.SubElement(body, "tu", tuid=xml_text(f"{view.pair.name}/{view.index}"))
    values = {
        "x-score": f"{b.score:.6f}", "x-status": b.status.value,
        "x-project": view.pair.project, "x-pair": view.pair.key,
        "x-src-ids": ids_text(b.src), "x-tgt-ids": ids_text(b.tgt),
        "x-flags": flag_types(b),
    }
    for name in PROPS:
        if values[name]:
            etree.SubElement(tu, "prop", type=name).text = xml_text(values[name])
    for lang, text in ((view.src_lang, xml_side(view, "source")),
                       (view.tgt_lang, xml_side(view, "target"))):
        tuv = etree.SubElement(tu, "tuv", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
        etree.SubElement(tuv, "seg").text = text


@functools.cache
def tmx_dtd() -> Any:
    """The TMX 1.4b DTD shipped in ``align/data/interchange/tmx14b.dtd`` (lxml.etree.DTD)."""
    from lxml import etree

    ref = resources.files("align") / "data" / "interchange" / "tmx14b.dtd"
    with ref.open("rb") as f:
        return etree.DTD(f)


def validate_tmx(data: bytes) -> list[str]:
    """DTD errors of a TMX document (empty when valid). The document is parsed without
    loading its own DOCTYPE or any entity; only the shipped DTD is used."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    doc = etree.fromstring(data, parser)
    dtd = tmx_dtd()
    if dtd.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in dtd.error_log.filter_from_errors()]
