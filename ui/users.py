"""Reviewer accounts: a JSON file of bcrypt hashes, written atomically.

File (default ``<ALIGN_HOME or ./align-data>/users.json``, see :func:`ui.config.users_path`)::

    {"schema": "align.users/1",
     "users": {"ayse": {"role": "reviewer", "hash": "$2b$12$…", "created_at": "2025-…Z"}}}

Roles: ``reviewer`` (reviews pairs) and ``admin`` (also manages users and deletes projects).
CLI: ``python -m ui.users add NAME --role reviewer|admin [--password P]`` (prompts when no
password is given), ``remove NAME``, ``list``, ``verify NAME``. Removing a user, or resetting
their password (``add --replace``), revokes their remembered sign-ins (:mod:`ui.sessions`).
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import getpass
import json
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from align.errors import AlignError
from ui.jsonfile import locked_json, read_table

if TYPE_CHECKING:
    from ui.sessions import Sessions

SCHEMA = "align.users/1"
ROLES = ("reviewer", "admin")
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
MIN_PASSWORD = 8
MAX_PASSWORD_BYTES = 72  # bcrypt only reads 72 bytes; bcrypt 5 refuses longer input


class UserError(AlignError):
    """A user name, role or password is not acceptable, or the user is unknown."""


@dataclass(frozen=True)
class User:
    """An account as the UI sees it (never the hash)."""

    name: str
    role: str
    created_at: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "created_at": self.created_at}


def _rounds() -> int:
    """bcrypt cost: 12 unless ``ALIGN_BCRYPT_ROUNDS`` (4..16) says otherwise (tests use 4)."""
    try:
        return min(16, max(4, int(os.environ.get("ALIGN_BCRYPT_ROUNDS", "12"))))
    except ValueError:
        return 12


def _check_password(password: str) -> bytes:
    raw = password.encode("utf-8")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"password too short: at least {MIN_PASSWORD} characters")
    if len(raw) > MAX_PASSWORD_BYTES:
        raise UserError(f"password too long: at most {MAX_PASSWORD_BYTES} bytes in UTF-8")
    return raw


class Users:
    """The users file at ``path`` (default :func:`ui.config.users_path`)."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            from ui.config import users_path

            path = users_path()
        self.path = Path(path)

    # -- reading -------------------------------------------------------------------------
    def _load(self) -> dict[str, dict[str, Any]]:
        return read_table(self.path, SCHEMA, "users", "users")

    def list(self) -> list[User]:
        """Every account, sorted by name."""
        return [User(n, str(u.get("role", "reviewer")), str(u.get("created_at", "")))
                for n, u in sorted(self._load().items())]

    def get(self, name: str) -> User | None:
        u = self._load().get(name)
        return None if u is None else User(name, str(u.get("role", "reviewer")),
                                           str(u.get("created_at", "")))

    def verify(self, name: str, password: str) -> User | None:
        """The user when ``password`` matches, else None (unknown users cost a hash too)."""
        import bcrypt

        u = self._load().get(name)
        stored = str(u.get("hash", "")) if u else ""
        raw = password.encode("utf-8")[:MAX_PASSWORD_BYTES]
        if not stored.startswith("$2"):
            bcrypt.checkpw(raw, _dummy_hash(_rounds()))  # same cost whether or not the name exists
            return None
        if not bcrypt.checkpw(raw, stored.encode("ascii")):
            return None
        return self.get(name)

    # -- writing -------------------------------------------------------------------------
    def _locked(self) -> contextlib.AbstractContextManager[dict[str, dict[str, Any]]]:
        """Load, let the caller change, write atomically; one writer at a time."""
        return locked_json(self.path, self._load, lambda users: json.dumps(
            {"schema": SCHEMA, "users": users}, indent=1, sort_keys=True))

    def add(self, name: str, password: str, role: str = "reviewer", *,
            replace: bool = False) -> User:
        """Create (or with ``replace``, reset) an account; raises UserError on bad input."""
        import bcrypt

        if not NAME_RE.match(name):
            raise UserError(f"bad user name {name!r}: letters, digits and _ . @ - only "
                            "(max 64, starting with a letter or digit)")
        if role not in ROLES:
            raise UserError(f"unknown role {role!r} (choose {' or '.join(ROLES)})")
        raw = _check_password(password)
        digest = bcrypt.hashpw(raw, bcrypt.gensalt(_rounds())).decode("ascii")
        with self._locked() as users:
            if name in users and not replace:
                raise UserError(f"user {name!r} already exists in {self.path}")
            created = users.get(name, {}).get("created_at") or _now()
            replaced = name in users
            users[name] = {"role": role, "hash": digest, "created_at": created}
        if replaced:  # a password reset signs the user out everywhere
            self.sessions().revoke_user(name)
        return User(name, role, created)

    def remove(self, name: str) -> bool:
        """Delete an account and revoke its remembered sign-ins; False when there was none."""
        with self._locked() as users:
            gone = users.pop(name, None) is not None
        self.sessions().revoke_user(name)
        return gone

    def sessions(self) -> Sessions:
        """The :class:`ui.sessions.Sessions` file that goes with this users file (beside it)."""
        from ui.sessions import Sessions

        return Sessions(self.path.with_name("sessions.json"))


@functools.cache
def _dummy_hash(rounds: int) -> bytes:
    import bcrypt

    return bcrypt.hashpw(b"not a password", bcrypt.gensalt(rounds))


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m ui.users`` (see the module docstring); exit 0, or 2 with a message."""
    ap = argparse.ArgumentParser(prog="python -m ui.users", description="Manage reviewers.")
    ap.add_argument("--file", help="users file (default: <ALIGN_HOME or ./align-data>/users.json)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p_add = sub.add_parser("add", help="add (or --replace) a user")
    p_add.add_argument("name")
    p_add.add_argument("--role", choices=ROLES, default="reviewer")
    p_add.add_argument("--password", help="password (prompted when absent)")
    p_add.add_argument("--replace", action="store_true", help="reset an existing user")
    sub.add_parser("list", help="list users")
    p_rm = sub.add_parser("remove", help="remove a user")
    p_rm.add_argument("name")
    p_ver = sub.add_parser("verify", help="check a password (prompted)")
    p_ver.add_argument("name")
    args = ap.parse_args(argv)
    users = Users(args.file)
    try:
        if args.cmd == "add":
            password = args.password
            if password is None:
                password = getpass.getpass(f"password for {args.name}: ")
                if getpass.getpass("again: ") != password:
                    raise UserError("the two passwords differ")
            u = users.add(args.name, password, args.role, replace=args.replace)
            print(f"added {u.name} ({u.role}) to {users.path}")
        elif args.cmd == "list":
            for u in users.list():
                print(f"{u.name}\t{u.role}\t{u.created_at}")
        elif args.cmd == "remove":
            if not users.remove(args.name):
                raise UserError(f"no user {args.name!r} in {users.path}")
            print(f"removed {args.name}")
        else:
            ok = users.verify(args.name, getpass.getpass(f"password for {args.name}: "))
            print("ok" if ok else "wrong name or password")
            return 0 if ok else 1
    except AlignError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
