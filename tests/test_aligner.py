"""Aligner invariants (hypothesis) and behaviour on constructed cases."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner import align_documents, bead_shapes
from align.aligner.band import Band, band_from_anchors, heaviest_chain
from align.aligner.costs import cost_model
from align.aligner.dp import align_dp
from align.errors import InvalidAlignment
from align.scorers.base import PreparedPair, Scorer
from align.types import Bead, Document, check_cover


class TableScorer(Scorer):
    """Similarity from a fixed (n_src, n_tgt) table; blocks average their cells' maxima."""

    name = "table.v1"

    def __init__(self, table: np.ndarray) -> None:
        self.table = np.asarray(table, float)

    def prepare(self, src: Document, tgt: Document) -> PreparedPair:
        table = self.table

        class P(PreparedPair):
            n_src, n_tgt = table.shape

            def score_blocks(self, s, a, t, b):  # type: ignore[no-untyped-def]
                out = []
                for i, j in zip(np.asarray(s), np.asarray(t)):
                    block = table[i:i + a, j:j + b]
                    # every sentence must be explained by the other side
                    out.append(min(block.max(1).min(), block.max(0).min()))
                return np.array(out, float)

            def score_sets(self, s, t):  # type: ignore[no-untyped-def]
                block = table[np.ix_(sorted(s), sorted(t))]
                return float(min(block.max(1).min(), block.max(0).min()))

        return P()


def docs(n: int, m: int) -> tuple[Document, Document]:
    return (Document.from_texts([f"s{i}" for i in range(n)], "tr"),
            Document.from_texts([f"t{j}" for j in range(m)], "en"))


def test_bead_shapes_cover_up_to_five() -> None:
    shapes = bead_shapes(5)
    assert shapes[0] == (1, 1)
    assert {(1, 0), (0, 1), (2, 1), (1, 2), (2, 3), (4, 1), (1, 4)} <= set(shapes)
    assert all(a + b <= 5 for a, b in shapes)
    with pytest.raises(ValueError):
        bead_shapes(1)


def test_recovers_summary_links_and_merge() -> None:
    n, m = 10, 3
    table = np.zeros((n, m))
    table[2, 0] = 0.9
    table[5, 1] = table[6, 1] = 0.85  # target 1 renders source 5 and 6
    table[9, 2] = 0.95
    src, tgt = docs(n, m)
    aln = align_documents(src, tgt, TableScorer(table), mode="monotonic", profile="summary")
    links = {(b.src, b.tgt) for b in aln.links}
    assert links == {((2,), (0,)), ((5, 6), (1,)), ((9,), (2,))}
    assert sum(1 for b in aln.beads if not b.tgt) == 6  # 10 source, 4 used


def test_free_mode_allows_crossing() -> None:
    table = np.zeros((6, 2))
    table[5, 0] = 0.9
    table[1, 1] = table[3, 1] = 0.8
    src, tgt = docs(6, 2)
    aln = align_documents(src, tgt, TableScorer(table), mode="free", profile="summary")
    assert {(b.src, b.tgt) for b in aln.links} == {((5,), (0,)), ((1, 3), (1,))}
    auto = align_documents(src, tgt, TableScorer(table), mode="auto", profile="summary")
    assert auto.signature.mode == "free"


def test_one_sentence_summary_against_500() -> None:
    table = np.zeros((500, 1))
    table[321, 0] = 0.9
    src, tgt = docs(500, 1)
    aln = align_documents(src, tgt, TableScorer(table), mode="monotonic", profile="summary")
    assert [(b.src, b.tgt) for b in aln.links] == [((321,), (0,))]
    assert len(aln.beads) == 500


def test_anchor_is_kept_even_against_the_evidence() -> None:
    table = np.eye(4) * 0.9
    src, tgt = docs(4, 4)
    anchor = Bead((1,), (2,), 1.0)
    aln = align_documents(src, tgt, TableScorer(table), mode="monotonic",
                          profile="translation", anchors=[anchor])
    assert anchor in aln.beads
    check_cover(aln.beads, 4, 4)
    with pytest.raises(InvalidAlignment):
        align_documents(src, tgt, TableScorer(table), mode="monotonic",
                        anchors=[Bead((1,), (2,)), Bead((2,), (1,))])


def test_empty_side_gives_null_beads() -> None:
    src, tgt = docs(3, 0)
    aln = align_documents(src, tgt, TableScorer(np.zeros((3, 0))), mode="monotonic",
                          profile="summary")
    assert [b.src for b in aln.beads] == [(0,), (1,), (2,)]


def test_heaviest_chain_is_increasing_and_heaviest() -> None:
    pts = np.array([[0, 0, 1], [1, 5, 1], [2, 1, 1], [3, 2, 1], [3, 3, 5], [4, 4, 1]], float)
    chain = heaviest_chain(pts)
    assert chain.tolist() == [[0, 0], [2, 1], [3, 3], [4, 4]]


def test_banded_dp_matches_full_dp_on_a_diagonal_case() -> None:
    n = 60
    rng = np.random.default_rng(1)
    table = rng.uniform(0, 0.3, (n, n)) + np.eye(n) * 0.7
    src, tgt = docs(n, n)
    pp = TableScorer(table).prepare(src, tgt)
    shapes, costs = bead_shapes(3), cost_model("translation")
    full = align_dp(pp, costs, shapes, Band.full(n, n))
    anchors = np.array([[i, i] for i in range(0, n, 10)])
    banded = align_dp(pp, costs, shapes, band_from_anchors(n, n, anchors, margin=3))
    assert [(r.i, r.a, r.j, r.b) for r in full] == [(r.i, r.a, r.j, r.b) for r in banded]
    assert Band.full(n, n).cells == (n + 1) * (n + 1)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 12), st.integers(0, 12), st.integers(0, 10_000),
       st.sampled_from(["monotonic", "free"]), st.sampled_from(["summary", "translation"]),
       st.integers(2, 5))
def test_every_sentence_in_exactly_one_bead(n, m, seed, mode, profile, max_bead) -> None:
    rng = np.random.default_rng(seed)
    table = rng.uniform(0, 1, (n, m)) ** 3
    src, tgt = docs(n, m)
    aln = align_documents(src, tgt, TableScorer(table), mode=mode, profile=profile,
                          max_bead=max_bead)
    check_cover(aln.beads, n, m)  # also enforced by Alignment itself
    assert all(0.0 <= b.score <= 1.0 for b in aln.beads)
    if mode == "monotonic":
        links = [b for b in aln.beads if b.src and b.tgt]
        assert all(len(b.src) + len(b.tgt) <= max_bead for b in links)
        for x, y in itertools.pairwise(links):
            assert max(x.src) < min(y.src) and max(x.tgt) < min(y.tgt)
        for b in aln.beads:  # contiguous sides
            for ids in (b.src, b.tgt):
                assert list(ids) == list(range(ids[0], ids[0] + len(ids))) if ids else True


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 10), st.integers(2, 10), st.integers(0, 10_000))
def test_anchors_are_kept(n, m, seed) -> None:
    rng = np.random.default_rng(seed)
    table = rng.uniform(0, 1, (n, m))
    i, j = int(rng.integers(0, n)), int(rng.integers(0, m))
    anchor = Bead((i,), (j,), 1.0)
    src, tgt = docs(n, m)
    for mode in ("monotonic", "free"):
        aln = align_documents(src, tgt, TableScorer(table), mode=mode, profile="summary",
                              anchors=[anchor])
        assert anchor in aln.beads


# A short tr-en news translation, written for this test (line i renders line i).
OMIT_TR = [
    "Belediye meclisi dün akşam yeni bütçeyi onayladı.",
    "Bütçe, okullar için 12 milyon lira ek kaynak öngörüyor.",
    "Muhalefet partileri oylamada çekimser kaldı.",
    "Belediye başkanı, otobüs biletlerinin fiyatının değişmeyeceğini söyledi.",
    "Kentteki su şebekesinin yenilenmesi gelecek yıl başlayacak.",
    "Çalışmaların üç yıl sürmesi bekleniyor.",
    "Sendika temsilcileri kararı memnuniyetle karşıladı.",
    "Yeni bütçe ocak ayında yürürlüğe girecek.",
]
OMIT_EN = [
    "The city council approved the new budget last night.",
    "The budget provides 12 million lira of extra funding for schools.",
    "Opposition parties abstained in the vote.",
    "The mayor said that the price of bus tickets would not change.",
    "The renewal of the city's water network will start next year.",
    "The work is expected to last three years.",
    "Union representatives welcomed the decision.",
    "The new budget will come into force in January.",
]


# dropped=0 merged into a 2:1 bead with source 1 (shared "budget") at many_penalty 0.7.
@pytest.mark.parametrize("dropped", range(len(OMIT_EN)))
@pytest.mark.parametrize("profile", ["translation", "auto"])
def test_translation_omission_becomes_a_null_bead(dropped: int, profile: str) -> None:
    """One English sentence missing from a complete translation: its source sentence is a
    1-0 bead and every other sentence keeps its 1:1 partner (no merge, no shifted chain)."""
    en = [s for k, s in enumerate(OMIT_EN) if k != dropped]
    src, tgt = Document.from_texts(OMIT_TR, "tr"), Document.from_texts(en, "en")
    aln = align_documents(src, tgt, "lexical", mode="monotonic", profile=profile)
    assert aln.signature.profile == "translation"
    expected = [((i,), () if i == dropped else (i - (i > dropped),)) for i in range(len(OMIT_TR))]
    assert [(b.src, b.tgt) for b in aln.beads] == expected


def test_complete_translation_stays_one_to_one() -> None:
    src, tgt = Document.from_texts(OMIT_TR, "tr"), Document.from_texts(OMIT_EN, "en")
    aln = align_documents(src, tgt, "lexical", mode="monotonic", profile="translation")
    assert [(b.src, b.tgt) for b in aln.beads] == [((i,), (i,)) for i in range(len(OMIT_TR))]
