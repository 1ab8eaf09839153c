"""Where the Review page's navigation buttons go. Positions are 0-based bead positions;
every search starts after ``current`` and wraps around; None when nothing qualifies."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from align.types import Bead, Status


def _scan(beads: Sequence[Bead], current: int, ok: Callable[[int, Bead], bool]) -> int | None:
    n = len(beads)
    for step in range(1, n + 1):
        k = (current + step) % n
        if ok(k, beads[k]):
            return k
    return None


def needs_review(b: Bead) -> bool:
    """A bead still to look at: not confirmed or rejected, and not a plain unused Turkish
    sentence (1-0 beads are reviewed in the "unused" panel, not one by one)."""
    return b.status is Status.AUTO and bool(b.tgt)


def next_unconfirmed(beads: Sequence[Bead], current: int) -> int | None:
    return _scan(beads, current, lambda _k, b: needs_review(b))


def first_unconfirmed(beads: Sequence[Bead]) -> int | None:
    return next_unconfirmed(beads, len(beads) - 1) if beads else None


def next_flag(beads: Sequence[Bead], current: int,
              resolved: Mapping[tuple[int, str], str] | None = None) -> int | None:
    """The next bead with a flag nobody has resolved (accepted or false positive)."""
    resolved = resolved or {}
    return _scan(beads, current,
                 lambda k, b: any((k, f.type) not in resolved for f in b.flags))


def next_lowest(beads: Sequence[Bead], current: int) -> int | None:
    """Walk the beads still to review from the lowest score up: the one ranked right after
    ``current`` in (score, position) order, or the lowest when ``current`` is not ranked."""
    order = sorted((k for k, b in enumerate(beads) if needs_review(b)),
                   key=lambda k: (beads[k].score, k))
    if not order:
        return None
    if current in order:
        i = order.index(current)
        return order[(i + 1) % len(order)] if len(order) > 1 else None
    return order[0]


def step(n_beads: int, current: int, delta: int) -> int:
    """``current + delta`` clamped to ``[0, n_beads)``."""
    return min(max(0, current + delta), max(0, n_beads - 1))
