"""Sign-in: a password form over the bcrypt users file, or OIDC through ``st.login`` when
``.streamlit/secrets.toml`` has an ``[auth]`` section."""
from __future__ import annotations

import time

import streamlit as st

from ui.users import User, Users

MAX_FAILURES = 5  # per browser session; then each attempt waits a little longer


def oidc_configured() -> bool:
    from streamlit.errors import Error as StreamlitError

    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitError):  # no secrets.toml, or an unreadable one
        return False


def _oidc_user() -> User | None:
    """The OIDC identity as a workbench user (role from users.json when listed there)."""
    from streamlit.errors import Error as StreamlitError

    try:
        if not st.user.is_logged_in:
            return None
    except (KeyError, AttributeError, StreamlitError):
        return None
    name = str(st.user.get("email") or st.user.get("name") or "oidc-user")
    known = Users().get(name)
    return known or User(name, "reviewer")


def signed_in_user() -> User | None:
    """The user of this browser session; picks up an OIDC login when there is one."""
    u = st.session_state.get("user")
    if isinstance(u, User):
        return u
    if oidc_configured():
        u = _oidc_user()
        if u is not None:
            st.session_state["user"] = u
            st.session_state["via"] = "oidc"
        return u
    return None


def render() -> None:
    st.title("Alignment review workbench")
    st.caption("Sign in to review Turkish–English alignments.")
    with st.form("signin"):
        name = st.text_input("User name", key="signin_name")
        password = st.text_input("Password", type="password", key="signin_password")
        ok = st.form_submit_button("Sign in", type="primary")
    if ok:
        fails = int(st.session_state.get("signin_failures", 0))
        if fails >= MAX_FAILURES:
            time.sleep(min(5.0, 0.5 * (fails - MAX_FAILURES + 1)))
        user = Users().verify(name.strip(), password) if name.strip() and password else None
        if user is None:
            st.session_state["signin_failures"] = fails + 1
            st.error("Wrong user name or password.")
        else:
            st.session_state["user"] = user
            st.session_state["via"] = "password"
            st.session_state.pop("signin_failures", None)
            st.rerun()
    if oidc_configured():
        st.divider()
        if st.button("Sign in with single sign-on"):
            st.login()
    st.caption("No account? An admin adds one with `python -m ui.users add NAME --role "
               "reviewer`.")


def sign_out() -> None:
    via = st.session_state.get("via")
    for k in list(st.session_state.keys()):
        del st.session_state[k]
    if via == "oidc":
        st.logout()
