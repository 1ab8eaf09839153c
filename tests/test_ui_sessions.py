"""Remembered sign-ins (ui/sessions.py): create, verify, expire, revoke, tampered tokens,
removed users, the file's shape, and the cookie script."""
from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ui import sessions as ss
from ui.sessions import Sessions, session_hours, token_hash
from ui.users import User, Users

FMT = "%Y-%m-%dT%H:%M:%SZ"


class Clock:
    """A settable clock starting now (writes by other code paths, e.g. Users.remove, use the
    real clock and prune what has expired by it)."""

    def __init__(self) -> None:
        self.t = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.t


@pytest.fixture
def users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Users:
    monkeypatch.setenv("ALIGN_BCRYPT_ROUNDS", "4")
    u = Users(tmp_path / "users.json")
    u.add("ayse", "ayse-password", "reviewer")
    u.add("root", "root-password", "admin")
    return u


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sessions(users: Users, clock: Clock) -> Sessions:
    return Sessions(users.path.with_name("sessions.json"), now=clock)


def test_create_and_verify(sessions: Sessions, users: Users, clock: Clock) -> None:
    token, info = sessions.create("ayse", hours=2)
    assert ss.TOKEN_RE.match(token) and len(token) >= 43
    assert (info.user, info.created, info.expires) == (
        "ayse", clock.t.strftime(FMT), (clock.t + timedelta(hours=2)).strftime(FMT))
    assert sessions.verify(token, users) == users.get("ayse")
    raw = sessions.path.read_text()
    assert token not in raw and token_hash(token) in raw  # only the hash is stored
    data = json.loads(raw)
    assert data["schema"] == ss.SCHEMA and list(data["sessions"]) == [token_hash(token)]
    assert os.stat(sessions.path).st_mode & 0o777 == 0o600
    other, _ = sessions.create("ayse", hours=2)
    assert other != token and len(sessions.list()) == 2


def test_role_comes_from_the_users_file(sessions: Sessions, users: Users) -> None:
    token, _ = sessions.create("ayse")
    users.add("ayse", "new-password-1", "admin", replace=True)  # a reset revokes …
    assert sessions.verify(token, users) is None
    token, _ = sessions.create("ayse")
    data = json.loads(sessions.path.read_text())
    data["sessions"][token_hash(token)]["role"] = "reviewer"  # … and a role here is ignored
    sessions.path.write_text(json.dumps(data))
    u = sessions.verify(token, users)
    assert isinstance(u, User) and u.role == "admin"


@pytest.mark.parametrize(("hours", "later", "alive"), [
    (12, timedelta(hours=11, minutes=59), True),
    (12, timedelta(hours=12), False),
    (0.5, timedelta(minutes=31), False),
    (48, timedelta(hours=47), True),
])
def test_expiry(sessions: Sessions, users: Users, clock: Clock, hours: float,
                later: timedelta, alive: bool) -> None:
    token, _ = sessions.create("ayse", hours=hours)
    clock.t += later
    assert (sessions.verify(token, users) is not None) is alive


def test_expired_entries_are_pruned_on_write(sessions: Sessions, clock: Clock) -> None:
    sessions.create("ayse", hours=1)
    clock.t += timedelta(hours=2)
    new, _ = sessions.create("root", hours=1)
    stored = json.loads(sessions.path.read_text())["sessions"]
    assert set(stored) == {token_hash(new)}
    clock.t += timedelta(hours=2)
    sessions.prune()
    assert json.loads(sessions.path.read_text())["sessions"] == {}


def test_revoke(sessions: Sessions, users: Users) -> None:
    a, _ = sessions.create("ayse")
    b, _ = sessions.create("ayse")
    r, _ = sessions.create("root")
    assert sessions.revoke(a) and not sessions.revoke(a)
    assert sessions.verify(a, users) is None and sessions.verify(b, users) is not None
    assert sessions.revoke_user("ayse") == 1 and sessions.revoke_user("nobody") == 0
    assert sessions.verify(b, users) is None and sessions.verify(r, users) is not None


def test_removing_a_user_revokes_and_unknown_users_fail(sessions: Sessions,
                                                        users: Users) -> None:
    a, _ = sessions.create("ayse")
    r, _ = sessions.create("root")
    assert users.remove("ayse")
    assert sessions.verify(a, users) is None and sessions.verify(r, users) is not None
    assert [s.user for s in sessions.list()] == ["root"]
    ghost, _ = sessions.create("ghost")  # a session whose user was never in users.json
    assert sessions.verify(ghost, users) is None


def test_cli_remove_revokes(sessions: Sessions, users: Users) -> None:
    from ui.users import main

    a, _ = sessions.create("ayse")
    assert main(["--file", str(users.path), "remove", "ayse"]) == 0
    assert sessions.lookup(a) is None


@pytest.mark.parametrize("mangle", [
    lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # one character changed
    lambda t: t + "x",
    lambda t: t[:20],
    lambda t: token_hash(t),  # the stored hash is not a token
    lambda t: "",
    lambda t: t[:-2] + "';",  # not URL-safe
    lambda t: " " + t,
])
def test_tampered_token(sessions: Sessions, users: Users, mangle: object) -> None:
    token, _ = sessions.create("ayse")
    assert callable(mangle)
    assert sessions.verify(mangle(token), users) is None
    assert sessions.verify(token, users) is not None


def test_missing_and_broken_files(tmp_path: Path, users: Users) -> None:
    from align.errors import SchemaError

    s = Sessions(tmp_path / "none" / "sessions.json")
    assert s.verify("x" * 43, users) is None and s.list() == [] and s.revoke_user("a") == 0
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "other"}')
    with pytest.raises(SchemaError, match="bad.json"):
        Sessions(bad).verify("x" * 43, users)


@pytest.mark.parametrize(("env", "hours"), [
    (None, 12.0), ("3", 3.0), ("0.25", 0.25), ("0", 12.0), ("-2", 12.0), ("many", 12.0)])
def test_session_hours(monkeypatch: pytest.MonkeyPatch, env: str | None,
                       hours: float) -> None:
    if env is None:
        monkeypatch.delenv("ALIGN_SESSION_HOURS", raising=False)
    else:
        monkeypatch.setenv("ALIGN_SESSION_HOURS", env)
    assert session_hours() == hours


def test_default_hours_from_env(sessions: Sessions, clock: Clock,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGN_SESSION_HOURS", "3")
    _, info = sessions.create("ayse")
    assert info.expires == (clock.t + timedelta(hours=3)).strftime(FMT)


def test_cookie_script() -> None:
    token = "A" * 43
    js = ss.cookie_script(token, 3600)
    assert f"align_session={token}; Path=/; SameSite=Strict; Max-Age=3600" in js
    assert "window.parent.document" in js and "Secure" in js
    assert "align_session=; Path=/; SameSite=Strict; Max-Age=0" in ss.cookie_script(None)
    with pytest.raises(ValueError):
        ss.cookie_script("abc'; alert(1); '" + "a" * 40, 10)
