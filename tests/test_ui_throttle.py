"""Sign-in throttling (ui.throttle): per account and per address, kept in the data folder
so fresh browser sessions cannot reset it."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

pytest.importorskip("align.store")
from streamlit.testing.v1 import AppTest

from tests.e2e.support import APP, PASSWORDS, Workbench
from ui import throttle as th
from ui.throttle import Throttle


class Clock:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


def test_backoff_per_account_and_address(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    t = Throttle(tmp_path / "throttle.json", now=clock)
    for _ in range(th.FREE_FAILURES):
        assert t.check("Ayşe", "10.0.0.1").allowed
        t.failed("Ayşe", "10.0.0.1")
    with caplog.at_level(logging.WARNING, "align.ui"):
        v = t.check("ayşe", "10.0.0.9")  # same account, case-folded, another address
    assert not v.allowed and v.key == "account:ayşe" and v.wait_s == pytest.approx(1.0)
    assert "sign-in refused without checking the password: account:ayşe" in caplog.text
    assert not t.check("mehmet", "10.0.0.1").allowed  # same address, another account
    assert t.check("mehmet", "10.0.0.2").allowed
    clock.t += 1.01
    assert t.check("ayşe", "10.0.0.9").allowed
    t.failed("ayşe", "10.0.0.9")  # sixth failure: the wait doubles
    clock.t += 1.5
    assert not t.check("ayşe", "10.0.0.9").allowed
    clock.t += 0.6
    assert t.check("ayşe", "10.0.0.9").allowed
    t.succeeded("AYŞE")  # clears the account, not the address
    assert t.check("ayşe", "10.0.0.9").allowed
    data = json.loads((tmp_path / "throttle.json").read_text())
    assert "account:ayşe" not in data["failures"] and "address:10.0.0.1" in data["failures"]
    clock.t += th.WINDOW_S
    assert t.check("x", "10.0.0.1").allowed  # old failures expire


def test_the_wait_is_capped_and_the_file_bounded(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    t = Throttle(tmp_path / "throttle.json", now=clock)
    for _ in range(30):
        t.failed("a", "1.1.1.1")
    assert t.check("a", "").wait_s == th.MAX_WAIT_S
    monkeypatch.setattr(th, "MAX_KEYS", 5)
    for i in range(10):
        clock.t += 1
        t.failed(f"user{i}", f"2.2.2.{i}")
    assert len(json.loads((tmp_path / "throttle.json").read_text())["failures"]) == 5


def _sign_in(name: str, password: str) -> AppTest:
    """A fresh browser session (its own session state) that submits the sign-in form."""
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.text_input(key="signin_name").input(name)
    at.text_input(key="signin_password").input(password)
    at.button[0].click().run()
    assert not at.exception
    return at


def _errors(at: AppTest) -> str:
    return " ".join(str(e.value) for e in at.error)


def test_fresh_sessions_do_not_reset_the_count(wb: Workbench) -> None:
    for _ in range(th.FREE_FAILURES):
        assert "Wrong user name or password" in _errors(_sign_in("ayse", "wrong"))
    at = _sign_in("ayse", PASSWORDS["ayse"])  # right password, but the account must wait
    assert "Too many failed sign-ins" in _errors(at) and "user" not in at.session_state
    assert (wb.home / "throttle.json").exists()  # kept in the data folder, not the session
