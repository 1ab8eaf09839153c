"""Name matching for ``entity_mismatch`` and ``unsupported``: is an English name (a
token of `align.text.normalize.analyse`) rendered among Turkish tokens and words?

See `found` and the docstring of `align.qa.checks.entity_mismatch` for the rules.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from align.qa.checks.base import Context
from align.qa.checks.data import countries, name_entries
from align.text.casefold import ascii_fold, fold
from align.text.normalize import TokenInfo, content_tokens
from align.text.stem_tr import stem_tr
from align.text.tokenize import tokenize

MAX_SUFFIX = 4  # letters a Turkish suffix without an apostrophe may add to a name
MAX_EDIT = 2  # for names of LONG_NAME+ letters; 1 below
LONG_NAME = 9
STRONG = 0.5  # lexicon weight for a country translation (multiword-inferred pairs are 0.35)
_DIGRAPHS = (("ph", "f"), ("th", "t"), ("sh", "s"), ("ch", "c"), ("ck", "k"), ("qu", "kv"))
_LETTERS = str.maketrans({"q": "k", "x": "ks", "w": "v", "y": "i", "j": "c"})
PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")  # AMs, TVs


@cache
def country_of_stem() -> dict[str, str]:
    """English stem of a one-word country name, alias or demonym -> the country."""
    out: dict[str, str] = {}
    for alias, country in countries().items():
        toks = content_tokens(alias, "en")
        if len(toks) == 1:
            out[toks[0]] = country
    return out


def _edit(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, capped at ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def tr_forms(t: TokenInfo, lang: str) -> tuple[str, ...]:
    """Lexicon keys of a Turkish token: its stem, and for a capitalised word (kept whole by
    the normaliser) also the stemmer's analysis (``Amerikalılar`` -> ``amerikalı``)."""
    if lang != "tr" or t.stem != t.folded:
        return (t.stem,)
    return tuple(dict.fromkeys((t.stem, stem_tr(t.folded))))


def _translations(ctx: Context, t: TokenInfo) -> dict[str, float]:
    """Lexicon translations of a Turkish token (memoised per alignment; do not mutate)."""
    memo_key = ("names.translations", t.stem, t.folded)
    out: dict[str, float] | None = ctx.memo.get(memo_key)
    if out is None:
        out = {}
        for form in tr_forms(t, ctx.langs["src"]):
            for en, w in ctx.lexicon.forward.get(form, {}).items():
                out[en] = max(w, out.get(en, 0.0))
        ctx.memo[memo_key] = out
    return out


def countries_in(ctx: Context, toks: list[TokenInfo]) -> set[str]:
    """Countries named by Turkish tokens (lexicon translations of weight >= `STRONG`)."""
    cs = country_of_stem()
    return {cs[en] for t in toks if not t.is_number
            for en, w in _translations(ctx, t).items() if w >= STRONG and en in cs}


@cache
def country_phrases() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Multiword Turkish country names of the names list (``Birleşik Krallık``), as
    patterns over folded text, with their country (their word pairs are weak in the
    lexicon, so they are matched as phrases)."""
    cs = countries()
    out: list[tuple[re.Pattern[str], str]] = []
    for tr, ens in name_entries():
        hits = {cs[e.lower()] for e in ens if e.lower() in cs}
        if len(hits) == 1 and " " in tr.strip():
            words = [re.escape(w) for w in fold(tr, "tr").split()]
            out.append((re.compile(r"\b" + r"\s+".join(words)), hits.pop()))
    return tuple(out)


def countries_of(ctx: Context, ids: Iterable[int]) -> set[str]:
    """Countries named in source sentences *ids* (tokens and multiword names)."""
    out: set[str] = set()
    for i in ids:
        key = ("countries", i)
        if key not in ctx.memo:
            text = fold(ctx.doc("src")[i], ctx.langs["src"])
            ctx.memo[key] = countries_in(ctx, ctx.analysis("src", i)) | {
                c for pat, c in country_phrases() if pat.search(text)}
        out |= ctx.memo[key]
    return out


def phonetic(word: str) -> str:
    """A rough spelling key for transliterations: ASCII, lower case, English digraphs to
    Turkish letters, doubled letters collapsed (``Catalonia`` and ``Katalonya`` ->
    ``katalonia``; ``Philip`` and ``Filip`` -> ``filip``)."""
    w = ascii_fold(word.lower())
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    w = re.sub(r"c(?=[eiy])", "s", w).replace("c", "k")
    w = w.translate(_LETTERS)
    return re.sub(r"(.)\1+", r"\1", w)


def tr_words(ctx: Context, ids: Iterable[int]) -> set[str]:
    """Phonetic keys of every word of source sentences *ids*, stopwords included (``Kim``);
    for a one-letter word with an apostrophe part (``O'Hagan``, ``D'Alema``) also the part
    after the apostrophe, which is a name, not a Turkish suffix."""
    out: set[str] = set()
    for i in ids:
        key = ("tr_words", i)
        if key not in ctx.memo:
            words = [w for w in tokenize(ctx.doc("src")[i], ctx.langs["src"])
                     if w.kind in ("word", "code")]
            ctx.memo[key] = {phonetic(w.text) for w in words} | {
                phonetic(w.suffix) for w in words
                if len(w.text) == 1 and w.text.isupper() and w.suffix[:1].isupper()}
        out |= ctx.memo[key]
    return out


_FOREIGN = re.compile(r"[wqx]|sh|ch|th|ph|gh|kh|ou|oo|ee|ea|ae|ie")
"""Letters and digraphs Turkish spelling lacks: an English name with one of them is a
transliteration that Turkish writes its own way (``Moualem`` / ``Muallim``)."""
MIN_SKELETON = 3


def skeleton(key: str) -> str:
    """Consonants of a phonetic key (``mualim`` -> ``mlm``)."""
    return re.sub(r"[aeiou]", "", key)


def _transliterated(surface: str, key: str, word: str) -> bool:
    """Whether Turkish phonetic key *word* spells English name *surface* (phonetic *key*)
    with other vowels: the English has a letter or digraph Turkish lacks (`_FOREIGN`),
    both keys start alike and share a consonant skeleton of `MIN_SKELETON`+ letters
    (``Walid``/``Velid``, ``Bashar``/``Beşşar``). Turkish-spelled names (``Mehmet``) never
    match another vowel pattern (``Mahmut``)."""
    if not _FOREIGN.search(ascii_fold(surface.lower())) or len(key) < 5:
        return False
    sk = skeleton(key)
    return (len(sk) >= MIN_SKELETON and word[:1] == key[:1] and skeleton(word) == sk
            and abs(len(word) - len(key)) <= 2)


def _close(a: str, b: str, fuzzy: bool) -> bool:
    if a == b:
        return True
    a, b = sorted((a, b), key=len)
    if len(a) >= 4 and b.startswith(a) and len(b) - len(a) <= MAX_SUFFIX:
        return True  # an unmarked Turkish suffix
    if fuzzy and a[:2] == b[:2] and len(a) >= 5:
        limit = MAX_EDIT if len(b) >= LONG_NAME else 1
        return _edit(a, b, limit) <= limit
    return False


def _direct_keys(ctx: Context, tr: list[TokenInfo]) -> frozenset[str]:
    """Stems and lexicon translations of the non-number tokens *tr*, memoised per list
    (the memo keeps the list alive, so its id is not reused)."""
    memo_key = ("names.direct", id(tr))
    hit = ctx.memo.get(memo_key)
    if hit is None or hit[0] is not tr:
        keys: set[str] = set()
        for t in tr:
            if not t.is_number:
                keys.add(t.stem)
                keys.update(_translations(ctx, t))
        hit = (tr, frozenset(keys))
        ctx.memo[memo_key] = hit
    return hit[1]


def found(ctx: Context, e: TokenInfo, tr: list[TokenInfo], words: set[str],
          tr_countries: set[str]) -> bool:
    """Whether English token *e* has a counterpart among Turkish tokens *tr* or the
    phonetic keys *words* of the same sentences (module doc)."""
    country = country_of_stem().get(e.key or "")
    if country is not None and country in tr_countries:
        return True
    if e.key in _direct_keys(ctx, tr):
        return True
    key = phonetic(e.surface.rstrip("s") if PLURAL_ACRONYM.match(e.surface) else e.surface)
    fuzzy = country is None
    if any(_close(key, w, fuzzy) for w in words):
        return True
    return fuzzy and any(_transliterated(e.surface, key, w) for w in words)


