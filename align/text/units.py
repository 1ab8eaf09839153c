"""Currencies and units written next to a number: `unit_of`.

A number mention (`align.text.numbers`) carries a currency or unit when one of the forms of
``align/data/numbers/units.tsv`` stands straight after it (``5 dolar``, ``5 milyon
dolarlık``, ``5m dollars``, ``12 km``, ``12-km``, ``25°C``) or, for the forms marked
``before`` (symbols and codes), straight before it (``$5``, ``₺500``, ``TL 500``,
``USD 3``). "Straight" means nothing but spaces between them, or one hyphen after the
number (``a 12-kilometre road``). The longest form wins (``km/h`` over ``km``, ``ABD
doları`` over nothing). A symbol glued to letters before it is not read (``C$5``,
``HK$5``: another dollar); ``US$`` is a form of its own.

A `Unit` has the canonical *kinds* of its form: ``cur:USD`` (ISO 4217 codes), ``unit:km``
…; an ambiguous form has several (``pounds``: ``cur:GBP`` and ``unit:lb``; ``derece``:
``unit:°C`` and ``unit:°F``; ``km/h``: ``unit:km/h`` and ``unit:km``, since Turkish writes
``saatte 120 kilometre``). Two units are `compatible` when they share a kind.

Turkish forms also match with the case, possessive and copula endings of the data file's
``suffix`` lines (``dolara``, ``doları``, ``dolarlık``, ``kilometrelik``, ``ABD
dolarına``); an ending after an apostrophe (``TL'lik``, ``km'ye``) is cut by the tokenizer.
Forms with a capital letter (``TL``, ``MW``, ``°C``) match only as written, the others in
any case. Percentages are numbers of their own (``%``, ``yüzde``: `align.text.numbers`).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from align.errors import SchemaError
from align.text.casefold import base_lang, fold
from align.text.numbers import harmonise
from align.text.tokenize import Token, tokenize

__all__ = ["Unit", "compatible", "forms", "unit_of"]

_NAME = "align/data/numbers/units.tsv"
_VOWELS = frozenset("aeıioöuüAEIİOÖUÜ")
_GAP = frozenset(" \u00a0\u202f\t")


@dataclass(frozen=True, slots=True)
class Unit:
    """A currency or unit next to a number: its kinds and its ``[start, end)`` span (0-based)."""

    kinds: frozenset[str]
    start: int
    end: int

    @property
    def label(self) -> str:
        """Kinds without their prefix, for messages: ``USD``; ``GBP or lb``."""
        return " or ".join(sorted(k.split(":", 1)[1] for k in self.kinds))


def compatible(a: Unit, b: Unit) -> bool:
    """Whether *a* and *b* may name the same currency or unit (they share a kind)."""
    return bool(a.kinds & b.kinds)


@dataclass(frozen=True, slots=True)
class _Form:
    words: tuple[str, ...]  # token texts: folded, or as written where ``exact``
    exact: tuple[bool, ...]
    kinds: frozenset[str]
    before: bool


def _key(text: str, lang: str) -> str:
    return text if any(c.isupper() for c in text) else fold(text, lang)


def _parse(lang: str) -> tuple[dict[str, list[tuple[str, bool]]], list[str]]:
    """Form -> [(kind, before)] from the lines of *lang* (and ``*``), and the suffixes."""
    path = resources.files("align") / "data" / "numbers" / "units.tsv"
    lines: dict[str, list[tuple[str, bool]]] = {}
    suffixes: list[str] = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        kind = cols[0]
        ok = 3 <= len(cols) <= 4 and (kind == "suffix" or kind.startswith(("cur:", "unit:")))
        ok = ok and (len(cols) == 3 or cols[3] == "before") and bool(cols[2].strip())
        if not ok:
            raise SchemaError(f"{_NAME} line {lineno}: expected kind<TAB>lang<TAB>forms"
                              f"[<TAB>before] with kind suffix, cur:… or unit:…, got {raw!r}")
        if cols[1] not in (lang, "*"):
            continue
        if kind == "suffix":
            suffixes.append(cols[2].strip())
            continue
        for form in (f.strip() for f in cols[2].split(",")):
            lines.setdefault(form, []).append((kind, len(cols) == 4))
    return lines, suffixes


@cache
def forms(lang: str) -> dict[str, tuple[_Form, ...]]:
    """The forms of *lang*, indexed by their first token's folded text, longest first
    (Turkish endings generated). Raises SchemaError for a malformed line."""
    lang = base_lang(lang)
    lines, suffixes = _parse(lang)
    merged: dict[tuple[str, ...], tuple[set[str], bool]] = {}

    def add(words: tuple[str, ...], kinds: set[str], before: bool) -> None:
        got = merged.setdefault(words, (set(), False))
        merged[words] = (got[0] | kinds, got[1] or before)

    for form, entries in lines.items():
        words = tuple(_key(t.text, lang) for t in tokenize(form, lang))
        kinds = {k for k, _ in entries}
        add(words, kinds, any(b for _, b in entries))
        last = words[-1]
        if suffixes and last == fold(last, lang) and _VOWELS & set(last):
            for sfx in suffixes:
                add((*words[:-1], harmonise(last, sfx)), kinds, False)
    index: dict[str, list[_Form]] = {}
    for words, (kinds, before) in merged.items():
        f = _Form(words, tuple(w != fold(w, lang) for w in words), frozenset(kinds), before)
        index.setdefault(fold(words[0], lang), []).append(f)
    return {k: tuple(sorted(v, key=lambda f: -len(f.words))) for k, v in index.items()}


@lru_cache(maxsize=20_000)
def _tokens(text: str, lang: str) -> tuple[tuple[Token, ...], tuple[int, ...]]:
    toks = tuple(tokenize(text, lang))
    return toks, tuple(t.start for t in toks)


def _same(form: _Form, toks: tuple[Token, ...], lang: str) -> bool:
    for w, exact, t in zip(form.words, form.exact, toks, strict=True):
        if (t.text if exact else fold(t.text, lang)) != w:
            return False
    return all(toks[k].start - toks[k - 1].end <= 1 for k in range(1, len(toks)))


def _match(toks: tuple[Token, ...], k: int, lang: str, before: bool) -> _Form | None:
    """The longest form starting at token *k* (only ``before`` forms if *before*)."""
    if not 0 <= k < len(toks):
        return None
    for f in forms(lang).get(fold(toks[k].text, lang), ()):
        n = len(f.words)
        if (f.before or not before) and k + n <= len(toks) and _same(f, toks[k:k + n], lang):
            return f
    return None


@lru_cache(maxsize=50_000)
def unit_of(text: str, start: int, end: int, lang: str) -> Unit | None:
    """The currency or unit next to the number at ``text[start:end]`` (module doc), or None.

    ``unit_of("5 milyon dolarlık", 0, 8, "tr")`` -> ``Unit({"cur:USD"}, 9, 17)``.
    """
    lang = base_lang(lang)
    toks, starts = _tokens(text, lang)
    k = bisect.bisect_left(starts, end)
    if k + 1 < len(toks) and toks[k].text == "-" and toks[k].start == end \
            and toks[k + 1].start == toks[k].end:
        k += 1  # a 12-km road
    elif k < len(toks) and not set(text[end:toks[k].start]) <= _GAP:
        k = len(toks)
    f = _match(toks, k, lang, before=False)
    if f is not None:
        return Unit(f.kinds, toks[k].start, toks[k + len(f.words) - 1].end)
    k = bisect.bisect_left(starts, start) - 1
    for n in (2, 1):  # the form ends at token k, right before the number
        first = k - n + 1
        if first < 0 or not set(text[toks[k].end:start]) <= _GAP:
            continue
        f = _match(toks, first, lang, before=True)
        glued = first > 0 and toks[first - 1].end == toks[first].start \
            and toks[first - 1].kind in ("word", "code", "number")
        if f is not None and len(f.words) == n and not glued:
            return Unit(f.kinds, toks[first].start, toks[k].end)
    return None
