"""The focused bead's editor, drawn under its row: status, merge/split, linking, sentence
moves, English post-editing, QA flags and comments. Every button calls a store operation
through :mod:`ui.widgets.review_actions`."""
from __future__ import annotations

import hashlib
from html import escape

import streamlit as st

from ui import render as rd
from ui.linking import refused_links
from ui.render import md
from ui.review_state import ReviewSession
from ui.view import RowView
from ui.widgets import review_actions as act

WINDOW = 3  # beads either side whose sentences the Link tab offers


def _label(side: str, i: int, text: str, n: int = 70) -> str:
    """Plain text (select boxes show it as is); wrap in :func:`md` for a Markdown label."""
    return f"{'tr' if side == 'src' else 'en'}{i}: {rd.text_excerpt(text, n)}"


def _bead_tab(rs: ReviewSession, row: RowView) -> None:
    k = row.position
    c = st.columns(5)
    c[0].button("Reject", key="ed_reject", on_click=act.set_status, args=(k, "rejected"))
    c[1].button("Back to auto", key="ed_auto", on_click=act.set_status, args=(k, "auto"),
                disabled=row.status == "auto")
    c[2].button("Confirm all above", key="ed_confirm_above", on_click=act.confirm_above,
                args=(k,), help=f"confirm beads 0–{k}")
    c[3].button("Merge with previous", key="ed_merge_prev", on_click=act.merge,
                args=(k, "prev"), disabled=k == 0)
    c[4].button("Merge with next", key="ed_merge_next", on_click=act.merge, args=(k, "next"),
                disabled=k >= rs.n_beads - 1)
    n_src, n_tgt = len(row.src), len(row.tgt)
    if n_src + n_tgt > 1:
        s = st.columns([1, 1, 1])
        s[0].number_input("Split: Turkish in first part", 0, n_src, min(1, n_src),
                          key="ed_split_src")
        s[1].number_input("English in first part", 0, n_tgt, min(1, n_tgt), key="ed_split_tgt")
        s[2].button("Split bead", key="ed_split", on_click=act.split_bead,
                    args=(k, "ed_split_src", "ed_split_tgt"))


def _link_tab(rs: ReviewSession, row: RowView) -> None:
    k = row.position
    lo, hi = max(0, k - WINDOW), min(rs.n_beads, k + WINDOW + 1)
    beads = rs.state.alignment.beads
    tgt_ids = [j for b in beads[lo:hi] for j in b.tgt]
    if not tgt_ids:
        st.caption("No English sentence nearby to link to.")
        return
    default = row.tgt[0].index if row.tgt else tgt_ids[0]
    target = rs.state.alignment.target.sentences
    j = st.radio("English sentence", tgt_ids, index=tgt_ids.index(default), key=f"ed_link_tgt_{k}",
                 format_func=lambda j: md(_label("tgt", j, target[j].text, 110)))
    holder = next(b for b in beads[lo:hi] if j in b.tgt)
    candidates = [i for b in beads[lo:hi] for i in b.src]
    refused = refused_links(rs.state.alignment, j, candidates)
    st.caption("Click a Turkish sentence to add it to this English sentence's bead, or "
               "(highlighted) to remove it.")
    if refused:
        st.caption(f"Greyed out ({len(refused)}): the change would make links cross, which "
                   "this pair (aligned in monotonic mode) does not allow. Move the sentences "
                   "between them first, or merge beads.")
    source = rs.state.alignment.source.sentences
    for i in candidates:
        linked = i in holder.src
        crossing = i in refused
        st.button(md(_label("src", i, source[i].text, 110)), key=f"ed_link_{i}",
                  icon=":material/link_off:" if linked else ":material/add_link:",
                  type="primary" if linked else "secondary",
                  on_click=act.toggle_link, args=(i, j, linked), disabled=crossing,
                  help="would make links cross (monotonic pair)" if crossing
                  else "remove from this bead" if linked else "add to this bead")


def _sentence_tab(rs: ReviewSession, row: RowView) -> None:
    sents = [*row.src, *row.tgt]
    keys = [(s.side, s.index) for s in sents]
    texts = {(s.side, s.index): s.text for s in sents}
    side, i = st.selectbox("Sentence", keys, key=f"ed_sent_{row.position}",
                           format_func=lambda t: _label(t[0], t[1], texts[t], 100))
    text = texts[(side, i)]
    c = st.columns(4)
    c[0].button("Move to previous bead", key="ed_shift_up", on_click=act.sentence_op,
                args=("shift", side, i, "up"))
    c[1].button("Move to next bead", key="ed_shift_down", on_click=act.sentence_op,
                args=("shift", side, i, "down"))
    c[2].button("Insert gap (own bead)", key="ed_detach", on_click=act.sentence_op,
                args=("detach", side, i))
    c[3].button("Join with next sentence", key="ed_join", on_click=act.sentence_op,
                args=("join", side, i))
    if len(text) > 1:
        key = f"ed_split_at_{side}_{i}"
        mid = text.find(" ", len(text) // 2)
        default = mid if 0 < mid < len(text) else len(text) // 2
        s = st.columns([1, 3, 1], vertical_alignment="bottom")
        at = int(s[0].number_input("Split at character", 1, len(text) - 1, default, key=key))
        s[1].caption(f"…{md(rd.text_excerpt(text[:at][-40:], 40))} ‖ "
                     f"{md(rd.text_excerpt(text[at:], 40))}…")
        s[2].button("Split sentence", key="ed_split_sent", on_click=act.sentence_op,
                    args=("split", side, i, key))


def _edit_tab(rs: ReviewSession, row: RowView) -> None:
    if not row.tgt:
        st.caption("This bead has no English sentence.")
        return
    for s in row.tgt:
        digest = hashlib.sha1(s.text.encode("utf-8")).hexdigest()[:8]
        key = f"ed_text_{rs.pair_id}_{s.index}_{digest}"
        if key not in st.session_state:
            st.session_state[key] = s.text
        st.text_area(f"en{s.index}", key=key, height=80)
        if s.original:
            st.caption(f"original: {md(s.original)}")
        st.button(f"Save en{s.index}", key=f"ed_save_{s.index}", on_click=act.save_text,
                  args=("tgt", s.index, key, s.text))


def _flags_tab(rs: ReviewSession, row: RowView) -> None:
    k = row.position
    if not row.flags:
        st.caption("No QA flags on this bead.")
    for n, f in enumerate(row.flags):
        c = st.columns([5, 1.3, 1])
        state = {"false_positive": " — marked false positive", "accepted": " — accepted"}.get(
            f.resolution or "", "")
        c[0].html(f"{rd.flag_chip(f)} {escape(f.message)}<i>{escape(state)}</i>")
        c[1].button("False positive", key=f"ed_fp_{n}", on_click=act.resolve_flag,
                    args=(k, f.type, "false_positive"),
                    disabled=f.resolution == "false_positive")
        c[2].button("Accept", key=f"ed_acc_{n}", on_click=act.resolve_flag,
                    args=(k, f.type, "accepted"), disabled=f.resolution == "accepted")
    notes = [c for c in rs.state.comments if c.bead == k]
    for c in notes:
        st.text(f"{c.user} · {c.at}\n{c.text}")
    key = f"ed_comment_{k}"
    st.text_input("Comment on this bead", key=key)
    st.button("Add comment", key="ed_comment_add", on_click=act.comment, args=(k, key))


def editor(rs: ReviewSession, row: RowView) -> None:
    with st.container(border=True, key="editor"):
        tabs = st.tabs(["Bead", "Link", "Sentences", "Edit English",
                        f"Flags & comments ({row.open_flags} open)"])
        with tabs[0]:
            _bead_tab(rs, row)
        with tabs[1]:
            _link_tab(rs, row)
        with tabs[2]:
            _sentence_tab(rs, row)
        with tabs[3]:
            _edit_tab(rs, row)
        with tabs[4]:
            _flags_tab(rs, row)
