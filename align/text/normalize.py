"""The shared normal form of a sentence: `content_tokens` and the richer `analyse`.

``content_tokens(text, lang)`` -> list of strings, in text order:

* words: folded (`align.text.casefold.fold`), stopwords removed
  (``align/data/stopwords``), stemmed (`align.text.stem.stem`); apostrophe suffixes are
  cut first (``"Rusya'nın"`` -> ``"rusya"``); a capitalised Turkish word the stemmer
  does not know is kept whole (a name);
* codes (letters + digits): folded, hyphens removed: ``"TB-2"``, ``"TB2"`` -> ``"tb2"``;
* numbers: ``"#" + canonical value`` (`align.text.numbers`): ``"#1250"``, ``"#15%"``,
  ``"#date:10-26"``, ``"#ord:3"``, ``"#2021"``; a ``#`` never starts a word key.

``analyse(text, lang)`` -> one `TokenInfo` per content token, same order:
``[t.key for t in analyse(text, lang)] == content_tokens(text, lang)``. Negation
(negative verb forms; the token a negator word such as ``not``/``değil`` governs) is a
flag on the content tokens; ``negators=True`` adds the negator words as well.

Speed: a sentence without digits or number words takes a fast path (one regex pass; each
match string looked up in a per-surface-form cache that holds its meaning, token shape and
ASCII fold, filled the first time the form is seen); `content_tokens` results are also
cached per (text, lang).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from align.text.casefold import ascii_fold, base_lang, fold, fold_table, fold_with
from align.text.numbers import Found, inflection, scan
from align.text.numlex import vocabulary
from align.text.stem import stemmer
from align.text.stem_tr import is_negative_tr
from align.text.stopwords import stoplist
from align.text.tokenize import Token, token_from_match, token_pattern

_SENTENCE_END = frozenset(".!?…:")
_OPENERS = frozenset("\"'“”‘’«»„([{-–—")
_TRIGGER = ("card", "hundred", "scale", "ord")  # number words that can make a mention alone
_BEFORE, _AFTER = 3, 8  # token window around a number trigger (see `_with_numbers`)


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """One content token (or negator) of a sentence; span ``[start, end)`` 0-based into text.

    ``key`` is what `content_tokens` emits (``None`` only for the negator words that
    ``analyse(..., negators=True)`` adds); ``stem`` equals ``key`` for content tokens.
    ``ascii`` is ``ascii_fold(folded)`` for cognate matching. ``is_capitalised``: upper-case first letter and not sentence-initial
    (name candidate). ``negation``: a negative verb form, a token governed by a negator
    word, or a negator word itself.
    """

    surface: str
    start: int
    end: int
    folded: str
    stem: str
    ascii: str
    key: str | None
    is_number: bool = False
    value: str | None = None
    number_kind: str | None = None
    is_capitalised: bool = False
    sentence_initial: bool = False
    negation: bool = False
    suffix: str = ""


class _Entry:
    """What one surface match (the regex match string) means; computed once per string.

    Besides the meaning (key, folded, stem, negation, negator, numeric) it holds the
    token's shape (`Token` fields less the span, which starts where the match starts, and
    the match's ``lastgroup``), ``ascii_fold(folded)`` and the per-token tests of
    `analyse`, so that a surface form seen before costs one dict look-up.
    """

    __slots__ = ("ascii", "folded", "group", "key", "kind", "negation", "negator", "numeric",
                 "role", "sentence_end", "stem", "suffix", "text", "upper")

    def __init__(self, tok: Token, group: str | None, key: str | None, folded: str, stem: str,
                 negation: bool = False, negator: int = 0, numeric: bool = False) -> None:
        self.key = key
        self.folded = folded
        self.stem = stem
        self.negation = negation  # a negative verb form (Turkish -mA-, English n't on a content word)
        self.negator = negator  # a negator word: 1 negates the next content token, -1 the previous
        self.numeric = numeric  # needs the number scanner (digits, number words)
        self.group = group  # `re.Match.lastgroup` of the match it was made from
        self.text, self.kind, self.suffix = tok.text, tok.kind, tok.suffix
        self.ascii = ascii_fold(folded)
        self.upper = tok.text[:1].isupper()
        self.role = _CONTENT
        self.sentence_end = False
        if tok.kind in ("punct", "symbol"):
            self.role = _OPENER if tok.text in _OPENERS else _CLOSER
            self.sentence_end = tok.text in _SENTENCE_END

    def token(self, start: int) -> Token:
        return Token(self.text, start, start + len(self.text), self.kind, self.suffix)


_CONTENT, _CLOSER, _OPENER = 0, 1, 2  # `_Entry.role`: not punctuation; punct/symbol; opener


class _Pipeline:
    """Per-language compiled pattern, vocabularies and the surface-form -> entry cache."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.pattern: re.Pattern[str] = token_pattern(lang)
        self.stop = stoplist(lang)
        voc = vocabulary(lang)
        self.num_words = frozenset(
            w for w, nw in voc.items()
            if nw.kind in _TRIGGER and not nw.flags & {"compound", "prescale"}
        )
        inf = inflection(lang)  # inflected number words ("milyondan") trigger the scanner too
        if inf is not None:
            self.num_words |= frozenset(inf.forms)
        # Same matches as `pattern`, no groups: findall then returns the match strings.
        self.flat = re.compile(re.sub(r"\(\?P<\w+>", "(?:", self.pattern.pattern), re.DOTALL)
        self.fold_table = fold_table(lang)
        self.stem = stemmer(lang)
        self.entries: dict[str, _Entry] = {}
        self.keys: dict[str, str] = {}  # surface match -> key, "" for none
        self.numeric: set[str] = set()  # surface matches that need the number scanner

    def entry(self, m: re.Match[str]) -> _Entry:
        e = self.entry_for(token_from_match(m), m.lastgroup)
        if len(self.entries) > 1_000_000:
            self.entries.clear()
            self.keys.clear()
            self.numeric.clear()
        raw = m.group()
        self.entries[raw] = e
        self.keys[raw] = e.key or ""
        if e.numeric:
            self.numeric.add(raw)
        return e

    def entry_for(self, tok: Token, group: str | None = None) -> _Entry:
        kind = tok.kind
        if kind == "number":
            return _Entry(tok, group, None, tok.text, tok.text, numeric=True)
        if kind == "code":
            folded = fold_with(tok.text, self.fold_table).replace("-", "")
            if self.lang == "en" and folded[-2:-1].isdigit() and folded.endswith("s"):
                folded = folded[:-1]  # plural of a code: S-400s -> s400
            return _Entry(tok, group, folded, folded, folded)
        if kind != "word":
            return _Entry(tok, group, None, "", "")
        folded = fold_with(tok.text, self.fold_table)
        numeric = folded in self.num_words
        neg_sfx = tok.suffix == "n't"
        stop = self.stop
        if folded in stop.negators or (neg_sfx and folded in stop.words):
            return _Entry(tok, group, None, folded, folded, False, stop.negators.get(folded, 1),
                          numeric)
        if folded in stop.words:
            return _Entry(tok, group, None, folded, folded, numeric=numeric)
        st = self.stem(folded, tok.text[:1].isupper())
        if st in stop.stems:
            return _Entry(tok, group, None, folded, st, numeric=numeric)
        negation = neg_sfx or (self.lang == "tr" and is_negative_tr(folded))
        return _Entry(tok, group, st, folded, st, negation, 0, numeric)


@cache
def _pipeline(lang: str) -> _Pipeline:
    return _Pipeline(lang)


def content_tokens(text: str, lang: str) -> list[str]:
    """Folded, stopword-free, stemmed tokens of *text*; numbers as ``"#" + value``.

    ``content_tokens("Rusya'nın saldırıları 2,5 milyar dolara ulaştı.", "tr")`` ->
    ``["rusya", "saldırı", "#2500000000", "dolar", "ulaş"]``.
    """
    return list(_content_cached(text, base_lang(lang)))


@lru_cache(maxsize=100_000)
def _content_cached(text: str, lang: str) -> tuple[str, ...]:
    return tuple(content_tokens_uncached(text, lang))


def content_tokens_uncached(text: str, lang: str) -> list[str]:
    """`content_tokens` without the per-sentence cache (for benchmarks)."""
    pipe = _pipeline(base_lang(lang))
    raws = pipe.flat.findall(text)
    keys = list(map(pipe.keys.get, raws))
    ms: list[re.Match[str]] | None = None
    if None in keys:  # unseen surface forms: compute their entries once
        ms = list(pipe.pattern.finditer(text))
        entries = pipe.entries
        for m in ms:
            if m.group() not in entries:
                pipe.entry(m)
        keys = list(map(pipe.keys.get, raws))
    if not pipe.numeric.isdisjoint(raws):
        return _with_numbers(text, pipe, ms)
    return [k for k in keys if k]


def _tokens(matches: list[re.Match[str]], pipe: _Pipeline) -> tuple[list[Token], list[_Entry]]:
    toks: list[Token] = []
    ents: list[_Entry] = []
    entries = pipe.entries
    for m in matches:
        e = entries.get(m.group()) or pipe.entry(m)
        toks.append(e.token(m.start()) if e.group == m.lastgroup else token_from_match(m))
        ents.append(e)
    return toks, ents


def _with_numbers(text: str, pipe: _Pipeline,
                  ms: list[re.Match[str]] | None = None) -> list[str]:
    """Slow path of `content_tokens` for sentences with digits or number words (*ms*: the
    matches of *text*, when the caller has them).

    The number scanner runs only on windows of tokens around the number triggers
    (`_BEFORE` tokens before, `_AFTER` after; each number word is itself a trigger, so a
    long spelled-out number keeps its window open).
    """
    if ms is None:
        ms = list(pipe.pattern.finditer(text))
    raws = [m.group() for m in ms]
    keys, numeric = pipe.keys, pipe.numeric
    windows: list[list[int]] = []
    for i, raw in enumerate(raws):
        if raw in numeric:
            lo, hi = max(0, i - _BEFORE), min(len(ms), i + _AFTER + 1)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
    out: list[str] = []
    pos = 0
    for lo, hi in windows:
        out.extend(k for k in map(keys.__getitem__, raws[pos:lo]) if k)
        toks, ents = _tokens(ms[lo:hi], pipe)
        found = scan(text, toks, pipe.lang, [e.folded for e in ents])
        k, skip_to = 0, -1
        for i, e in enumerate(ents):
            while k < len(found) and found[k].first == i:
                out.append("#" + found[k].mention.value)
                skip_to = max(skip_to, found[k].last)
                k += 1
            if i > skip_to and e.key is not None:
                out.append(e.key)
        pos = hi
    out.extend(k for k in map(keys.__getitem__, raws[pos:]) if k)
    return out


def _cached_entries(text: str, pipe: _Pipeline
                    ) -> tuple[list[re.Match[str]], list[_Entry] | None]:
    """The matches of *text* and, for the fast path, their cached entries; None instead of
    the entries when a match needs the number scanner or was made by other groups than its
    cached entry (then the token path runs)."""
    entries = pipe.entries
    matches = list(pipe.pattern.finditer(text))
    ents: list[_Entry] = []
    for m in matches:
        e = entries.get(m.group()) or pipe.entry(m)
        if e.numeric or e.group != m.lastgroup:
            return matches, None
        ents.append(e)
    return matches, ents


def match_terms(text: str, lang: str) -> list[tuple[str, str, str | None]]:
    """``(stem, ascii, number value or None)`` of every content token of *text*: exactly
    ``[(t.stem, t.ascii, t.value) for t in analyse(text, lang)]``, what the lexical scorer
    needs, without building `TokenInfo` objects when no token needs the number scanner."""
    pipe = _pipeline(base_lang(lang))
    matches, ents = _cached_entries(text, pipe)
    if ents is None:
        return _terms_scanned(text, pipe, matches)
    return [(e.stem, e.ascii, None) for e in ents
            if e.key is not None and not e.negator and not e.role]


def analyse(text: str, lang: str, *, negators: bool = False) -> list[TokenInfo]:
    """`TokenInfo` for every content token of *text*, in text order.

    ``negation`` is set on negative verb forms (``gelmedi``, ``gitmiyor``) and on the
    content token a negator word governs (``did not attack`` -> ``attack``; Turkish
    ``hazır değil`` -> ``hazır``); a negator's reach stops at punctuation. With
    ``negators=True`` the negator words themselves are included too, with ``key=None``.
    """
    pipe = _pipeline(base_lang(lang))
    # Fast path: no number scanner, tokens from the entry cache; otherwise the token path.
    matches, ents = _cached_entries(text, pipe)
    if ents is None:
        return _analyse_tokens(text, pipe, negators, matches)
    out: list[TokenInfo] = []
    initial, pending, last_content = True, False, -1  # pending: a forward negator is open
    for m, e in zip(matches, ents):
        if e.role:
            if e.role == _CLOSER:
                pending, last_content = False, -1
                initial = e.sentence_end
            continue
        if e.negator:
            if e.negator > 0:
                pending = True
            elif last_content >= 0:
                out[last_content] = replace(out[last_content], negation=True)
            if negators:
                start = m.start()
                out.append(TokenInfo(e.text, start, start + len(e.text), e.folded, e.stem,
                                     e.ascii, None, False, None, None, False, initial, True,
                                     e.suffix))
        elif e.key is not None:
            start = m.start()
            out.append(TokenInfo(e.text, start, start + len(e.text), e.folded, e.stem, e.ascii,
                                 e.key, False, None, None, e.upper and not initial, initial,
                                 e.negation or pending, e.suffix))
            pending, last_content = False, len(out) - 1
        initial = False
    return out


def _scanned(text: str, pipe: _Pipeline, matches: list[re.Match[str]]
             ) -> tuple[list[Token], list[_Entry], dict[int, list[Found]], set[int]]:
    """Tokens and entries of *matches*, the numbers the scanner finds by first token, and
    the tokens they cover."""
    toks, ents = _tokens(matches, pipe)
    found = (scan(text, toks, pipe.lang, [e.folded for e in ents])
             if any(e.numeric for e in ents) else [])
    by_first: dict[int, list[Found]] = {}
    covered: set[int] = set()
    for f in found:
        by_first.setdefault(f.first, []).append(f)
        covered.update(range(f.first, f.last + 1))
    return toks, ents, by_first, covered


def _terms_scanned(text: str, pipe: _Pipeline, matches: list[re.Match[str]]
                   ) -> list[tuple[str, str, str | None]]:
    """`match_terms` for a sentence that needs the number scanner: `_analyse_tokens`'
    walk, keeping only what the terms need."""
    toks, ents, by_first, covered = _scanned(text, pipe, matches)
    out: list[tuple[str, str, str | None]] = []
    for i, (tok, e) in enumerate(zip(toks, ents)):
        for f in by_first.get(i, ()):
            nm = f.mention
            out.append(("#" + nm.value, ascii_fold(fold(text[nm.start:nm.end], pipe.lang)),
                        nm.value))
        if i in covered or tok.kind in ("punct", "symbol") or e.negator:
            continue
        if e.key is not None:
            out.append((e.stem, e.ascii, None))
    return out


def _analyse_tokens(text: str, pipe: _Pipeline, negators: bool,
                    matches: list[re.Match[str]]) -> list[TokenInfo]:
    """`analyse` on the token list (*matches*: every match of *text*), with the number
    scanner when a token needs it."""
    lang = pipe.lang
    toks, ents, by_first, covered = _scanned(text, pipe, matches)
    out: list[TokenInfo] = []
    initial, pending, last_content = True, False, -1  # pending: a forward negator is open
    for i, (tok, e) in enumerate(zip(toks, ents)):
        for f in by_first.get(i, ()):
            nm = f.mention
            surface = text[nm.start:nm.end]
            folded = fold(surface, lang)
            key = "#" + nm.value
            out.append(TokenInfo(surface, nm.start, nm.end, folded, key, ascii_fold(folded), key,
                                 True, nm.value, nm.kind, sentence_initial=initial,
                                 negation=pending))
            pending, last_content = False, len(out) - 1
        if i in covered:
            initial = False
            continue
        if tok.kind in ("punct", "symbol"):
            if tok.text not in _OPENERS:
                pending, last_content = False, -1
                initial = tok.text in _SENTENCE_END
            continue
        if e.negator:
            if e.negator > 0:
                pending = True
            elif last_content >= 0:
                out[last_content] = replace(out[last_content], negation=True)
            if negators:
                out.append(TokenInfo(tok.text, tok.start, tok.end, e.folded, e.stem, e.ascii,
                                     None, False, None, None, False, initial, True,
                                     tok.suffix))
        elif e.key is not None:
            out.append(TokenInfo(tok.text, tok.start, tok.end, e.folded, e.stem, e.ascii, e.key,
                                 False, None, None, tok.text[:1].isupper() and not initial,
                                 initial, e.negation or pending, tok.suffix))
            pending, last_content = False, len(out) - 1
        initial = False
    return out
