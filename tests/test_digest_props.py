"""Property tests: render_digest(parse_digest(t)) is t minus dropped copies and junk, and the
citation fields written into generated digests come back out."""
from __future__ import annotations

import datetime as dt
import json

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from align.digest import Digest, parse_citation, parse_digest, render_digest

LETTERS = "abcçdefgğhıijklmnoöprsştuüvyz"
word = st.text(LETTERS, min_size=1, max_size=8)
cap = word.map(lambda w: w[:1].upper() + w[1:])
words = st.lists(word, min_size=1, max_size=5).map(" ".join)
name = st.lists(cap, min_size=1, max_size=3).map(" ".join)
title = st.tuples(cap, words, st.sampled_from(["", "’ın", ":", "?"])).map(
    lambda t: f"{t[0]} {t[1]}{t[2]}" if t[2] != ":" else f"{t[0]}: {t[1]}")
sentence = st.tuples(cap, st.lists(word, min_size=1, max_size=8),
                     st.sampled_from([".", "…", "?", "!", "."])).map(
    lambda t: " ".join([t[0], *t[1]]) + t[2])
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
FORMATS = [
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: d.isoformat(),
]
QUOTES = [("“", ",”"), ("“", "”,"), ('"', ',"'), ('"', '",'), ("«", "»,")]
JUNK = ["Hits: 0", "Share this:", "Print", "Tweet", "Related posts", "42", "* * *",
        "We use cookies to improve your experience.", "Like this:", "Loading..."]


@st.composite
def citations(draw: st.DrawFn) -> tuple[str, dict]:
    f = {
        "author": draw(st.none() | name.map(lambda n: "Dr. " + n) | name),
        "title_tr": draw(title), "title_en": draw(st.none() | title),
        "outlet": draw(name), "outlet_desc": draw(st.none() | words),
        "date": draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))),
        "url": draw(st.none() | word.map(lambda w: f"https://www.example.com.tr/{w}-1")),
    }
    op, cl = draw(st.sampled_from(QUOTES))
    t = f["title_tr"] + (f" ({f['title_en']})" if f["title_en"] else "")
    outlet = f["outlet"] + (f" ({f['outlet_desc']})" if f["outlet_desc"] else "")
    date = draw(st.sampled_from(FORMATS))(f["date"])
    head = f"{f['author']}, " if f["author"] else ""
    parts = [outlet, date] if draw(st.booleans()) else [date, outlet]
    line = f"Source: {head}{op}{t}{cl} {parts[0]}, {parts[1]}."
    if f["url"]:
        line += draw(st.sampled_from([" ", "\n", "\n\n"])) + f["url"]
    f["date"] = f["date"].isoformat()
    return line, f


@st.composite
def digests(draw: st.DrawFn) -> tuple[str, str, list[dict], int, list[str]]:
    """(text, expected render, citation fields per kept block, duplicates, junk lines)."""
    lead = draw(st.lists(paragraph, max_size=3))
    blocks = draw(st.lists(st.tuples(citations(), st.lists(paragraph, max_size=3)),
                           min_size=1, max_size=4))
    keys = [(" ".join(c[0].split()), " ".join(" ".join(p).split())) for c, p in blocks]
    assume(len(set(keys)) == len(keys))
    chunks = lead + [x for (c, ps) in blocks for x in [c[0], *ps]]
    expected = "\n\n".join(chunks)
    n_dup = 0
    if draw(st.booleans()):  # a scraping repeat of one block, inserted after it
        k = draw(st.integers(0, len(blocks) - 1))
        (line, _), ps = blocks[k]
        at = draw(st.integers(k + 1, len(blocks)))
        blocks_text = [[c[0], *p] for c, p in blocks]
        blocks_text.insert(at, [line, *ps])
        chunks = lead + [x for b in blocks_text for x in b]
        n_dup = 1
    junk = draw(st.lists(st.sampled_from(JUNK), max_size=4))
    text = "\n\n".join(chunks)
    if junk:
        text += draw(st.sampled_from(["\n\n", "\n"])) + draw(st.sampled_from(["\n", "\n\n"])).join(junk)
    if draw(st.booleans()):
        text, expected = text + "\n", expected + "\n"
    return text, expected, [c[1] for c, _ in blocks], n_dup, junk


@settings(max_examples=150, deadline=None)
@given(digests())
def test_render_parse_round_trip(case: tuple[str, str, list[dict], int, list[str]]) -> None:
    text, expected, fields, n_dup, junk = case
    d = parse_digest(text)
    assert render_digest(d) == expected
    assert len(d.blocks) == len(fields) and len(d.duplicates) == n_dup
    assert d.junk == tuple(junk)
    for b, f in zip(d.blocks, fields):
        got = {k: getattr(b.citation, k) for k in f}
        assert got == f
        assert b.citation.warnings == (() if f["url"] else ("no URL found",))
        assert text[b.start:b.end].startswith(b.citation.raw)
    for kept, (s, e) in d.duplicates:
        assert text[s:e].startswith(d.blocks[kept].citation.raw)
    assert Digest.from_dict(json.loads(json.dumps(d.to_dict()))) == d


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_parse_never_raises_and_render_is_stable(text: str) -> None:
    d = parse_digest(text)
    once = render_digest(d)
    assert render_digest(parse_digest(once)).strip() == once.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_citation_never_raises(body: str) -> None:
    c = parse_citation("Source: " + body)
    assert c.raw == "Source: " + body
    assert c.date is None or len(c.date) == 10
