"""``consistency``: one name spelled two ways in the English of one alignment (severity
**minor**).

Name tokens (English side, every sentence, from `align.text.normalize.analyse`): a word with
an upper-case first letter, or a code (letters and digits: ``TB-2``, ``F-16``); not numbers,
stopwords, one-letter words, words of ``not_names_en.txt`` (titles, compass and calendar
words), words in upper case without a digit (acronyms and shouted headlines: their I/ı is
lost), nor plain English words (`Context.common_words`: ``Defence``/``Defense`` is a
spelling norm, not a name) unless written with letters outside ASCII.

Two spellings are one name when

* their `align.qa.checks.names.phonetic` keys are equal (hyphens ignored), a doubled
  letter of the spelling kept apart from a single one: the same name up to diacritics and
  transliteration (``Erdoğan``/``Erdogan``, ``Kılıçdaroğlu``/``Kilicdaroglu``/
  ``Kilichdaroglu``, ``İstanbul``/``Istanbul``, ``TB-2``/``TB2``), while ``Alan``/``Allan``
  and ``Philips``/``Phillips`` are different names as often as not; or
* they render the same source name with other vowels: in linked beads, both match the same
  word of their linked Turkish (the word's phonetic key equals theirs, or — keys of 5+
  letters, no word of the bead matching exactly — differs in vowels only, or with the same
  first two letters by the edit distance `align.qa.checks.names` allows: 1, 2 for 9+
  letters), and their own keys differ in vowels only (same length, first letter and
  consonants, `align.qa.checks.names.skeleton`):
  ``Mohammed``/``Muhammad`` for ``Muhammed``. Keys that differ otherwise are other words
  of one root (``Bolivia``/``Bolivian``, ``Clinton``/``Clintons``) or other people
  (``Davis``/``Davies`` are both ``Davis`` in Turkish); or
* they differ in a doubled letter only and the linked Turkish of one of them writes the
  other spelling, not its own: ``Rusell`` where the Turkish has ``Russell`` (as another
  English sentence does) is a misspelling, while ``Alan`` and ``Allan``, each written so in
  its Turkish, stay two people.

A spelling is the token as written, in lower case (``ERDOGAN`` never counts; ``S-400s`` is
``s-400``). In a name with several spellings the majority spelling (the earliest on a tie)
is taken as the document's; every occurrence of another spelling is flagged on the bead of
its sentence (``tgt_span`` on the token), the message naming both spellings and their counts.

It cannot see a consistent misspelling (one spelling, wrong everywhere), spellings farther
apart than the rules allow (``Kiev``/``Kyiv`` differ by more than transliteration), names in
upper case, or multiword variants (``Recep Tayyip Erdoğan``/``Erdoğan`` are not
inconsistent). Two people whose names collapse to one key (``Ana``/``Anna``: doubled letters
are one) are taken as one name. In the store's window re-check after an edit only the
window's sentences are compared; ``recheck`` compares the whole pair.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from align.qa.checks.base import Check, Context, Finding
from align.qa.checks.data import not_names
from align.qa.checks.names import LONG_NAME, MAX_EDIT, _edit, phonetic, skeleton, tr_words
from align.text.casefold import ascii_fold
from align.text.normalize import TokenInfo

MIN_FUZZY = 5  # letters of a key before an edit distance may join it to a source word
_DOUBLE = re.compile(r"([^\W\d_])\1+")  # a doubled letter, marked so phonetic keeps it


@dataclass(frozen=True)
class Mention:
    """One name token: English sentence *j*, the token, its spelling, the token as written
    less a plural ``s`` of a code (``written``), its phonetic key (``plain``) and that key
    with doubled letters kept apart (``key``, the name's group)."""

    j: int
    token: TokenInfo
    spelling: str
    written: str
    key: str
    plain: str


def mention(ctx: Context, j: int, t: TokenInfo) -> Mention | None:
    """*t* of English sentence *j* as a name mention, or None (module doc)."""
    s = t.surface
    if t.is_number or t.key is None or len(s) < 2 or t.folded in not_names():
        return None
    coded = any(c.isdigit() for c in s)
    if not coded and (not s[:1].isupper() or s.isupper()):
        return None
    if not coded and s.isascii() and t.key in ctx.common_words:
        return None
    if coded and s.lower().replace("-", "") == t.key + "s":
        s = s[:-1]  # a plural code: S-400s
    spelling = s.lower()
    bare = spelling.replace("-", "")
    return Mention(j, t, spelling, s, phonetic(_DOUBLE.sub(r"\1:", ascii_fold(bare))),
                   phonetic(bare))


def _anchors(key: str, words: set[str]) -> set[str]:
    """Source words (phonetic keys) that a name of phonetic *key* renders (module doc)."""
    if key in words:
        return {key}
    if len(key) < MIN_FUZZY:
        return set()
    limit = MAX_EDIT if len(key) >= LONG_NAME else 1
    return {w for w in words if _vowels_only(w, key)
            or (w[:2] == key[:2] and _edit(key, w, limit) <= limit)}


def _vowels_only(a: str, b: str) -> bool:
    """Keys of one length, first letter and consonants: they differ in vowels only."""
    return len(a) == len(b) and a[:1] == b[:1] and skeleton(a) == skeleton(b)


def _source_spellings(ctx: Context, j: int) -> set[str]:
    """The words of English sentence *j*'s linked Turkish as written (lower case, a suffix
    after an apostrophe dropped: ``Russell'ın`` -> ``russell``)."""
    out = set()
    for i in ctx.linked_src(j):
        for t in ctx.analysis("src", i):
            out.add(re.split(r"['’]", t.surface, maxsplit=1)[0].lower())
    return out


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def names(ctx: Context) -> list[list[Mention]]:
    """The English name mentions grouped by name (module doc), in text order; only names
    with two or more spellings."""
    mentions = [m for j in range(ctx.n("tgt")) for t in ctx.analysis("tgt", j)
                if (m := mention(ctx, j, t)) is not None]
    groups = _Union()
    for m in mentions:
        groups.find(m.key)
    by_anchor: dict[str, list[Mention]] = {}
    for m in mentions:
        src = ctx.linked_src(m.j)
        if src and not any(c.isdigit() for c in m.plain):
            for w in _anchors(m.plain, tr_words(ctx, src)):
                by_anchor.setdefault(w, []).append(m)
    for ms in by_anchor.values():
        first = ms[0]
        for m in ms[1:]:
            if m.plain != first.plain and _vowels_only(m.plain, first.plain):
                groups.join(m.key, first.key)
    by_plain: dict[str, list[Mention]] = {}
    for m in mentions:
        by_plain.setdefault(m.plain, []).append(m)
    for ms in by_plain.values():
        spellings = {m.spelling: m for m in ms}
        if len(spellings) < 2:
            continue
        for m in ms:
            written = _source_spellings(ctx, m.j)
            if m.spelling in written:
                continue
            other = next((spellings[w] for w in spellings if w in written), None)
            if other is not None:
                groups.join(m.key, other.key)
    out: dict[str, list[Mention]] = {}
    for m in mentions:
        out.setdefault(groups.find(m.key), []).append(m)
    return [ms for ms in out.values() if len({m.spelling for m in ms}) > 1]


class Consistency(Check):

    def run(self, ctx: Context) -> list[Finding]:
        out: list[Finding] = []
        for ms in names(ctx):
            counts = Counter(m.spelling for m in ms)
            shown = {m.spelling: m.written for m in reversed(ms)}  # the first as written
            order = list(dict.fromkeys(m.spelling for m in ms))
            major = max(order, key=lambda s: (counts[s], -order.index(s)))
            for m in ms:
                if m.spelling == major:
                    continue
                msg = (f"“{shown[m.spelling]}” ({counts[m.spelling]}×) is written "
                       f"“{shown[major]}” ({counts[major]}×) elsewhere in the English: "
                       "one name, two spellings")
                out.append(self.finding(ctx.bead_of["tgt"][m.j], msg, tgt_span=ctx.span(
                    "tgt", m.j, m.token.start, m.token.end)))
        return out
