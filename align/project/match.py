"""Which Turkish source does each excerpt block translate?

Evidence, strongest first, per (citation, source):

1. an explicit mapping file entry (block number, citation URL or Turkish title -> file);
2. the citation URL equals the source's URL (canonical link, metadata) after normalising
   scheme, ``www.``, trailing slashes, query and fragment;
3. the citation's Turkish title and the source's title share most words (ASCII-folded token
   Jaccard >= ``TITLE_MIN``), or the file name's words appear in the URL slug, the title
   or the outlet name (``edam.html`` for an EDAM citation);
4. content, only for a block whose citations name no article (no URL, no title: a digest
   without ``Source:`` lines, a bare outlet name): the share of the block's sentences that
   find a similar sentence in the source (lexical scorer) must reach ``CONTENT_MIN``. A
   block citing an article that was not supplied stays unmatched rather than being
   aligned to another article on the same topic.

A source may serve several blocks; a block citing several sources ("Sources: …; …") gets
all of them. Equal dates add a little weight; nothing else is guessed.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from align.digest.records import Citation
from align.text.casefold import ascii_fold, fold

TITLE_MIN = 0.5
FILENAME_SCORE = 0.6
CONTENT_MIN = 0.35
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class SourceInfo:
    """What matching knows of a readable source."""

    id: str
    path: str
    title: str | None = None
    url: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Match:
    block: int  # 1-based
    sources: tuple[str, ...]
    by: str  # mapping | url | title | filename | content
    score: float


def norm_url(url: str | None) -> str:
    if not url:
        return ""
    u = re.sub(r"^[a-z]+://", "", url.strip().lower())
    u = re.sub(r"^www\.", "", u)
    return re.split(r"[?#]", u)[0].rstrip("/")


def words(text: str | None) -> set[str]:
    """ASCII-folded word set (Turkish-aware folding first), words of 3+ characters."""
    if not text:
        return set()
    return {w for w in _WORD.findall(ascii_fold(fold(text, "tr"))) if len(w) >= 3}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def metadata_score(citation: Citation, src: SourceInfo) -> tuple[float, str]:
    """(score in [0, 1], what matched) of a citation against a source's metadata."""
    c_url, s_url = norm_url(citation.url), norm_url(src.url)
    if c_url and c_url == s_url:
        return 1.0, "url"
    best, by = 0.0, ""
    title = _jaccard(words(citation.title_tr), words(src.title))
    if title >= TITLE_MIN:
        best, by = title, "title"
    stem = words(Path(src.path).stem.replace("_", " ").replace("-", " "))
    around = (words(c_url.replace("/", " ").replace("-", " ")) | words(citation.outlet)
              | words(citation.title_tr))
    if stem and stem <= around and FILENAME_SCORE > best:
        best, by = FILENAME_SCORE, "filename"
    if best and src.date and src.date == citation.date:
        best = min(1.0, best + 0.1)
    return best, by


def _mapped(mapping: Mapping[str, str], block: int, citations: Sequence[Citation],
            sources: Sequence[SourceInfo]) -> tuple[str, ...]:
    keys = [str(block)] + [k for c in citations
                           for k in (norm_url(c.url), c.title_tr) if k]
    mapped = {Path(v).resolve() for k, v in mapping.items() if k in keys or norm_url(k) in keys}
    return tuple(s.id for s in sources if Path(s.path).resolve() in mapped)


def match_blocks(
    blocks: Sequence[Sequence[Citation]], sources: Sequence[SourceInfo],
    mapping: Mapping[str, str] | None = None,
    content: Callable[[int, SourceInfo], float] | None = None,
) -> list[Match]:
    """Match each block (its citations) to sources; blocks matched by nothing are omitted.

    ``content(block_index, source)`` (0-based block index) gives the content similarity used
    as the last resort.
    """
    out: list[Match] = []
    for b, citations in enumerate(blocks, 1):
        if mapping:
            ids = _mapped(mapping, b, citations, sources)
            if ids:
                out.append(Match(b, ids, "mapping", 1.0))
                continue
        chosen: list[str] = []
        how: list[tuple[float, str]] = []
        for c in citations:
            scored = [(metadata_score(c, s), s.id) for s in sources]
            (score, by), sid = max(scored, key=lambda x: x[0][0], default=((0.0, ""), ""))
            if score > 0 and sid not in chosen:
                chosen.append(sid)
                how.append((score, by))
        if chosen:
            out.append(Match(b, tuple(chosen), min(how)[1], min(how)[0]))
            continue
        names_article = any(getattr(c, "url", None) or getattr(c, "title_tr", None)
                            for c in citations)
        if content is not None and sources and not names_article:
            sim, sid = max((content(b - 1, s), s.id) for s in sources)
            if sim >= CONTENT_MIN:
                out.append(Match(b, (sid,), "content", sim))
    return out
