"""XLIFF 2.1 and 1.2, read and written: the one module for XLIFF.

Reading (both versions).

Read XLIFF 1.2 and 2.x files back into rows (one per segment), parsed safely.

Parsing uses defusedxml: a file declaring entities (billion laughs), referring to an
external entity (``file:///etc/passwd``) or pulling a DTD through a parameter entity
raises InputError; nothing is fetched or expanded.

Values written by `align.formats` are read exactly (XLIFF 2: ``subState="align:*"``
and the ``mda`` metadata; XLIFF 1.2: the ``align`` context group). Files from other tools
get a status from their state: XLIFF 2 ``reviewed`` / ``final`` and XLIFF 1.2
``approved="yes"``, ``signed-off`` or ``final`` -> confirmed; ``translated`` and
``needs-review-*`` -> auto; anything else -> None. Their ``project`` is empty and ``pair``
is the file's ``original`` (or ``id``).

Writing XLIFF 2.1.

XLIFF 2.1 export with review state, built with lxml.

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
``tgt-ids`` (0-based, ``[0, 1]``), ``flags`` (types, comma-separated) and, when a flag
states one, ``flag-confidence`` (each flag's confidence in the same order, an empty item
where unstated). Notes carry the same for people: the score and each QA flag (type,
severity, confidence when stated, message; priority 1 for critical, 3 major, 5 minor).

Writing XLIFF 1.2.

XLIFF 1.2 export with review state, built with translate-toolkit's XLIFF store.

Layout: one ``<file original="project/key" source-language target-language
datatype="plaintext">`` per pair; one ``<trans-unit id="b<bead>">`` per linked bead
(0-based position in the alignment), texts = the bead's sentences joined with a space.
Null beads are skipped, as in XLIFF 2.1 (`align.formats.xliff2_out`), and a pair
with no linked bead gets no ``<file>``.

Review state: ``confirmed`` -> ``approved="yes"`` and ``<target state="signed-off">``;
``auto`` -> ``approved="no"``, ``state="translated"``; ``rejected`` -> ``approved="no"``,
``state="needs-review-translation"`` and a note saying the reviewer rejected the pairing.
A ``<context-group name="align" purpose="information">`` holds ``x-score``,
``x-status``, ``x-project``, ``x-pair``, ``x-src-ids`` / ``x-tgt-ids`` (0-based),
``x-flags`` and ``x-flag-confidence`` (as ``flag-confidence`` above); notes
(``from="align"``) hold the score and each QA flag for people. The pair's title and
citation go into the file's ``<header>`` notes.
"""
from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from align.errors import InputError, InvalidAlignment
from align.formats.model import (
    BeadView,
    ExportPair,
    Row,
    bead_views,
    flag_confidences,
    flag_note,
    flag_types,
    ids_text,
    langs,
    parse_confidences,
    parse_ids,
    xml_side,
    xml_text,
)
from align.formats.model import langs as pair_langs
from align.io.xml import local_name, parse_untrusted
from align.types import Severity, Status

NS2 = "urn:oasis:names:tc:xliff:document:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
_CONFIRMED = {"reviewed", "final", "signed-off"}
_AUTO = {"translated", "needs-review-translation", "needs-review-l10n",
         "needs-review-adaptation"}


def read_xliff(path: str | Path) -> list[Row]:
    """Rows of an XLIFF 1.2 or 2.x file, in document order; ``bead`` from unit ids
    ``b<n>``. Raises InputError naming the file for unreadable, hostile or non-XLIFF XML."""
    name = str(path)
    root = parse_untrusted(path, "XLIFF")
    if local_name(root.tag) != "xliff":
        raise InputError(f"{name} is not an XLIFF file (root element <{local_name(root.tag)}>)")
    version = root.get("version", "")
    try:
        if version.startswith("2") or _ns(root.tag).endswith(":2.0"):
            return _read2(root)
        return _read1(root)
    except ValueError as e:
        raise InputError(f"{name}: {e}") from None


def _read2(root: Any) -> list[Row]:
    rows: list[Row] = []
    for f in _children(root, "file"):
        fmeta = _mda(f)
        project = fmeta.get("project", "")
        pair = fmeta.get("pair") or f.get("original") or f.get("id") or ""
        for unit in f.iter(f"{{{_ns(root.tag)}}}unit"):
            umeta = _mda(unit)
            for seg in _children(unit, "segment"):
                sub = seg.get("subState", "")
                status = (Status(sub.split(":", 1)[1]) if sub.startswith("align:")
                          else _status(seg.get("state", "initial"), False))
                rows.append(_row(seg, umeta, status, project, pair, unit.get("id", "")))
    return rows


def _read1(root: Any) -> list[Row]:
    rows: list[Row] = []
    for f in _children(root, "file"):
        for tu in f.iter(f"{{{_ns(root.tag)}}}trans-unit"):
            ctx: dict[str, str] = {}
            for group in _children(tu, "context-group"):
                if group.get("name") == "align":
                    for c in _children(group, "context"):
                        ctx[c.get("context-type", "").removeprefix("x-")] = _text(c)
            target = next(_children(tu, "target"), None)
            state = target.get("state", "") if target is not None else ""
            status = (Status(ctx["status"]) if ctx.get("status")
                      else _status(state, tu.get("approved") == "yes"))
            pair = ctx.get("pair") or f.get("original") or ""
            rows.append(_row(tu, ctx, status, ctx.get("project", ""), pair, tu.get("id", "")))
    return rows


def _row(el: Any, meta: dict[str, str], status: Status | None, project: str, pair: str,
         unit_id: str) -> Row:
    source = next(_children(el, "source"), None)
    target = next(_children(el, "target"), None)
    score = meta.get("score", "")
    bead = unit_id[1:] if unit_id.startswith("b") else ""
    flags = tuple(t for t in meta.get("flags", "").split(",") if t)
    return Row(
        _text(source) if source is not None else "",
        _text(target) if target is not None else "",
        float(score) if score else None, status, project, pair,
        parse_ids(meta.get("src-ids", "")), parse_ids(meta.get("tgt-ids", "")),
        flags, int(bead) if bead.isdigit() else None,
        flag_confidence=parse_confidences(meta.get("flag-confidence", ""), len(flags)),
    )


def _status(state: str, approved: bool) -> Status | None:
    if approved or state in _CONFIRMED:
        return Status.CONFIRMED
    if state in _AUTO:
        return Status.AUTO
    return None


def _mda(el: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for md in el.findall(f"{{{MDA}}}metadata"):
        for meta in md.iter(f"{{{MDA}}}meta"):
            out.setdefault(meta.get("type", ""), _text(meta))
    return out


def _children(el: Any, local: str) -> Any:
    return (c for c in el if local_name(c.tag) == local)


def _text(el: Any) -> str:
    return "".join(el.itertext())


def _ns(tag: Any) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


STATE2 = {Status.AUTO: "translated", Status.CONFIRMED: "reviewed", Status.REJECTED: "initial"}
PRIORITY = {Severity.CRITICAL: "1", Severity.MAJOR: "3", Severity.MINOR: "5"}
REJECTED_NOTE = "rejected by the reviewer: the target does not render this source"


def to_xliff2(pairs: Sequence[ExportPair], *, src_lang: str | None = None,
              tgt_lang: str | None = None) -> bytes:
    """The XLIFF 2.1 document (UTF-8 bytes) for ``pairs``; see the module docstring.

    Raises InvalidAlignment when no pair has a linked bead (XLIFF needs one unit).
    """
    from lxml import etree

    s_lang, t_lang = langs(pairs[0], src_lang, tgt_lang) if pairs else ("tr", "en")
    root = etree.Element(f"{{{NS2}}}xliff", {"version": "2.1", "srcLang": s_lang,
                                            "trgLang": t_lang}, nsmap={None: NS2, "mda": MDA})
    for pair in pairs:
        views = list(bead_views(pair, src_lang, tgt_lang))
        linked = [v for v in views if not v.bead.is_null]
        if linked:
            _file2(etree, root, pair, len(root) + 1, linked, len(views) - len(linked))
    if not len(root):
        raise InvalidAlignment("nothing to export to XLIFF: no pair has a bead linking "
                               "source and target sentences")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True))


def _file2(etree: Any, root: Any, pair: ExportPair, n: int, linked: list[BeadView],
          n_null: int) -> None:
    f = etree.SubElement(root, f"{{{NS2}}}file", id=f"f{n}", original=xml_text(pair.name))
    meta = {"project": pair.project, "pair": pair.key, "title": pair.title,
            "citation": json.dumps(dict(pair.citation), ensure_ascii=False, default=str)
            if pair.citation else ""}
    _metadata2(etree, f, "align:pair", meta)
    notes: list[tuple[str, str, str]] = []
    if pair.title:
        notes.append(("align:title", "", pair.title))
    if n_null:
        notes.append(("align:unlinked", "", (
            f"{n_null} null bead(s) (a source sentence with no target, or a target sentence "
            "with no source) are not exported as units")))
    _notes2(etree, f, notes)
    for view in linked:
        _unit2(etree, f, view)


def _unit2(etree: Any, f: Any, view: BeadView) -> None:
    b = view.bead
    unit = etree.SubElement(f, f"{{{NS2}}}unit", id=f"b{view.index}")
    _metadata2(etree, unit, "align:bead", {
        "score": f"{b.score:.6f}", "status": b.status.value, "src-ids": ids_text(b.src),
        "tgt-ids": ids_text(b.tgt), "flags": flag_types(b),
        "flag-confidence": flag_confidences(b)})
    notes = [("align:score", "", f"alignment score {b.score:.3f}")]
    if b.status is Status.REJECTED:
        notes.append(("align:status", "1", REJECTED_NOTE))
    for fl in b.flags:
        notes.append(("align:flag", PRIORITY.get(fl.severity, "5"), flag_note(fl)))
    _notes2(etree, unit, notes)
    seg = etree.SubElement(unit, f"{{{NS2}}}segment", state=STATE2[b.status],
                           subState=f"align:{b.status.value}")
    etree.SubElement(seg, f"{{{NS2}}}source").text = xml_side(view, "source")
    etree.SubElement(seg, f"{{{NS2}}}target").text = xml_side(view, "target")


def _metadata2(etree: Any, parent: Any, category: str, values: dict[str, str]) -> None:
    md = etree.SubElement(parent, f"{{{MDA}}}metadata")
    group = etree.SubElement(md, f"{{{MDA}}}metaGroup", category=category)
    for key, value in values.items():
        if value:
            etree.SubElement(group, f"{{{MDA}}}meta", type=key).text = xml_text(value)
    if not len(group):
        parent.remove(md)


def _notes2(etree: Any, parent: Any, notes: list[tuple[str, str, str]]) -> None:
    if not notes:
        return
    container = etree.SubElement(parent, f"{{{NS2}}}notes")
    for category, priority, text in notes:
        note = etree.SubElement(container, f"{{{NS2}}}note", category=category)
        if priority:
            note.set("priority", priority)
        note.text = xml_text(text)


NS12 = "urn:oasis:names:tc:xliff:document:1.2"
STATE12 = {Status.AUTO: "translated", Status.CONFIRMED: "signed-off",
         Status.REJECTED: "needs-review-translation"}
_SKELETON12 = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<xliff version="1.2" xmlns="{NS12}"><file original="NoName" source-language="{{src}}" '
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
    skeleton = _SKELETON12.format(src=xml_text(s0), tgt=xml_text(t0)).encode("utf-8")
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
        _header12(etree, filenode, pair)
        for view in linked:
            _unit12(store, name, view)
    if not n_files:
        raise InvalidAlignment("nothing to export to XLIFF: no pair has a bead linking "
                               "source and target sentences")
    # Units are created in translate-toolkit's default (1.1) namespace and moved to 1.2;
    # drop the unused declaration that leaves behind.
    etree.cleanup_namespaces(store.document.getroot())
    out = io.BytesIO()
    store.serialize(out)
    return out.getvalue()


def _header12(etree: Any, filenode: Any, pair: ExportPair) -> None:
    texts = [f"title: {pair.title}"] if pair.title else []
    if pair.citation:
        texts.append("citation: " + json.dumps(dict(pair.citation), ensure_ascii=False,
                                                default=str))
    if not texts:
        return
    header = etree.Element(f"{{{NS12}}}header")
    for text in texts:
        note = etree.SubElement(header, f"{{{NS12}}}note", {"from": "align"})
        note.text = xml_text(text)
    filenode.insert(0, header)  # <header> must precede <body>


def _unit12(store: Any, filename: str, view: BeadView) -> None:
    b = view.bead
    unit = store.addsourceunit(xml_side(view, "source"), filename=filename,
                               createifmissing=True)
    unit.setid(f"b{view.index}")
    unit.settarget(xml_side(view, "target"), lang=view.tgt_lang)
    unit.getlanguageNode(lang=None, index=1).set("state", STATE12[b.status])
    unit.xmlelement.set("approved", "yes" if b.status is Status.CONFIRMED else "no")
    contexts = [
        ("x-score", f"{b.score:.6f}"), ("x-status", b.status.value),
        ("x-project", view.pair.project), ("x-pair", view.pair.key),
        ("x-src-ids", ids_text(b.src)), ("x-tgt-ids", ids_text(b.tgt)),
        ("x-flags", flag_types(b)), ("x-flag-confidence", flag_confidences(b)),
    ]
    unit.createcontextgroup("align", [(k, xml_text(v)) for k, v in contexts if v],
                            purpose="information")
    unit.addnote(f"alignment score {b.score:.3f}", origin="align")
    if b.status is Status.REJECTED:
        unit.addnote(REJECTED_NOTE, origin="align")
    for fl in b.flags:
        unit.addnote(xml_text(flag_note(fl)), origin="align")
