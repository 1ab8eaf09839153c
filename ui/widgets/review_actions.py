"""Button callbacks of the Review page. They run before the page script, against the state
the reviewer saw (``st.session_state["rv"]``, a :class:`ui.review_state.ReviewSession`), so
a stale version is caught by the store and reported as a Conflict."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from align.scorers import DEFAULT_SCORER
from align.store import PairState, review
from ui.review_state import Draft, Message, ReviewSession
from ui.widgets.common import current_user, store


def session() -> ReviewSession:
    return st.session_state["rv"]


def _user() -> str:
    u = current_user()
    if u is None:
        raise RuntimeError("not signed in")
    return u.name


def op(fn: Callable[..., PairState], *args: Any, focus: tuple[str, int] | None = None,
       done: str = "", **kwargs: Any) -> bool:
    """Apply a store operation; on success focus the bead holding ``focus`` (side, id)
    and show ``done``."""
    s = session()
    ok = s.apply(store(), fn, *args, user=_user(), **kwargs)
    if ok:
        if focus is not None:
            s.focus_bead_of(*focus)
        if done:
            s.message = Message("success", done)
    return ok


def select(k: int) -> None:
    session().goto(k)


def move(delta: int) -> None:
    session().move(delta)


def navigate(kind: str) -> None:
    getattr(session(), kind)()


def confirm_next() -> None:
    s = session()
    k = s.current
    if op(review.set_status, k, "confirmed", done=f"bead {k} confirmed"):
        s.move(1)


def set_status(k: int, status: str) -> None:
    op(review.set_status, k, status, done=f"bead {k}: {status}")


def confirm_above(k: int) -> None:
    op(review.confirm_above, k, done=f"beads 0–{k} confirmed")


def merge(k: int, direction: str) -> None:
    s = session()
    if op(review.merge, k, direction, done=f"bead {k} merged with the {direction} one") \
            and direction == "prev":
        s.goto(max(0, k - 1))


def split_bead(k: int, key_src: str, key_tgt: str) -> None:
    op(review.split_bead, k, int(st.session_state[key_src]), int(st.session_state[key_tgt]),
       done=f"bead {k} split")


def toggle_link(src: int, tgt: int, linked: bool) -> None:
    if linked:
        op(review.unlink, src, focus=("tgt", tgt), done=f"tr{src} unlinked from en{tgt}")
    else:
        op(review.link, src, tgt, focus=("tgt", tgt), done=f"tr{src} linked to en{tgt}")


def sentence_op(kind: str, side: str, index: int, *extra: Any) -> None:
    label = f"{'tr' if side == 'src' else 'en'}{index}"
    if kind == "shift":
        op(review.shift, side, index, extra[0], focus=(side, index),
           done=f"{label} moved {extra[0]}")
    elif kind == "detach":
        op(review.detach, side, index, focus=(side, index), done=f"{label} is now its own bead")
    elif kind == "join":
        op(review.join_sentences, side, index, focus=(side, index),
           done=f"{label} joined with the next sentence")
    elif kind == "split":
        at = int(st.session_state[extra[0]])
        op(review.split_sentence, side, index, at, focus=(side, index), done=f"{label} split at {at}")


def save_text(side: str, index: int, key: str, seen: str) -> None:
    typed = str(st.session_state.get(key, seen))
    s = session()
    draft = Draft(side, index, seen, typed)
    if s.apply(store(), review.edit_text, side, index, typed, user=_user(), draft=draft):
        s.message = Message("success", f"{'tr' if side == 'src' else 'en'}{index} saved")
        st.session_state.pop(key, None)


def comment(k: int | None, key: str) -> None:
    text = str(st.session_state.get(key, "")).strip()
    if not text:
        session().message = Message("info", "write a comment first")
        return
    if op(review.comment, k, text, done="comment added"):
        st.session_state[key] = ""


def resolve_flag(k: int, flag_type: str, resolution: str) -> None:
    op(review.resolve_flag, k, flag_type, resolution, done=f"{flag_type}: {resolution}")


def undo() -> None:
    op(review.undo, done="undone")


def redo() -> None:
    op(review.redo, done="redone")


def realign(key: str) -> None:
    op(review.realign, None, scorer=str(st.session_state.get(key) or DEFAULT_SCORER),
       done="re-aligned from the first unconfirmed bead (confirmed beads kept)")


def reload() -> None:
    s = session()
    s.reload(store())
    s.message = Message("info", f"reloaded (version {s.version})")


def page_changed(key: str) -> None:
    session().set_page(int(st.session_state[key]))


def qa_level_changed(key: str) -> None:
    session().qa_level = str(st.session_state[key])


def page_size_changed(key: str) -> None:
    s = session()
    s.page_size = int(st.session_state[key])
