"""ui.render.md: user and document text made into Streamlit Markdown that shows literally.

Checked three ways: a CommonMark renderer (markdown-it) turns the output back into exactly
the text, with no element but paragraphs and line breaks; no Markdown character is left
unescaped; and none of the rewrites Streamlit 1.67's frontend applies to the parsed text
(icons, emoji, autolinks, typographic arrows and dashes; their regular expressions are copied
below from its StreamlitMarkdown bundle) finds a match between two ``:small[]`` splitters.
The browser test (tests/e2e/test_ui_hostile.py) checks the same in Chromium.
"""
from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.e2e.support import plain
from ui.render import md

HOSTILE = [
    "![x](http://127.0.0.2:9/p.png)",
    "[click](http://evil.example/a) <http://evil.example/b> [ref]\n\n[ref]: http://evil.example",
    "**bold** *it* __u__ _e_ ~~strike~~ `code` ``c`d``",
    ":red[x] :blue-background[y] :small[z] :color[c]{foreground=red} :help[h]",
    ":material/home: :material_home: :smile: :+1: :streamlit:",
    "$x^2$ and $$y$$ and \\(z\\)",
    "<img src=x onerror=alert(1)> <script>alert(1)</script> &amp; &lt; &#58;",
    "1. list", "- item", "+ item", "* item", "# heading", "> quote", "| a | b |\n|---|---|",
    "Title\n===", "Title\n---", "***", "```\ncode\n```", "    indented", "\tTabbed",
    "back\\slash \\*x\\* \\\\ end\\",
    "Türkçe ğüşıöçİĞÜŞÖÇ — “quotes” … Ankara'da",
    "see http://127.0.0.2:9/u, https://x.org, www.evil.example, WWW.EVIL.EXAMPLE, a@evil.example",
    "a -- b -> c <- d >= e <= f ~= g <-> h",
    "line one\nline two\r\nline three\n\n\n  # para two  \n> still text",
]

# Streamlit 1.67 rewrites of parsed text nodes (JavaScript \w is ASCII only).
REWRITES = [
    re.compile(r":material_(\w+):", re.ASCII),
    re.compile(r":streamlit:"),
    re.compile(r":\+1:|:-1:|:[\w-]+:", re.ASCII),  # remark-emoji
    re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.ASCII | re.IGNORECASE),
    re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII),  # GFM e-mail autolink
    re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)"),
]
EMOJI_NEEDED = re.compile(r":(?!material/|streamlit:)[\w+-][\w_+-]*:", re.ASCII)
SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:=&/@^")


BREAKS = re.compile(r"\r\n?|[\n\v\f\x85\u2028\u2029]")


def label_text(text: str) -> str:
    """What a one-line label shows: lines stripped, joined by a space, tabs as spaces."""
    lines = [ln.strip(" \t").replace("\t", " ") for ln in BREAKS.split(text)]
    return " ".join(ln for ln in lines if ln)


def block_paragraphs(text: str) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for ln in BREAKS.split(text):
        ln = ln.strip(" \t").replace("\t", " ")
        if ln:
            out[-1].append(ln)
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


def commonmark(source: str) -> str:
    mdit = pytest.importorskip("markdown_it")
    return mdit.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(source)


def unescaped(source: str) -> list[str]:
    """Markdown characters of ``source`` that no backslash escapes (splitters and hard-break
    backslashes left out)."""
    s = source.replace(":small[]", "").replace("\\\n", "\n")
    found, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in SPECIAL:
            i += 2
            continue
        if s[i] in SPECIAL:
            found.append(s[i])
        i += 1
    return found


def assert_literal_label(text: str) -> None:
    out = md(text)
    want = label_text(text)
    assert "\n" not in out and "\t" not in out
    assert not unescaped(out), (text, out)
    assert ":material/" not in out and not EMOJI_NEEDED.search(out)
    rendered = commonmark(out)
    if not want:
        assert rendered == ""
        return
    assert rendered.startswith("<p>") and rendered.endswith("</p>\n"), rendered
    inner = rendered[3:-5]
    assert "<" not in inner, rendered  # no element at all
    assert html.unescape(inner.replace(":small[]", "")).strip() == want.strip()
    assert plain(out) == want
    for piece in out.split(":small[]"):  # one text node each in Streamlit
        shown = plain(piece)
        for rx in REWRITES:
            assert not rx.search(shown), (text, piece, rx.pattern)


@pytest.mark.parametrize("text", HOSTILE)
def test_label_is_literal(text: str) -> None:
    assert_literal_label(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_block_keeps_lines_and_is_literal(text: str) -> None:
    out = md(text, block=True)
    assert not unescaped(out), (text, out)
    rendered = commonmark(out)
    paragraphs = re.findall(r"<p>(.*?)</p>", rendered, re.DOTALL)
    assert re.sub(r"<p>.*?</p>\n?", "", rendered, flags=re.DOTALL) == ""  # paragraphs only
    got = [[html.unescape(ln.replace(":small[]", "")) for ln in p.split("<br />\n")]
           for p in paragraphs]
    assert all("<" not in ln for p in paragraphs for ln in p.split("<br />\n"))
    assert got == block_paragraphs(text)
    assert plain(out) == "\n\n".join("\n".join(p) for p in block_paragraphs(text))


def test_examples() -> None:
    assert md("![x](http://e/p.png)") == r"\!\[x\]\(http\::small[]\/\/e\/p\.png\)"
    assert md("Ankara'da 5, ok?") == "Ankara'da 5, ok?"  # nothing to escape
    assert md("a\n\tb  \n") == "a b"
    assert md("www.x.org a@b.org") == r"www:small[]\.x\.org a\@:small[]b\.org"
    assert md("a -- b") == r"a \-:small[]\- b"
    assert md("one\ntwo\n\n\nthree", block=True) == "one\\\ntwo\n\nthree"
    assert md(ValueError("x_y")) == r"x\_y"


TEXT = st.text(st.one_of(st.sampled_from(sorted(SPECIAL) + list(" \n\t\r:@wW-<>=~ .")),
                         st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs"))),
               max_size=60)


@given(TEXT)
def test_any_label_is_literal(text: str) -> None:
    assert_literal_label(text)
