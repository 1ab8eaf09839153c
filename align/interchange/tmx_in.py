"""TMX import: a translation memory as lexicon training pairs, or as a gold alignment.

Both readers go through `align.sources.tmx` (defusedxml: entity declarations, external
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
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from align.errors import InputError
from align.io.xml import local_name, parse_untrusted
from align.sources.tmx import lang_matches, read_tmx, seg_text
from align.types import Alignment, Status

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


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
    `align.interchange.export` keep their ``x-status`` / ``x-score``; their other
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
