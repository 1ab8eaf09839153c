"""Turkish stemmer: suffix stripping checked against a lemma list, plus negation detection.

Input is one folded word (`align.text.casefold.fold` with ``lang="tr"``). The word's
*reachable prefixes* are those left after stripping any sequence of inflectional suffixes
(`SUFFIXES`: plural, possessive, case, ``-ki``, copula/person, voice, negation, tense,
participles and converbs, in every vowel-harmony and consonant-assimilation variant). The
stem is the **longest** reachable prefix that is a lemma of ``align/data/stem/tr_lemmas.tsv``
(30k Zemberek lemmas, verbs as roots), or a stem alternant of one: voicing (``kitab`` ->
``kitap``, ``gid`` -> ``git``), last-vowel drop (``ağz`` -> ``ağız``), doubling (``hakk`` ->
``hak``), ``di``/``yi`` -> ``de``/``ye``. So ``gitmek``, ``gidiyor``, ``gitti`` -> ``git``;
``saldırısı``, ``saldırıları`` -> ``saldırı``; ``ülkelerin`` -> ``ülke``.

Words with no such prefix (names, new loans) fall back to the *shortest* prefix reachable
with nominal suffixes of two or more letters, keeping at least three letters and one vowel
(``pandemiler`` -> ``pandemi``); with ``proper=True`` they are kept whole. Two-letter
lemmas count only from a short list (`SHORT_OK`), so ``malı`` does not become ``ma``.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from align.errors import SchemaError

_ARCHI = {"A": "ae", "I": "ıiuü", "D": "dt", "C": "cç", "K": "kğ"}
_TEMPLATE_TEXT = """
lAr Im m In n I sI ImIz mIz InIz nIz lArI
yI nI yA nA A DA nDA DAn nDAn nIn ylA lA CA ncA ki kü
DIr yIm sIn Iz yIz sInIz ydI DI ymIş mIş ysA sA yken ken
Il In DIr t mA mIyor yAmA AmA yAmIyor AmIyor yAbil Abil yA
Iyor yAcAK AcAK Ar Ir r mAz mAlI mAktA mAk k
yAn An DIK yIp Ip yArAk ArAk yIncA IncA mAdAn DIkçA yAlI AlI mAksIzIn yAsI
"""
_TEMPLATES = _TEMPLATE_TEXT.split()


def _expand(template: str) -> list[str]:
    pools = [_ARCHI.get(c, c) for c in template]
    return ["".join(p) for p in itertools.product(*pools)]


SUFFIXES: frozenset[str] = frozenset(s for t in _TEMPLATES for s in _expand(t))
"""Every surface form of every inflectional suffix the stemmer strips."""
_NOMINAL = " ".join(_TEMPLATES[: _TEMPLATES.index("Il")])
# Fallback for unknown words (mostly nouns: loans, derived nouns): nominal suffixes only.
_SAFE = frozenset(s for t in _NOMINAL.split() for s in _expand(t) if len(s) >= 2)
_MAXLEN = max(map(len, SUFFIXES))
_VOWELS = frozenset("aeıioöuüâîû")
_SHORT_TEXT = (
    "ev su ad af ağ ay el iş iç öz ön ok ot at uç iz ün ek ak al aç as de et ol öl ye uy aş "
    "ez an öv ör yu üs oy"
)
SHORT_OK = frozenset(_SHORT_TEXT.split())
"""Two-letter lemmas that may be the stem of a longer word."""
_VOICED = {"p": "b", "ç": "c", "t": "d", "k": "ğ"}
_IYOR = frozenset(_expand("Iyor"))
# Case endings with the n-buffer follow only the 3sg possessive (ev-i-ni, ülke-si-ne).
_N_CASE = frozenset(f for t in ("nI", "nA", "nDA", "nDAn", "ncA") for f in _expand(t))

# Negative verb forms: after the (voiced) root, optional voice suffixes and the
# impossibility ``-(y)A``, the negative ``-mA``/``-mI`` followed by a finite or
# non-finite suffix. Bare ``-mA`` (verbal noun "açıklama") is not negation.
_NEG = re.compile(
    r"(?:[ıiuü]?l|[ıiuü]?n|[ıiuü]ş|[dt][ıiuü]r|t)*(?:y?[ae](?=m))?"
    r"(?:m[ıiuü]yor|m[ae](?:d[ıiuü]|m[ıiuü]ş|z|y[ae]c[ae][kğ]|m[ae]l[ıi]|y[ae]n|d[ae]n"
    r"|ks[ıi]z[ıi]n|y[ıiuü]p|y[ıiuü]nc[ae]|y[ae]r[ae]k|s[ae]|m[ae]k?$|m[ae]|y[ıi]z$"
    r"|s[ıi]n(?:[ıi]z|l[ae]r)?$))"
)

_NEG_HINT = re.compile(r"m[ıiuüae]")


@dataclass(frozen=True)
class Lexicon:
    """Lemma data: common lemmas, proper nouns, alternant -> lemma, verb roots."""

    lemmas: frozenset[str]
    proper: frozenset[str]
    alt: dict[str, str]
    verbs: frozenset[str]


@cache
def lexicon() -> Lexicon:
    """The lemma list ``align/data/stem/tr_lemmas.tsv``, loaded once."""
    path = resources.files("align") / "data" / "stem" / "tr_lemmas.tsv"
    lemmas: set[str] = set()
    proper: set[str] = set()
    verbs: set[str] = set()
    alt: dict[str, str] = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw or raw.startswith("#"):
            continue
        word, sep, flags = raw.partition("\t")
        if not sep or not word:
            raise SchemaError(f"align/data/stem/tr_lemmas.tsv line {lineno}: expected lemma<TAB>flags")
        if "P" in flags:
            proper.add(word)
            continue
        lemmas.add(word)
        if "v" in flags:
            verbs.add(word)
        for form in _alternants(word, flags):
            alt.setdefault(form, word)
    alt.update({"di": "de", "yi": "ye"})
    for form in [f for f in alt if f in lemmas]:
        del alt[form]  # an exact lemma always wins over an alternant
    return Lexicon(frozenset(lemmas), frozenset(proper), alt, frozenset(verbs))


def _syllables(word: str) -> int:
    return sum(c in _VOWELS for c in word)


def _alternants(word: str, flags: str) -> list[str]:
    out = []
    last = word[-1]
    voicing = "V" in flags or (
        "N" not in flags and "v" not in flags and last in _VOICED
        and (_syllables(word) > 1 or word.endswith("nk"))  # renk -> rengi
    )
    if voicing and last in _VOICED:
        soft = "g" if last == "k" and word[-2:-1] == "n" else _VOICED[last]
        out.append(word[:-1] + soft)
    if "D" in flags and len(word) > 2 and word[-2] in _VOWELS:
        dropped = word[:-2] + word[-1]
        out.append(dropped)
        if voicing and last in _VOICED:
            out.append(dropped[:-1] + _VOICED[last])
    if "G" in flags:
        out.append(word + last)
    if "C" in flags:  # compound with 3sg possessive: milletvekil-leri <- milletvekili
        for poss in ("sı", "si", "su", "sü", "ı", "i", "u", "ü"):
            if word.endswith(poss) and len(word) - len(poss) >= 3:
                out.append(word[: -len(poss)])
                break
    return out


# Suffix sets as reversed tries: `_analyses` walks a word right to left and meets every
# suffix that ends at a position in one pass, without building a slice per length.
# A node is (children by letter, mark): mark 0 not a suffix, 1 a suffix, 2 an n-buffered
# case ending (`_N_CASE`).
_Node = tuple[dict[str, "_Node"], int]


def _trie(suffixes: frozenset[str], tail: str = "") -> _Node:
    """The node for *tail* of the trie of *suffixes* (all of which end in *tail*)."""
    kids: dict[str, set[str]] = {}
    for sfx in suffixes:
        if len(sfx) > len(tail):
            kids.setdefault(sfx[-len(tail) - 1], set()).add(sfx)
    mark = (2 if tail in _N_CASE else 1) if tail in suffixes else 0
    return {ch: _trie(frozenset(group), ch + tail) for ch, group in kids.items()}, mark


_TRIES: dict[frozenset[str], _Node] = {}


def _analyses(word: str, suffixes: frozenset[str], floor: int) -> list[int]:
    """Prefix lengths reachable by stripping suffixes, cheapest first, then longest.

    A stripped suffix costs 2, a one-letter suffix 3 (they are the most ambiguous:
    ``yapı-la-n`` costs 7 and loses to ``yap-ıl-an``, 4). Prefixes are at least *floor*
    characters long; ``len(word)`` itself is left out. DAG shortest path, right to left.
    A prefix reached only through an n-buffered case ending (``kadı-nı``) still ends in
    the possessive, so it is not offered as a stem; stripping goes on through it.
    """
    root = _TRIES.get(suffixes)
    if root is None:
        root = _TRIES[suffixes] = _trie(suffixes)
    n = len(word)
    big = 1 << 30
    cost = [big] * (n + 1)  # cheapest path to each prefix
    cost[n] = 0
    plain = [big] * n  # cheapest path whose last suffix is not an n-buffered case ending
    for end in range(n, floor, -1):
        c = cost[end]
        if c == big:
            continue
        node, p = root, end
        while p > floor:  # suffix word[p:end], p >= floor (longest suffix: `_MAXLEN`)
            p -= 1
            nxt = node[0].get(word[p])
            if nxt is None:
                break
            node = nxt
            mark = node[1]
            if not mark:
                continue
            nc = c + (3 if p == end - 1 else 2)
            if mark == 2:
                if word[p - 1] not in "ıiuü":
                    continue
            elif nc < plain[p]:
                plain[p] = nc
            if nc < cost[p]:  # noqa: PLR1730 (min() costs a call in this hot loop)
                cost[p] = nc
    # by (cost, -p): cost * (n + 1) + (n - p) orders the same and sorts as plain ints
    stride = n + 1
    keys = sorted([c * stride + n - p for p, c in enumerate(plain) if c != big])
    return [n - k % stride for k in keys]


@lru_cache(maxsize=200_000)
def _full_analyses(word: str) -> tuple[int, ...]:
    """``_analyses(word, SUFFIXES, 1)``, cached: `stem_tr` and `is_negative_tr` share it."""
    return tuple(_analyses(word, SUFFIXES, 1))


def _resolve(lex: Lexicon, cand: str, verb_only: bool) -> str | None:
    root = cand if cand in lex.lemmas else lex.alt.get(cand)
    if root is None or (len(cand) < 3 and root not in SHORT_OK):
        return None
    if verb_only and root not in lex.verbs:
        return None
    return root


@lru_cache(maxsize=500_000)
def stem_tr(word: str, proper: bool = False) -> str:
    """Stem of one folded Turkish word (see the module doc). Never returns an empty string.

    *proper*: the word was written capitalised; an unknown word is then kept whole
    instead of being cut by the fallback.
    """
    if "'" in word:
        word = word.split("'", 1)[0] or word
    lex = lexicon()
    if word in lex.lemmas or word in lex.proper or len(word) < 3:
        return word
    if word in lex.alt:
        return lex.alt[word]
    lemmas, alt = lex.lemmas, lex.alt
    for p in _full_analyses(word):  # candidate roots of word[:p], checked as in `_resolve`
        # After -Iyor the root is a verb, and a root-final vowel may have been dropped
        # (söyl-üyor <- söyle) or absorbed (ok-uyor <- oku).
        if word[p:p + 4] in _IYOR:
            pre = word[:p]
            for cand in (word[:p + 1], pre + "a", pre + "e", pre):
                root = cand if cand in lemmas else alt.get(cand)
                if root is not None and (len(cand) >= 3 or root in SHORT_OK) \
                        and root in lex.verbs:
                    return root
        else:
            cand = word[:p]
            root = cand if cand in lemmas else alt.get(cand)
            if root is not None and (len(cand) >= 3 or root in SHORT_OK):
                return root
            if cand in lex.proper:
                return cand
    if proper:
        return word
    shortest = [p for p in _analyses(word, _SAFE, 3) if any(c in _VOWELS for c in word[:p])]
    if not shortest:
        return word
    out = word[:min(shortest)]
    return out[:-1] + "k" if out.endswith("ğ") else out  # yolculuğ(u) -> yolculuk


@lru_cache(maxsize=200_000)
def is_negative_tr(word: str) -> bool:
    """True for a negative verb form: ``gelmedi``, ``gitmiyor``, ``yapılmayacak``, ``olmayan``.

    The word must start with a verb root (or its voiced alternant) from the lemma list.
    """
    if _NEG_HINT.search(word, 1) is None:  # every `_NEG` match has one, after the root
        return False
    lex = lexicon()
    for p in _full_analyses(word):
        root = _resolve(lex, word[:p], True)
        if root is not None and _NEG.match(word, p):
            return True
    return False
