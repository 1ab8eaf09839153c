"""QA flags stored with their spans anchored to sentence rows.

A flag span ``[start, end)`` into a Document's text is stored as
``[start sentence row id, offset, end sentence row id, offset]``: offsets from the start of
the sentence that holds the position (an end position is anchored to the sentence it
closes). Resolving it against the Document ``load()`` builds gives a span that stays valid
when other sentences are edited, split or joined. A span whose sentence no longer exists
resolves to None.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from typing import Any

from align.types import Flag, Severity

Anchor = list[int]
Positions = Mapping[int, int]  # sentence row id -> start offset in the document text


def anchor_span(span: tuple[int, int] | None, starts: Sequence[int],
                ids: Sequence[int]) -> Anchor | None:
    """*starts*: ascending sentence start offsets of one document; *ids*: their row ids."""
    if span is None or not starts:
        return None
    a, b = int(span[0]), int(span[1])
    ka = max(bisect_right(starts, a) - 1, 0)
    kb = max(bisect_left(starts, b) - 1, 0) if b > a else ka
    return [ids[ka], a - starts[ka], ids[kb], b - starts[kb]]


def resolve_span(anchor: Sequence[int] | None, pos: Positions,
                 length: int) -> tuple[int, int] | None:
    if anchor is None or anchor[0] not in pos or anchor[2] not in pos:
        return None
    start = min(max(pos[anchor[0]] + anchor[1], 0), length)
    end = min(max(pos[anchor[2]] + anchor[3], start), length)
    return (start, end)


def anchor_flag(flag: Flag, starts: Mapping[str, Sequence[int]],
                ids: Mapping[str, Sequence[int]]) -> dict[str, Any]:
    """The stored form of *flag*, spans anchored (``starts``/``ids`` keyed "src"/"tgt");
    ``confidence`` and ``rule`` only when the flag states them."""
    d: dict[str, Any] = {"type": flag.type, "severity": flag.severity.value,
                         "message": flag.message,
                         "src": anchor_span(flag.src_span, starts["src"], ids["src"]),
                         "tgt": anchor_span(flag.tgt_span, starts["tgt"], ids["tgt"])}
    if flag.confidence is not None:
        d["confidence"] = flag.confidence
    if flag.rule:
        d["rule"] = flag.rule
    return d


def resolve_flag(stored: Mapping[str, Any], pos: Mapping[str, Positions],
                 lengths: Mapping[str, int]) -> Flag:
    return Flag(str(stored["type"]), Severity(stored.get("severity", "minor")),
                str(stored.get("message", "")),
                resolve_span(stored.get("src"), pos["src"], lengths["src"]),
                resolve_span(stored.get("tgt"), pos["tgt"], lengths["tgt"]),
                stored.get("confidence"), str(stored.get("rule", "")))
