"""Browser fixtures: the demo data (``python -m ui.demo --no-serve``) in a temporary data
folder, ``streamlit run ui/app.py`` on a free port, and Debian's Chromium via Playwright.

Skipped when /usr/bin/chromium or the playwright package is missing, unless ``CI`` is set
(then missing pieces fail the run). Screenshots go to ``$ALIGN_ARTEFACTS`` (or a tmp dir).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    Server,
    artefacts_dir,
    need_browser,
    streamlit_app,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    need_browser()
    tmp = tmp_path_factory.mktemp("ui-e2e")
    env = {**os.environ, "ALIGN_HOME": str(tmp / "data"),
           "ALIGN_DB": f"sqlite:///{tmp / 'align.db'}", "ALIGN_BCRYPT_ROUNDS": "4",
           "ALIGN_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    env.pop("ALIGN_USERS", None)
    demo = subprocess.run([sys.executable, "-m", "ui.demo", "--no-serve"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180, check=True)
    m = re.search(r"demo login: (\S+) / (\S+)", demo.stdout)
    assert m, demo.stdout + demo.stderr
    log = tmp / "streamlit.log"
    with streamlit_app(env, log) as url:
        yield Server(url, env, m.group(1), m.group(2), artefacts_dir(tmp), log)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need_browser()
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
