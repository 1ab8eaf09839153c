"""Queue page: every pair with status, scores, flags, reviewer and last change; filter,
sort, assign, set the pair status, open one for review."""
from __future__ import annotations

import streamlit as st

from ui import queue as q
from ui.users import Users
from ui.widgets.common import flash, require_user, set_flash, store


def _open(pair_id: int) -> None:
    st.session_state["review_pair"] = pair_id
    st.session_state["goto_review"] = True


def _assign(pair_id: int, version: int, key: str, user: str) -> None:
    from align.errors import AlignError

    who = str(st.session_state.get(key) or "")
    try:
        store().assign(pair_id, who or None, version=version, user=user)
        set_flash("success", f"pair #{pair_id} assigned to {who or 'nobody'}")
    except AlignError as e:
        set_flash("warning", str(e))


def _status(pair_id: int, version: int, key: str, user: str) -> None:
    from align.errors import AlignError

    status = str(st.session_state[key])
    try:
        store().set_pair_status(pair_id, status, version=version, user=user)
        set_flash("success", f"pair #{pair_id} is now {status}")
    except AlignError as e:
        set_flash("warning", str(e))


def render() -> None:
    user = require_user()
    if st.session_state.pop("goto_review", False):
        st.switch_page("views/review.py")
    st.title("Queue")
    flash()
    pairs = store().list_pairs()
    if not pairs:
        st.info("No pairs yet: add some on the Import page (or run `python -m ui.demo`).")
        return
    all_rows = [q.row(p) for p in pairs]
    c1, c2, c3, c4, c5 = st.columns([2, 1.2, 1.2, 2, 2])
    f = q.QueueFilter(
        c1.selectbox("Project", q.options([r["project"] for r in all_rows]), key="q_project",
                     format_func=lambda v: v or "all"),
        c2.selectbox("Status", ["", *q.PAIR_STATUSES], key="q_status",
                     format_func=lambda v: v or "all"),
        c3.selectbox("Reviewer", ["", "(nobody)", *q.options([r["assignee"] for r in
                                                              all_rows])[1:]],
                     key="q_assignee", format_func=lambda v: v or "anyone"),
        c4.text_input("Search key / title", key="q_text"),
    )
    sort = c5.selectbox("Sort", list(q.SORTS), key="q_sort")
    rows = q.table(pairs, f, sort)
    st.caption(f"{len(rows)} of {len(all_rows)} pairs")
    st.dataframe(
        [{k: r[k] for k in q.COLUMNS} for r in rows], hide_index=True,
        width="stretch",
        column_config={
            "progress": st.column_config.ProgressColumn("reviewed", min_value=0, max_value=1,
                                                        format="percent"),
            "mean_score": st.column_config.NumberColumn("mean score", format="%.2f"),
            "n_flags": st.column_config.NumberColumn("flags"),
            "reviewed": st.column_config.TextColumn("beads done"),
            "updated_at": st.column_config.TextColumn("last change"),
            "updated_by": st.column_config.TextColumn("by"),
            "title": st.column_config.TextColumn("title", width="large"),
        })
    if not rows:
        return
    st.subheader("Work on a pair")
    by_id = {r["id"]: r for r in rows}
    pid = st.selectbox("Pair", list(by_id), key="q_pair", format_func=lambda i: q.label(by_id[i]))
    r = by_id[pid]
    a1, a2, a3 = st.columns([1, 2, 2])
    a1.button("Open in Review", type="primary", key="q_open", on_click=_open, args=(pid,))
    names = ["", *(u.name for u in Users().list())]
    if r["assignee"] and r["assignee"] not in names:
        names.append(r["assignee"])
    with a2:
        st.selectbox("Assign to", names, index=names.index(r["assignee"]),
                     key=f"q_who_{pid}", format_func=lambda v: v or "(nobody)")
        st.button("Assign", key="q_assign", on_click=_assign,
                  args=(pid, r["version"], f"q_who_{pid}", user.name))
    with a3:
        st.selectbox("Pair status", q.PAIR_STATUSES,
                     index=q.PAIR_STATUSES.index(r["status"])
                     if r["status"] in q.PAIR_STATUSES else 0, key=f"q_st_{pid}")
        st.button("Set status", key="q_set_status", on_click=_status,
                  args=(pid, r["version"], f"q_st_{pid}", user.name))
