"""End to end in Chromium: sign in, open the flagship Bayraktar EDAM pair, merge two beads,
link a Turkish sentence, edit an English sentence, confirm all above, reload (still signed
in; all still there, on the page and in the store), undo one change, export TMX and read it."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

pytest.importorskip("align.store")

from tests.e2e.support import settle

EDIT = "Ukraine used a Bayraktar TB2 drone against a separatist howitzer in Donbas."


def until(cond: Callable[[], Any], timeout: float = 15, what: str = "") -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = cond()
        if v:
            return v
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what or cond}")


def sign_in(page: Any, server: Any) -> None:
    page.goto(server.url)
    page.get_by_label("User name").fill(server.user)
    page.get_by_role("textbox", name="Password").fill(server.password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Queue").wait_for()


def open_flagship(page: Any) -> None:
    page.get_by_role("link", name="Review").first.click()
    page.locator(".st-key-confirm_next").wait_for()
    settle(page)


def key(page: Any, k: str) -> Any:
    return page.locator(f".st-key-{k} button").first


def tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=name).first.click()
    time.sleep(0.2)


def shot(page: Any, server: Any, name: str) -> None:
    """The whole review page: Streamlit scrolls inside its main block, not the document,
    so the viewport is made as tall as that block for the picture."""
    size = page.viewport_size
    h = page.evaluate("() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
                      " return m ? m.scrollHeight : document.body.scrollHeight; }")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"],
                                                                  min(int(h), 8000))})
    time.sleep(0.5)
    page.screenshot(path=str(server.artefacts / f"{name}.png"))
    page.set_viewport_size(size)


def test_review_round_trip(server: Any, page: Any) -> None:
    store = server.store()
    pair = next(p for p in store.list_pairs("bayraktar") if p.key == "block:1")
    start = store.load(pair.id)
    n0 = len(start.alignment.beads)
    sign_in(page, server)
    open_flagship(page)
    assert page.get_by_text(start.alignment.target.sentences[0].text[:40]).count() >= 1
    shot(page, server, "review-start")

    # Merge the first two beads.
    key(page, "sel_0").click()
    settle(page)
    key(page, "ed_merge_next").click()
    settle(page)
    until(lambda: len(store.load(pair.id).alignment.beads) == n0 - 1, what="merge")

    # Link a Turkish sentence to English sentence 0 (focus its bead, Link tab, click ＋).
    s = store.load(pair.id)
    k = next(k for k, b in enumerate(s.alignment.beads) if 0 in b.tgt)
    # An unused Turkish sentence right next to it (monotonic pairs refuse crossing links).
    beads = s.alignment.beads
    spare = max(beads[k - 1].src) if k and not beads[k - 1].tgt else min(beads[k + 1].src)
    key(page, f"sel_{k}").click()
    settle(page)
    tab(page, "Link")
    shot(page, server, "review-link-tab")
    key(page, f"ed_link_{spare}").click()
    settle(page)
    until(lambda: spare in next(b.src for b in store.load(pair.id).alignment.beads
                                if 0 in b.tgt), what="link")

    # Edit English sentence 0 inline.
    tab(page, "Edit English")
    box = page.locator(f"[class*='st-key-ed_text_{pair.id}_0_'] textarea").first
    box.fill(EDIT)
    box.press("Tab")
    settle(page)
    key(page, "ed_save_0").click()
    settle(page)
    until(lambda: store.load(pair.id).alignment.target.sentences[0].text == EDIT, what="edit")

    # Confirm all above (from the bead holding English sentence 2).
    s = store.load(pair.id)
    k2 = next(k for k, b in enumerate(s.alignment.beads) if 2 in b.tgt)
    key(page, f"sel_{k2}").click()
    settle(page)
    tab(page, "Bead")
    key(page, "ed_confirm_above").click()
    settle(page)
    until(lambda: all(b.status.value == "confirmed"
                      for b in store.load(pair.id).alignment.beads[:k2 + 1]), what="confirm")
    shot(page, server, "review-edited")

    # Reload: a fresh session, still signed in (the align_session cookie), same data on
    # the page and in the store.
    until(lambda: any(c["name"] == "align_session" for c in page.context.cookies()),
          what="the session cookie")
    page.reload()
    page.locator(".st-key-confirm_next").wait_for()
    settle(page)
    assert page.get_by_label("User name").count() == 0
    assert page.get_by_text(EDIT).count() >= 1
    n_confirmed = page.locator(".al-status.confirmed").count()
    s = store.load(pair.id)
    assert n_confirmed == sum(1 for b in s.alignment.beads[:25] if b.status.value == "confirmed")
    assert n_confirmed >= k2 + 1 and len(s.alignment.beads) < n0
    shot(page, server, "review-reloaded")

    # Keyboard: Y confirms the focused bead and moves on.
    before = store.load(pair.id)
    focus = next(k for k, b in enumerate(before.alignment.beads)
                 if b.status.value == "auto" and b.tgt)
    key(page, f"sel_{focus}").click()
    settle(page)
    page.locator("body").press("y")
    settle(page)
    until(lambda: store.load(pair.id).alignment.beads[focus].status.value == "confirmed",
          what="shortcut Y")

    # Undo the last change (the shortcut confirm).
    key(page, "undo").click()
    settle(page)
    until(lambda: store.load(pair.id).alignment.beads[focus].status.value == "auto",
          what="undo")
    after = store.load(pair.id)
    assert after.alignment.target.sentences[0].text == EDIT  # earlier changes stay
    assert after.info.updated_by == server.user

    # Export TMX and read it.
    page.get_by_role("link", name="Export").first.click()
    page.get_by_role("heading", name="Export").wait_for()
    settle(page)
    with page.expect_download() as dl:
        page.locator(".st-key-ex_download button").first.click()
    tmx = dl.value.path().read_text(encoding="utf-8")
    assert "<tmx" in tmx and EDIT in tmx
    assert tmx.count("<tu") >= 1
    store.close()


@pytest.mark.parametrize(("link", "heading"), [
    ("Queue", "Queue"), ("QA dashboard", "QA dashboard"), ("Import", "Import"),
    ("Export", "Export"), ("Users & projects", "Users & projects")])
def test_pages_render(server: Any, page: Any, link: str, heading: str) -> None:
    sign_in(page, server)
    page.get_by_role("link", name=link).first.click()
    page.get_by_role("heading", name=heading).wait_for()
    settle(page, 1.0)
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, server, "page-" + link.lower().replace(" ", "-").replace("&", "and"))
