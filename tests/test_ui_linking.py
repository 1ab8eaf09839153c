"""The Link tab's crossing test (ui/linking.py): hand-made bead tables, and agreement with
what the review store actually refuses on the flagship pair."""
from __future__ import annotations

from pathlib import Path

import pytest

from align.types import Alignment, Bead, Document, Signature
from ui.linking import is_free, link_adds_crossings, refused_links, unlink_adds_crossings

# (src ids, tgt ids) per bead, in display order.
SIMPLE = [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), ()), ((4,), (2,))]
WIDE = [((0, 1, 2), (0,)), ((3,), (1,)), ((4,), ())]


def beads(table: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> list[Bead]:
    return [Bead(s, t, 0.5) for s, t in table]


def aln(table: list[tuple[tuple[int, ...], tuple[int, ...]]], mode: str) -> Alignment:
    n_src = sum(len(s) for s, _ in table)
    n_tgt = sum(len(t) for _, t in table)
    return Alignment(Document.from_texts([f"t{i}." for i in range(n_src)], "tr"),
                     Document.from_texts([f"e{j}." for j in range(n_tgt)], "en"),
                     tuple(beads(table)), Signature("lexical.v1", mode=mode))


@pytest.mark.parametrize(("table", "src", "tgt", "crosses"), [
    (SIMPLE, 1, 0, False),  # unused neighbour after en0's bead
    (SIMPLE, 1, 1, False),  # … or before en1's bead
    (SIMPLE, 3, 1, False),
    (SIMPLE, 3, 0, True),  # jumps over en1
    (SIMPLE, 0, 2, True),  # tr0 leaves en0 behind, over en1
    (SIMPLE, 2, 0, True),  # en1 keeps no Turkish: its bead now comes after tr2
    (SIMPLE, 4, 0, True),
    (SIMPLE, 0, 0, False),  # already there
    (WIDE, 3, 0, False),  # tr3 joins en0 at the end; en1 stays, Turkish-less
    (WIDE, 4, 0, True),
    (WIDE, 4, 1, False),
    (WIDE, 2, 1, False),  # last of a 3-1 moves on to the next bead
    (WIDE, 1, 1, True),  # from the middle: its old bead is no longer contiguous
])
def test_link(table: list[tuple[tuple[int, ...], tuple[int, ...]]], src: int, tgt: int,
              crosses: bool) -> None:
    assert link_adds_crossings(beads(table), src, tgt) is crosses


@pytest.mark.parametrize(("table", "src", "crosses"), [
    (WIDE, 0, False),  # first of its bead: a new bead before it
    (WIDE, 2, False),  # last: after it
    (WIDE, 1, True),  # the middle: its bead is split around it
    (SIMPLE, 2, False),
    (SIMPLE, 1, False),  # already alone
])
def test_unlink(table: list[tuple[tuple[int, ...], tuple[int, ...]]], src: int,
                crosses: bool) -> None:
    assert unlink_adds_crossings(beads(table), src) is crosses


@pytest.mark.parametrize(("mode", "refused"), [
    ("monotonic", {1}), ("", {1}), ("free", set())])
def test_refused_links(mode: str, refused: set[int]) -> None:
    a = aln(WIDE, mode)
    assert is_free(a) is (mode == "free")
    # English 0 holds tr0–tr2: unlinking tr1 (middle) crosses; tr3 can join; tr4 cannot.
    assert refused_links(a, 0, [0, 1, 2, 3]) == refused
    assert refused_links(a, 0, [4]) == (set() if mode == "free" else {4})


def test_agrees_with_the_store(tmp_path: Path) -> None:
    """Every Turkish sentence near English sentences 0–3 of the flagship pair: the store
    refuses a link exactly when ``link_adds_crossings`` says so."""
    pytest.importorskip("align.store")
    from align.errors import InvalidEdit
    from align.store import review
    from tests.e2e.support import make_workbench

    wb = make_workbench(tmp_path)
    try:
        base = wb.store.load(wb.pair_id)
        assert not is_free(base.alignment)
        bs = base.alignment.beads
        checked = {True: 0, False: 0}
        for tgt in range(4):
            k = next(k for k, b in enumerate(bs) if tgt in b.tgt)
            for i in sorted({i for b in bs[max(0, k - 3):k + 4] for i in b.src} - set(bs[k].src)):
                predicted = link_adds_crossings(bs, i, tgt)
                state = wb.store.load(wb.pair_id)
                try:
                    review.link(wb.store, wb.pair_id, i, tgt, version=state.info.version,
                                user="ayse")
                except InvalidEdit as e:
                    assert predicted and "cross" in str(e), (i, tgt, str(e))
                else:
                    assert not predicted, (i, tgt)
                    after = wb.store.load(wb.pair_id)
                    review.undo(wb.store, wb.pair_id, version=after.info.version, user="ayse")
                checked[predicted] += 1
        assert checked[True] >= 3 and checked[False] >= 3, checked
    finally:
        wb.store.close()
