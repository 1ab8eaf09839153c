"""``terminology``: a glossary term in the linked Turkish, not rendered as the glossary
requires (severity **major**).

Needs a user glossary (`align.qa.glossary`: ``run_checks(aln, glossary=...)``, ``--glossary
TSV`` on the command line, or the one an alignment keeps in ``meta["qa"]["glossary"]``);
without one it finds nothing. For every bead with both sides and every glossary term found
in its Turkish: when the bead's English holds none of the term's renderings, the bead is
flagged once for that term (``src_span`` on the term's first occurrence):
``glossary: “cumhurbaşkanlığı” should be rendered “Presidency”``.

Turkish side, inflection-aware. The term's tokens (`align.text.tokenize`) must follow each
other in the sentence with only spaces between them; an apostrophe suffix is cut off by the
tokeniser (``Cumhurbaşkanlığı'nın``). A folded word *w* matches a folded term word *t* when
*w* is *t* or a stem alternant of it (the lemma list's voicing, vowel drop, doubling:
``kitap``/``kitabı``), or when *w* is a base of *t* followed by Turkish inflectional suffixes
(any sequence of `align.text.stem_tr.SUFFIXES`: ``cumhurbaşkanlığı-na``, ``yasa-lar``,
``oğl-u``), and *w* is not itself another lemma (``yasak`` is not ``yasa`` + ``-k``). The
bases of *t*: *t*, its alternants, and — *t* not a lemma, ending in a third-person
possessive after its stem (`align.text.stem_tr.stem_tr`) — that stem (``bankası``:
``banka-ları``). Derivation is not inflection: ``yargılama`` (trial) does not match
``yargıladı`` (tried), nor ``bakan`` (minister) ``bakanlık`` (ministry).

English side: a rendering counts when the bead's English holds it, compared folded
(`align.text.casefold.fold`: any case, unified apostrophes), on word boundaries, its words
separated by spaces or hyphens, the last word with an optional plural ``-s``/``-es``
(``-ies`` for a final consonant + ``y``).

It cannot see: a rendering that is present but used for something else, a term rendered in
another bead (a summary that moves it), Turkish forms the rule does not reach (a compound
split by another word, derivations), and a term whose words are split by other words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from align.qa.checks.base import Check, Context, Finding
from align.qa.glossary import Glossary, Term
from align.text.casefold import fold
from align.text.stem_tr import SUFFIXES, _expand, lexicon, stem_tr
from align.text.tokenize import Token, tokenize

POSSESSIVE_3SG = tuple(_expand("sI") + _expand("I"))
"""Third-person possessive endings (the stemmer's ``sI``/``I`` templates)."""
_MAX_SUFFIX = max(map(len, SUFFIXES))


@lru_cache(maxsize=100_000)
def inflectional(rest: str) -> bool:
    """Whether *rest* (non-empty) is a sequence of Turkish inflectional suffixes."""
    return any(rest[:k] in SUFFIXES and (k == len(rest) or inflectional(rest[k:]))
               for k in range(min(_MAX_SUFFIX, len(rest)), 0, -1))


def _canon(word: str) -> str:
    """The lemma a stem alternant stands for (``kitab`` -> ``kitap``), else *word*."""
    return lexicon().alt.get(word, word)


@cache
def bases(t: str) -> frozenset[str]:
    """The forms suffixes may follow for folded term word *t* (module doc), canonical."""
    out = {_canon(t)}
    if t not in lexicon().lemmas:
        st = stem_tr(t)
        for poss in POSSESSIVE_3SG:
            if t.endswith(poss) and len(st) >= 3 and _canon(t[: -len(poss)]) == st:
                out.add(st)
    return frozenset(out)


@lru_cache(maxsize=200_000)
def word_matches(w: str, t: str) -> bool:
    """Whether folded Turkish word *w* is an inflected form of folded term word *t*."""
    if w == t or _canon(w) == _canon(t):
        return True
    b = bases(t)
    if w in lexicon().lemmas and _canon(w) not in b:
        return False
    return any(_canon(w[:n]) in b and inflectional(w[n:]) for n in range(2, len(w)))


@dataclass(frozen=True)
class Sentence:
    """A Turkish sentence's tokens, their folded forms, and token positions by the first
    two letters of the folded form (every base of a term word starts as the word does)."""

    text: str
    tokens: list[Token]
    folded: list[str]
    by_start: dict[str, list[int]]

    @classmethod
    def of(cls, text: str, lang: str) -> Sentence:
        toks = tokenize(text, lang)
        folded = [fold(t.text, lang) for t in toks]
        by_start: dict[str, list[int]] = {}
        for n, f in enumerate(folded):
            by_start.setdefault(f[:2], []).append(n)
        return cls(text, toks, folded, by_start)


@dataclass(frozen=True)
class _Entry:
    term: Term
    words: tuple[str, ...]  # folded tokens of the Turkish term
    english: tuple[re.Pattern[str], ...]

    def occurrence(self, s: Sentence) -> tuple[int, int] | None:
        """``[start, end)`` of the term's first occurrence in sentence *s*, or None."""
        n = len(self.words)
        for i in s.by_start.get(self.words[0][:2], ()):
            if i + n <= len(s.tokens) and all(
                    word_matches(s.folded[i + k], self.words[k]) for k in range(n)) and all(
                    not s.text[s.tokens[i + k].end:s.tokens[i + k + 1].start].strip()
                    for k in range(n - 1)):
                return s.tokens[i].start, s.tokens[i + n - 1].end
        return None

    def rendered(self, english: str) -> bool:
        folded = fold(english, "en")
        return any(p.search(folded) for p in self.english)


def rendering_pattern(rendering: str) -> re.Pattern[str]:
    """The pattern of one English rendering over folded text (module doc)."""
    words = fold(rendering, "en").split()
    last = words[-1]
    tail = rf"{re.escape(last)}(?:e?s)?"
    if len(last) > 2 and last.endswith("y") and last[-2] not in "aeiou":
        tail = rf"(?:{tail}|{re.escape(last[:-1])}ies)"
    body = r"[\s\-‐]+".join([*map(re.escape, words[:-1]), tail])
    return re.compile(rf"(?<!\w){body}(?!\w)")


def entries(glossary: Glossary) -> list[_Entry]:
    out = []
    for term in glossary.terms:
        words = tuple(fold(t.text, "tr") for t in tokenize(term.tr, "tr"))
        if words:
            out.append(_Entry(term, words, tuple(rendering_pattern(r) for r in term.en)))
    return out


def message(term: Term) -> str:
    return f"glossary: “{term.tr}” should be rendered " + " or ".join(f"“{r}”" for r in term.en)


class Terminology(Check):

    def run(self, ctx: Context) -> list[Finding]:
        if not ctx.glossary:
            return []
        glossary = entries(ctx.glossary)
        out: list[Finding] = []
        for k, bead in enumerate(ctx.aln.beads):
            if not bead.src or not bead.tgt:
                continue
            english = " ".join(ctx.doc("tgt")[j] for j in bead.tgt)
            for e in glossary:
                for i in bead.src:
                    at = e.occurrence(self._sentence(ctx, i))
                    if at is None:
                        continue
                    if not e.rendered(english):
                        out.append(self.finding(k, message(e.term),
                                                src_span=ctx.span("src", i, *at)))
                    break
        return out

    @staticmethod
    def _sentence(ctx: Context, i: int) -> Sentence:
        key = ("terminology.sentence", i)
        if key not in ctx.memo:
            ctx.memo[key] = Sentence.of(ctx.doc("src")[i], ctx.langs["src"])
        s: Sentence = ctx.memo[key]
        return s
