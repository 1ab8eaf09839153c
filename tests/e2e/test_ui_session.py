"""Remembered sign-in in Chromium: sign in, reload (still signed in: the review page, no
sign-in form), sign out, reload (the sign-in form again); a forged cookie signs nobody in."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("align.store")

from tests.e2e.support import settle
from tests.e2e.test_ui_e2e import open_flagship, shot, sign_in, until
from ui.sessions import COOKIE, token_hash


def session_cookie(page: Any) -> str | None:
    return next((c["value"] for c in page.context.cookies() if c["name"] == COOKIE), None)


def sessions_file(server: Any) -> dict[str, Any]:
    path = Path(server.env["ALIGN_HOME"]) / "sessions.json"
    return json.loads(path.read_text())["sessions"] if path.exists() else {}


def signed_out(page: Any) -> None:
    page.get_by_label("User name").wait_for()
    assert page.get_by_role("heading", name="Queue").count() == 0


def test_sign_in_survives_reload(server: Any, page: Any) -> None:
    sign_in(page, server)
    token = until(lambda: session_cookie(page), what="the session cookie")
    cookie = next(c for c in page.context.cookies() if c["name"] == COOKIE)
    assert cookie["path"] == "/" and cookie["sameSite"] == "Strict" and cookie["expires"] > 0
    entry = sessions_file(server)[token_hash(token)]
    assert entry["user"] == server.user and token not in json.dumps(sessions_file(server))
    settle(page)
    shot(page, server, "session-signed-in")  # the cookie frame is hidden: no gap in the sidebar

    open_flagship(page)
    page.reload()
    page.locator(".st-key-confirm_next").wait_for()  # the review page, signed in
    settle(page)
    assert page.get_by_label("User name").count() == 0
    assert page.get_by_text(f"Signed in as {server.user}").count() >= 1
    shot(page, server, "session-reloaded")

    page.locator(".st-key-sign_out button").click()
    signed_out(page)
    until(lambda: session_cookie(page) is None, what="the cookie to be cleared")
    assert token_hash(token) not in sessions_file(server)
    page.reload()
    signed_out(page)


def test_forged_or_revoked_cookie(server: Any, page: Any) -> None:
    page.context.add_cookies([{"name": COOKIE, "value": "x" * 43, "url": server.url}])
    page.goto(server.url)
    signed_out(page)
    until(lambda: session_cookie(page) is None, what="the forged cookie to be cleared")

    sign_in(page, server)
    token = until(lambda: session_cookie(page), what="the session cookie")
    from ui.sessions import Sessions

    Sessions(Path(server.env["ALIGN_HOME"]) / "sessions.json").revoke(token)
    page.reload()
    signed_out(page)
