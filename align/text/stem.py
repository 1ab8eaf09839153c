"""Stemming of folded tokens, per language.

* ``tr``: `align.text.stem_tr` (suffix stripping checked against a lemma list).
* ``en``: British spellings made American first (`align.text.spelling_en`), then Porter2
  (PyStemmer's C build of it when installed: the same stems as ``snowballstemmer``'s
  pure-Python one, checked on every English word form of NTREX, FLORES, Tatoeba and the
  lexicons; the pure-Python one otherwise).
* Languages with a Snowball stemmer in ``snowballstemmer`` (en = Porter2, de, fr, es, it, nl,
  sv, da, no, fi, hu, pt, ro, ru, ...): that stemmer.
* Others (``is``, ``az``, ...): truncation to the first `PREFIX_LEN` characters, a
  standard fallback for inflecting languages without a stemmer.

Input must already be folded (`align.text.casefold.fold`). Results are cached per word
(`stemmer` gives normalisation its per-language cached function).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache

from align.text.casefold import base_lang
from align.text.spelling_en import american
from align.text.stem_tr import stem_tr

PREFIX_LEN = 5
"""Characters kept by the truncation fallback (``"ríkisstjórnin"`` -> ``"ríkis"``)."""

SNOWBALL = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "es": "spanish", "et": "estonian", "eu": "basque",
    "fi": "finnish", "fr": "french", "ga": "irish", "hi": "hindi", "hu": "hungarian",
    "hy": "armenian", "id": "indonesian", "it": "italian", "lt": "lithuanian", "nb": "norwegian",
    "ne": "nepali", "nl": "dutch", "nn": "norwegian", "no": "norwegian", "pt": "portuguese",
    "ro": "romanian", "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil",
    "yi": "yiddish",
}
"""ISO 639-1 code -> ``snowballstemmer`` algorithm name."""


@cache
def _snowball(lang: str) -> Callable[[str], str] | None:
    """``stemWord`` of the Snowball stemmer of *lang*, or None.

    English: PyStemmer's C build when it is installed (identical stems, several times
    faster), else ``snowballstemmer``'s pure-Python class. Other languages: always the
    pure-Python class, so that installing PyStemmer does not change their stems (only
    English has been checked for identical output).
    """
    name = SNOWBALL.get(lang)
    if name is None:
        return None
    if name == "english":
        try:
            import Stemmer  # PyStemmer

            fast: Callable[[str], str] = Stemmer.Stemmer("english").stemWord
            return fast
        except (ImportError, KeyError):
            pass
    try:  # light, pure Python; imported on first use
        module = importlib.import_module(f"snowballstemmer.{name}_stemmer")
    except ImportError:
        return None
    cls = getattr(module, name.capitalize() + "Stemmer", None)
    if cls is None:
        return None
    fn: Callable[[str], str] = cls().stemWord
    return fn


def stemmer_name(lang: str) -> str:
    """Which stemmer `stem` uses for *lang*: ``"tr.v1"``, ``"snowball:english"``, ``"prefix5"``."""
    lang = base_lang(lang)
    if lang == "tr":
        return "tr.v1"
    if lang == "en":
        return "en-us+snowball:english"
    if _snowball(lang) is not None:
        return f"snowball:{SNOWBALL[lang]}"
    return f"prefix{PREFIX_LEN}"


_CACHE_MAX = 500_000


@cache
def stemmer(lang: str) -> Callable[[str, bool], str]:
    """``fn(token, proper)``: `stem` for one base language, with its own per-word cache."""
    if lang == "tr":
        return _stem_tr
    snow = _snowball(lang)
    en = lang == "en"
    memo: dict[str, str] = {}

    def fn(token: str, proper: bool = False) -> str:  # proper only matters for Turkish
        out = memo.get(token)
        if out is not None:
            return out
        if not token.isalpha() and not any(c.isalpha() for c in token):
            out = token
        else:
            word = american(token) if en else token
            out = (snow(word) or word) if snow is not None else word[:PREFIX_LEN]
        if len(memo) >= _CACHE_MAX:
            memo.clear()
        memo[token] = out
        return out

    return fn


def _stem_tr(token: str, proper: bool = False) -> str:
    if not token.isalpha() and not any(c.isalpha() for c in token):
        return token
    return stem_tr(token, proper)  # cached per (word, proper) there


def stem(token: str, lang: str, *, proper: bool = False) -> str:
    """Stem of one folded token. ``stem("gidiyor", "tr") == "git"``; ``stem("attacks", "en")
    == "attack"``. *proper* (the token was capitalised) only matters for Turkish, where an
    unknown capitalised word is kept whole. Tokens without letters are returned unchanged.
    """
    return stemmer(base_lang(lang))(token, proper)
