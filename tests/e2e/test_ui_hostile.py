"""Hostile text in Chromium: a project whose every field (sentences on both sides, gloss,
post-edit original, flag message, comment, citation, project name, pair key and title,
assignee, the name of the last editor), the signed-in user's name and an upload's file name
hold Markdown, HTML, LaTeX and Streamlit shortcodes. Every page is drawn (Queue, Review with
all editor tabs, the unused-sentence list and the history, QA dashboard with the HTML report,
Export, Import with a failing upload, Users & projects) and then

- no request leaves 127.0.0.1 (the hostile URLs point at 127.0.0.2 and evil.example);
- no element comes out of the hostile text: no image or link to those hosts, no e-mail
  link, no KaTeX, no icon, emoji or coloured text, no bold, heading, list or quote;
- the hostile strings are shown as they are, character for character.
"""
from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest

pytest.importorskip("align.store")

from tests.e2e.support import Server, artefacts_dir, need_browser, settle, streamlit_app
from ui.exporting import pair_file_stem
from ui.render import text_excerpt

ADMIN = "mallory@evil.example"  # a valid user name; GFM would make it a mailto: link
PASSWORD = "mallory-password"
EVIL = "http://127.0.0.2:9"  # any fetch of it is a request that leaves 127.0.0.1


def payload(tag: str) -> str:
    """Markdown, a Streamlit directive, an icon shortcode and LaTeX, marked with ``tag``."""
    return f"![{tag}]({EVIL}/{tag}.png) **{tag}bold** :red[{tag}red] :material/home: $x^2$"


PROJECT = payload("proj")
KEY = f"[key](http://evil.example/key) :red[keyred] _keyem_ {EVIL}/key.png"
TITLE = f"[title](http://evil.example/title) {payload('title')} ğüşıöçİ"
USER = f"{payload('user')} user@evil.example"  # wrote the last change
ASSIGNEE = payload("assignee")
SRC = (
    f"![s0]({EVIL}/s0.png) **s0bold** :red[s0red] ğüşıöçİ a -- b",
    f"[s1](http://evil.example/s1) $x^2$ :material_home: <img src={EVIL}/s1raw.png>",
    f"# s2head ![s2]({EVIL}/s2.png) :streamlit: www.evil.example/s2",
)
TGT = (
    f"![t0]({EVIL}/t0.png) **t0bold** t0@evil.example back\\slash \\*t0\\*",
    "> t1quote [t1](http://evil.example/t1) :material/home: :smile: 1. t1list",
)
EDITED = f"Edited ![t0e]({EVIL}/t0e.png) **t0ebold** - t0elist"
GLOSS = tuple(f"gloss {payload(f'g{i}')}" for i in range(3))
FLAG = f"flag <img src={EVIL}/flag.png> **flagbold** $y$"
COMMENT = f"comment ![c]({EVIL}/c.png) **cbold** <script>alert(1)</script>"
CITATION = {"title": f"cite {payload('cite')}", "author": payload("author"),
            "url": f"{EVIL}/cite", "outlet": payload("outlet")}
UPLOAD = "![up](http:127.0.0.2:9) **upbold** $u$ [ul](http:evil.example) :red[upred].json"
MARKERS = ("projbold", "projred", "keyred", "keyem", "titlebold", "titlered", "userbold",
           "userred", "assigneebold", "s0bold", "s0red", "s2head", "t0bold", "t1quote",
           "t1list", "t0ebold", "t0elist", "g0bold", "g1bold", "flagbold", "cbold",
           "citebold", "authorbold", "outletbold", "upbold", "upred")
LOCAL = {"127.0.0.1", "localhost"}

CHECK = """([markers, citeUrl]) => {
  const bad = [], all = (s) => [...document.querySelectorAll(s)];
  const show = (e) => e.outerHTML.slice(0, 160);
  for (const e of all('img, image, source, video, audio, iframe, embed, object, link')) {
    const u = ['src', 'href', 'srcset', 'data', 'poster'].map((a) => e.getAttribute(a) || '')
      .join(' ');
    if (/127\\.0\\.0\\.2|evil/i.test(u)) bad.push('fetches: ' + show(e));
  }
  for (const e of all('a[href]')) {
    const h = e.getAttribute('href');
    if (h.startsWith('#') || h === citeUrl) continue;  // heading anchors; the report's source link
    if (/127\\.0\\.0\\.2|evil|^mailto:|^javascript:/i.test(h)) bad.push('link: ' + show(e));
  }
  for (const e of all('.katex, .katex-display, math, .stMarkdownColoredText, '
      + '.stMarkdownColoredBackground, streamlit-help-icon, '
      + '[data-testid=stMarkdownContainer] [role=img], [data-testid=stMarkdownContainer] img, '
      + '[data-testid=stCaptionContainer] img, [data-testid=stCaptionContainer] [role=img]'))
    bad.push('element: ' + show(e));
  for (const e of all('strong, em, b, i, del, s, code, pre, h1, h2, h3, h4, h5, h6, li, '
      + 'blockquote, table, script')) {
    const t = (e.textContent || '').trim();
    if (markers.some((m) => t.startsWith(m))) bad.push('markup: ' + show(e));
  }
  return bad;
}"""


def _fill(store: Any) -> None:
    from align.store import review
    from align.types import Alignment, Bead, Document, Flag, Severity, Signature

    src = Document.from_texts(SRC, "tr")
    tgt = Document.from_texts(TGT, "en")
    beads = (Bead((0,), (0,), 0.42, flags=(Flag("imported_note", Severity.MAJOR, FLAG,
                                                 src_span=(0, 8), tgt_span=(0, 8)),)),
             Bead((1,), (1,), 0.8), Bead((2,), (), 0.1))
    aln = Alignment(src, tgt, beads, Signature("lexical.v1", mode="free"),
                    meta={"gloss": {"source": list(GLOSS)}})
    store.create_project(PROJECT, user=USER)
    info = store.add_pair(PROJECT, KEY, aln, user=USER, title=TITLE, citation=CITATION)
    state = review.comment(store, info.id, 0, COMMENT, version=info.version, user=USER)
    state = review.edit_text(store, info.id, "tgt", 0, EDITED, version=state.info.version,
                             user=USER)
    store.assign(info.id, ASSIGNEE, version=state.info.version, user=USER)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A data folder holding only the hostile project, and the app serving it."""
    need_browser()
    from align.store import open_store
    from ui.users import Users

    tmp = tmp_path_factory.mktemp("ui-hostile")
    home = tmp / "data"
    home.mkdir()
    env = {**os.environ, "ALIGN_HOME": str(home), "ALIGN_DB": f"sqlite:///{tmp / 'align.db'}",
           "ALIGN_BCRYPT_ROUNDS": "4", "ALIGN_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    env.pop("ALIGN_USERS", None)
    Users(home / "users.json").add(ADMIN, PASSWORD, "admin")
    store = open_store(env["ALIGN_DB"])
    try:
        _fill(store)
    finally:
        store.close()
    log = tmp / "streamlit.log"
    with streamlit_app(env, log) as url:
        yield Server(url, env, ADMIN, PASSWORD, artefacts_dir(tmp), log)


def _shown(page: Any) -> str:
    """Text of the page and its frames (hidden tab panels included), spaces collapsed."""
    parts = [f.evaluate("() => document.body ? document.body.textContent : ''")
             for f in page.frames]
    return " ".join(" ".join(parts).split())


def _check(page: Any, where: str, literals: tuple[str, ...] = ()) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, where
    bad = [f"{where}: {b}" for f in page.frames
           for b in f.evaluate(CHECK, [list(MARKERS), CITATION["url"]])]
    assert not bad, "\n".join(bad)
    shown = _shown(page)
    missing = [s for s in literals if s not in shown]
    assert not missing, f"{where}: not shown as text: {missing}"


def _split_preview(text: str) -> str:
    """The Sentences tab's caption around the default split point."""
    mid = text.find(" ", len(text) // 2)
    at = mid if 0 < mid < len(text) else len(text) // 2
    return f"…{text_excerpt(text[:at][-40:], 40)} ‖ {text_excerpt(text[at:], 40)}…"


def _go(page: Any, link: str, heading: str | None = None) -> None:
    page.get_by_role("link", name=link).first.click()
    if heading:
        page.get_by_role("heading", name=heading).wait_for()
    settle(page)


def test_hostile_text_stays_text(hostile: Server, page: Any) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda ws: requests.append(ws.url))

    def local_only(route: Any) -> None:
        if urlsplit(route.request.url).hostname in LOCAL:
            route.continue_()
        else:
            route.abort()

    page.context.route("**/*", local_only)

    page.goto(hostile.url)
    page.get_by_label("User name").fill(ADMIN)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Queue").wait_for()
    settle(page)
    _check(page, "queue", (f"Signed in as {ADMIN}",))

    _go(page, "Review")
    page.locator(".st-key-confirm_next").wait_for()
    settle(page)
    for name in ("Link", "Sentences", "Edit English", "Flags & comments"):
        page.get_by_role("tab", name=re.compile("^" + re.escape(name))).first.click()
        time.sleep(0.2)
    for name in ("Unused Turkish sentences", "History"):
        page.locator("summary").filter(has_text=name).first.click()
    settle(page)
    page.screenshot(path=str(hostile.artefacts / "hostile-review.png"), full_page=True)
    _check(page, "review", (
        TITLE, f"{PROJECT} / {KEY}", f"by {USER}",  # the heading and the caption under it
        f"tr0: {SRC[0]}", f"tr1: {SRC[1]}", f"tr2: {SRC[2]}",  # Link tab buttons
        f"en0: {EDITED}", f"en1: {TGT[1]}",  # Link tab radio options
        f"original: {TGT[0]}",  # Edit English caption
        f"tr2: {SRC[2][:59]}…",  # the unused-sentence button (an excerpt)
        _split_preview(SRC[0]),  # the Sentences tab's caption
        FLAG, COMMENT, GLOSS[0]))  # HTML pieces (escaped by ui.render)

    _go(page, "QA dashboard", "QA dashboard")
    report = page.locator("[data-testid=stExpander]").filter(has_text="Full HTML report")
    report.locator("summary").click()
    report.frame_locator("iframe").locator("table").first.wait_for()
    settle(page, 1.0)
    _check(page, "qa", (TITLE,))

    _go(page, "Export", "Export")
    _check(page, "export")
    name = pair_file_stem(SimpleNamespace(project=PROJECT, key=KEY)) + ".tmx"
    assert "__" in name  # Markdown would make bold of "__…__"
    assert page.locator(".st-key-ex_download button").inner_text() == f"Download {name}"

    _go(page, "Import", "Import")
    page.get_by_text("Alignment JSON").first.click()
    settle(page)
    page.locator(".st-key-imp_json input[type=file]").set_input_files(
        files=[{"name": UPLOAD, "mimeType": "application/json", "buffer": b"{}"}])
    settle(page, 1.0)
    page.locator(".st-key-imp_go_json button").click()
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="Import failed")
    alert.wait_for()
    settle(page)
    _check(page, "import", (f"Import failed: {UPLOAD} is neither",))
    assert str(Path(hostile.env["ALIGN_HOME"])) not in alert.inner_text()

    _go(page, "Users & projects", "Users & projects")
    _check(page, "admin")

    outside = sorted({u for u in requests if urlsplit(u).hostname not in LOCAL})
    assert not outside, f"requests that left 127.0.0.1: {outside}"
    assert requests, "no request seen: the recorder is broken"
