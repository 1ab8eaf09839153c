"""Review page: one row per bead (Turkish left, English right, score bar, status, flags),
the focused bead's editor under its row, navigation and undo/redo on top; re-align, the
whole-pair QA re-check and the unused Turkish sentences in the sidebar. Long pairs are
paginated."""
from __future__ import annotations

import streamlit as st

from align.aligner.relatedness import meta_warning
from align.qa.levels import DEFAULT_LEVEL, LEVELS, help_text
from ui import render as rd
from ui.config import PAGE_SIZES
from ui.importing import SCORERS
from ui.render import md
from ui.review_state import ReviewSession
from ui.view import page_count, page_range
from ui.widgets import review_actions as act
from ui.widgets.common import available_scorers, css, current_user, require_user, store
from ui.widgets.review_editor import editor

SHORTCUTS = {"confirm": "Y", "next": "J", "prev": "K", "undo": "U"}  # not Ctrl+Z: text boxes need it


def _pick_pair() -> ReviewSession | None:
    pairs = store().list_pairs()
    if not pairs:
        st.info("No pairs yet: import some first.")
        return None
    ids = [p.id for p in pairs]
    labels = {p.id: f"#{p.id} {p.project} / {p.key}" + (f" — {p.title[:50]}" if p.title else "")
              for p in pairs}
    wanted = st.session_state.get("review_pair")
    rs: ReviewSession | None = st.session_state.get("rv")
    if wanted not in ids:
        wanted = rs.pair_id if rs is not None and rs.pair_id in ids else ids[0]
    st.session_state["review_pair"] = wanted
    pid = st.sidebar.selectbox("Pair", ids, key="review_pair", format_func=labels.__getitem__)
    if rs is None or rs.pair_id != pid:
        size = rs.page_size if rs is not None else 25
        level = rs.qa_level if rs is not None else DEFAULT_LEVEL
        rs = ReviewSession.open(store(), pid, size, level)
        st.session_state["rv"] = rs
    return rs


def _toolbar(rs: ReviewSession) -> None:
    with st.container(horizontal=True, gap="small", key="toolbar"):
        st.button("Prev", key="nav_prev", icon=":material/arrow_upward:", on_click=act.move,
                  args=(-1,), shortcut=SHORTCUTS["prev"], help="previous bead (K)")
        st.button("Next", key="nav_next", icon=":material/arrow_downward:", on_click=act.move,
                  args=(1,), shortcut=SHORTCUTS["next"], help="next bead (J)")
        st.button("Confirm & next", key="confirm_next", type="primary",
                  icon=":material/check:", on_click=act.confirm_next,
                  shortcut=SHORTCUTS["confirm"],
                  help="confirm the focused bead and go to the next (Y)")
        st.button("Next unconfirmed", key="nav_unconfirmed", icon=":material/skip_next:",
                  on_click=act.navigate, args=("next_unconfirmed",))
        st.button("Lowest score", key="nav_lowest", icon=":material/trending_down:",
                  on_click=act.navigate, args=("next_lowest",),
                  help="walk unreviewed beads from the lowest score up")
        st.button("Next flag", key="nav_flag", icon=":material/flag:", on_click=act.navigate,
                  args=("next_flag",))
        st.button("Undo", key="undo", icon=":material/undo:", on_click=act.undo,
                  disabled=not rs.state.can_undo, shortcut=SHORTCUTS["undo"],
                  help="undo the last change (U)")
        st.button("Redo", key="redo", icon=":material/redo:", on_click=act.redo,
                  disabled=not rs.state.can_redo)
        st.button("Reload", key="reload", icon=":material/refresh:", on_click=act.reload)


def _message(rs: ReviewSession) -> None:
    if rs.message is not None:
        getattr(st, rs.message.level)(md(rs.message.text, block=True))
    for d in rs.drafts:
        label = f"{'tr' if d.side == 'src' else 'en'}{d.index}"
        with st.container(border=True):
            st.warning(f"Unsaved text for {label} (the save did not go through). Copy it "
                       "back into the editor, or discard it.")
            st.code(d.typed, language=None, wrap_lines=True)
            if st.button("Discard this text", key=f"discard_{d.side}_{d.index}"):
                rs.drafts.remove(d)
                st.rerun()


def _sidebar(rs: ReviewSession) -> None:
    with st.sidebar:
        key = "rv_page_size"
        st.selectbox("Beads per page", PAGE_SIZES, key=key, on_change=act.page_size_changed,
                     args=(key,), index=PAGE_SIZES.index(rs.page_size)
                     if rs.page_size in PAGE_SIZES else 1)
        levels = list(LEVELS)
        st.selectbox("QA level", levels, key="rv_qa_level", on_change=act.qa_level_changed,
                     args=("rv_qa_level",), index=levels.index(rs.qa_level)
                     if rs.qa_level in levels else levels.index(DEFAULT_LEVEL),
                     help=f"which QA flags this page shows: {help_text()}")
        st.toggle("Show machine translation (gloss)", value=True, key="rv_gloss",
                  disabled=rs.view.gloss is None,
                  help=None if rs.view.gloss else "this pair was aligned without MT")
        scorers = available_scorers()
        st.selectbox("Re-align with", scorers, key="rv_scorer")
        missing = [s for s in SCORERS if s not in scorers]
        if missing:
            st.caption(f"Not offered ({', '.join(missing)}): their model is not on this "
                       "machine; an admin can run `align models download`.")
        st.button("Re-align from first unconfirmed", key="realign", on_click=act.realign,
                  args=("rv_scorer",), help="confirmed beads stay as anchors")
        st.button("Re-check QA flags (whole pair)", key="recheck", on_click=_recheck,
                  help="edits re-check flags near the change only; this runs every check "
                       "on the whole pair (undoable)")
        unused = rs.view.unused()
        with st.expander(f"Unused Turkish sentences ({len(unused)})"):
            for k, i in unused[:300]:
                text = rs.state.alignment.source.sentences[i].text
                st.button(f"tr{i}: {md(rd.text_excerpt(text, 60))}", key=f"unused_{i}",
                          on_click=act.select, args=(k,), type="tertiary")
            if len(unused) > 300:
                st.caption(f"… and {len(unused) - 300} more")


def _recheck() -> None:
    user = current_user()
    if user is None:
        raise RuntimeError("not signed in")
    act.session().recheck(store(), user=user.name)


def _rows(rs: ReviewSession, start: int, stop: int, gloss: bool) -> None:
    hdr = st.columns([0.5, 1, 4, 4])
    hdr[2].markdown("**Turkish**")
    hdr[3].markdown("**English**")
    for row in rs.view.rows(start, stop):
        k = row.position
        with st.container(key=f"row_{k}"):
            c = st.columns([0.5, 1, 4, 4], vertical_alignment="top")
            c[0].button(f"{k}", key=f"sel_{k}", on_click=act.select, args=(k,),
                        type="primary" if k == rs.current else "tertiary",
                        help="focus this bead")
            c[1].html(rd.score_html(row))
            c[2].html(rd.side_html(row.src, grey=row.unused, gloss=gloss,
                                   empty="(digest furniture: no source by design)"
                                   if row.furniture else "—"))
            c[3].html(rd.side_html(row.tgt, empty="(not in the English)" if row.unused
                                   else "(no Turkish source)"))
        if k == rs.current:
            editor(rs, row)


def render() -> None:
    require_user()
    css()
    rs = _pick_pair()
    if rs is None:
        return
    info = rs.state.info
    st.title(md(info.title or f"{info.project} / {info.key}"))
    n_flags = sum(len(b.flags) for b in rs.view.beads)
    held = len(rs.state.alignment.meta.get("suppressed") or ())
    more = "".join(f" ({n} {what})" for n, what in ((rs.view.n_hidden,
                   f"hidden at QA level {rs.qa_level}"), (held, "suppressed")) if n)
    st.caption(f"{md(info.project)} / {md(info.key)} · version {info.version} · "
               f"{info.n_confirmed}/{info.n_beads} confirmed · {info.n_rejected} rejected · "
               f"{n_flags} flag{'' if n_flags == 1 else 's'}{more} · status {md(info.status)} · "
               f"last change {md(info.updated_at)} by {md(info.updated_by)} · "
               "keys: Y confirm & next, J next, K previous, U undo")
    warned = meta_warning(rs.state.alignment.meta)  # from the number, never a stored text
    if warned:
        st.warning(f"{warned} — was the right article picked?", icon="⚠️")
    _sidebar(rs)
    _toolbar(rs)
    _message(rs)
    n_pages = page_count(rs.n_beads, rs.page_size)
    start, stop = page_range(rs.page, rs.page_size, rs.n_beads)
    gloss = bool(st.session_state.get("rv_gloss", True))
    _rows(rs, start, stop, gloss)
    if n_pages > 1:
        key = f"rv_page_{rs.page}"  # a new widget whenever the focus changes page
        st.pagination(n_pages, default=rs.page, key=key, on_change=act.page_changed,
                      args=(key,))
        st.caption(f"beads {start}–{stop - 1} of {rs.n_beads}")
    with st.expander("History"):
        hist = store().history(rs.pair_id, limit=30)
        st.dataframe([{"seq": h.seq, "at": h.at, "user": h.user, "op": h.op,
                       "args": str(dict(h.args)), "undone": h.undone} for h in hist],
                     hide_index=True, width="stretch")
