"""Shared Streamlit helpers: the store (one per database URL and process), the signed-in
user, page CSS and error display."""
from __future__ import annotations

import os
from typing import Any

import streamlit as st

from ui.render import CSS
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


def flash() -> None:
    """Show (once) a message a callback left in ``st.session_state["flash"]``."""
    msg = st.session_state.pop("flash", None)
    if msg:
        level, text = msg
        getattr(st, level)(text)


def set_flash(level: str, text: str) -> None:
    st.session_state["flash"] = (level, text)
