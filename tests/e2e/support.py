"""Shared set-up for the UI tests (AppTest ones in tests/test_ui_*.py and the browser ones
here): a data folder with users and a review store holding the flagship pair; the app served
by ``streamlit run`` on a free port, for Chromium."""
from __future__ import annotations

import contextlib
import functools
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "ui" / "app.py"
PASSWORDS = {"ayse": "ayse-password", "root": "root-password"}


@functools.cache
def flagship_alignment() -> Any:
    """The Bayraktar EDAM pair (gold segmentation) aligned by the lexical scorer, with QA
    flags: 36 Turkish, 12 English sentences."""
    from align.aligner import align_documents
    from align.io.goldseg import build_gold
    from align.qa.checks import run_checks

    gold = build_gold(ROOT / "samples" / "bayraktar" / "edam")
    return run_checks(align_documents(gold.source, gold.target, "lexical",
                                      mode="monotonic", profile="summary"))


@functools.cache
def planted_alignment() -> Any:
    """``samples/qa/bayraktar-edam`` (EDAM with planted errors) aligned, with QA flags."""
    from align.aligner import align_documents
    from align.io.goldseg import build_gold
    from align.qa.checks import run_checks

    gold = build_gold(ROOT / "samples" / "qa" / "bayraktar-edam")
    return run_checks(align_documents(gold.source, gold.target, "lexical"))


def synthetic_alignment(n: int) -> Any:
    """``n`` Turkish and ``n`` English sentences, aligned 1-1 (a long document pair)."""
    from align.types import Alignment, Bead, Document, Signature

    src = Document.from_texts([f"Türkçe cümle {i}: Ankara'da {i} kişi toplandı." for i in
                               range(n)], "tr")
    tgt = Document.from_texts([f"English sentence {i}: {i} people met in Ankara." for i in
                               range(n)], "en")
    beads = [Bead((i,), (i,), 0.3 + 0.6 * ((i * 37) % 100) / 100) for i in range(n)]
    return Alignment(src, tgt, tuple(beads), Signature("lexical.v1"))


@dataclass
class Workbench:
    home: Path
    db_url: str
    store: Any
    pair_id: int
    project: str = "bayraktar"

    def env(self) -> dict[str, str]:
        return {"ALIGN_HOME": str(self.home), "ALIGN_DB": self.db_url,
                "ALIGN_BCRYPT_ROUNDS": "4"}


def make_workbench(tmp: Path, monkeypatch: Any = None) -> Workbench:
    """Users ayse (reviewer) and root (admin), a store with project ``bayraktar`` holding
    the flagship pair ``block:1``; with ``monkeypatch``, the environment points at them."""
    from align.store import open_store
    from ui.users import Users

    home = tmp / "data"
    home.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{tmp / 'align.db'}"
    if monkeypatch is not None:  # AppTest runs the app in this process
        for k, v in {"ALIGN_HOME": str(home), "ALIGN_DB": url, "ALIGN_BCRYPT_ROUNDS": "4"}.items():
            monkeypatch.setenv(k, v)
        monkeypatch.delenv("ALIGN_USERS", raising=False)
    users = Users(home / "users.json")
    users.add("ayse", PASSWORDS["ayse"], "reviewer")
    users.add("root", PASSWORDS["root"], "admin")
    store = open_store(url)
    store.create_project("bayraktar", user="root")
    info = store.add_pair("bayraktar", "block:1", flagship_alignment(), user="root",
                          title="EDAM: Bayraktar TB-2 strike in Donbass")
    return Workbench(home, url, store, info.id)


def plain(markdown: str) -> str:
    """What the browser shows for Markdown made by ``ui.render.md`` (AppTest elements hold
    the Markdown source): the escapes, the hard breaks' backslashes and the empty
    ``:small[]`` splitters removed."""
    return re.sub(r"\\([!-/:-@\[-`{-~\n])", r"\1", markdown.replace(":small[]", ""))


def settle(page: Any, pause: float = 0.3) -> None:
    """Wait for the Streamlit rerun to finish: no "Running…" status and no stale element."""
    time.sleep(pause)
    page.wait_for_function(
        """() => { const w = document.querySelector('[data-testid="stStatusWidget"]');
                   return (!w || !/running/i.test(w.textContent || ''))
                          && !document.querySelector('[data-stale="true"]'); }""",
        timeout=30_000)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def need_browser() -> None:
    """Skip (fail under ``CI``) when Chromium or Playwright is missing."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(str(CHROMIUM))
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package")
    if missing and not os.environ.get("CI"):
        pytest.skip(f"end-to-end UI tests need {' and '.join(missing)}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    env: dict[str, str]
    user: str
    password: str
    artefacts: Path
    log: Path

    def store(self) -> Any:
        from align.store import open_store

        return open_store(self.env["ALIGN_DB"])


def wait_health(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}: "
                               f"{log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"streamlit did not become healthy in {timeout:.0f} s")


@contextlib.contextmanager
def streamlit_app(env: dict[str, str], log: Path) -> Iterator[str]:
    """``streamlit run ui/app.py`` on a free port of 127.0.0.1 with ``env``; yields its URL
    once healthy, stops it afterwards."""
    port = free_port()
    with open(log, "wb") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"),
             "--server.address", "127.0.0.1", "--server.port", str(port),
             "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_health(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def artefacts_dir(tmp: Path) -> Path:
    artefacts = Path(os.environ.get("ALIGN_ARTEFACTS") or tmp / "artefacts")
    artefacts.mkdir(parents=True, exist_ok=True)
    return artefacts
