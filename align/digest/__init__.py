"""Reading English digests of the Turkish press (``align.digest``).

The format
==========
A digest is plain text made of paragraphs separated by blank lines::

    <lead: paragraphs that summarise, before the first citation>

    Source: Dr. Can Kasapoğlu, “Türkçe başlık (English title),” EDAM (Center for …, an
    Istanbul-based independent Turkish think-tank), 27 October 2021. https://edam.org.tr/…

    <translated excerpt paragraphs; "…" marks omissions>

    Source: “Başka başlık (Another title),” Gazete Duvar (an independent Turkish Daily), …

    <excerpts>

``parse_digest(text, path=None) -> Digest`` splits it into ``lead`` and ``blocks`` (one per
citation line with the excerpt paragraphs up to the next one), and reports what it dropped in
``duplicates``, ``junk`` and ``notes``. ``render_digest(digest) -> str`` writes the text back.
It never raises on content: whatever it cannot read becomes a note or a citation warning.
``align.digest.roles`` finds the same citation lines, editorial framing and the lead in any
segmented English document (what ``align pair`` records in ``meta["roles"]``).

Citation lines
==============
* A citation line is any line that starts with ``Source:``, ``Sources:``, ``Kaynak:`` or
  ``Kaynaklar:`` (any case, optionally ``**bold**``). It always starts a new block, even in the
  middle of a paragraph. Consecutive citation lines make consecutive blocks (the first one
  without excerpts, which is noted).
* Fields (``Citation``): ``author`` (text before the quoted title; ``None`` when absent),
  ``title_tr`` and ``title_en`` (``“Türkçe (English),”``: the final parenthesised part of the
  quoted title, or a parenthesised part right after the closing quote; ``None`` for a single
  title), ``outlet`` and ``outlet_desc`` (``EDAM (description)``), ``date`` (ISO; from
  ``27 October 2021``, ``October 27, 2021``, ``27.10.2021``, ``27/10/2021``, ``2021-10-27``,
  ``27 Ekim 2021``; it may stand before or after the outlet), ``url``.
* Quotes may be curly, straight, „low“ or «guillemets» (‘single’ ones only when no double
  quote is there); the comma may sit inside (``,”``) or outside (``”,``) them. Quotes nested
  in a title stay in the title.
* A URL alone on the next non-blank line after a citation without a URL belongs to the
  citation; ``Citation.raw`` then holds both lines.
* ``Sources: a; b`` (or a ``Source:`` line with several ``;``-separated citations): ONE block
  whose excerpts may come from any of them: ``Block.citation`` is the first, ``Block.also``
  the others, ``Block.citations`` all. A ``;`` splits only outside quotes and parentheses and
  only before a part with its own quote, URL or date.
* A malformed citation keeps its raw text, fills the fields it can and lists what went wrong
  in ``Citation.warnings`` (no title in quotes, unclosed quote, no date, no outlet, no URL, …);
  each warning is also a note (``source block 2 citation: no URL found``).

Duplicates
==========
A block whose citation text AND excerpt text equal an earlier block's after whitespace
normalisation is a scraping repeat: it is dropped, recorded in ``duplicates`` as
``(index of the kept block in blocks, (start, end) of the copy in text)`` and noted
(``source block 3 repeats block 1 word for word (dropped)``; notes number blocks 1-based in
file order). A repeated citation with different excerpts is kept: one article may serve
several blocks.

Page junk
=========
Rules live in ``align/data/digest/junk.txt`` (``end`` and ``any`` rules, case-insensitive
regexes on the whole stripped line). At the END of the digest, the trailing run of lines that
match any rule is dropped (``Hits: 0``, ``Share this:``, ``Print``, ``Tweet``, ``Related
posts``, cookie notices, a line of only a number or only punctuation; an ellipsis ``…`` is never
junk). In the MIDDLE only a paragraph of a single line that matches an ``any`` rule is dropped
(hit counters, share bars, related-posts headers, cookie notices), never a line inside a
paragraph. Each dropped line goes to ``junk`` (stripped, in file order) and to ``notes``.

No citations
============
A digest without citation lines is one block with an empty ``Citation()`` (``raw == ""``,
every field ``None``), an empty lead, and the note ``no Source: lines found; treating the
digest as one block``. An empty digest has no blocks and the note ``the digest is empty``.

Round trip
==========
``render_digest`` writes the lead, each block's ``citation.raw`` and paragraphs, separated by
one blank line, ``\\n`` line ends, and a final ``\\n`` iff ``Digest.text`` had one. For text in
that layout ``render_digest(parse_digest(t)) == t`` minus the dropped copies and junk lines.
``Digest.to_dict()`` / ``Digest.from_dict()`` are JSON-ready (schema ``align.digest/1``;
unknown keys ignored).

Indices: block spans are ``[start, end)`` character offsets into ``Digest.text``, 0-based.
"""
from __future__ import annotations

from align.digest.citation import parse_citation, parse_citation_line
from align.digest.dates import parse_date
from align.digest.parse import parse_digest
from align.digest.records import SCHEMA, Block, Citation, Digest
from align.digest.render import render_digest

__all__ = [
    "SCHEMA",
    "Block",
    "Citation",
    "Digest",
    "parse_citation",
    "parse_citation_line",
    "parse_date",
    "parse_digest",
    "render_digest",
]
