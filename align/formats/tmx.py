"""TMX 1.4b, read and written: the one module for translation memories.

Reading.

TMX 1.4 translation memories as pre-aligned input.

Every translation unit (``<tu>``) holding a non-empty segment in both languages becomes
one confirmed 1:1 bead (score 1.0); units missing a language are skipped and counted in
``Alignment.meta["skipped_units"]``. Languages match on ``xml:lang`` (or TMX 1.1
``lang``) case-insensitively; a bare code (``tr``) also matches its regional forms
(``tr-TR``). Inline markup is resolved: ``<hi>`` text is kept, native codes in
``<bpt>``, ``<ept>``, ``<ph>``, ``<it>`` and ``<ut>`` are dropped. Whitespace is collapsed
in other tools' memories (they wrap and indent segments), and kept as it is in memories
this tool wrote (header ``creationtool`` :data:`CREATION_TOOL`), so an export reads back
exactly.

Safety: parsed with defusedxml, which refuses entity declarations (billion laughs) and
external entities or DTDs that would be fetched; such a file raises InputError. A plain
``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` is allowed and never fetched.

The rest of this module reads a memory back as lexicon training pairs or as a gold
alignment, with a direction check:

Both readers go through :func:`read_tmx` (defusedxml: entity declarations, external
entities and parameter-entity DTD fetches raise InputError; a plain
``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` is allowed and never fetched) and keep its rules:
one 1:1 pair per ``<tu>`` having a non-empty segment in both languages, languages matched
on ``xml:lang`` with ``tr`` matching ``tr-TR``.

Direction check: a unit's declared source language is its ``<tu srclang>``, else the
header's ``srclang``, else (header ``*all*`` or absent) its first ``<tuv>``'s language.
When most units declare ``tgt_lang`` as their source the memory runs the other way round
(e.g. an en->tr memory read as tr->en) and InputError names the file and says to pass
``swap``. With ``swap=True`` such a file is accepted; pairs are still
``(src_lang text, tgt_lang text)`` since sides are picked by language code.

Writing.

TMX 1.4b export: one translation unit per confirmed bead, built with lxml.

Which beads: confirmed ones; auto ones too with ``include_auto``; rejected beads never;
null beads (1-0, 0-1) never (a translation memory holds pairs). A bead with several
sentences on a side (n:m) gives one segment holding them joined with a space.

Each ``<tu>`` has ``tuid="project/key/<bead>"`` (bead = 0-based position in the alignment)
and, before its two ``<tuv>``, the properties ``x-score`` (``%.6f``, in [0, 1]),
``x-status``, ``x-project``, ``x-pair`` (the pair key), ``x-src-ids`` / ``x-tgt-ids``
(0-based sentence ids, ``[0, 1]``), ``x-flags`` (QA flag types, comma-separated; only
when the bead has flags) and ``x-flag-confidence`` (their confidences in the same order, an
empty item where unstated; only when a flag states one). The header declares
``segtype="sentence"``, ``srclang``, ``adminlang="en"``, ``datatype="plaintext"``,
``o-tmf="align"``. The file is UTF-8 with
``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` and validates against ``align/data/interchange/
tmx14b.dtd`` (`validate_tmx`).
"""
from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from align.errors import InputError
from align.formats.model import (
    BeadView,
    ExportPair,
    bead_views,
    flag_confidences,
    flag_types,
    for_memory,
    ids_text,
    langs,
    xml_side,
    xml_text,
)
from align.io.xml import local_name, parse_untrusted
from align.sources.base import clean_paragraph
from align.text.casefold import base_lang
from align.types import Alignment, Bead, Document, Signature, Status

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CREATION_TOOL = "align-workbench"
"""The ``creationtool`` of the memories this tool writes."""
_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})


def read_tmx(path: str | Path, src_lang: str = "tr", tgt_lang: str = "en") -> Alignment:
    """An Alignment of the units in ``path`` having both languages (sentence ids 0-based,
    in file order; both documents' ``text`` is their sentences joined by newlines)."""
    name = str(path)
    root = parse_untrusted(path, "TMX")
    if local_name(root.tag) != "tmx":
        raise InputError(f"{name} is not a TMX file (root element <{local_name(root.tag)}>)")
    body = next((el for el in root if local_name(el.tag) == "body"), None)
    if body is None:
        raise InputError(f"{name} is not a TMX file (no <body> element)")
    header = next((el for el in root if local_name(el.tag) == "header"), None)
    ours = header is not None and header.get("creationtool") == CREATION_TOOL
    src: list[str] = []
    tgt: list[str] = []
    skipped = 0
    langs: set[str] = set()
    for tu in body:
        if local_name(tu.tag) != "tu":
            continue
        segs: dict[str, str] = {}
        for tuv in tu:
            if local_name(tuv.tag) != "tuv":
                continue
            lang = (tuv.get(_XML_LANG) or tuv.get("lang") or "").strip()
            langs.add(lang)
            seg = next((el for el in tuv if local_name(el.tag) == "seg"), None)
            text = seg_text(seg) if seg is not None else ""
            if not ours:
                text = clean_paragraph(text)
            for want in (src_lang, tgt_lang):
                if text.strip() and want not in segs and lang_matches(lang, want):
                    segs[want] = text
        if src_lang in segs and tgt_lang in segs:
            src.append(segs[src_lang])
            tgt.append(segs[tgt_lang])
        else:
            skipped += 1
    if not src:
        found = ", ".join(sorted(x for x in langs if x)) or "none"
        raise InputError(
            f"{name}: no translation unit has both {src_lang!r} and {tgt_lang!r} "
            f"(languages found: {found})"
        )
    beads = tuple(Bead((i,), (i,), 1.0, Status.CONFIRMED) for i in range(len(src)))
    meta = {
        "source_file": name, "units": len(src), "skipped_units": skipped,
        "tmx_version": root.get("version", ""),
        "tmx_srclang": header.get("srclang", "") if header is not None else "",
    }
    return Alignment(
        Document.from_texts(src, src_lang), Document.from_texts(tgt, tgt_lang), beads,
        Signature("tmx", params={"file": Path(name).name}), meta,
    )


def lang_matches(lang: str, want: str) -> bool:
    """``tr-TR`` matches ``tr`` and ``tr-tr``; ``en-GB`` does not match ``en-US``."""
    a, b = lang.lower().replace("_", "-"), want.lower().replace("_", "-")
    return a == b or ("-" not in b and base_lang(a) == b)


def seg_text(seg: Any) -> str:
    parts: list[str] = [seg.text or ""]
    for child in seg:
        if local_name(child.tag) not in _CODES:
            parts.append(seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_tmx_pairs(path: str | Path, *, src_lang: str = "tr", tgt_lang: str = "en",
                   swap: bool = False) -> list[tuple[str, str]]:
    """``(source text, target text)`` for every unit holding both languages, file order.

    Raises InputError (naming the file) for unreadable or hostile XML, a memory with
    neither pair of languages, or one running tgt_lang -> src_lang without ``swap``.
    """
    _check_direction(path, src_lang, tgt_lang, swap)
    aln = read_tmx(path, src_lang, tgt_lang)
    return list(zip(aln.source.texts, aln.target.texts))


def tmx_to_gold(path: str | Path, *, src_lang: str = "tr", tgt_lang: str = "en",
                swap: bool = False) -> Alignment:
    """The memory as a gold alignment: one 1:1 bead per unit with both languages (each
    side one "sentence", the unit's segment; ids 0-based in file order).

    Beads are confirmed with score 1.0, except that units exported by
    `align.formats.export` keep their ``x-status`` / ``x-score``; their other
    ``x-*`` properties go to ``meta["tmx_units"]`` (one dict per bead). Raises InputError
    as `read_tmx_pairs` does.
    """
    units = _check_direction(path, src_lang, tgt_lang, swap)
    aln = read_tmx(path, src_lang, tgt_lang)
    if len(units) != len(aln.beads) or not any(units):
        return aln
    beads = []
    for bead, props in zip(aln.beads, units):
        status, score = bead.status, bead.score
        try:
            status = Status(props.get("x-status", status.value))
            score = min(1.0, max(0.0, float(props.get("x-score", score))))
        except ValueError:
            pass  # a foreign value: keep the defaults
        beads.append(replace(bead, status=status, score=score))
    meta = dict(aln.meta)
    meta["tmx_units"] = [dict(p) for p in units]
    return Alignment(aln.source, aln.target, tuple(beads), aln.signature, meta)


def _check_direction(path: str | Path, src_lang: str, tgt_lang: str,
                     swap: bool) -> list[Mapping[str, str]]:
    """Raise InputError for a reversed memory (unless ``swap``); return the ``x-*``
    properties of each unit read_tmx keeps, in order."""
    name = str(path)
    root = parse_untrusted(path, "TMX")
    if local_name(root.tag) != "tmx":
        raise InputError(f"{name} is not a TMX file (root element <{local_name(root.tag)}>)")
    header = next((el for el in root if local_name(el.tag) == "header"), None)
    header_src = (header.get("srclang", "") if header is not None else "").strip()
    if header_src.lower() == "*all*":
        header_src = ""
    body = next((el for el in root if local_name(el.tag) == "body"), None)
    declared: Counter[str] = Counter()
    kept: list[Mapping[str, str]] = []
    for tu in body if body is not None else ():
        if local_name(tu.tag) != "tu":
            continue
        tuvs = [(_lang(t), t) for t in tu if local_name(t.tag) == "tuv"]
        texts = [(lang, _text(t)) for lang, t in tuvs]
        has = [any(text.strip() and lang_matches(lang, want) for lang, text in texts)
               for want in (src_lang, tgt_lang)]
        if not all(has):
            continue
        kept.append({p.get("type", ""): (p.text or "").strip() for p in tu
                     if local_name(p.tag) == "prop" and p.get("type", "").startswith("x-")})
        unit_src = (tu.get("srclang") or "").strip()
        if unit_src.lower() == "*all*":
            unit_src = ""
        source = unit_src or header_src or (tuvs[0][0] if tuvs else "")
        declared["src" if lang_matches(source, src_lang) else
                 "tgt" if lang_matches(source, tgt_lang) else "other"] += 1
    if declared["tgt"] > declared["src"] and not swap:
        where = f'header srclang="{header_src}"' if header_src else "its translation units"
        raise InputError(
            f"{name}: the memory runs {tgt_lang}->{src_lang} ({where} give {tgt_lang} as "
            f"the source language in {declared['tgt']} of {sum(declared.values())} units), "
            f"not {src_lang}->{tgt_lang}; pass --swap to read it anyway"
        )
    return kept


def _lang(tuv: Any) -> str:
    return str(tuv.get(_XML_LANG) or tuv.get("lang") or "").strip()


def _text(tuv: Any) -> str:
    seg = next((el for el in tuv if local_name(el.tag) == "seg"), None)
    return seg_text(seg) if seg is not None else ""


DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
PROPS = ("x-score", "x-status", "x-project", "x-pair", "x-src-ids", "x-tgt-ids", "x-flags",
         "x-flag-confidence")


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
        "x-flags": flag_types(b), "x-flag-confidence": flag_confidences(b),
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
