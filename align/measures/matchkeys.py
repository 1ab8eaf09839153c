"""Sentence -> weighted tokens -> match keys, the evidence of the lexical scorer.

Every content token of a sentence emits *keys* with a strength in (0, 1]; a source token
and a target token match when they share a key, with strength the product of theirs:

- ``w:STEM``   the normalised word itself (names, acronyms, identical words) — 1.0
- ``w:EN``     a lexicon translation of a source stem — the entry's weight
- ``n:VALUE``  a number in canonical form (1.250 == 1,250; 2,5 milyar == 2.5 billion) — 1.0
- ``p:PREF``   the first 4 letters of the ASCII-folded word, words of >= 5 letters — cognates
               (strateji/strategy, Ukrayna/Ukraine) — ``COGNATE``
- ``k:SKEL``   the first 4 consonants, repeats collapsed (terör/terror: ``tr``) — ``COGNATE``

Strengths sit on the source side; target keys all have strength 1.

Cognate keys also carry the match of the target's own prefixes, so languages with no
lexicon (de/fr, en/is) still align on names, numbers and shared roots.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

COGNATE = 0.45
MIN_PREFIX_WORD = 5
_VOWELS = set("aeiouyıöüâîûäëïåæø")


@dataclass(frozen=True)
class TokenKeys:
    """One content token: its identity (for document frequency) and its keys.

    ``ids`` and ``strengths`` are the keys again, as process-wide key numbers
    (:func:`key_id`) and their strengths in the same order: matrices are built from them
    without touching the strings.
    """

    ident: str
    keys: Mapping[str, float]
    is_number: bool
    ids: tuple[int, ...] = field(init=False, repr=False, compare=False)
    strengths: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ids", tuple(map(key_id, self.keys)))
        object.__setattr__(self, "strengths", tuple(self.keys.values()))


_KEY_IDS: dict[str, int] = {}
_WORD_KEY = bytearray()  # per key number: 1 for word and number keys (w:, n:)


def key_id(key: str) -> int:
    """The process-wide number of a match key (numbers are never reused)."""
    found = _KEY_IDS.get(key)
    if found is None:
        found = _KEY_IDS[key] = len(_KEY_IDS)
        _WORD_KEY.append(key[0] in "wn")
    return found


def word_key_mask(ids: np.ndarray) -> np.ndarray:
    """Which of the key numbers ``ids`` are word or number keys (not cognate keys)."""
    mask: np.ndarray = np.frombuffer(bytes(_WORD_KEY), np.uint8)[ids].astype(bool)
    return mask


def cognate_keys(ascii_form: str) -> dict[str, float]:
    """Prefix and consonant-skeleton keys of an ASCII-folded word (empty for short words)."""
    out: dict[str, float] = {}
    word = "".join(ch for ch in ascii_form if ch.isalpha())
    if len(word) >= MIN_PREFIX_WORD:
        out["p:" + word[:4]] = COGNATE
    skel: list[str] = []
    for ch in word:
        if ch not in _VOWELS and (not skel or skel[-1] != ch):
            skel.append(ch)
    if len(skel) >= 3:
        out["k:" + "".join(skel[:4])] = COGNATE
    return out


def source_keys(stem: str, ascii_form: str, number: str | None,
                translations: Mapping[str, float]) -> TokenKeys:
    if number is not None:
        return TokenKeys("n:" + number, {"n:" + number: 1.0}, True)
    keys = cognate_keys(ascii_form)
    for en, w in translations.items():
        k = "w:" + en
        keys[k] = max(keys.get(k, 0.0), w)
    keys["w:" + stem] = 1.0
    return TokenKeys("w:" + stem, keys, False)


def target_keys(stem: str, ascii_form: str, number: str | None) -> TokenKeys:
    """Target keys all have strength 1: the source side carries the match confidence."""
    if number is not None:
        return TokenKeys("n:" + number, {"n:" + number: 1.0}, True)
    keys = dict.fromkeys(cognate_keys(ascii_form), 1.0)
    keys["w:" + stem] = 1.0
    return TokenKeys("w:" + stem, keys, False)
