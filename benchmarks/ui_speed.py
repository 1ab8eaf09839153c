"""Speed of the review workbench: server-side time per operation and page render time.

    python -m benchmarks.ui_speed [--sizes 300 2000] [--repeat 5] [--browser]

For each size N it builds an N-sentence pair (N Turkish, N English sentences from the
``long-court`` sample cycled, 1-1 beads, QA flags) in a fresh SQLite store and measures:
- each review operation (``align.store.review``) as the page calls it, median ms;
- the Review page's script run in ``streamlit.testing.v1.AppTest`` (first render, and a
  rerun after a button click), median ms;
- with ``--browser`` (needs /usr/bin/chromium and playwright): time from a click in
  Chromium until the rerun is drawn, and from opening the page until the rows show.
Targets (issue 7): <= 200 ms per operation and <= 2 s per page on the 300-sentence pair.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def build_pair(n: int) -> Any:
    from align.io.goldseg import build_gold
    from align.qa.checks import run_checks
    from align.types import Alignment, Bead, Document, Signature

    gold = build_gold(ROOT / "samples" / "long-court")
    st, tt = gold.source.texts, gold.target.texts
    src = Document.from_texts([st[i % len(st)] for i in range(n)], "tr")
    tgt = Document.from_texts([tt[i % len(tt)] for i in range(n)], "en")
    beads = [Bead((i,), (i,), 0.25 + 0.7 * ((i * 37) % 100) / 100) for i in range(n)]
    return run_checks(Alignment(src, tgt, tuple(beads), Signature("lexical.v1")))


def timed(fn: Callable[[], Any], repeat: int) -> float:
    """Median wall time of ``fn`` in ms."""
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return statistics.median(out)


def ops_times(store: Any, pid: int, repeat: int) -> dict[str, float]:
    from align.store import review

    def v() -> int:
        return int(store.pair(pid).version)

    mid = len(store.load(pid).alignment.beads) // 2
    res: dict[str, float] = {}
    res["load (PairState)"] = timed(lambda: store.load(pid), repeat)
    res["confirm (set_status)"] = timed(
        lambda: review.set_status(store, pid, mid, "confirmed", version=v(), user="bench"),
        repeat)
    res["merge + undo"] = timed(lambda: (review.merge(store, pid, mid, "next", version=v(),
                                                      user="bench"),
                                         review.undo(store, pid, version=v(), user="bench")),
                                repeat) / 2
    res["link + undo"] = timed(lambda: (review.link(store, pid, mid + 1, mid, version=v(),
                                                    user="bench"),
                                        review.undo(store, pid, version=v(), user="bench")),
                               repeat) / 2
    res["edit English text"] = timed(
        lambda: review.edit_text(store, pid, "tgt", mid, f"Edited at {time.time()}.",
                                 version=v(), user="bench"), repeat)
    res["confirm all above"] = timed(
        lambda: review.confirm_above(store, pid, mid, version=v(), user="bench"), repeat)
    res["undo"] = timed(lambda: review.undo(store, pid, version=v(), user="bench"), repeat)
    return res


def apptest_times(pid: int, repeat: int) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    from ui.users import User

    def first() -> Any:
        at = AppTest.from_file(str(ROOT / "ui" / "app.py"), default_timeout=120)
        at.session_state["user"] = User("bench", "admin")
        at.session_state["review_pair"] = pid
        at.run()
        at.switch_page("views/review.py")
        return at

    at = first()
    t0 = timed(lambda: at.run(), 1)  # first render of the review page (state loaded)
    res = {"page: first render (AppTest)": t0}
    res["page: rerun after Next (AppTest)"] = timed(
        lambda: at.button(key="nav_next").click().run(), repeat)
    res["page: confirm & next round trip (AppTest)"] = timed(
        lambda: at.button(key="confirm_next").click().run(), repeat)
    return res


def browser_times(env: dict[str, str], pid: int, repeat: int) -> dict[str, float]:
    import subprocess

    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, wait_health
    from tests.e2e.support import settle
    from ui.users import Users

    Users().add("bench", "bench-password", "admin", replace=True)
    port = free_port()
    log = Path(env["ALIGN_HOME"]) / "streamlit.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"),
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    res: dict[str, float] = {}
    try:
        wait_health(url, proc, log)
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            pg = b.new_page(viewport={"width": 1500, "height": 1000})
            pg.goto(url)
            pg.get_by_label("User name").fill("bench")
            pg.get_by_role("textbox", name="Password").fill("bench-password")
            pg.get_by_role("button", name="Sign in").click()
            pg.get_by_role("heading", name="Queue").wait_for()
            t = time.perf_counter()
            pg.get_by_role("link", name="Review").first.click()
            pg.locator(".st-key-row_0, .st-key-editor").first.wait_for()
            pg.locator(".al-row").nth(10).wait_for()
            res["browser: open Review until rows drawn"] = (time.perf_counter() - t) * 1000
            settle(pg, 0.5)
            for name, key in (("Next", "nav_next"), ("Confirm & next", "confirm_next")):
                times = []
                for _ in range(repeat):
                    k = _focused(pg)
                    t = time.perf_counter()
                    pg.locator(f".st-key-{key} button").first.click()
                    done = (f".st-key-sel_{k + 1} [data-testid='stBaseButton-primary']"
                            + (f", .st-key-row_{k} .al-status.confirmed"
                               if key == "confirm_next" else ""))
                    pg.wait_for_function(
                        """(sel) => sel.split(', ').every(s => document.querySelector(s))
                           && !document.querySelector('[data-stale="true"]')""", arg=done)
                    times.append((time.perf_counter() - t) * 1000)
                    settle(pg, 0.05)
                res[f"browser: click {name} until redrawn"] = statistics.median(times)
            b.close()
    finally:
        proc.terminate()
        proc.wait(10)
    return res


def _focused(pg: Any) -> int:
    """Position of the focused row (its select button is the primary one)."""
    cls = pg.evaluate("""() => { const b = document.querySelector(
        '[class*="st-key-sel_"] [data-testid="stBaseButton-primary"]');
        const el = b && b.closest('[class*="st-key-sel_"]');
        return el ? el.className : ''; }""")
    return int(cls.split("st-key-sel_")[1].split()[0])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[300, 2000])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--browser", action="store_true", help="also time Chromium (playwright)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from align.store import open_store

    table: dict[str, dict[int, float]] = {}
    for n in args.sizes:
        tmp = Path(tempfile.mkdtemp(prefix=f"ui-speed-{n}-"))
        env = {**os.environ, "ALIGN_HOME": str(tmp / "data"),
               "ALIGN_DB": f"sqlite:///{tmp / 'align.db'}", "ALIGN_BCRYPT_ROUNDS": "4"}
        env.pop("ALIGN_USERS", None)
        os.environ.update({k: env[k] for k in ("ALIGN_HOME", "ALIGN_DB", "ALIGN_BCRYPT_ROUNDS")})
        store = open_store(env["ALIGN_DB"])
        store.create_project("bench", user="bench")
        t = time.perf_counter()
        pid = store.add_pair("bench", f"n{n}", build_pair(n), user="bench").id
        table.setdefault("import (add_pair)", {})[n] = (time.perf_counter() - t) * 1000
        for k, v in ops_times(store, pid, args.repeat).items():
            table.setdefault(k, {})[n] = v
        for k, v in apptest_times(pid, args.repeat).items():
            table.setdefault(k, {})[n] = v
        if args.browser:
            for k, v in browser_times(env, pid, args.repeat).items():
                table.setdefault(k, {})[n] = v
        store.close()
    sizes = args.sizes
    print("| measure (median ms) | " + " | ".join(f"{n} sentences" for n in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for name, row in table.items():
        print(f"| {name} | " + " | ".join(f"{row.get(n, float('nan')):.0f}" for n in sizes)
              + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
