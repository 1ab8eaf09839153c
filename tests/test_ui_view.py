"""ui.view / ui.navigate / ui.render / ui.queue: what the Review and Queue pages show."""
from __future__ import annotations

import dataclasses
import html
import re
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.types import Alignment, Bead, Document, Flag, Severity, Signature, Status
from ui import navigate, queue, render
from ui.view import PairView, band, page_count, page_of, page_range

SRC = ["Ankara'da 3 kişi gözaltına alındı.", "Hava güzeldi.", "Mahkeme <b>karar</b> verdi.",
       "Toplantı yarın."]
TGT = ["Three people were detained in Ankara.", "The court ruled & adjourned."]


def aln(flags: tuple[Flag, ...] = (), meta: dict | None = None) -> Alignment:
    src, tgt = Document.from_texts(SRC, "tr"), Document.from_texts(TGT, "en")
    beads = (Bead((0,), (0,), 0.9, Status.CONFIRMED, flags), Bead((1,), (), 0.5),
             Bead((2,), (1,), 0.3), Bead((3,), (), 0.45))
    return Alignment(src, tgt, beads, Signature("lexical.v1"), meta or {})


def test_rows_pieces_and_marks() -> None:
    t0 = TGT[0]
    start = t0.index("Three")
    f = Flag("number_mismatch", Severity.MAJOR, "3 vs three", (10, 11), (start, start + 5))
    v = PairView(aln((f,)))
    r = v.row(0)
    assert (r.kind, r.status, r.band, r.icon, r.open_flags) == ("1-1", "confirmed", "good", "✔", 1)
    assert [p.text for p in r.tgt[0].pieces] == ["Three", t0[5:]]
    assert r.tgt[0].pieces[0].mark == "major" and "3 vs three" in r.tgt[0].pieces[0].title
    src_marked = [p for p in r.src[0].pieces if p.mark]
    assert [p.text for p in src_marked] == [SRC[0][10:11]]
    assert v.row(1).unused and v.row(2).band == "poor" and v.row(3).band == "fair"
    assert v.unused() == [(1, 1), (3, 3)]
    assert v.bead_of("tgt", 1) == 2 and v.bead_of("src", 3) == 3
    assert [x.position for x in v.rows(2, 99)] == [2, 3]


def test_false_positive_and_gloss_and_postedit() -> None:
    f = Flag("length", Severity.MINOR, "long", None, (0, 5))
    meta = {"gloss": {"source": ["g0", "g1", "g2", "g3"]},
            "postedits": [{"tgt": 1, "original": "The court ruled."}],
            "bead_meta": [{"reviewer": "ayse", "updated_at": "2025-01-01T00:00:00Z"}] * 4}
    res = [SimpleNamespace(bead=0, flag_type="length", resolution="false_positive")]
    com = [SimpleNamespace(bead=0, user="ayse", at="", text="ok")]
    v = PairView(aln((f,), meta), res, com)
    r = v.row(0)
    assert r.open_flags == 0 and r.flags[0].resolution == "false_positive"
    assert r.tgt[0].pieces[0].mark == "fp"
    assert r.src[0].gloss == "g0" and r.reviewer == "ayse" and r.n_comments == 1
    assert v.row(2).tgt[0].original == "The court ruled."
    # A gloss of the wrong length (sentences split since) is not shown rather than misplaced.
    assert PairView(aln((), {"gloss": {"source": ["x"]}})).row(0).src[0].gloss is None


@pytest.mark.parametrize(("score", "expected"), [(1.0, "good"), (0.7, "good"), (0.69, "fair"),
                                                 (0.4, "fair"), (0.39, "poor"), (0.0, "poor")])
def test_band(score: float, expected: str) -> None:
    assert band(score) == expected


@pytest.mark.parametrize(("n", "size", "page", "expected"), [
    (0, 25, 1, (0, 0)), (2000, 25, 1, (0, 25)), (2000, 25, 80, (1975, 2000)),
    (2000, 25, 999, (1975, 2000)), (30, 25, 2, (25, 30))])
def test_pages(n: int, size: int, page: int, expected: tuple[int, int]) -> None:
    assert page_range(page, size, n) == expected
    assert page_count(n, size) == max(1, -(-n // size))
    assert page_of(expected[0], size) == min(page, page_count(n, size)) or n == 0


def test_navigation() -> None:
    f = Flag("omission", Severity.MINOR, "", None, None)
    beads = [Bead((0,), (0,), 0.9, Status.CONFIRMED), Bead((1,), (1,), 0.2),
             Bead((2,), (), 0.1), Bead((3,), (2,), 0.5, Status.AUTO, (f,)),
             Bead((4,), (3,), 0.3)]
    assert navigate.first_unconfirmed(beads) == 1
    assert navigate.next_unconfirmed(beads, 1) == 3  # 1-0 beads are skipped
    assert navigate.next_unconfirmed(beads, 4) == 1  # wraps
    assert navigate.next_lowest(beads, 0) == 1
    assert [navigate.next_lowest(beads, k) for k in (1, 4, 3)] == [4, 3, 1]
    assert navigate.next_flag(beads, 0) == 3 and navigate.next_flag(beads, 3) == 3
    assert navigate.next_flag(beads, 0, {(3, "omission"): "accepted"}) is None
    assert navigate.step(5, 4, 1) == 4 and navigate.step(5, 0, -1) == 0


def test_render_escapes_text() -> None:
    f = Flag("entity_mismatch", Severity.CRITICAL, "<img src=x onerror=alert(1)>", None,
             (len(TGT[0]) + 1, len(TGT[0]) + 10))
    r = PairView(aln((f,))).row(2)
    html = render.side_html(r.src) + render.side_html(r.tgt) + render.score_html(r)
    assert "<b>karar</b>" not in html and "&lt;b&gt;karar&lt;/b&gt;" in html
    assert "&amp; adjourned" in html
    row0 = PairView(aln((f,))).row(0)
    chip = render.score_html(row0)
    assert "<img" not in chip and "&lt;img" in chip


def test_digest_furniture_is_labelled() -> None:
    """English sentences with a role in ``meta["roles"]`` carry it; a 0-1 bead of citation or
    framing sentences is furniture (no source by design), an unaligned lead sentence is not."""
    src = Document.from_texts(["Enflasyon yükseldi.", "Ek."], "tr")
    tgt = Document.from_texts(["Inflation <b>rose</b>.", "Source: “A (B),” Sabah, 1 May 2023.",
                               "The first article notes it.", "A summary."], "en")
    roles = [{"tgt": 1, "role": "citation", "citation": {"outlet": "Sabah"}},
             {"tgt": 2, "role": "framing"}, {"tgt": 3, "role": "lead"}]
    a1 = Alignment(src, tgt, (Bead((0,), (0,), 0.9), Bead((), (1, 2), 0.5), Bead((1,), (), 0.5),
                              Bead((), (3,), 0.5)), Signature("x"), {"roles": roles})
    v = PairView(a1)
    assert v.row(0).tgt[0].role is None and not v.row(0).furniture
    assert [s.role for s in v.row(1).tgt] == ["citation", "framing"] and v.row(1).furniture
    assert v.row(3).tgt[0].role == "lead" and not v.row(3).furniture
    assert all(s.role is None for s in v.row(0).src)
    html = render.side_html(v.row(1).tgt)
    assert '<span class="al-role"' in html and ">citation</span>" in html
    assert ">framing</span>" in html and "al-furniture" in html
    assert "al-furniture" not in render.side_html(v.row(3).tgt)
    assert "al-role" not in render.side_html(v.row(0).tgt)
    assert "al-dim" in render.score_html(v.row(1)) and "al-dim" not in render.score_html(v.row(3))
    # without roles (or with ones it cannot read) nothing is labelled
    bare = PairView(dataclasses.replace(a1, meta={"roles": [{"tgt": "1", "role": "x"}]}))
    assert bare.row(1).tgt[0].role is None and not bare.row(1).furniture


OUR_TAGS = re.compile(r"<(?!/?(?:span|mark|div)[ >])")


@given(st.text(max_size=80), st.integers(0, 80), st.integers(0, 80))
def test_render_never_passes_raw_markup(text: str, a: int, b: int) -> None:
    text = text or "x"
    src = Document.from_texts(["kaynak"], "tr")
    f = Flag("length", Severity.MINOR, text, None, (min(a, b), max(a, b)))
    a1 = Alignment(src, Document.from_texts([text], "en"),
                   (Bead((0,), (0,), 0.5, Status.AUTO, (f,)),), Signature("x"))
    row = PairView(a1).row(0)
    assert "".join(p.text for p in row.tgt[0].pieces) == text
    out = render.side_html(row.tgt) + render.score_html(row)
    assert not OUR_TAGS.search(out)  # every "<" opens one of our own tags
    shown = re.sub(r"<[^>]*>", "", render.side_html(row.tgt, gloss=False))
    assert html.unescape(shown) == "en0" + text


@dataclass
class Info:
    id: int
    project: str
    key: str
    title: str = ""
    version: int = 1
    status: str = "todo"
    assignee: str | None = None
    n_beads: int = 10
    n_confirmed: int = 0
    n_rejected: int = 0
    mean_score: float | None = 0.5
    n_flags: int = 0
    updated_at: str = "2025-01-01"
    updated_by: str = "x"


def test_queue_filter_and_sort() -> None:
    pairs = [Info(1, "p", "a", "Bayraktar", mean_score=0.8, n_flags=3, updated_at="2025-03"),
             Info(2, "p", "b", status="done", assignee="ayse", mean_score=None, n_confirmed=10),
             Info(3, "q", "c", mean_score=0.2, n_flags=1, updated_at="2025-04")]
    ids = lambda rows: [r["id"] for r in rows]
    assert ids(queue.table(pairs)) == [3, 1, 2]
    assert ids(queue.table(pairs, sort="lowest mean score first")) == [3, 1, 2]
    assert ids(queue.table(pairs, sort="most flags first")) == [1, 3, 2]
    assert ids(queue.table(pairs, sort="least reviewed first")) == [1, 3, 2]
    assert ids(queue.table(pairs, queue.QueueFilter(project="p"))) == [1, 2]
    assert ids(queue.table(pairs, queue.QueueFilter(assignee="(nobody)"))) == [3, 1]
    assert ids(queue.table(pairs, queue.QueueFilter(assignee="ayse"))) == [2]
    assert ids(queue.table(pairs, queue.QueueFilter(status="done"))) == [2]
    assert ids(queue.table(pairs, queue.QueueFilter(text="bayRAK"))) == [1]
    assert queue.row(pairs[1])["progress"] == 1.0
    assert queue.label(queue.row(pairs[0])) == "#1 p / a — Bayraktar (todo)"
