"""The review operations as edits of a ``Work`` (no database here; ``review`` wraps them).

Beads are addressed by 0-based display position, sentences by side ("src" | "tgt") and
0-based index. Each function raises InvalidEdit when the operation cannot apply and leaves
the decision of what to rescore to ``Work.restructure`` (beads whose sentences or texts
changed) and what to order to ``Work.finish``.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from align.errors import InvalidEdit
from align.store.edit.work import Work
from align.store.model import SIDES
from align.types import Status


def _side(side: str) -> str:
    if side not in SIDES:
        raise InvalidEdit(f"side must be 'src' or 'tgt', not {side!r}")
    return side


def link(w: Work, src: int, tgt: int) -> None:
    """Move source sentence *src* into the bead holding English sentence *tgt*."""
    sid = w.sent_id("src", src)
    dest = w.sents[w.sent_id("tgt", tgt)].bead_id
    if w.sents[sid].bead_id == dest:
        raise InvalidEdit(f"source sentence {src} is already linked to English sentence {tgt}")
    assert dest is not None
    w.move([sid], dest)


def unlink(w: Work, src: int) -> None:
    """Source sentence *src* becomes its own 1-0 bead, placed in source order."""
    sid = w.sent_id("src", src)
    b = w.sents[sid].bead_id
    assert b is not None
    s_idx, t_idx = w.members(b)
    if not t_idx and len(s_idx) == 1:
        raise InvalidEdit(f"source sentence {src} is not linked to anything")
    w.move([sid], w.new_bead(unlink_at(w.order, w.all_members(), b, src)))


def unlink_at(order: Sequence[int], members: Mapping[int, tuple[list[int], list[int]]],
              bead: int, src: int) -> int:
    """The position in *order* (bead ids in display order; *members*: bead id -> sorted
    source and target indices) where ``unlink`` puts the new bead of source sentence *src*,
    now in *bead*: after it when *src* is its last source sentence, in source order when it
    comes from the middle (free mode), else before it."""
    rest = [i for i in members[bead][0] if i != src]
    k = list(order).index(bead)
    if rest and src > max(rest):
        return k + 1
    if rest and src > min(rest):
        return next((p for p, x in enumerate(order)
                     if x != bead and members[x][0] and members[x][0][0] > src), len(order))
    return k


def detach(w: Work, side: str, index: int) -> None:
    """The sentence becomes its own null bead, before its bead when it comes first on its
    side (a lone source sentence too), else after."""
    sid = w.sent_id(_side(side), index)
    b = w.sents[sid].bead_id
    assert b is not None
    same, other = w.members(b)[::1 if side == "src" else -1]
    rest = [i for i in same if i != index]
    if not rest and not other:
        raise InvalidEdit(f"{side} sentence {index} is already alone in its bead")
    k = w.pos(b)
    first = not rest or index < min(rest)
    at = k if first and (rest or side == "src") else k + 1
    w.move([sid], w.new_bead(at))


def merge(w: Work, bead: int, direction: str) -> None:
    """Merge bead *bead* with the previous or next one ("prev" | "next")."""
    if direction not in ("prev", "next"):
        raise InvalidEdit(f"merge direction must be 'prev' or 'next', not {direction!r}")
    other = bead - 1 if direction == "prev" else bead + 1
    a = w.bead_id(bead)
    if not 0 <= other < len(w.order):
        raise InvalidEdit(f"bead {bead} has no {'previous' if other < 0 else 'next'} bead")
    b = w.order[other]
    keep, gone = (b, a) if direction == "prev" else (a, b)
    w.move(w.side_ids(gone, "src") + w.side_ids(gone, "tgt"), keep)


def split_bead(w: Work, bead: int, n_src: int, n_tgt: int) -> None:
    """Split a bead: the first part keeps its first *n_src* / *n_tgt* sentences."""
    b = w.bead_id(bead)
    src, tgt = w.side_ids(b, "src"), w.side_ids(b, "tgt")
    if not (0 <= n_src <= len(src) and 0 <= n_tgt <= len(tgt)):
        raise InvalidEdit(f"bead {bead} has {len(src)} source and {len(tgt)} English "
                          f"sentences; cannot keep {n_src} and {n_tgt}")
    if n_src + n_tgt == 0 or n_src + n_tgt == len(src) + len(tgt):
        raise InvalidEdit(f"splitting bead {bead} at ({n_src}, {n_tgt}) leaves an empty part")
    w.move(src[n_src:] + tgt[n_tgt:], w.new_bead(w.pos(b) + 1))


def shift(w: Work, side: str, index: int, direction: str) -> None:
    """Move a sentence to the previous ("up") or next ("down") bead."""
    if direction not in ("up", "down"):
        raise InvalidEdit(f"shift direction must be 'up' or 'down', not {direction!r}")
    sid = w.sent_id(_side(side), index)
    b = w.sents[sid].bead_id
    assert b is not None
    dest = w.pos(b) + (-1 if direction == "up" else 1)
    if not 0 <= dest < len(w.order):
        raise InvalidEdit(f"{side} sentence {index} is in the {'first' if dest < 0 else 'last'}"
                          f" bead; there is no bead to shift it {direction} to")
    w.move([sid], w.order[dest])


def split_sentence(w: Work, side: str, index: int, at: int) -> None:
    """Split a sentence at character *at* (0 < at < len); both parts stay in its bead."""
    sid = w.sent_id(_side(side), index)
    s = w.sents[sid]
    text = s.text
    if not 0 < at < len(text):
        raise InvalidEdit(f"cannot split {side} sentence {index} at {at} "
                          f"(its text has {len(text)} characters; 0 < at < {len(text)})")
    first, second = text[:at].rstrip(), text[at:].lstrip()
    if not first or not second:
        raise InvalidEdit(f"splitting {side} sentence {index} at {at} leaves an empty part")
    doc = w.base.pair[f"{side}_text"]
    if doc[s.span_start:s.span_end] == text:  # keep spans exact in the imported text
        a_end = s.span_start + len(first)
        b_start = s.span_start + at + (len(text) - at - len(second))
    else:
        a_end = b_start = min(s.span_start + at, s.span_end)
    w.add_version(sid, text, "split_sentence")
    w.set_sent(sid, text=first, span_end=a_end)
    w.insert_sentence(sid, text=second, original=None, gloss=None, span_start=b_start,
                      span_end=s.span_end, parent_id=sid)
    assert s.bead_id is not None
    w.restructure(s.bead_id)


def join_sentences(w: Work, side: str, index: int) -> None:
    """Join sentence *index* and the next one; their beads merge when different."""
    a = w.sent_id(_side(side), index)
    if index + 1 >= len(w.live[side]):
        raise InvalidEdit(f"{side} sentence {index} is the last one; there is none to join")
    b = w.sent_id(side, index + 1)
    sa, sb = w.sents[a], w.sents[b]
    doc = w.base.pair[f"{side}_text"]
    gap = doc[sa.span_end:sb.span_start] if sa.span_end <= sb.span_start else None
    exact = (doc[sa.span_start:sa.span_end] == sa.text and doc[sb.span_start:sb.span_end]
             == sb.text and gap is not None and not gap.strip() and "\n" not in gap)
    joined = doc[sa.span_start:sb.span_end] if exact else f"{sa.text} {sb.text}"
    original = None
    if sa.original is not None or sb.original is not None:
        original = f"{sa.original if sa.original is not None else sa.text} " \
                   f"{sb.original if sb.original is not None else sb.text}"
    gloss = " ".join(g for g in (sa.gloss, sb.gloss) if g) or None
    w.add_version(a, sa.text, "join_sentences")
    w.add_version(b, sb.text, "join_sentences")
    w.set_sent(a, text=joined, span_end=max(sa.span_end, sb.span_end), original=original,
               gloss=gloss)
    w.retire(b, a)
    assert sa.bead_id is not None and sb.bead_id is not None
    if sb.bead_id != sa.bead_id:
        rest = w.side_ids(sb.bead_id, "src") + w.side_ids(sb.bead_id, "tgt")
        if rest:
            w.move(rest, sa.bead_id)
        else:
            w.remove_bead(sb.bead_id)
    w.restructure(sa.bead_id)


def edit_text(w: Work, side: str, index: int, text: str) -> None:
    """Replace a sentence's text; the text before its first edit is kept as ``original``."""
    sid = w.sent_id(_side(side), index)
    s = w.sents[sid]
    new = text.strip()
    if not new:
        raise InvalidEdit(f"the new text of {side} sentence {index} is empty")
    if new == s.text:
        raise InvalidEdit(f"the new text of {side} sentence {index} is the same as the old")
    w.add_version(sid, s.text, "edit_text")
    w.set_sent(sid, text=new, original=s.original if s.original is not None else s.text)
    assert s.bead_id is not None
    w.restructure(s.bead_id)


def parse_status(status: Status | str) -> Status:
    try:
        return Status(status)
    except ValueError as e:
        raise InvalidEdit(f"unknown bead status {status!r} (auto, confirmed, rejected)") from e


def set_status(w: Work, bead: int, status: Status | str) -> None:
    w.touch(w.bead_id(bead), parse_status(status).value)


def confirm_above(w: Work, bead: int) -> None:
    """Confirm every automatic bead from 0 to *bead* (rejected beads stay rejected)."""
    w.bead_id(bead)
    for b in w.order[:bead + 1]:
        if w.beads[b].status == Status.AUTO.value:
            w.touch(b, Status.CONFIRMED.value)


def crossings(order: list[int], members: Mapping[int, tuple[list[int], list[int]]]) -> int:
    """How far the beads are from monotonic: beads whose sentences of one side are not
    contiguous or do not come after the previous bead's."""
    n, last = 0, [-1, -1]
    for b in order:
        for side, ids in enumerate(members[b]):
            if not ids:
                continue
            if ids[-1] - ids[0] + 1 != len(ids) or ids[0] <= last[side]:
                n += 1
            last[side] = max(last[side], ids[-1])
    return n
