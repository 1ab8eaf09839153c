"""Citation lines of a digest -> ``Citation`` records (never raises; problems become warnings).

Shape: ``Source: [Author,] “Turkish title (English title),” Outlet (description), date. URL``.
The title is the first quoted span (curly, straight, „low-9“ or «guillemet» quotes; ‘single’
quotes only when there is no double one); its closing quote is the first one next to a comma
or period (``,”`` or ``”,``), so quotes nested inside a title (``(“Bayraktar” criticism …)``)
stay in it. The English title is the final parenthesised
part inside the quotes, or a parenthesised part right after them. The date may stand anywhere
outside the title (before or after the outlet); the URL anywhere (first one kept).
"""
from __future__ import annotations

import re

from align.digest.dates import find_dates, find_month_year
from align.digest.records import Citation

# "Source:", "Sources:", Turkish "Kaynak:"/"Kaynaklar:", optionally in **bold** or __bold__.
SOURCE_RE = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?:sources?|kaynak(?:lar)?)[ \t]*(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"“”«»]+", re.IGNORECASE)
_URL_TAIL = ".,;:!?'’)]}"
_CLOSERS = {"“": "”\"", "\"": "\"”", "„": "“”\"", "«": "»", "”": "”\""}
_SINGLE = {"‘": "’'"}  # ‘single quotes’: used only when no double quote opens a title
_ALL_QUOTES = set("“”\"„«»")
_EDGE = " \t,.;:–—-"


def _clean(text: str | None) -> str | None:
    """Collapse whitespace, drop empty ``()`` and stray outer punctuation; ``None`` if empty."""
    if text is None:
        return None
    text = re.sub(r"\(\s*[,.;]?\s*\)", " ", text)
    text = re.sub(r"\s*,(\s*,)+", ",", " ".join(text.split()))
    text = text.strip(_EDGE)
    return text or None


def find_url(text: str) -> re.Match[str] | None:
    """First URL-looking token in ``text`` (``http(s)://`` or ``www.``), or ``None``."""
    return _URL_RE.search(text)


def _url_end(text: str, m: re.Match[str]) -> int:
    """End of the URL match without trailing sentence punctuation (``)`` only if unbalanced)."""
    url = m.group()
    while url and url[-1] in _URL_TAIL:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return m.start() + len(url)


def is_url_line(line: str) -> bool:
    """Whether ``line`` holds nothing but one URL (trailing period allowed)."""
    text = line.strip()
    m = find_url(text)
    return m is not None and m.start() == 0 and not text[_url_end(text, m):].strip(_URL_TAIL)


def _matching_open(text: str, close: int) -> int:
    """Index of the ``(`` matching the ``)`` at ``close``, or -1."""
    depth = 0
    for i in range(close, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _matching_close(text: str, open_: int) -> int:
    depth = 0
    for i in range(open_, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _find_title(text: str) -> tuple[int, int, bool]:
    """``(open, close, clean)`` indices of the quoted title; ``(-1, -1, False)`` if none.

    ``close`` is -1 when the quote is never closed; ``clean`` is False when the closing quote
    was a guess (no comma or period next to it).
    """
    opens = [i for i, ch in enumerate(text) if ch in _CLOSERS and ch != "”"]
    table = _CLOSERS
    if not opens:
        opens, table = [i for i, ch in enumerate(text) if ch in _SINGLE], _SINGLE
    if not opens:
        return -1, -1, False
    p = opens[0]
    closers = table[text[p]]
    last = -1
    for j in range(p + 1, len(text)):
        if text[j] not in closers:
            continue
        last = j
        after = text[j + 1:].lstrip()
        if text[j - 1] in ",." or not after or after[0] in ",.;":
            return p, j, True
        if after[0] == "(":  # “Türkçe” (“English”), Outlet: the group must end the title part
            k = _matching_close(after, 0)
            if k > 0 and (not after[k + 1:].strip() or after[k + 1:].lstrip()[0] in ",.;"):
                return p, j, True
    return p, last, False


def _unquote(text: str) -> str:
    """``“English”`` -> ``English`` when the quotes wrap the whole text and nothing else."""
    wrapped = len(text) > 1 and text[0] in _ALL_QUOTES and text[-1] in _ALL_QUOTES
    return text[1:-1] if wrapped and not _ALL_QUOTES.intersection(text[1:-1]) else text


def _split_title(title: str) -> tuple[str | None, str | None]:
    """``"Türkçe (English)"`` -> ``("Türkçe", "English")``; a single title -> ``(title, None)``."""
    title = title.strip().rstrip(",").strip()
    if title.endswith(")"):
        k = _matching_open(title, len(title) - 1)
        if k > 0 and title[:k].strip():
            return _clean(title[:k]), _clean(_unquote(title[k + 1:-1].strip()))
    return _clean(title), None


def _top_level_split(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside parentheses and quotes."""
    parts: list[str] = []
    cur: list[str] = []
    depth, quoted = 0, False
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in _ALL_QUOTES:
            quoted = not quoted if ch == "\"" else ch in "“„«"
        if ch == sep and depth == 0 and not quoted:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


def _outlet(text: str, warnings: list[str]) -> tuple[str | None, str | None]:
    """``"EDAM (Center …)"`` -> ``("EDAM", "Center …")``."""
    text = _clean(text) or ""
    k = text.find("(")
    if k < 0:
        return _clean(text), None
    end = _matching_close(text, k)
    if end < 0:
        warnings.append(f"unbalanced parenthesis after the outlet: {text!r}")
        return _clean(text), None
    tail = _clean(text[end + 1:])
    if tail:
        warnings.append(f"text after the outlet description ignored: {tail!r}")
    return _clean(text[:k]), _clean(text[k + 1:end])


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def parse_citation(raw: str, *, body: str | None = None) -> Citation:
    """Parse one citation. ``raw`` is kept verbatim in ``Citation.raw``.

    ``body``: the text to parse when it differs from ``raw`` (one segment of a ``Sources:``
    line); by default ``raw`` minus its ``Source:`` prefix. Never raises.
    """
    text = SOURCE_RE.sub("", raw, count=1) if body is None else body
    text = " ".join(text.split())  # the URL-on-its-own-line case joins with a space
    warnings: list[str] = []
    if not text:
        return Citation(raw=raw, warnings=("empty citation",))
    urls = list(_URL_RE.finditer(text))
    url = text[urls[0].start():_url_end(text, urls[0])] if urls else None
    if len(urls) > 1:
        warnings.append(f"{len(urls)} URLs; kept the first")
    for m in urls:
        text = _blank(text, m.start(), _url_end(text, m))
    p, j, clean = _find_title(text)
    if p >= 0 and j < 0:
        warnings.append("the title's opening quote is never closed")
    elif p >= 0 and not clean:
        warnings.append("no comma next to the title's closing quote")
    title_span = (p, j + 1) if j >= 0 else (0, 0)
    dates = [d for d in find_dates(text) if d.end <= title_span[0] or d.start >= title_span[1]]
    date = dates[-1].iso if dates else None
    if dates:
        if date is None:
            warnings.append(f"date {text[dates[-1].start:dates[-1].end]!r} does not exist")
        if len(dates) > 1:
            warnings.append(f"{len(dates)} dates; kept the last")
        text = _blank(text, dates[-1].start, dates[-1].end)
    else:
        partial = find_month_year(text[title_span[1]:])
        if partial:
            warnings.append(f"date {partial.group()!r} has no day")
            text = _blank(text, title_span[1] + partial.start(), title_span[1] + partial.end())
        else:
            warnings.append("no date found")
    author = title_tr = title_en = None
    if j >= 0:
        author = _clean(text[:p])
        title_tr, title_en = _split_title(text[p + 1:j])
        rest = text[j + 1:].lstrip(" ,.")
        if rest.startswith("(") and title_en is None:
            end = _matching_close(rest, 0)
            if end > 0:
                title_en = _clean(_unquote(rest[1:end].strip()))
                rest = rest[end + 1:]
        outlet, outlet_desc = _outlet(rest, warnings)
    else:
        unquoted = "".join(" " if ch in _ALL_QUOTES else ch for ch in text)
        parts = [x for x in (_clean(s) for s in _top_level_split(unquoted, ",")) if x]
        outlet, outlet_desc = _outlet(parts.pop(), warnings) if parts else (None, None)
        if parts:
            if len(parts) > 1:
                author = parts.pop(0)
            title_tr, title_en = _split_title(", ".join(parts))
            warnings.append(f"title not in quotes; read {', '.join(parts)!r} as the title")
        elif p < 0:
            warnings.append("no title in quotes")
    if outlet is None:
        warnings.append("no outlet found")
    if url is None:
        warnings.append("no URL found")
    return Citation(raw, author, title_tr, title_en, outlet, outlet_desc, date, url,
                    tuple(warnings))


def parse_citation_line(raw: str) -> tuple[Citation, ...]:
    """All citations of one citation line (``Sources: a; b`` gives two).

    Split on ``;`` outside quotes and parentheses, only where the next part looks like a
    citation of its own (it has a quote, a URL or a date). The first citation keeps the whole
    line as ``raw``; the others get their own segment.
    """
    body = SOURCE_RE.sub("", raw, count=1)
    parts: list[str] = []
    for seg in _top_level_split(body, ";"):
        own = bool(_ALL_QUOTES.intersection(seg) or find_url(seg) or find_dates(seg))
        if parts and own and seg.strip():
            parts.append(seg)
        elif parts:
            parts[-1] += ";" + seg
        else:
            parts.append(seg)
    if len(parts) == 1:
        return (parse_citation(raw),)
    first = parse_citation(raw, body=parts[0])
    return (first, *(parse_citation(" ".join(s.split()), body=s) for s in parts[1:]))
