"""Read XLIFF 1.2 and 2.x files back into rows (one per segment), parsed safely.

Parsing uses defusedxml: a file declaring entities (billion laughs), referring to an
external entity (``file:///etc/passwd``) or pulling a DTD through a parameter entity
raises InputError; nothing is fetched or expanded.

Values written by `align.formats` are read exactly (XLIFF 2: ``subState="align:*"``
and the ``mda`` metadata; XLIFF 1.2: the ``align`` context group). Files from other tools
get a status from their state: XLIFF 2 ``reviewed`` / ``final`` and XLIFF 1.2
``approved="yes"``, ``signed-off`` or ``final`` -> confirmed; ``translated`` and
``needs-review-*`` -> auto; anything else -> None. Their ``project`` is empty and ``pair``
is the file's ``original`` (or ``id``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from align.errors import InputError
from align.formats.model import Row, parse_ids
from align.io.xml import local_name, parse_untrusted
from align.types import Status

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
    return Row(
        _text(source) if source is not None else "",
        _text(target) if target is not None else "",
        float(score) if score else None, status, project, pair,
        parse_ids(meta.get("src-ids", "")), parse_ids(meta.get("tgt-ids", "")),
        tuple(t for t in meta.get("flags", "").split(",") if t),
        int(bead) if bead.isdigit() else None,
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
