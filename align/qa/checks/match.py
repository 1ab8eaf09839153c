"""Word-level evidence that a Turkish token is rendered by English tokens.

The keys are the lexical scorer's (`align.scorers.lexical.features`): the stem itself,
lexicon translations (with their weights), numbers by canonical value, and cognate keys
(4-letter ASCII prefix, consonant skeleton) at strength ``COGNATE`` (0.45). A Turkish
token's *support* by a set of English tokens is the strongest key they share, in [0, 1].
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from align.lexicon.load import Lexicon
from align.scorers.lexical.features import source_keys, target_keys
from align.text.normalize import TokenInfo


def tr_keys(tok: TokenInfo, lexicon: Lexicon) -> Mapping[str, float]:
    """Match keys of a source token with strengths in (0, 1]."""
    number = tok.value if tok.is_number else None
    return source_keys(tok.stem, tok.ascii, number, lexicon.forward.get(tok.stem, {})).keys


def en_keys(tokens: Iterable[TokenInfo]) -> set[str]:
    """Union of the match keys of target tokens (negator words without a key skipped)."""
    out: set[str] = set()
    for t in tokens:
        if t.key is None:
            continue
        out.update(target_keys(t.stem, t.ascii, t.value if t.is_number else None).keys)
    return out


def support(tok: TokenInfo, english: set[str], lexicon: Lexicon) -> float:
    """Strongest key Turkish *tok* shares with the English key set, 0.0 if none."""
    return max((w for k, w in tr_keys(tok, lexicon).items() if k in english), default=0.0)


def rendering(tok: TokenInfo, english: list[TokenInfo], lexicon: Lexicon,
              min_strength: float = 0.5) -> TokenInfo | None:
    """The first English token that renders Turkish *tok* with at least *min_strength*."""
    keys = {k: w for k, w in tr_keys(tok, lexicon).items() if w >= min_strength}
    for e in english:
        if e.key is not None and not keys.keys().isdisjoint(en_keys([e])):
            return e
    return None
