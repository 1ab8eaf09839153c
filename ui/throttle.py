"""Sign-in throttling per account and per client address, kept across sessions.

Failures are counted in ``throttle.json`` beside the users file (``<data>/throttle.json``),
so a new browser session, a reconnect or a second tab starts where the last one stopped.
Two keys are counted for every failed attempt: the account name (case-folded) and the
client address. After :data:`FREE_FAILURES` failures on a key within :data:`WINDOW_S`,
that key must wait ``2 ** (failures - FREE_FAILURES)`` seconds (at most :data:`MAX_WAIT_S`)
after its last failure before the next attempt is even checked. A successful sign-in clears
its account's count, never the address's (one good account must not unlock guessing at
others). Every failure and every refused attempt is logged on ``align.ui``.
"""
from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ui.jsonfile import locked_json, read_table

log = logging.getLogger("align.ui")

SCHEMA = "align.throttle/1"
FREE_FAILURES = 5
WINDOW_S = 15 * 60
MAX_WAIT_S = 300.0
MAX_KEYS = 10_000  # the file stays small whatever an attacker sends


@dataclass(frozen=True)
class Verdict:
    """Whether an attempt may be checked now; else how long to wait, and which key."""

    allowed: bool
    wait_s: float = 0.0
    key: str = ""


def _keys(account: str, address: str) -> list[str]:
    keys = [f"account:{account.strip().casefold()}"] if account.strip() else []
    return keys + [f"address:{address or 'unknown'}"]


class Throttle:
    """The throttle file at ``path`` (default: ``throttle.json`` beside the users file);
    ``now`` gives seconds since the epoch (tests pass a fake clock)."""

    def __init__(self, path: str | Path | None = None, *,
                 now: Callable[[], float] = time.time) -> None:
        if path is None:
            from ui.config import users_path

            path = users_path().with_name("throttle.json")
        self.path = Path(path)
        self.now = now

    def _load(self) -> dict[str, dict[str, Any]]:
        return read_table(self.path, SCHEMA, "failures", "throttle")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[dict[str, dict[str, Any]]]:
        def dump(table: dict[str, dict[str, Any]]) -> str:
            return json.dumps({"schema": SCHEMA, "failures": table}, indent=1)

        with locked_json(self.path, self._load, dump) as table:
            yield table

    def _live(self, entry: Any, now: float) -> int:
        """The failure count of an entry still inside the window, else 0."""
        if not isinstance(entry, dict):
            return 0
        last = entry.get("last")
        count = entry.get("count")
        if not isinstance(last, (int, float)) or not isinstance(count, int):
            return 0
        return count if now - last < WINDOW_S else 0

    def check(self, account: str, address: str) -> Verdict:
        """May an attempt for ``account`` from ``address`` be checked now?"""
        table, now = self._load(), self.now()
        worst = Verdict(True)
        for key in _keys(account, address):
            count = self._live(table.get(key), now)
            if count < FREE_FAILURES:
                continue
            wait = min(MAX_WAIT_S, 2.0 ** (count - FREE_FAILURES))
            left = table[key]["last"] + wait - now
            if left > 0 and left > worst.wait_s:
                worst = Verdict(False, left, key)
        if not worst.allowed:
            log.warning("sign-in refused without checking the password: %s has %d recent "
                        "failures; next attempt in %.0f s", worst.key,
                        self._live(table.get(worst.key), now), worst.wait_s)
        return worst

    def failed(self, account: str, address: str) -> None:
        """Count a failed attempt against the account and the address."""
        now = self.now()
        with self._locked() as table:
            for key in _keys(account, address):
                count = self._live(table.get(key), now) + 1
                table[key] = {"count": count, "last": now}
                log.warning("failed sign-in: %s (%d within %d min)", key, count,
                            WINDOW_S // 60)
            stale = [k for k, v in table.items() if not self._live(v, now)]
            for k in stale:
                del table[k]
            while len(table) > MAX_KEYS:  # oldest first
                del table[min(table, key=lambda k: table[k]["last"])]

    def succeeded(self, account: str) -> None:
        """Clear the account's count (the address keeps its own)."""
        key = _keys(account, "")[0] if account.strip() else ""
        if not key or key not in self._load():
            return
        with self._locked() as table:
            table.pop(key, None)
