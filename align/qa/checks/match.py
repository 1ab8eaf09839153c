"""Word-level evidence that a Turkish token is rendered by English tokens.

The keys are the lexical scorer's (`align.measures.matchkeys`): the stem itself,
lexicon translations (with their weights), numbers by canonical value, and cognate keys
(4-letter ASCII prefix, consonant skeleton) at strength ``COGNATE`` (0.45). A Turkish
token's *support* by a set of English tokens is the strongest key they share, in [0, 1].
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from align.lexicon.load import Lexicon
from align.measures.matchkeys import source_keys, target_keys
from align.text.normalize import TokenInfo


# The checks compare every English word with every Turkish word of a sentence (and of the
# whole source for some); the keys of a word are computed once per process.
@lru_cache(maxsize=1 << 16)
def _tr_keys(stem: str, ascii_: str, number: Any, lexicon: Lexicon) -> Mapping[str, float]:
    keys = source_keys(stem, ascii_, number, lexicon.forward.get(stem, {})).keys
    return MappingProxyType(dict(keys))


@lru_cache(maxsize=1 << 16)
def _en_keys(stem: str, ascii_: str, number: Any) -> frozenset[str]:
    return frozenset(target_keys(stem, ascii_, number).keys)


def tr_keys(tok: TokenInfo, lexicon: Lexicon) -> Mapping[str, float]:
    """Match keys of a source token with strengths in (0, 1] (read-only)."""
    return _tr_keys(tok.stem, tok.ascii, tok.value if tok.is_number else None, lexicon)


def token_keys(tok: TokenInfo) -> frozenset[str]:
    """Match keys of one target token (empty for a negator word without a key)."""
    if tok.key is None:
        return frozenset()
    return _en_keys(tok.stem, tok.ascii, tok.value if tok.is_number else None)


def en_keys(tokens: Iterable[TokenInfo]) -> set[str]:
    """Union of the match keys of target tokens (negator words without a key skipped)."""
    out: set[str] = set()
    for t in tokens:
        out |= token_keys(t)
    return out


def strong_keys(tokens: Iterable[TokenInfo], lexicon: Lexicon,
                min_strength: float) -> set[str]:
    """Union of the keys of source tokens with at least *min_strength*."""
    out: set[str] = set()
    for t in tokens:
        out.update(k for k, w in tr_keys(t, lexicon).items() if w >= min_strength)
    return out


def support(tok: TokenInfo, english: set[str], lexicon: Lexicon) -> float:
    """Strongest key Turkish *tok* shares with the English key set, 0.0 if none."""
    return max((w for k, w in tr_keys(tok, lexicon).items() if k in english), default=0.0)


def rendering(tok: TokenInfo, english: list[TokenInfo], lexicon: Lexicon,
              min_strength: float = 0.5) -> TokenInfo | None:
    """The first English token that renders Turkish *tok* with at least *min_strength*."""
    keys = strong_keys((tok,), lexicon, min_strength)
    for e in english:
        if not keys.isdisjoint(token_keys(e)):
            return e
    return None
