"""Which links the Link tab may offer: in a monotonic pair the store refuses an edit that
increases the number of crossings (``align.store.edit.ops.crossings``), so the tab greys out
Turkish sentences whose link (or unlink) would do that. Free-mode pairs allow anything.

Beads are given in display order (the store's 0-based positions); sentence ids are 0-based
per side. The edits are simulated the way ``align.store.edit.ops`` applies them: ``link`` moves
the source sentence into the bead holding the English sentence (a bead left empty
disappears); ``unlink`` makes it its own 1-0 bead where ``ops.unlink_at`` puts it.
"""
from __future__ import annotations

from collections.abc import Sequence

from align.store.edit.ops import crossings, unlink_at
from align.types import Alignment, Bead

Members = dict[int, tuple[list[int], list[int]]]


def is_free(aln: Alignment) -> bool:
    """True for a pair aligned in free mode (links may cross)."""
    return aln.signature.mode == "free"


def _layout(beads: Sequence[Bead]) -> tuple[list[int], Members]:
    return list(range(len(beads))), {k: (sorted(b.src), sorted(b.tgt))
                                     for k, b in enumerate(beads)}


def _holder(members: Members, side: int, index: int) -> int:
    for k, m in members.items():
        if index in m[side]:
            return k
    raise IndexError(f"{'src' if side == 0 else 'tgt'} sentence {index} is in no bead")


def link_adds_crossings(beads: Sequence[Bead], src: int, tgt: int) -> bool:
    """Would moving source sentence ``src`` into the bead of English sentence ``tgt``
    increase the number of crossings? False when it is already there (a no-op)."""
    order, members = _layout(beads)
    a, b = _holder(members, 0, src), _holder(members, 1, tgt)
    if a == b:
        return False
    was = crossings(order, members)
    members[a] = ([i for i in members[a][0] if i != src], members[a][1])
    members[b] = (sorted([*members[b][0], src]), members[b][1])
    if not any(members[a]):
        order.remove(a)
    return crossings(order, members) > was


def unlink_adds_crossings(beads: Sequence[Bead], src: int) -> bool:
    """Would making source sentence ``src`` its own bead increase the crossings? (It does
    when ``src`` sits between other Turkish sentences of its bead.)"""
    order, members = _layout(beads)
    k = _holder(members, 0, src)
    rest = [i for i in members[k][0] if i != src]
    if not rest and not members[k][1]:
        return False  # already alone: nothing to unlink
    was = crossings(order, members)
    at = unlink_at(order, members, k, src)
    members[k] = (rest, members[k][1])
    new = len(members)
    members[new] = ([src], [])
    order.insert(at, new)
    if not any(members[k]):
        order.remove(k)
    return crossings(order, members) > was


def refused_links(aln: Alignment, tgt: int, candidates: Sequence[int]) -> set[int]:
    """The ``candidates`` (source ids) whose toggle the store would refuse for English
    sentence ``tgt``: linking those outside its bead, unlinking those inside. Always
    empty for a free-mode pair."""
    if is_free(aln):
        return set()
    beads = aln.beads
    holder = next(b for b in beads if tgt in b.tgt)
    out = set()
    for i in candidates:
        bad = unlink_adds_crossings(beads, i) if i in holder.src \
            else link_adds_crossings(beads, i, tgt)
        if bad:
            out.add(i)
    return out
