"""AppTest runs of the remembered sign-in (cookie) and of the Link tab's crossing guard.
The browser side (the cookie really set, a real reload) is in tests/e2e/test_ui_session.py."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("align.store")
from streamlit.testing.v1 import AppTest

from tests.e2e.support import APP, PASSWORDS, Workbench, make_workbench
from ui.linking import refused_links
from ui.sessions import Sessions, token_hash
from ui.users import User, Users
from ui.widgets import signin


@pytest.fixture
def wb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workbench]:
    w = make_workbench(tmp_path, monkeypatch)
    yield w
    w.store.close()


def sessions(wb: Workbench) -> Sessions:
    return Sessions(wb.home / "sessions.json")


def browser(monkeypatch: pytest.MonkeyPatch, cookie: str | None) -> AppTest:
    """A new browser session that sent ``cookie`` (AppTest cannot seed cookies)."""
    monkeypatch.setattr(signin, "_cookie_token", lambda: cookie)
    return AppTest.from_file(str(APP), default_timeout=60).run()


def signed_in(at: AppTest) -> bool:
    return not at.exception and bool(at.title) and at.title[0].value == "Queue"


def test_password_sign_in_is_remembered_and_sign_out_forgets(
        wb: Workbench, monkeypatch: pytest.MonkeyPatch) -> None:
    at = browser(monkeypatch, None)
    at.text_input(key="signin_name").input("ayse")
    at.text_input(key="signin_password").input(PASSWORDS["ayse"])
    at.button[0].click().run()
    assert signed_in(at)
    token = at.session_state["session_token"]
    assert f"align_session={token}; Path=/; SameSite=Strict; Max-Age=43200" in \
        at.session_state["cookie_js"]
    stored = json.loads((wb.home / "sessions.json").read_text())["sessions"]
    assert stored[token_hash(token)]["user"] == "ayse"

    again = browser(monkeypatch, token)  # "reload": a new session with the cookie
    assert signed_in(again) and again.session_state["user"].name == "ayse"
    assert not [t for t in again.text_input if t.key == "signin_name"]

    again.button(key="sign_out").click().run()
    assert not again.exception and again.title[0].value == "Alignment review workbench"
    assert "Max-Age=0" in again.session_state["cookie_js"]
    assert sessions(wb).lookup(token) is None
    assert not signed_in(browser(monkeypatch, token))


@pytest.mark.parametrize("cookie", ["x" * 43, "not a token", ""])
def test_bad_cookie_shows_the_form(wb: Workbench, monkeypatch: pytest.MonkeyPatch,
                                   cookie: str) -> None:
    sessions(wb).create("ayse")
    at = browser(monkeypatch, cookie)
    assert not at.exception and at.title[0].value == "Alignment review workbench"
    if cookie:
        assert "Max-Age=0" in at.session_state["cookie_js"]  # the browser drops it


def test_removed_user_is_signed_out_at_the_next_run(wb: Workbench,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    token, _ = sessions(wb).create("ayse")
    at = browser(monkeypatch, token)
    assert signed_in(at)
    Users(wb.home / "users.json").remove("ayse")
    at.run()
    assert not at.exception and at.title[0].value == "Alignment review workbench"
    assert sessions(wb).list() == []


def test_role_follows_the_users_file(wb: Workbench, monkeypatch: pytest.MonkeyPatch) -> None:
    token, _ = sessions(wb).create("root")
    at = browser(monkeypatch, token)
    assert at.session_state["user"] == Users(wb.home / "users.json").get("root")
    assert at.session_state["user"].is_admin


def test_link_tab_greys_out_crossing_links(wb: Workbench) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["user"] = User("ayse", "reviewer")
    at.session_state["review_pair"] = wb.pair_id
    at.run()
    at.switch_page("views/review.py").run()
    aln = wb.store.load(wb.pair_id).alignment
    k = next(k for k, b in enumerate(aln.beads) if 1 in b.tgt)
    at.button(key=f"sel_{k}").click().run()
    assert not at.exception
    j = int(at.radio(key=f"ed_link_tgt_{k}").value or 0)
    shown = {int(b.key.rsplit("_", 1)[1]): b.disabled for b in at.button
             if b.key and b.key.startswith("ed_link_")}
    refused = refused_links(aln, j, sorted(shown))
    assert refused and len(refused) < len(shown)
    assert {i for i, off in shown.items() if off} == refused
    assert any("would make links cross" in str(c.value) for c in at.caption)
