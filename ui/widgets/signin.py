"""Sign-in: a password form over the bcrypt users file, or OIDC through ``st.login`` when
``.streamlit/secrets.toml`` has an ``[auth]`` section.

A password sign-in is remembered for ``ALIGN_SESSION_HOURS`` (default 12) through the
``align_session`` cookie (:mod:`ui.sessions`): a new browser session (a reload, a new tab)
reads it once with ``st.context.cookies`` and signs the reviewer back in. Streamlit 1.67 has
no set-cookie API, so the cookie is written by a script in a hidden same-origin iframe
(:func:`ui.widgets.common.cookie_sync`); it therefore cannot be ``HttpOnly``. Every run
re-checks the token, so a revoked session (user removed, password reset, sign-out
elsewhere) ends at the next interaction.
"""
from __future__ import annotations

import logging

import streamlit as st

from align.errors import AlignError
from ui import sessions as ss
from ui.throttle import Throttle
from ui.users import User, Users

log = logging.getLogger("align.ui")


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


def _cookie_token() -> str | None:
    """The ``align_session`` cookie the browser sent when this session connected."""
    return st.context.cookies.get(ss.COOKIE)  # empty when no browser is behind the session


def _verify(token: str) -> User | None:
    try:
        return ss.Sessions().verify(token)
    except (AlignError, OSError) as e:
        log.warning("cannot check the remembered sign-in: %s", e)
        return None


def _clear() -> None:
    """Forget this browser session's sign-in, and have the browser drop the cookie."""
    for k in list(st.session_state.keys()):
        del st.session_state[k]
    st.session_state["cookie_checked"] = True  # the cookie sent at connect time is spent
    st.session_state["cookie_js"] = ss.cookie_script(None)


def _remembered_user() -> User | None:
    """Once per browser session: the user of a valid ``align_session`` cookie."""
    if st.session_state.get("cookie_checked"):
        return None
    st.session_state["cookie_checked"] = True
    token = _cookie_token()
    if not token:
        return None
    user = _verify(token)
    if user is None:  # expired, revoked, tampered, or the user is gone: drop the cookie
        st.session_state["cookie_js"] = ss.cookie_script(None)
        return None
    st.session_state.update(user=user, via="cookie", session_token=token)
    return user


def signed_in_user() -> User | None:
    """The user of this browser session; picks up an OIDC login or a remembered sign-in
    (cookie) when there is one. A remembered token is re-checked on every run."""
    u = st.session_state.get("user")
    if isinstance(u, User):
        token = st.session_state.get("session_token")
        if isinstance(token, str):
            fresh = _verify(token)
            if fresh is None:
                _clear()
                return None
            if fresh != u:  # role changed in users.json
                st.session_state["user"] = fresh
            return fresh
        return u
    if oidc_configured():
        u = _oidc_user()
        if u is not None:
            st.session_state["user"] = u
            st.session_state["via"] = "oidc"
            return u
    return _remembered_user()


def _remember(user: User) -> None:
    """Create the server-side session and queue the cookie for the browser; a sign-in
    still works (for this browser session only) when the sessions file cannot be written."""
    try:
        token, _info = ss.Sessions().create(user.name)
    except (AlignError, OSError) as e:
        log.warning("cannot remember the sign-in of %s: %s", user.name, e)
        return
    st.session_state["session_token"] = token
    st.session_state["cookie_js"] = ss.cookie_script(token, int(ss.session_hours() * 3600))


def render() -> None:
    st.title("Alignment review workbench")
    st.caption("Sign in to review Turkish–English alignments.")
    with st.form("signin"):
        name = st.text_input("User name", key="signin_name")
        password = st.text_input("Password", type="password", key="signin_password")
        ok = st.form_submit_button("Sign in", type="primary")
    if ok:
        _attempt(name.strip(), password)
    if oidc_configured():
        st.divider()
        if st.button("Sign in with single sign-on"):
            st.login()
    st.caption("No account? An admin adds one with `python -m ui.users add NAME --role "
               "reviewer`.")


def _client_address() -> str:
    """The browser's address as the server sees it ("" when unknown, e.g. in tests)."""
    try:
        return str(st.context.ip_address or "")
    except Exception:  # noqa: BLE001 - no request context (bare mode)
        return ""


def _attempt(name: str, password: str) -> None:
    """Check a password sign-in through the throttle (:mod:`ui.throttle`)."""
    throttle, address = Throttle(), _client_address()
    try:
        verdict = throttle.check(name, address)
    except (AlignError, OSError) as e:  # fail closed: no unthrottled guessing
        log.error("sign-in refused: the throttle file cannot be read: %s", e)
        st.error("Sign-in is unavailable right now (the sign-in records cannot be read); "
                 "ask an admin to check the server log.")
        return
    if not verdict.allowed:
        st.error(f"Too many failed sign-ins from this account or address. Try again in "
                 f"{verdict.wait_s:.0f} s.")
        return
    user = Users().verify(name, password) if name and password else None
    if user is None:
        throttle.failed(name, address)
        st.error("Wrong user name or password.")
        return
    throttle.succeeded(name)
    st.session_state["user"] = user
    st.session_state["via"] = "password"
    _remember(user)
    st.rerun()


def sign_out() -> None:
    """End the sign-in: delete the server-side session, clear the cookie and the state."""
    via = st.session_state.get("via")
    token = st.session_state.get("session_token")
    if isinstance(token, str):
        try:
            ss.Sessions().revoke(token)
        except (AlignError, OSError) as e:
            log.warning("cannot delete the remembered sign-in: %s", e)
    _clear()
    if via == "oidc":
        st.logout()
