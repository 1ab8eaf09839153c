"""Browser fixtures: the demo data (``python -m ui.demo --no-serve``) in a temporary data
folder, ``streamlit run ui/app.py`` on a free port, and Debian's Chromium via Playwright.

Skipped when /usr/bin/chromium or the playwright package is missing, unless ``CI`` is set
(then missing pieces fail the run). Screenshots go to ``$ALIGN_ARTEFACTS`` (or a tmp dir).
"""
from __future__ import annotations

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

from tests.e2e.support import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _need_browser() -> None:
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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    _need_browser()
    tmp = tmp_path_factory.mktemp("ui-e2e")
    env = {**os.environ, "ALIGN_HOME": str(tmp / "data"),
           "ALIGN_DB": f"sqlite:///{tmp / 'align.db'}", "ALIGN_BCRYPT_ROUNDS": "4",
           "ALIGN_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    env.pop("ALIGN_USERS", None)
    demo = subprocess.run([sys.executable, "-m", "ui.demo", "--no-serve"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180, check=True)
    m = re.search(r"demo login: (\S+) / (\S+)", demo.stdout)
    assert m, demo.stdout + demo.stderr
    artefacts = Path(os.environ.get("ALIGN_ARTEFACTS") or tmp / "artefacts")
    artefacts.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = tmp / "streamlit.log"
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
        yield Server(url, env, m.group(1), m.group(2), artefacts, log)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    try:
        yield pg
    finally:
        ctx.close()
