"""Remembered sign-ins: a browser keeps a random token in the ``align_session`` cookie, the
server keeps only the token's SHA-256 so that the file does not hold live credentials.

File (default :func:`ui.config.sessions_path`, ``sessions.json`` beside the users file)::

    {"schema": "align.sessions/1",
     "sessions": {"<sha256 hex of the token>": {"user": "ayse",
                  "created": "2025-…Z", "expires": "2025-…Z"}}}

A token (``secrets.token_urlsafe(32)``, 43 URL-safe characters) is good until ``expires``
(``ALIGN_SESSION_HOURS`` hours after sign-in, default 12) and only while its user is still
in the users file; the role always comes from the users file, never from this one.
Expired entries are dropped on every write. Writes are atomic and locked like the users
file's. Removing or resetting a user (:meth:`ui.users.Users.remove` / ``add --replace``)
revokes their sessions.

The cookie is written by a script in the page (:func:`cookie_script`); Streamlit 1.67 has
no server-side set-cookie API, so the cookie cannot be ``HttpOnly`` (page scripts can read
it). ``SameSite=Strict`` keeps it off cross-site requests, and ``Secure`` is added when
the page is served over HTTPS.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ui.jsonfile import locked_json, read_table

if TYPE_CHECKING:
    from ui.users import User, Users

SCHEMA = "align.sessions/1"
COOKIE = "align_session"
DEFAULT_HOURS = 12.0
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32,128}$")
_FMT = "%Y-%m-%dT%H:%M:%SZ"


def session_hours() -> float:
    """Lifetime of a sign-in in hours: ``ALIGN_SESSION_HOURS`` (> 0, at most a year) or 12."""
    try:
        h = float(os.environ.get("ALIGN_SESSION_HOURS", DEFAULT_HOURS))
    except ValueError:
        return DEFAULT_HOURS
    return min(h, 24 * 366.0) if h > 0 else DEFAULT_HOURS


def token_hash(token: str) -> str:
    """Hex SHA-256 of a token (what the file stores)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SessionInfo:
    """One remembered sign-in: ``user`` name, ``created`` and ``expires`` (ISO UTC, Z)."""

    user: str
    created: str
    expires: str

    def expired(self, now: datetime) -> bool:
        try:
            return _parse(self.expires) <= now
        except ValueError:
            return True


def _parse(s: str) -> datetime:
    return datetime.strptime(s, _FMT).replace(tzinfo=UTC)


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Sessions:
    """The sessions file at ``path`` (default :func:`ui.config.sessions_path`); ``now``
    gives the current UTC time (tests pass a fake clock)."""

    def __init__(self, path: str | Path | None = None, *,
                 now: Callable[[], datetime] = _utcnow) -> None:
        if path is None:
            from ui.config import sessions_path

            path = sessions_path()
        self.path = Path(path)
        self.now = now

    # -- reading -------------------------------------------------------------------------
    def _load(self) -> dict[str, dict[str, Any]]:
        return read_table(self.path, SCHEMA, "sessions", "sessions")

    def lookup(self, token: str) -> SessionInfo | None:
        """The live (unexpired) session of ``token``, or None (malformed, unknown, expired)."""
        if not isinstance(token, str) or not TOKEN_RE.match(token):
            return None
        e = self._load().get(token_hash(token))
        if not isinstance(e, dict):
            return None
        info = SessionInfo(str(e.get("user", "")), str(e.get("created", "")),
                           str(e.get("expires", "")))
        return None if not info.user or info.expired(self.now()) else info

    def verify(self, token: str, users: Users | None = None) -> User | None:
        """The :class:`ui.users.User` signed in by ``token`` (role from the users file), or
        None when the token is unknown, expired, malformed, or its user no longer exists.
        ``users``: a :class:`ui.users.Users` (default: the configured users file)."""
        info = self.lookup(token)
        if info is None:
            return None
        if users is None:
            from ui.users import Users

            users = Users()
        return users.get(info.user)

    def list(self) -> list[SessionInfo]:
        """Live sessions, oldest first (no tokens or hashes)."""
        now = self.now()
        out = [SessionInfo(str(e.get("user", "")), str(e.get("created", "")),
                           str(e.get("expires", ""))) for e in self._load().values()]
        return sorted((s for s in out if not s.expired(now)), key=lambda s: s.created)

    # -- writing -------------------------------------------------------------------------
    def _locked(self) -> contextlib.AbstractContextManager[dict[str, dict[str, Any]]]:
        """Load, let the caller change, drop expired entries, write atomically (0600)."""
        def dump(sessions: dict[str, dict[str, Any]]) -> str:
            now = self.now()
            live = {h: e for h, e in sessions.items()
                    if not SessionInfo(str(e.get("user", "")), "",
                                       str(e.get("expires", ""))).expired(now)}
            return json.dumps({"schema": SCHEMA, "sessions": live}, indent=1, sort_keys=True)

        return locked_json(self.path, self._load, dump)

    def create(self, user: str, hours: float | None = None) -> tuple[str, SessionInfo]:
        """A new token for ``user`` good for ``hours`` (default :func:`session_hours`);
        returns (token, info). Only the token's hash is stored."""
        token = secrets.token_urlsafe(32)
        now = self.now()
        info = SessionInfo(user, now.strftime(_FMT),
                           (now + timedelta(hours=hours or session_hours())).strftime(_FMT))
        with self._locked() as sessions:
            sessions[token_hash(token)] = {"user": info.user, "created": info.created,
                                           "expires": info.expires}
        return token, info

    def revoke(self, token: str) -> bool:
        """Forget one token (sign out); False when it was not there."""
        if not isinstance(token, str) or not token:
            return False
        with self._locked() as sessions:
            return sessions.pop(token_hash(token), None) is not None

    def revoke_user(self, name: str) -> int:
        """Forget every session of ``name``; how many there were."""
        if not self.path.exists():
            return 0
        with self._locked() as sessions:
            gone = [h for h, e in sessions.items() if e.get("user") == name]
            for h in gone:
                del sessions[h]
        return len(gone)

    def prune(self) -> None:
        """Drop expired entries now (every write does this too)."""
        if self.path.exists():
            with self._locked():
                pass


def cookie_script(token: str | None, max_age: int = 0) -> str:
    """An HTML page whose script sets (``token``) or clears (None) the ``align_session``
    cookie of the page that embeds it (a same-origin iframe: it writes ``parent``'s
    cookie, falling back to its own). ``max_age`` in seconds. Raises ValueError for a
    token that is not URL-safe base64, so nothing else can reach the script."""
    if token is not None and not TOKEN_RE.match(token):
        raise ValueError("not a session token")
    value = token or ""
    age = max(0, int(max_age)) if token is not None else 0
    return ("<script>(function(){var d;try{d=window.parent.document;}catch(e){d=document;}"
            "var s=(d.location&&d.location.protocol==='https:')?'; Secure':'';"
            f"d.cookie='{COOKIE}={value}; Path=/; SameSite=Strict; Max-Age={age}'+s;"
            "})();</script>")
