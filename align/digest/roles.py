"""Digest furniture in an English document: which sentences are citation lines, editorial
framing or a digest's lead (pure: no I/O).

An analyst's digest (``align.digest``) holds English text that renders no Turkish sentence
by design. :func:`target_roles` finds it in any English :class:`~align.types.Document`, so
``align pair`` on a digest (or on one block of it) knows these sentences for what they are.

Roles (one per sentence; the first rule that applies wins)
==========================================================
``citation``
    a sentence that overlaps a citation line as the digest parser finds it
    (:func:`align.digest.parse.citation_lines`: a line starting ``Source:``, ``Sources:``,
    ``Kaynak:`` or ``Kaynaklar:``, plus a URL alone on the next line when the line has
    none). The segmenter may cut one line into several sentences; each gets the role and
    the line's parsed citation (``Citation.to_dict()``; the further citations of a
    ``Sources: a; b`` line in ``also``).
``framing``
    an editorial sentence about the articles, found by cue phrases (:data:`FRAMING`):
    an ordinal, "following" or "both" before article/piece/excerpt/op-ed/commentary/
    editorial ("the first article", "the second article from …", "the first accompanying
    article", "the following excerpt", "both articles"), "the accompanying (or excerpted,
    attached, featured) report/column/interview/analysis", "excerpted", "the article
    (piece, excerpt, report…) below", "the author of the article" / "the article's author",
    and "offers a Turkish perspective"-style phrases. A cue noun followed by "of" ("the first
    article of the Constitution") or by "in/under/to the law/bill/code…" is not a cue.
``lead``
    a sentence before the first citation line, when the document has a citation line with
    text after it (a digest's lead summarises the articles; the QA checks still judge it).

What the rules cannot see
=========================
* A citation without the ``Source:``/``Kaynak:`` prefix (an outlet and date in brackets, a
  bare URL line that follows no citation line) is no citation; page junk such as ``Hits: 0``
  gets no role.
* Framing worded without the cues ("Writing in Sabah, columnist X argues that …",
  "According to the article, …", "The report notes …") stays unrecognised and is checked
  like a translated sentence; a translated sentence that happens to use a cue ("the
  accompanying report says …", "the author of the article was detained") is taken for
  framing and escapes the QA checks.
* A framing sentence that also carries facts ("According to the first article, a court
  sentenced X to 22 years") is framing as a whole: its facts are not checked.
* ``lead`` is positional: a title or a translator's note above the first citation line of
  a digest is called lead too.
* Roles need the document's text with every sentence at its span; otherwise they are
  computed on the sentences one per line (a blank line between paragraphs), where only the
  first part of a citation line the segmenter split (and a URL sentence right after it)
  is a citation.

Indices: ``Role.tgt`` is a 0-based sentence id of the English document. In an alignment the
roles live in ``meta["roles"]`` as ``{"tgt": j, "role": …, "citation": {…}}`` objects
(:meth:`Role.to_dict`; see :func:`roles_in` to read them back).
"""
from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from align.digest.parse import citation_lines
from align.digest.records import Citation
from align.types import Alignment, Document

ROLES = ("citation", "framing", "lead")
"""Every role, in order of precedence."""

UNCHECKED = frozenset({"citation", "framing"})
"""Roles whose sentences the QA content checks skip (:func:`align.qa.checks.run_checks`)."""

_ART = r"(?:articles?|pieces?|excerpts?|op-eds?|commentar(?:y|ies)|editorials?)"
_ANY = rf"(?:{_ART}|columns?|reports?|interviews?|analys[ie]s)"
# no "other", "two", "three": "the other articles were adopted", "two pieces were found"
_ORD = r"(?:first|second|third|fourth|fifth|sixth|last|final|following|both)"
_ACC = r"(?:accompanying|excerpted|attached|featured)"
_LEGAL = (r"(?:law|laws|bill|constitution|code|regulation|treaty|convention|decree|statute"
          r"|charter|agreement|contract|package)")
_NOT_LEGAL = rf"(?!\s+of\b)(?!\s+(?:in|to|under)\s+(?:the\s+)?(?:draft\s+|new\s+)?{_LEGAL}\b)"

FRAMING = (
    re.compile(rf"\b{_ORD}\s+(?:{_ACC}\s+)?{_ART}\b{_NOT_LEGAL}", re.IGNORECASE),
    re.compile(rf"\b{_ACC}\s+{_ANY}\b{_NOT_LEGAL}", re.IGNORECASE),
    re.compile(r"\bexcerpted\b", re.IGNORECASE),
    re.compile(rf"\b{_ANY},?\s+(?:(?:excerpted|quoted|translated|summari[sz]ed)\s+)?below\b",
               re.IGNORECASE),
    re.compile(rf"\bauthor\s+of\s+the\s+(?:{_ORD}\s+|{_ACC}\s+)*{_ART}\b{_NOT_LEGAL}"
               rf"|\b{_ART}['’]s\s+author\b", re.IGNORECASE),
    re.compile(r"\b(?:offers?|offering|provides?|providing|gives?|giving|presents?|presenting)"
               r"\s+an?\s+(?:[\w-]+\s+){0,2}?Turkish\s+(?:perspective|view|viewpoint|take)\b",
               re.IGNORECASE),
)
"""Cue patterns of editorial framing (see the module docstring); one match makes framing."""
_FRAMING = re.compile("|".join(f"(?:{p.pattern})" for p in FRAMING), re.IGNORECASE)


@dataclass(frozen=True)
class Role:
    """The role of English sentence ``tgt`` (0-based) and, for a citation, its citations."""

    tgt: int
    role: str
    citations: tuple[Citation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """``{"tgt", "role"}``, plus ``citation`` (the first) and ``also`` (any others)."""
        d: dict[str, Any] = {"tgt": self.tgt, "role": self.role}
        if self.citations:
            d["citation"] = self.citations[0].to_dict()
        if len(self.citations) > 1:
            d["also"] = [c.to_dict() for c in self.citations[1:]]
        return d


def is_framing(sentence: str) -> bool:
    """Whether ``sentence`` has a framing cue (:data:`FRAMING`)."""
    return _FRAMING.search(sentence) is not None


def _placed(doc: Document) -> tuple[str, list[tuple[int, int]]]:
    """``(text, spans)``: the document's own when every sentence stands at its span, in
    order; else the sentences joined by ``\\n`` (``\\n\\n`` where the paragraph changes)."""
    prev, ok = 0, bool(doc.text)
    for s in doc.sentences:
        if not ok or s.start < prev or doc.text[s.start:s.end] != s.text:
            ok = False
            break
        prev = s.end
    if ok:
        return doc.text, [(s.start, s.end) for s in doc.sentences]
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for k, s in enumerate(doc.sentences):
        if k:
            sep = "\n\n" if s.paragraph != doc.sentences[k - 1].paragraph else "\n"
            parts.append(sep)
            pos += len(sep)
        parts.append(s.text)
        spans.append((pos, pos + len(s.text)))
        pos += len(s.text)
    return "".join(parts), spans


def target_roles(doc: Document) -> tuple[Role, ...]:
    """The furniture sentences of English ``doc`` with their roles, by sentence id; the
    other sentences are not listed (see the module docstring for the rules)."""
    text, spans = _placed(doc)
    lines = citation_lines(text)  # in file order, disjoint
    ends = [b for _, b, _ in lines]

    def cite_of(s: int, e: int) -> tuple[Citation, ...] | None:
        k = bisect.bisect_right(ends, s)  # the first line that ends after s
        return lines[k][2] if k < len(lines) and lines[k][0] < max(e, s + 1) else None

    cites = [cite_of(s, e) for s, e in spans]
    # a lead only where some text (not a citation) follows the first citation line
    lead_end = lines[0][0] if lines and any(
        c is None and s >= lines[0][1] for c, (s, _) in zip(cites, spans)) else -1
    out: list[Role] = []
    for j, (cite, (s, _)) in enumerate(zip(cites, spans)):
        if cite is not None:
            out.append(Role(j, "citation", cite))
        elif is_framing(doc.sentences[j].text):
            out.append(Role(j, "framing"))
        elif s < lead_end:
            out.append(Role(j, "lead"))
    return tuple(out)


def roles_meta(doc: Document) -> list[dict[str, Any]]:
    """``meta["roles"]`` of an alignment whose English side is ``doc``: :func:`target_roles`
    as :meth:`Role.to_dict` objects, in sentence order (``[]`` when there is no furniture)."""
    return [r.to_dict() for r in target_roles(doc)]


def with_roles(aln: Alignment) -> Alignment:
    """*aln* with ``meta["roles"]`` set from its English side (:func:`roles_meta`); *aln*
    itself when there is no furniture."""
    roles = roles_meta(aln.target)
    return dataclasses.replace(aln, meta={**aln.meta, "roles": roles}) if roles else aln


def roles_in(meta: Mapping[str, Any]) -> dict[int, str]:
    """``{English sentence id: role}`` from an alignment's ``meta["roles"]``; entries that
    are not ``{"tgt": int >= 0, "role": one of ROLES}`` are ignored."""
    out: dict[int, str] = {}
    entries = meta.get("roles")
    if not isinstance(entries, list):
        return out
    for r in entries:
        if not isinstance(r, Mapping):
            continue
        j, role = r.get("tgt"), r.get("role")
        if type(j) is int and j >= 0 and role in ROLES:
            out[j] = str(role)
    return out


def on_furniture(aln: Alignment) -> Callable[[int, tuple[int, int] | None], bool]:
    """``unchecked(bead, tgt_span)``: whether a QA finding on bead ``bead`` (0-based) with
    English span ``tgt_span`` concerns only sentences whose role is in :data:`UNCHECKED`:
    every English sentence the span overlaps (the one holding it, for an empty span), or
    with no span every English sentence of the bead. False when there is none."""
    skip = {j for j, r in roles_in(aln.meta).items() if r in UNCHECKED and j < len(aln.target)}
    sents = aln.target.sentences
    starts = [s.start for s in sents]
    ordered = all(x <= y for x, y in itertools.pairwise(starts))

    def unchecked(bead: int, span: tuple[int, int] | None) -> bool:
        if not skip:
            return False
        if span is None:
            ids: list[int] = list(aln.beads[bead].tgt)
        else:
            a, b = span[0], max(span[1], span[0] + 1)
            k = max(0, bisect.bisect_right(starts, a) - 1) if ordered else 0
            ids = []
            while k < len(sents) and (sents[k].start < b or not ordered):
                if sents[k].start < b and a < max(sents[k].end, sents[k].start + 1):
                    ids.append(k)
                k += 1
        return bool(ids) and all(j in skip for j in ids)

    return unchecked


__all__ = ["FRAMING", "ROLES", "UNCHECKED", "Role", "is_framing", "on_furniture", "roles_in",
           "roles_meta", "target_roles"]
