"""Number mentions with language-independent canonical values.

`numbers(text, lang)` finds integers, decimals, percentages, dates, years, ordinals and
amounts (a number times a scale word) and gives each a canonical ``value`` string that is
equal across languages; ``"#" + value`` is the content token (`align.text.normalize`):

========================================  ==================  =========
surface                                   value               kind
========================================  ==================  =========
``1.250`` (tr) / ``1,250`` (en)           ``1250``            int
``2,5`` (tr) / ``2.5`` (en)               ``2.5``             decimal
``2,5 milyar`` / ``2.5 billion``          ``2500000000``      amount
``yüzde 15``, ``%15``, ``15 percent``     ``15%``             percent
``26 Ekim``, ``October 26th``             ``date:10-26``      date
``Ekim 2021``, ``October 2021``           ``month:10``        date
``2021`` (1000-2100, no separators)       ``2021``            year
``3.`` before a noun (tr), ``üçüncü``     ``ord:3``           ordinal
``dört`` / ``four``                       ``4``               int
========================================  ==================  =========

A full date (``27.10.2021``, ``27 October 2021``, ``October 27, 2021``) gives two
mentions: the day-month (``date:10-27``) and the year (``2021``); so does a month with a
year and no day (``Ekim 2021``: ``month:10`` and ``2021``). Ambiguous words are
rules in ``align/data/numbers/README.md``: bare Turkish ``bir`` and English ``one`` give
nothing (article / pronoun); they count only inside a longer number (``bir milyon``,
``one hundred``); ``a million`` is 1000000. Spans are ``[start, end)``, 0-based, into *text*.

Turkish number words with a case, possessive or copula ending and no apostrophe are read
as their number word (`inflected_base`; forms and rules in ``align/data/numbers/
tr.inflection.tsv`` and its README): ``1 milyondan fazla`` = 1000000, ``yüzde elli
sekizi`` = 58%, ``iki yüzden fazla`` = 200, ``yüzde ona`` = 10%. Words whose forms are also
ordinary words (``on``, ``yüz``, ``bin``, ``altı``, ``yedi``) count only in a number
context: ``yüzden fazla`` = 100, but ``bu yüzden`` ("therefore"), ``yüzü güldü`` ("his
face smiled") and ``ona göre`` ("according to him") give nothing. Month names take the
same endings (``26 Ekimde`` = ``26 Ekim'de``, ``1 Ocaktan`` = ``1 Ocak'tan``).

A day range before one month makes every day a date (``12-13 Mart``, ``12 ve 13 Mart``,
``12-13 March``: ``date:03-12`` and ``date:03-13``), and so does a dash after an English
month-first date (``March 12-13``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from align.errors import SchemaError
from align.text.casefold import base_lang, fold
from align.text.numlex import vocabulary
from align.text.numscan import NUMBER_KINDS, Found, NumberMention, Scanner
from align.text.tokenize import Token, tokenize

__all__ = ["NUMBER_KINDS", "Found", "Inflection", "NumberMention", "harmonise",
           "inflected_base", "inflection", "numbers", "scan"]

_VOWELS = "aıoueiöü"
_BACK = "aıou"
_VOICELESS = "çfhkpsşt"
_I_AFTER = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}
_BASE_KINDS = ("card", "hundred", "scale")
_INFLECTED_KINDS = (*_BASE_KINDS, "month")  # words whose suffixed forms `inflection` generates
_CONTEXTS = frozenset({"after", "before"})


@dataclass(frozen=True)
class Inflection:
    """Inflected number words of one language (from ``<lang>.inflection.tsv``).

    ``forms``: inflected form -> number word or month (``"milyondan" -> "milyon"``,
    ``"ekimde" -> "ekim"``); ``ambiguous``:
    number word -> the contexts it needs (``"after"``, ``"before"``); ``quantity`` and
    ``demonstrative``: folded words (see the data file).
    """

    forms: dict[str, str]
    ambiguous: dict[str, frozenset[str]]
    quantity: frozenset[str]
    demonstrative: frozenset[str]


def harmonise(word: str, suffix: str, softens: bool = False) -> str:
    """*word* + *suffix* with Turkish vowel harmony: ``A`` -> a|e, ``I`` -> ı|i|u|ü (from
    the last vowel so far), ``D`` -> t after a voiceless consonant, else d; ``(x)`` is a
    buffer letter written only after a vowel. *softens*: a final t of *word* becomes d
    before a vowel (``harmonise("dört", "(y)I", True) == "dördü"``)."""
    out, i = word, 0
    while i < len(suffix):
        ch = suffix[i]
        if ch == "(":
            if out[-1] in _VOWELS:
                out += suffix[i + 1]
            i += 3
            continue
        last = next((c for c in reversed(out) if c in _VOWELS), "e")
        if ch == "A":
            ch = "a" if last in _BACK else "e"
        elif ch == "I":
            ch = _I_AFTER[last]
        elif ch == "D":
            ch = "t" if out[-1] in _VOICELESS else "d"
        if softens and out == word and ch in _VOWELS and word.endswith("t"):
            out = word[:-1] + "d"
        out += ch
        i += 1
    return out


@cache
def inflection(lang: str) -> Inflection | None:
    """The `Inflection` of *lang* (``align/data/numbers/<lang>.inflection.tsv``), or None
    when the language has no such file. Raises SchemaError for a malformed line."""
    name = f"{lang}.inflection.tsv"
    path = resources.files("align") / "data" / "numbers" / name
    if not path.is_file():
        return None
    suffixes: list[str] = []
    soft: set[str] = set()
    ambiguous: dict[str, frozenset[str]] = {}
    words: dict[str, set[str]] = {"quantity": set(), "demonstrative": set()}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        kind = cols[0]
        ok = len(cols) >= 2 and kind in ("suffix", "softens", "ambiguous", *words)
        if ok and kind == "ambiguous":
            ok = len(cols) >= 3 and bool(cols[2]) and set(cols[2].split(",")) <= _CONTEXTS
        if not ok:
            raise SchemaError(f"align/data/numbers/{name} line {lineno}: expected "
                              "suffix|softens|ambiguous|quantity|demonstrative<TAB>item, "
                              f"got {raw!r}")
        item = cols[1].strip()
        if kind == "suffix":
            suffixes.append(item)
        elif kind == "softens":
            soft.add(item)
        elif kind == "ambiguous":
            ambiguous[item] = frozenset(cols[2].split(","))
        else:
            words[kind].add(item)
    forms: dict[str, str] = {}
    voc = vocabulary(lang)
    for word, nw in voc.items():
        if nw.kind in _INFLECTED_KINDS and "_" not in word:
            for sfx in suffixes:
                form = harmonise(word, sfx, word in soft)
                if form not in voc:
                    forms.setdefault(form, word)
    return Inflection(forms, ambiguous, frozenset(words["quantity"]),
                      frozenset(words["demonstrative"]))


def inflected_base(low: list[str], tokens: list[Token], i: int, lang: str) -> str | None:
    """The number word that word token *i* inflects (``"milyondan" -> "milyon"``), or None.

    *low*: folded text of every token (as the scanner reads them). A word with an
    apostrophe suffix (``yüz'den``) is its text. An ``ambiguous`` word needs its context
    (module doc): "after" — the token before is a number, a number word or a percent word;
    "before" — the word after is a quantity word; and no demonstrative before it, nor the
    same word (``yüz yüze``).
    """
    inf = inflection(lang)
    if inf is None or tokens[i].kind != "word":
        return None
    base = low[i] if tokens[i].suffix else inf.forms.get(low[i])
    if base is None or base not in inf.ambiguous:
        return None if tokens[i].suffix else base
    prev = low[i - 1] if i > 0 and tokens[i - 1].kind in ("word", "number") else ""
    if prev in inf.demonstrative or prev == base:
        return None  # "bu yüzden"; reduplication "yüz yüze" (face to face)
    need = inf.ambiguous[base]
    if "after" in need and prev:
        p = vocabulary(lang).get(prev) if tokens[i - 1].kind == "word" else None
        if tokens[i - 1].kind == "number" or (p is not None and p.kind in (*_BASE_KINDS,
                                                                            "pct_pre")):
            return base
    nxt = i + 1 < len(tokens) and tokens[i + 1].kind == "word"
    if "before" in need and nxt and low[i + 1] in inf.quantity:
        return base
    return None


def scan(text: str, tokens: list[Token], lang: str, folded: list[str] | None = None) -> list[Found]:
    """All number mentions of *tokens* (from ``tokenize(text, lang)``), in text order.

    *folded*: ``fold(t.text, lang)`` of each word token (any string for the others), if
    the caller has it already.
    """
    lang = base_lang(lang)
    low = list(folded) if folded is not None else [
        fold(t.text, lang) if t.kind == "word" else t.text for t in tokens]
    inf = inflection(lang)
    if inf is not None:
        voc, forms = vocabulary(lang), inf.forms
        tokens = list(tokens)
        for i, t in enumerate(tokens):
            # (an unsuffixed word that is no inflected form has no base: skip the call)
            if t.kind == "word" and (t.suffix or (low[i] not in voc and low[i] in forms)):
                base = inflected_base(low, tokens, i, lang)
                if base is not None:  # read as the bare number word (same span)
                    low[i] = base
                    tokens[i] = Token(t.text, t.start, t.end, t.kind)
    sc = Scanner(text, tokens, lang, low)
    voc, low = sc.voc, sc.low
    out: list[Found] = []
    i, n = 0, len(tokens)
    while i < n:
        kind = tokens[i].kind
        if kind != "number" and (kind != "word" or low[i] not in voc):
            i += 1
            continue
        res = sc.date(i) or sc.expression(i)
        if res is None:
            i += 1
            continue
        found, i = res
        out.extend(found)
    out.sort(key=lambda f: (f.mention.start, f.mention.end))
    return out


def numbers(text: str, lang: str) -> list[NumberMention]:
    """Number mentions in *text* with canonical values; see the module docstring."""
    return [f.mention for f in scan(text, tokenize(text, lang), lang)]
