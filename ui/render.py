"""Text for the browser. HTML snippets for the Review page: every piece of document or user
text goes through :func:`html.escape` here, before any markup is added; the pages never build
HTML from raw text themselves (and ``st.html`` sanitises again in the browser). Markdown:
every piece of document or user text that reaches a Streamlit sink which renders Markdown
(labels, titles, captions, alerts, radio options, progress text, …) goes through :func:`md`.
"""
from __future__ import annotations

import re
from html import escape

from ui.view import FlagView, Piece, RowView, SentView

BAND_COLOUR = {"good": "#2e9e44", "fair": "#e0b000", "poor": "#d2322d"}

CSS = """<style>
.al-row{font-size:15px;line-height:1.45}
.al-sent{display:block;margin:0 0 2px}
.al-id{color:#888;font-size:11px;margin-right:4px;font-variant-numeric:tabular-nums}
.al-unused{color:#9a9a9a}
.al-gloss{display:block;color:#6b6b6b;font-style:italic;font-size:12px;margin:0 0 3px 14px}
.al-edited{border-left:3px solid #4c78a8;padding-left:4px}
.al-orig{display:block;color:#777;font-size:11px;text-decoration:line-through;margin-left:14px}
.al-bar{height:8px;background:#e8e8e8;border-radius:4px;width:64px;margin:6px 0 2px}
.al-bar>span{display:block;height:8px;border-radius:4px}.al-bar.al-dim{opacity:.35}
.al-score{font-size:12px;color:#444;font-variant-numeric:tabular-nums}
.al-meta{font-size:11px;color:#777}
.al-flag{display:inline-block;font-size:11px;padding:0 5px;margin:1px 2px 1px 0;border-radius:3px;
 color:#fff}
.al-flag.critical{background:#a50f15}.al-flag.major{background:#e6550d}
.al-flag.minor{background:#d9b300;color:#111}.al-flag.fp{background:#bbb;color:#333;
 text-decoration:line-through}.al-flag.accepted{outline:2px solid #333}
mark.al-m{padding:0 1px;border-bottom:2px solid;background:#fff0a8;color:inherit}
mark.al-m.critical{background:#f9c9cc;border-color:#a50f15}
mark.al-m.major{background:#fbd9bf;border-color:#e6550d}mark.al-m.minor{border-color:#d9b300}
mark.al-m.fp{background:none;border-bottom:1px dotted #999}
.al-status{font-size:18px;line-height:1}.al-status.confirmed{color:#2e9e44}
.al-status.rejected{color:#d2322d}.al-status.auto{color:#999}
.al-empty{color:#bbb;font-style:italic}
.al-role{font-size:10px;padding:0 4px;margin-right:4px;border:1px solid #bbb;border-radius:3px;
 color:#666;background:#f4f4f4}.al-furniture{color:#777}
</style>"""


def pieces_html(pieces: tuple[Piece, ...]) -> str:
    out = []
    for p in pieces:
        t = escape(p.text)
        if p.mark:
            out.append(f'<mark class="al-m {escape(p.mark)}" title="{escape(p.title)}">{t}</mark>')
        else:
            out.append(t)
    return "".join(out)


ROLE_TITLE = {
    "citation": "citation line of a digest: names the source article; not QA-checked",
    "framing": "editorial framing of a digest: no Turkish source by design; not QA-checked",
    "lead": "lead of a digest: summarises the articles",
}
"""Tooltip of each digest furniture label (roles: :data:`align.digest.roles.ROLES`)."""


def role_html(role: str | None) -> str:
    """The small label of a furniture sentence (``""`` for none)."""
    if not role:
        return ""
    return (f'<span class="al-role" title="{escape(ROLE_TITLE.get(role, role))}">'
            f"{escape(role)}</span>")


def sentence_html(s: SentView, *, grey: bool = False, gloss: bool = True) -> str:
    cls = "al-sent" + (" al-unused" if grey else "") + (" al-edited" if s.original else "")
    cls += " al-furniture" if s.role and s.role != "lead" else ""
    body = (f'<span class="{cls}" data-side="{s.side}" data-id="{s.index}">'
            f'<span class="al-id">{"tr" if s.side == "src" else "en"}{s.index}</span>'
            f"{role_html(s.role)}{pieces_html(s.pieces)}</span>")
    if s.original:
        body += f'<span class="al-orig" title="original">{escape(s.original)}</span>'
    if gloss and s.gloss:
        body += f'<span class="al-gloss" title="machine translation">{escape(s.gloss)}</span>'
    return body


def side_html(sents: tuple[SentView, ...], *, grey: bool = False, gloss: bool = True,
              empty: str = "—") -> str:
    if not sents:
        return f'<div class="al-row"><span class="al-empty">{escape(empty)}</span></div>'
    inner = "".join(sentence_html(s, grey=grey, gloss=gloss) for s in sents)
    return f'<div class="al-row">{inner}</div>'


def score_html(row: RowView) -> str:
    """Status icon, score bar in its colour band, the score, flag chips and who/when."""
    pct = max(0.0, min(1.0, row.score)) * 100
    colour = BAND_COLOUR[row.band]
    chips = "".join(flag_chip(f) for f in row.flags)
    who = escape(row.reviewer) if row.reviewer else ""
    notes = (f" · {row.n_comments} note" + ("s" if row.n_comments > 1 else "")) if row.n_comments else ""
    return (f'<div><span class="al-status {escape(row.status)}" title="{escape(row.status)}">'
            f"{row.icon}</span> <span class=\"al-meta\">{escape(row.kind)}</span>"
            f'<div class="al-bar{" al-dim" if row.unused or row.furniture else ""}" '
            f'title="score {row.score:.2f} ({row.band})">'
            f'<span style="width:{pct:.0f}%;background:{colour}"></span></div>'
            f'<span class="al-score">{row.score:.2f}</span>'
            f'<div>{chips}</div><div class="al-meta">{who}{notes}</div></div>')


def flag_chip(f: FlagView) -> str:
    cls = "fp" if f.resolution == "false_positive" else escape(f.severity)
    if f.resolution == "accepted":
        cls += " accepted"
    how = f.severity + ("" if f.confidence is None else f", confidence {f.confidence:.2f}")
    tip = escape(f"{f.type} ({how}): {f.message}")
    return f'<span class="al-flag {cls}" title="{tip}">{escape(f.type)}</span>'


def text_excerpt(text: str, n: int = 90) -> str:
    """Plain (unescaped) short form for labels (through :func:`md`) and select boxes."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# The ASCII punctuation that CommonMark, GFM or Streamlit give a meaning to (not , ; ? % " ').
_MD_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&/@^])")
_MD_BREAK = ":small[]"  # an empty Streamlit text directive: an empty <span>, no text
_MD_REWRITTEN = re.compile(
    r"(?<=\\[:@])"  # after ":" (https://, :streamlit:, :material_x:, emoji) and "@" (e-mail)
    r"|(?<=[Ww]{3})(?=\\\.)"  # between "www" and "." (www.example.org)
    r"|(?<=\\[-<>~])(?=\\[->=])")  # inside -- -> <- >= <= ~= (typographic replacements)
_LINE_BREAKS = re.compile(r"\r\n?|[\n\v\f\x85\u2028\u2029]")


def md(text: object, *, block: bool = False) -> str:
    """``text`` as Streamlit Markdown that displays literally: no link, image, emphasis,
    heading, list, quote, code, HTML, LaTeX, ``:color[…]`` directive, emoji or icon
    shortcode, autolink or typographic replacement comes out of it.

    Every ASCII punctuation character with a meaning there (``\\ ` * _ { } [ ] ( ) # +
    - . ! | < > ~ $ : = & / @ ^``) gets a backslash: CommonMark shows an escaped punctuation
    character as itself, and Streamlit's ``$…$``, ``:name[…]`` and ``:material/…:``
    detection skips escaped characters. Streamlit 1.67 then rewrites the *parsed* text,
    where the escapes are gone: ``:material_home:`` and ``:streamlit:`` become icons,
    ``:smile:`` an emoji, ``www.x.org``, ``https://…`` and ``a@b.org`` links, `` -- `` a
    dash, `` -> `` an arrow. An empty ``:small[]`` directive after every ``:`` and ``@``,
    between ``www`` and ``.`` and inside ``--``-like pairs splits the text there, so that no
    such pattern is whole in one text node; it renders as an empty ``<span>``, which adds
    no character to what is seen or copied (a zero-width character would).

    Default (labels, titles, captions): one line; line breaks and tabs become spaces.
    ``block=True`` (alerts, ``st.markdown``): line breaks are kept (hard breaks; blank lines
    separate paragraphs). Spaces around a line are dropped either way (a paragraph does not
    show them, and four leading ones would start a code block).
    """
    lines = [ln.strip(" \t").replace("\t", " ") for ln in _LINE_BREAKS.split(str(text))]
    if not block:
        return _md_line(" ".join(ln for ln in lines if ln))
    paragraphs: list[str] = []
    para: list[str] = []
    for ln in [*lines, ""]:
        if ln:
            para.append(_md_line(ln))
        elif para:
            paragraphs.append("\\\n".join(para))  # backslash + line break: a hard break
            para = []
    return "\n\n".join(paragraphs)


def _md_line(s: str) -> str:
    return _MD_REWRITTEN.sub(_MD_BREAK, _MD_PUNCT.sub(r"\\\1", s))
