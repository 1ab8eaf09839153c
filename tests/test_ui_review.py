"""AppTest runs of the Review page against a real store: every button reaches the store
with the reviewer's name, conflicts reload without losing typed text, long pairs page."""
from __future__ import annotations

import pytest

pytest.importorskip("align.store")
from streamlit.testing.v1 import AppTest

from tests.e2e.support import (
    APP,
    Workbench,
    planted_alignment,
    synthetic_alignment,
)
from ui.users import User


def review(pair_id: int, user: str = "ayse") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["user"] = User(user, "reviewer")
    at.session_state["review_pair"] = pair_id
    at.run()
    at.switch_page("views/review.py").run()
    assert not at.exception, at.exception
    return at


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def rows(at: AppTest) -> list[int]:
    return [int(b.key.split("_")[1]) for b in at.button if b.key and b.key.startswith("sel_")]


def alerts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("success", "info", "warning", "error")
                     for e in getattr(at, kind))


def test_rows_and_confirm_next(wb: Workbench) -> None:
    at = review(wb.pair_id)
    state = wb.store.load(wb.pair_id)
    n = len(state.alignment.beads)
    assert rows(at) == list(range(min(25, n)))
    rs = at.session_state["rv"]
    k = rs.current
    assert state.alignment.beads[k].tgt  # focus starts on the first bead to review
    click(at, "confirm_next")
    after = wb.store.load(wb.pair_id)
    assert after.alignment.beads[k].status.value == "confirmed"
    assert after.info.updated_by == "ayse" and after.info.version == state.info.version + 1
    assert at.session_state["rv"].current == k + 1
    assert wb.store.history(wb.pair_id)[-1].user == "ayse"


def test_merge_link_edit_undo(wb: Workbench) -> None:
    at = review(wb.pair_id)
    n0 = len(wb.store.load(wb.pair_id).alignment.beads)
    click(at, "sel_0")
    click(at, "ed_merge_next")
    s1 = wb.store.load(wb.pair_id)
    assert len(s1.alignment.beads) == n0 - 1
    # Link: the first bead holding English sentence 0 takes a Turkish sentence it lacks.
    k = next(k for k, b in enumerate(s1.alignment.beads) if 0 in b.tgt)
    click(at, f"sel_{k}")
    spare = next(i for b in s1.alignment.beads[k + 1:k + 4] for i in b.src
                 if i not in s1.alignment.beads[k].src)
    click(at, f"ed_link_{spare}")
    s2 = wb.store.load(wb.pair_id)
    holder = next(b for b in s2.alignment.beads if 0 in b.tgt)
    assert spare in holder.src
    # Edit English sentence 0 inline.
    key = next(t.key for t in at.text_area if t.key.startswith(f"ed_text_{wb.pair_id}_0_"))
    at.text_area(key=key).input("Ukraine struck a howitzer with a Bayraktar TB2.")
    click(at, "ed_save_0")
    s3 = wb.store.load(wb.pair_id)
    assert s3.alignment.target.sentences[0].text == "Ukraine struck a howitzer with a " \
                                                    "Bayraktar TB2."
    assert s3.alignment.meta["postedits"][0]["tgt"] == 0
    click(at, "undo")
    assert wb.store.load(wb.pair_id).alignment.target.sentences[0].text == \
        s2.alignment.target.sentences[0].text
    click(at, "redo")
    assert wb.store.load(wb.pair_id).alignment.target.sentences[0].text.startswith("Ukraine")


def test_status_flags_comment_and_confirm_above(wb: Workbench) -> None:
    pid = wb.store.add_pair("bayraktar", "planted", planted_alignment(), user="root").id
    at = review(pid)
    state = wb.store.load(pid)
    flagged = [k for k, b in enumerate(state.alignment.beads) if b.flags]
    assert flagged, "the flagship pair carries QA flags"
    k = flagged[0]
    at.session_state["rv"].goto(k)
    at.run()
    click(at, "ed_fp_0")
    res = wb.store.load(pid).resolutions
    assert any(r.bead == k and r.resolution == "false_positive" and r.user == "ayse"
               for r in res)
    click(at, "sel_5")
    at.text_input(key="ed_comment_5").input("check the date <script>")
    click(at, "ed_comment_add")
    comments = wb.store.load(pid).comments
    assert [(c.bead, c.text, c.user) for c in comments] == [(5, "check the date <script>",
                                                             "ayse")]
    click(at, "ed_reject")
    assert wb.store.load(pid).alignment.beads[5].status.value == "rejected"
    click(at, "sel_8")
    click(at, "ed_confirm_above")
    beads = wb.store.load(pid).alignment.beads
    assert all(b.status.value == "confirmed" for i, b in enumerate(beads[:9]) if i != 5)


def test_conflict_reloads_and_keeps_typed_text(wb: Workbench) -> None:
    from align.store import review as ops

    at = review(wb.pair_id)
    v = wb.store.pair(wb.pair_id).version
    ops.set_status(wb.store, wb.pair_id, 0, "rejected", version=v, user="root")  # elsewhere
    click(at, "confirm_next")
    assert "Conflict" in alerts(at)
    assert wb.store.load(wb.pair_id).alignment.beads[0].status.value == "rejected"
    assert at.session_state["rv"].version == v + 1  # reloaded
    # Typed text survives a conflict on save.
    k = next(k for k, b in enumerate(wb.store.load(wb.pair_id).alignment.beads) if b.tgt)
    click(at, f"sel_{k}")
    j = wb.store.load(wb.pair_id).alignment.beads[k].tgt[0]
    key = next(t.key for t in at.text_area if t.key.startswith(f"ed_text_{wb.pair_id}_{j}_"))
    at.text_area(key=key).input("My careful post-edit.")
    ops.comment(wb.store, wb.pair_id, None, "bump", version=v + 1, user="root")
    click(at, f"ed_save_{j}")
    assert "Conflict" in alerts(at) and "typed text is kept" in alerts(at)
    assert any(c.value == "My careful post-edit." for c in at.code)
    assert wb.store.load(wb.pair_id).alignment.target.sentences[j].text != "My careful post-edit."


def test_long_pair_pages(wb: Workbench) -> None:
    info = wb.store.add_pair("bayraktar", "long", synthetic_alignment(1200), user="root")
    at = review(info.id)
    assert rows(at) == list(range(25))
    at.session_state["rv"].goto(1100)
    at.run()
    assert rows(at) == list(range(1100, 1125))
    click(at, "nav_next")
    assert at.session_state["rv"].current == 1101
    beads = wb.store.load(info.id).alignment.beads
    click(at, "nav_lowest")  # from 1101: the next bead up the score ranking
    low = at.session_state["rv"].current
    assert (beads[low].score, low) > (beads[1101].score, 1101)
    assert not any((beads[1101].score, 1101) < (b.score, i) < (beads[low].score, low)
                   for i, b in enumerate(beads))
    assert rows(at)[0] == (low // 25) * 25


def test_recheck_button_stores_whole_pair_flags(wb: Workbench) -> None:
    import dataclasses

    from align.qa.checks import run_checks
    from align.store import review as ops

    planted = planted_alignment()
    stale = dataclasses.replace(planted, beads=tuple(dataclasses.replace(b, flags=())
                                                     for b in planted.beads))
    info = wb.store.add_pair("bayraktar", "stale", stale, user="root")
    want = [b.flags for b in run_checks(wb.store.load(info.id).alignment).beads]
    n = sum(map(len, want))
    assert n > 0
    at = review(info.id)
    # Someone else saves first: Conflict, reloaded, no flags written.
    ops.comment(wb.store, info.id, None, "bump", version=info.version, user="root")
    click(at, "recheck")
    assert "Conflict" in alerts(at)
    assert not any(b.flags for b in wb.store.load(info.id).alignment.beads)
    click(at, "recheck")
    assert f"{n} added, 0 removed" in alerts(at)
    after = wb.store.load(info.id)
    assert [b.flags for b in after.alignment.beads] == want
    assert wb.store.history(info.id)[-1].op == "recheck"
    assert wb.store.history(info.id)[-1].user == "ayse"
    click(at, "undo")
    assert not any(b.flags for b in wb.store.load(info.id).alignment.beads)


def test_unrelated_pair_shows_the_warning(wb: Workbench) -> None:
    from align.types import Alignment

    base = wb.store.load(wb.pair_id).alignment
    odd = Alignment(base.source, base.target, base.beads, base.signature,
                    {"relatedness": 0.03, "warning": "**stored** text"})
    info = wb.store.add_pair("bayraktar", "odd", odd, user="root")
    at = review(info.id)
    shown = "\n".join(str(w.value) for w in at.warning)
    assert "does not appear to contain this English (relatedness 0.03)" in shown
    assert "stored" not in shown
    assert "does not appear" not in alerts(review(wb.pair_id))  # a related pair: no warning
