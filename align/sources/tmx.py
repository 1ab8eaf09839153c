"""TMX 1.4 translation memories as pre-aligned input.

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
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from align.errors import InputError
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
