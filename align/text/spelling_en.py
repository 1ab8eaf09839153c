"""British -> American spelling, applied before the English stemmer.

Lexicon entries and texts meet in one normal form, so "criticised", "criticized",
"organisation" and "organization" stem alike. Only the *agreement* matters: a rule that
rewrites a word with no American variant ("promise" -> "promize") is harmless because
both sides go through it. Rules that could merge distinct words are whitelisted instead.
"""
from __future__ import annotations

import re

_ISE = re.compile(r"^(\w{3,}?)(is)(e|ed|es|ing|ation|ations|er|ers)$")
_YSE = re.compile(r"^(\w{2,})ys(e|ed|es|ing)$")  # analyse -> analyze, paralyse
_TRE = re.compile(r"^(\w{3,})([tb])re(s?)$")  # centre, metre, theatre, fibre
_OUR = re.compile(r"^(\w{3,})our(s|ed|ing|ite|ites|able|ably|ful|less)?$")
# -our words that are not British spellings of -or words
_OUR_KEEP = frozenset({"devour", "detour", "contour", "velour", "troubadour", "paramour"})
_WORDS = {  # irregular pairs; inflected forms reach them through the stemmer
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "programme": "program", "programmes": "programs", "catalogue": "catalog",
    "dialogue": "dialog", "cheque": "check", "cheques": "checks", "grey": "gray",
    "tyre": "tire", "tyres": "tires", "aluminium": "aluminum", "jewellery": "jewelry",
    "manoeuvre": "maneuver", "manoeuvres": "maneuvers", "kerb": "curb", "plough": "plow",
}


def american(word: str) -> str:
    """The American spelling of a folded English word (unchanged if none applies)."""
    if word in _WORDS:
        return _WORDS[word]
    m = _OUR.match(word)
    if m and len(word) >= 6 and word[: m.end(1) + 3] not in _OUR_KEEP:
        return f"{m.group(1)}or{m.group(2) or ''}"
    m = _ISE.match(word)
    if m:
        return f"{m.group(1)}iz{m.group(3)}"
    m = _YSE.match(word)
    if m:
        return f"{m.group(1)}yz{m.group(2)}"
    m = _TRE.match(word)
    if m and not word.endswith(("acre", "ogre", "cabre")):
        return f"{m.group(1)}{m.group(2)}er{m.group(3)}"
    return word
