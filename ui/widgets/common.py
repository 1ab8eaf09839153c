"""Shared Streamlit helpers: the store (one per database URL and process), the signed-in
user, page CSS and error display."""
from __future__ import annotations

import os
from typing import Any

import streamlit as st

from ui.render import CSS, md
from ui.users import User


@st.cache_resource(show_spinner=False)
def _open(url: str) -> Any:
    from align.store import open_store

    return open_store(url)


def store() -> Any:
    """The review store at ``align.store.default_url()`` ($ALIGN_DB or the data folder)."""
    from align.store import default_url
    from ui.config import data_dir

    url = default_url()
    if url.startswith("sqlite:///") and "ALIGN_DB" not in os.environ:
        data_dir().mkdir(parents=True, exist_ok=True)
    return _open(url)


def current_user() -> User | None:
    u = st.session_state.get("user")
    return u if isinstance(u, User) else None


def require_user() -> User:
    """The signed-in user; stops the page (with a message) when nobody is signed in."""
    u = current_user()
    if u is None:
        st.warning("Please sign in.")
        st.stop()
    return u


def require_admin() -> User:
    u = require_user()
    if not u.is_admin:
        st.error("This page is for admins.")
        st.stop()
    return u


def css() -> None:
    st.html(CSS)


def cookie_sync() -> None:
    """Have the browser set or clear the ``align_session`` cookie when sign-in or sign-out
    queued a script (``st.session_state["cookie_js"]``, from :func:`ui.sessions.cookie_script`).

    Streamlit 1.67 can read cookies (``st.context.cookies``) but not set them, so the script
    runs in an ``st.iframe`` (a same-origin ``srcdoc`` frame that may reach its parent
    document) inside a container hidden by CSS. The same script is drawn on every run, so
    the frame is not reloaded and a quick rerun cannot remove it before it has run. A
    script can write only cookies that scripts can read: no ``HttpOnly``.
    """
    js = st.session_state.get("cookie_js")
    if not isinstance(js, str) or not js:
        return
    st.html("<style>.st-key-al_cookie{display:none}</style>")
    with st.container(key="al_cookie", border=False):
        st.iframe(js, height=1)


def flash() -> None:
    """Show (once) a message a callback left in ``st.session_state["flash"]`` (plain text:
    shown literally)."""
    msg = st.session_state.pop("flash", None)
    if msg:
        level, text = msg
        getattr(st, level)(md(text, block=True))


def set_flash(level: str, text: str) -> None:
    st.session_state["flash"] = (level, text)


def available_scorers() -> list[str]:
    """Scorers that can run here (:mod:`align.scorers.catalog`), worked out once per browser
    session; nothing is downloaded."""
    from align.scorers.catalog import menu, runnable_scorers

    got = st.session_state.get("rv_scorers")
    if not isinstance(got, list):
        got = runnable_scorers(menu())
        st.session_state["rv_scorers"] = got
    return got
