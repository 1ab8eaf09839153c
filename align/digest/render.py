"""``render_digest``: a ``Digest`` back to digest text (the inverse of ``parse_digest``).

Output: the lead paragraphs, then per block its citation text (``Block.citation.raw``, which
holds the whole ``Source:`` line and a URL line that followed it) and its paragraphs, all
separated by one blank line, with ``\\n`` line breaks; a final ``\\n`` when ``Digest.text``
ended with a line break. Dropped duplicates and junk are not written. For a digest written in
this canonical layout, ``render_digest(parse_digest(t))`` is ``t`` without the dropped copies
and junk lines (a junk line goes together with the blank lines before it).
"""
from __future__ import annotations

from align.digest.records import Digest


def render_digest(d: Digest) -> str:
    """The digest's text from its records (see the module docstring for the layout)."""
    chunks = list(d.lead)
    for b in d.blocks:
        if b.citation.raw:
            chunks.append(b.citation.raw)
        chunks.extend(b.paragraphs)
    out = "\n\n".join(chunks)
    if out and d.text.endswith(("\n", "\r")):
        out += "\n"
    return out
