"""From positioned PDF text lines to paragraphs: page furniture, re-flow, de-hyphenation.

Coordinates are PDF points with y growing upwards (pdfminer's convention).

Headers and footers: among the top and bottom :data:`EDGE_LINES` lines of each page, a
line whose text (case-folded, digits replaced by ``#``) recurs on at least half of the
pages (and on two or more) is dropped everywhere (except on page 1 when printed there 15 %
larger than elsewhere: a title that is also the running header), and so is a bare page
number (``3``, ``- 3 -``, ``3 / 10``, ``Sayfa 3``, ``Page 3 of 10``) in those places.

Paragraphs: a line starts a new paragraph when the vertical step from the line before
exceeds :data:`GAP_FACTOR` times the usual line pitch, when its font size differs by more
than 15 % (headings), when it is indented by half an em or more against the lines around
it (first-line indent), or when the line before is short (ends before 85 % of the column
width) and ends a sentence. At a page or column change the paragraph goes on when the
line before ends without sentence punctuation.

De-hyphenation: when a line ends in a hyphen that follows a letter, the next line is
joined without a space; the hyphen is removed only when the next line starts with a
lower-case letter and the two halves are not both words whose join is none
("gerçek-" + "leştirildi" -> "gerçekleştirildi"; "kamu-" + "özel" -> "kamu-özel";
"Rusya-" + "Ukrayna" -> "Rusya-Ukrayna"; "S-" + "400" -> "S-400"). Hyphens inside a line
are never touched.
"""
from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass

EDGE_LINES = 3
GAP_FACTOR = 1.4
_PAGENUM_RE = re.compile(
    r"^(?:(?:sayfa|page|s\.|p\.)\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?"
    r"(?:\s*(?:/|of|\|)\s*\d{1,3})?$",
    re.IGNORECASE,
)
_SENTENCE_END = tuple(".!?:;…\"”’»)")
_HYPHENS = ("-", "\u00ad", "\u2010")
_BULLETS = tuple("•·▪‣◦–—-*")


@dataclass(frozen=True)
class Line:
    """One text line: 0-based page, bounding box (points, y up), font size, text (stripped)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    page: int
    size: float  # font size of its first line


def drop_furniture(pages: list[list[Line]]) -> tuple[list[list[Line]], int]:
    """Pages without running headers, footers and page numbers; and how many lines went."""
    n = len(pages)
    edges = [_edge_lines(page) for page in pages]
    counts: Counter[str] = Counter()
    for edge in edges:
        counts.update({_key(ln.text) for ln in edge})
    need = max(2, math.ceil(n / 2))
    repeated = {k for k, c in counts.items() if c >= need} if n >= 2 else set()
    elsewhere: dict[str, float] = {}  # largest size of each repeated text on pages 2, 3, ...
    for edge in edges[1:]:
        for ln in edge:
            k = _key(ln.text)
            elsewhere[k] = max(elsewhere.get(k, 0.0), ln.size)
    out: list[list[Line]] = []
    dropped = 0
    for number, (page, edge) in enumerate(zip(pages, edges, strict=True)):
        drop = {
            id(ln) for ln in edge
            if (_key(ln.text) in repeated and not _title_on_first_page(ln, number, elsewhere))
            or _PAGENUM_RE.match(ln.text)
        }
        dropped += len(drop)
        out.append([ln for ln in page if id(ln) not in drop])
    return out, dropped


def _title_on_first_page(ln: Line, number: int, elsewhere: dict[str, float]) -> bool:
    """A running header repeating the title: page 1 prints it 15 % larger than the others."""
    return number == 0 and ln.size > 1.15 * elsewhere.get(_key(ln.text), ln.size)


def _edge_lines(page: list[Line]) -> list[Line]:
    top = sorted(page, key=lambda ln: -ln.y1)[:EDGE_LINES]
    bottom = sorted(page, key=lambda ln: ln.y0)[:EDGE_LINES]
    return list({id(ln): ln for ln in [*top, *bottom]}.values())


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.casefold().split()))


def body_size(pages: list[list[Line]]) -> float:
    """The most common font size, weighted by characters (0.0 for no lines)."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page:
            sizes[round(ln.size, 1)] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def paragraphs(pages: list[list[Line]]) -> tuple[list[Paragraph], int]:
    """Re-flowed paragraphs in reading order, and the number of hyphenated words joined."""
    size = body_size(pages)
    pitch = _pitch(pages, size)
    paras: list[Paragraph] = []
    current: list[Line] = []
    joined = 0
    for page in pages:
        for i, ln in enumerate(page):
            prev = current[-1] if current else None
            nxt = page[i + 1] if i + 1 < len(page) else None
            if prev is not None and _breaks(prev, ln, nxt, page, size, pitch):
                para, j = _flush(current)
                paras.append(para)
                joined += j
                current = []
            current.append(ln)
    if current:
        para, j = _flush(current)
        paras.append(para)
        joined += j
    return paras, joined


def _pitch(pages: list[list[Line]], size: float) -> float:
    """Median baseline step between consecutive body lines (points)."""
    steps = [
        a.y0 - b.y0
        for page in pages for a, b in itertools.pairwise(page)
        if abs(a.size - size) < 0.5 and abs(b.size - size) < 0.5 and 0 < a.y0 - b.y0 < 3 * size
    ]
    return statistics.median(steps) if steps else 1.2 * size


def _breaks(
    a: Line, b: Line, c: Line | None, page: list[Line], size: float, pitch: float
) -> bool:
    """Does ``b`` start a new paragraph after ``a`` (``c`` is the line after ``b``)?"""
    ends = a.text.endswith(_SENTENCE_END)
    if b.page != a.page or b.y0 > a.y0 + 0.3 * b.size:  # new page or new column
        return ends
    if abs(b.y0 - a.y0) <= 0.3 * b.size:  # same baseline, a split line
        return False
    if abs(a.size - b.size) > 0.15 * max(a.size, b.size):
        return True
    if a.y0 - b.y0 > GAP_FACTOR * pitch * max(1.0, b.size / max(size, 1e-6)):
        return True
    if b.size > 1.15 * size:  # heading lines: centred or ragged, only gaps and sizes count
        return False
    em = b.size
    indented = b.x0 - a.x0 >= 0.5 * em and (c is None or b.x0 - c.x0 >= 0.5 * em)
    if indented and not a.text.startswith(_BULLETS) and b.x0 - a.x0 < 10 * em:
        return True
    if b.text.startswith(("•", "▪", "‣", "◦")):
        return True
    right = _column_right(a, page)
    return ends and a.x1 < right - 0.15 * (right - a.x0)


def _column_right(a: Line, page: list[Line]) -> float:
    """90th percentile of the right edges of same-size lines overlapping ``a`` horizontally."""
    edges = sorted(
        ln.x1 for ln in page
        if abs(ln.size - a.size) < 0.5 and min(a.x1, ln.x1) - max(a.x0, ln.x0) > 0
    )
    return edges[int(0.9 * (len(edges) - 1))] if edges else a.x1


def _flush(lines: list[Line]) -> tuple[Paragraph, int]:
    text = ""
    joined = 0
    for ln in lines:
        text, j = join_lines(text, ln.text)
        joined += j
    return Paragraph(text, lines[0].page, lines[0].size), joined


_WORD = re.compile(r"\w+")
MAX_TAIL_SUFFIX = 4  # letters of inflection after the second half's lemma ("özel-" + "leri")


def _compound(a: str, b: str) -> bool:
    """Whether a line ending ``a`` + "-" and the next line ``b`` break a hyphenated Turkish
    compound at its own hyphen ("kamu-" + "özel sektör"): the word before the hyphen and
    the first word after it are lemmas on their own (3+ letters; the second with at most
    `MAX_TAIL_SUFFIX` letters of inflection) and their join is not a word ("gerçek-" +
    "leştirildi", "ger-" + "çek" are joined)."""
    from align.text.casefold import fold
    from align.text.stem_tr import lexicon, stem_tr

    head = _WORD.findall(a)
    tail = _WORD.match(b)
    if not head or tail is None:
        return False
    h, t = fold(head[-1], "tr"), fold(tail.group(), "tr")
    if len(h) < 3 or len(t) < 3:
        return False
    lemmas = lexicon().lemmas
    stem = stem_tr(t)  # a word with its inflection, not a suffix chain on a short root
    return (h in lemmas and stem in lemmas and len(t) - len(stem) <= MAX_TAIL_SUFFIX
            and stem_tr(h + t) not in lemmas)


def join_lines(a: str, b: str) -> tuple[str, int]:
    """``a`` and the next line ``b`` joined by the de-hyphenation rule; 1 if a hyphen went."""
    if not a:
        return b, 0
    if a.endswith(_HYPHENS) and len(a) >= 2 and a[-2].isalpha() and b:
        if b[0].islower() and not _compound(a[:-1], b):
            return a[:-1] + b, 1
        return (a if a[-1] == "-" else a[:-1] + "-") + b, 0
    return a + " " + b, 0
