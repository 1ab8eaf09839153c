"""``entity_mismatch``: a name in the English with no counterpart in the linked Turkish.

Candidates (English side of a linked bead, from `align.text.normalize.analyse`): a word with
a capital letter that is not sentence-initial; a sentence-initial one that is not a plain
word when another candidate follows it (``Kaan Bozkurt testified``); any known name (a
country or demonym from ``align/data/qa/countries.tsv``, or an English name of the shipped
names and acronym lists that is not a plain word). Not candidates: capitalised plain English
words (the general lexicon translates them: ``Central Bank``, ``Armed Forces``: a title
cannot be told from a name there), titles, compass and calendar words (``not_names_en.txt``:
Prof., Assoc., Northwestern, October), unknown acronyms and codes (``SAM``, ``PTSD``:
translations often expand them), one-letter words, and in a Title Case headline every
capitalised word that is not a known name. Consecutive candidates form one name.

A candidate is found in the Turkish (`found`) when a Turkish token has the same stem, when a
Turkish word (stopwords included: ``Kim``) has the same `phonetic` key (``Istanbul`` =
``İstanbul'da``, ``Catalonia`` = ``Katalonya``), when the lexicon (names, exonyms, acronyms:
``Ermenistan`` -> ``Armenia``, ``Kiev`` -> ``Kyiv``, ``TÜİK`` -> ``TurkStat``) maps a
Turkish token to it, when one key starts with the other and they differ by at most 4 letters
(an unmarked Turkish suffix), or — keys of 5+ letters, not countries — by an edit distance
of 1 (2 for keys of 9+ letters) with the same first two letters (``Zelenskiy``/``Zelensky``;
``Yılmaz``/``Yıldız`` differ by 2: not found), or — an English spelling with letters or
digraphs Turkish lacks (w, q, x, sh, ou, …) — when a Turkish word of the same first letter
has the same consonant skeleton (``Moualem``/``Muallim``, ``Walid``/``Velid``; a
Turkish-spelled ``Mehmet`` never matches ``Mahmut``). ``O'Hagan`` in the Turkish also
gives ``Hagan`` (a one-letter word before an apostrophe is a name prefix, not a name with a
suffix). Title abbreviations of ``align/data/abbrev/en.txt`` (``Supt``, ``Sens``) are never
names. A country or demonym is found when the
Turkish names the same country (``Ukrainian`` for ``Ukrayna``), through lexicon entries of
weight >= 0.5.

Severity (monotonic alignments), with the rule that raised it (``Flag.rule``):
**critical** ``swapped-country`` when the missing name is a country or demonym and the
linked Turkish names a country the English of the bead does not (Armenia written as
Azerbaijan); **major** ``swapped`` when the linked Turkish has a name that no English word
of the bead renders (`unrendered_names`: the name the English lost in its place);
**minor** ``elsewhere`` when every missing word occurs elsewhere in the source document,
and ``added`` otherwise: a name with no Turkish counterpart and no Turkish name left over
is mostly one the English adds for context (a first name, a programme title, a party
nickname) — real translations do this, so without a swap it is only a hint; ``spelling``
when the Turkish name left over looks like another spelling of the English one
(`_alike`: ``Czechoslovak``/``Çekoslovak``). The home country of the source language (`HOME`:
Turkey for Turkish) is not flagged unless swapped: Turkish text leaves it implicit ("lira",
"yetkililer" for "the Turkish lira", "Turkish officials"). A name of which some word is
found and the rest occur elsewhere in the source is not flagged ("Necati Bozkurt" for
"Bozkurt"). Free-mode (abstractive) alignments fuse facts from anywhere, so there a name is
looked up in the whole source document: absent -> major, unless it is a Turkish name
(Turkish letters or Turkish words: an outlet such as ``Gazete Duvar`` that a digest lead
names from its citations) — not flagged.

Cannot see: a swap into a name the source mentions elsewhere (``elsewhere``, minor), a
swapped name whose Turkish counterpart happens to be rendered by another English word, and
names the lexicons spell differently with no phonetic overlap (``Çin``/``China`` is in the
names list; an unknown exonym is not).
"""
from __future__ import annotations

import re
from functools import cache

from align.qa.checks.base import Check, Context, Finding
from align.qa.checks.data import not_names
from align.qa.checks.names import (
    PLURAL_ACRONYM,
    _edit,
    countries_in,
    countries_of,
    country_of_stem,
    found,
    phonetic,
    skeleton,
    tr_words,
)
from align.text.casefold import ascii_fold
from align.text.normalize import TokenInfo, content_tokens
from align.text.numlex import vocabulary
from align.text.stem_tr import lexicon
from align.types import Mode, Severity

HOME = {"tr": "Turkey"}  # country a text in this language leaves implicit
_TR_LETTERS = frozenset("ğĞşŞıİçÇöÖüÜ")


def candidate(ctx: Context, t: TokenInfo, name_stems: frozenset[str],
              title_case: bool = False) -> bool:
    """Whether English token *t* is a name to look for (module doc). In a *title_case*
    sentence (a headline) only known names count."""
    if t.is_number or t.key is None or len(t.surface) < 2 or t.folded in not_names():
        return False
    if t.key in country_of_stem():
        return True
    if t.key in ctx.common_words:
        return False
    known = t.surface[:1].isupper() and t.key in name_stems
    if t.surface.isupper() or PLURAL_ACRONYM.match(t.surface) or any(c.isdigit() for c in t.surface):
        return known  # acronyms and codes: only known ones (SAM, PTSD may be expanded)
    return known or (t.is_capitalised and not title_case)


def is_title_case(text: str) -> bool:
    """A headline in Title Case: of its words of 4+ letters (at least 5), 75% capitalised."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    return len(words) >= 5 and sum(w[:1].isupper() for w in words) >= 0.75 * len(words)


def candidates(ctx: Context, j: int, name_stems: frozenset[str]) -> list[TokenInfo]:
    """Candidate tokens of target sentence *j*; a sentence-initial capitalised word that is
    not a plain word counts when a candidate follows it (``Kaan Bozkurt testified``)."""
    text = ctx.doc("tgt")[j]
    toks = ctx.analysis("tgt", j)
    title = is_title_case(text)
    out = [t for t in toks if candidate(ctx, t, name_stems, title)]
    if len(toks) > 1 and out and out[0] is toks[1] and not title:
        first = toks[0]
        if (first.sentence_initial and first.surface[:1].isupper() and first.key is not None
                and not first.is_number and first.key not in ctx.common_words
                and first.folded not in not_names() and not text[first.end:toks[1].start].strip()):
            out.insert(0, first)
    return out


def looks_turkish(ctx: Context, t: TokenInfo) -> bool:
    """A Turkish word kept in the English (Turkish letters, or a Turkish lexicon entry)."""
    if any(c in _TR_LETTERS for c in t.surface):
        return True
    return any(s in ctx.lexicon.forward for s in content_tokens(t.surface, "tr"))


def _groups(text: str, toks: list[TokenInfo]) -> list[list[TokenInfo]]:
    """Runs of candidate tokens separated only by spaces, hyphens or stopwords."""
    out: list[list[TokenInfo]] = []
    for t in toks:
        gap = text[out[-1][-1].end:t.start] if out else "."
        if out and not any(c in gap for c in ".,;:!?()[]\"“”") and len(gap.split()) <= 2:
            out[-1].append(t)
        else:
            out.append([t])
    return out


def _alike(en: str, tr: str) -> bool:
    """Two spellings of one name rather than two names: the same first two letters and
    consonant skeletons that share their first three (``Spiegel``/``Speigel``), one
    phonetic key starting the other, or ASCII spellings of 6+ letters within a quarter of
    their length in edits (``Czechoslovak``/``Çekoslovak``)."""
    a, b = phonetic(en), phonetic(tr)
    if a.startswith(b) or b.startswith(a):
        return True
    x, y = ascii_fold(en.lower()), ascii_fold(tr.lower())
    if len(x) >= 6 and _edit(x, y, 3) <= max(1, len(x) // 4):  # Czechoslovak / Çekoslovak
        return True
    sa, sb = skeleton(a), skeleton(b)
    return len(sa) >= 3 and sa[:3] == sb[:3] or (a[:2] == b[:2] and sa[-3:] == sb[-3:])


@cache
def _tr_months() -> tuple[str, ...]:
    """Turkish month names (a month with a suffix starts with one: ``Temmuzda``)."""
    return tuple(w for w, v in vocabulary("tr").items() if v.kind == "month")


def _title_word(ctx: Context, t: TokenInfo) -> bool:
    """A capitalised plain Turkish word (a word of a title: ``İşçi Partisi``, ``Güney
    Amerika``)."""
    return t.surface[:1].isupper() and not t.sentence_initial and t.key in ctx.common_source


def unrendered_names(ctx: Context, k: int) -> list[tuple[int, TokenInfo]]:
    """(source id, token) of the names in bead *k*'s Turkish that no English token of the
    bead renders: capitalised words inside a sentence (Turkish capitalises only names
    there) that are not numbers or plain lexicon words. The evidence of a swap: a name
    the English dropped in place of the one it has."""
    bead = ctx.aln.beads[k]
    english = [t for j in bead.tgt for t in ctx.analysis("tgt", j)
               if t.key is not None and not t.is_number]
    months = _tr_months()
    out = []
    for i in bead.src:
        toks = ctx.analysis("src", i)
        for n, u in enumerate(toks):
            if (u.key is None or u.is_number or not u.surface[:1].isupper()
                    or len(u.surface) < 3 or u.surface.isupper()
                    or u.folded.startswith(months)):
                continue
            if u.key in ctx.common_source and u.folded not in lexicon().proper and (
                    u.sentence_initial or any(_title_word(ctx, x) for x in toks[max(0, n - 1):n]
                                              + toks[n + 1:n + 2])):
                continue  # a plain word opening the sentence, or in a title: "Sulh Ceza"
            words, countries = {phonetic(u.surface)}, countries_in(ctx, [u])
            if not any(found(ctx, e, [u], words, countries) for e in english):
                out.append((i, u))
    return out


class EntityMismatch(Check):

    def run(self, ctx: Context) -> list[Finding]:
        names = frozenset(s for s in ctx.lexicon.backward if s not in ctx.common_words)
        doc = [t for i in range(ctx.n("src")) for t in ctx.analysis("src", i)]
        doc_countries = countries_of(ctx, range(ctx.n("src")))
        doc_words = tr_words(ctx, range(ctx.n("src")))
        free = ctx.aln.signature.mode == Mode.FREE.value
        out: list[Finding] = []
        for k, bead in enumerate(ctx.aln.beads):
            if bead.is_null:
                continue
            tr = doc if free else [t for i in bead.src for t in ctx.analysis("src", i)]
            tr_countries = doc_countries if free else countries_of(ctx, bead.src)
            words = doc_words if free else tr_words(ctx, bead.src)
            en_countries = {country_of_stem().get(t.key or "") for j in bead.tgt
                            for t in ctx.analysis("tgt", j)} - {None}
            for j in bead.tgt:
                text = ctx.aln.target.sentences[j].text
                toks = candidates(ctx, j, names)
                for grp in _groups(text, toks):
                    missing = [t for t in grp if not found(ctx, t, tr, words, tr_countries)]
                    if not missing:
                        continue
                    if free:
                        f = self._absent(ctx, k, j, grp, missing)
                    else:
                        swapped = tr_countries - en_countries
                        f = self._flag(ctx, k, j, grp, missing, (doc, doc_words, doc_countries),
                                       swapped)
                    out.extend(f)
        return out

    def _absent(self, ctx: Context, k: int, j: int, grp: list[TokenInfo],
                missing: list[TokenInfo]) -> list[Finding]:
        if all(looks_turkish(ctx, t) for t in missing):
            return []
        words = " ".join(t.surface for t in missing)
        span = ctx.span("tgt", j, missing[0].start, missing[-1].end)
        return [self.finding(k, f"English “{words}” occurs nowhere in the source",
                             Severity.MAJOR, None, span, rule="absent")]

    def _flag(self, ctx: Context, k: int, j: int, grp: list[TokenInfo], missing: list[TokenInfo],
              doc: tuple[list[TokenInfo], set[str], set[str]], swapped: set[str]
              ) -> list[Finding]:
        name = ctx.aln.target.sentences[j].text[grp[0].start:grp[-1].end]
        span = ctx.span("tgt", j, missing[0].start, missing[-1].end)
        country = next((country_of_stem()[t.key] for t in missing
                        if t.key in country_of_stem()), None)
        if country and swapped:
            other = min(swapped)
            return [self.finding(k, f"English “{name}” ({country}) is not in the linked Turkish, "
                                    f"which names {other} instead: swapped country?",
                                 Severity.CRITICAL, self._where(ctx, k, other), span,
                                 rule="swapped-country")]
        if country is not None and country == HOME.get(ctx.langs["src"]):
            return []
        elsewhere = all(found(ctx, t, *doc) for t in missing)
        if elsewhere and len(missing) < len(grp):
            return []
        if elsewhere:
            return [self.finding(k, f"English “{name}” is not in the linked Turkish (it occurs "
                                    "elsewhere in the source): check the name and the alignment",
                                 Severity.MINOR, None, span, rule="elsewhere")]
        words = " ".join(t.surface for t in missing)
        left = unrendered_names(ctx, k)
        alike = [(i, u) for i, u in left if any(_alike(t.surface, u.surface) for t in missing)]
        if alike:
            i, u = alike[0]
            return [self.finding(k, f"English “{words}” is spelled differently in the linked "
                                    f"Turkish: “{u.surface}”", Severity.MINOR,
                                 ctx.span("src", i, u.start, u.end), span, rule="spelling")]
        if left:
            i, u = left[0]
            return [self.finding(k, f"English “{words}” is not in the linked Turkish, which "
                                    f"names “{u.surface}” instead: swapped name?",
                                 Severity.MAJOR, ctx.span("src", i, u.start, u.end), span,
                                 rule="swapped")]
        return [self.finding(k, f"English “{words}” has no counterpart in the linked Turkish "
                                "or anywhere in the source (a name the English adds?)",
                             Severity.MINOR, None, span, rule="added")]

    @staticmethod
    def _where(ctx: Context, k: int, country: str) -> tuple[int, int] | None:
        """Span of the first Turkish token of bead *k* that names *country*."""
        for i in ctx.aln.beads[k].src:
            for t in ctx.analysis("src", i):
                if country in countries_in(ctx, [t]):
                    return ctx.span("src", i, t.start, t.end)
            if country in countries_of(ctx, [i]):
                return ctx.span("src", i)
        return None
