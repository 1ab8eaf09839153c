"""Stemming of folded tokens, per language.

* ``tr``: `align.text.stem_tr` (suffix stripping checked against a lemma list).
* ``en``: British spellings made American first (`align.text.spelling_en`), then Porter2.
* Languages with a Snowball stemmer in ``snowballstemmer`` (en = Porter2, de, fr, es, it, nl,
  sv, da, no, fi, hu, pt, ro, ru, ...): that stemmer.
* Others (``is``, ``az``, ...): truncation to the first `PREFIX_LEN` characters, a
  standard fallback for inflecting languages without a stemmer.

Input must already be folded (`align.text.casefold.fold`). Results are cached per word.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

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
    name = SNOWBALL.get(lang)
    if name is None:
        return None
    import snowballstemmer  # light, pure Python; imported on first use

    if name not in snowballstemmer.algorithms():
        return None
    return snowballstemmer.stemmer(name).stemWord  # type: ignore[no-any-return]


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


@lru_cache(maxsize=500_000)
def stem(token: str, lang: str, *, proper: bool = False) -> str:
    """Stem of one folded token. ``stem("gidiyor", "tr") == "git"``; ``stem("attacks", "en")
    == "attack"``. *proper* (the token was capitalised) only matters for Turkish, where an
    unknown capitalised word is kept whole. Tokens without letters are returned unchanged.
    """
    lang = base_lang(lang)
    if not any(c.isalpha() for c in token):
        return token
    if lang == "tr":
        return stem_tr(token, proper)
    if lang == "en":
        token = american(token)
    fn = _snowball(lang)
    if fn is not None:
        return fn(token) or token
    return token[:PREFIX_LEN]
