"""Lazy loaders for the QA word lists in ``align/data/qa/`` (formats in its README.md).

Every loader reads its file once (``functools.cache``); nothing is read at import time.
Malformed lines raise `align.errors.SchemaError` naming the file and the line.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from align.errors import SchemaError

_DIR = "align/data/qa"


def _lines(name: str) -> Iterator[tuple[int, list[str]]]:
    """(1-based line number, tab-separated columns) of the non-comment lines of a file."""
    path = resources.files("align") / "data" / "qa" / name
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        yield lineno, [c.strip() for c in raw.split("\t")]


def _bad(name: str, lineno: int, what: str) -> SchemaError:
    return SchemaError(f"{_DIR}/{name} line {lineno}: {what}")


def _strength_file(name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for lineno, cols in _lines(name):
        if len(cols) != 2 or cols[1] not in ("strong", "weak"):
            raise _bad(name, lineno, "expected 'item<TAB>strong|weak'")
        out[cols[0]] = cols[1]
    return out


@cache
def function_words() -> dict[str, str]:
    """Folded Turkish function word -> ``"strong"`` | ``"weak"``."""
    return _strength_file("tr_function_words.txt")


@cache
def turkish_letters() -> dict[str, str]:
    """Turkish letter (both cases listed) -> ``"strong"`` | ``"weak"``."""
    return _strength_file("tr_letters.txt")


@cache
def verbal_surnames() -> frozenset[str]:
    """Folded Turkish surnames that are also negative verb forms (Yılmaz, Korkmaz)."""
    return frozenset(cols[0] for _, cols in _lines("tr_surnames_verbal.txt"))


@cache
def loanwords() -> frozenset[str]:
    """Folded Turkish words English text keeps on purpose (never flagged as untranslated)."""
    return frozenset(cols[0] for _, cols in _lines("loanwords_en.txt"))


@cache
def not_names() -> frozenset[str]:
    """Folded capitalised English words that are never a name alone (titles, compass words):
    ``not_names_en.txt`` plus every ``title`` abbreviation of ``align/data/abbrev/en.txt``
    without its dot (``Supt.``, ``Insp.``, ``Sens.``)."""
    own = {cols[0] for _, cols in _lines("not_names_en.txt")}
    path = resources.files("align") / "data" / "abbrev" / "en.txt"
    if path.is_file():
        for raw in path.read_text(encoding="utf-8").splitlines():
            cols = raw.split("\t")
            if len(cols) == 2 and cols[1].strip() == "title" and not raw.startswith("#"):
                word = cols[0].strip().rstrip(".").lower()
                if word.isalpha():
                    own.add(word)
    return frozenset(own)


@dataclass(frozen=True)
class NegationCues:
    """Cues of one language: ``lexical`` and ``weak`` patterns (``x``, ``x*``, ``*x``), and
    ``notneg`` two-word phrases (folded, space-separated)."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    notneg: frozenset[str]

    def is_phrase(self, first: str, second: str) -> bool:
        """Whether two folded words form a ``notneg`` phrase (``x y`` or ``x y*``)."""
        if f"{first} {second}" in self.notneg:
            return True
        return any(p.endswith("*") and p.startswith(first + " ")
                   and second.startswith(p[len(first) + 1:-1]) for p in self.notneg)

    def is_cue(self, folded: str) -> bool:
        """Whether a folded word is a lexical or weak negation cue."""
        return (folded in self.exact or folded.startswith(self.prefixes)
                or (len(folded) > 5 and folded.endswith(self.suffixes)))


@cache
def negation_cues(lang: str) -> NegationCues:
    """The `NegationCues` of *lang* (empty when the file has none for it)."""
    exact: set[str] = set()
    pre: list[str] = []
    suf: list[str] = []
    notneg: set[str] = set()
    name = "negation_cues.tsv"
    for lineno, cols in _lines(name):
        if len(cols) != 3 or cols[2] not in ("lexical", "weak", "notneg"):
            raise _bad(name, lineno, "expected 'lang<TAB>cue<TAB>lexical|weak|notneg'")
        if cols[0] != lang:
            continue
        cue, role = cols[1], cols[2]
        if role == "notneg":
            notneg.add(cue)
        elif cue.endswith("*"):
            pre.append(cue[:-1])
        elif cue.startswith("*"):
            suf.append(cue[1:])
        else:
            exact.add(cue)
    return NegationCues(frozenset(exact), tuple(pre), tuple(suf), frozenset(notneg))


@cache
def countries() -> dict[str, str]:
    """Folded English country name, alias or demonym -> the country's English name."""
    out: dict[str, str] = {}
    name = "countries.tsv"
    for lineno, cols in _lines(name):
        if len(cols) not in (1, 2) or not cols[0]:
            raise _bad(name, lineno, "expected 'Country<TAB>alias;alias'")
        for alias in [cols[0], *(cols[1].split(";") if len(cols) == 2 else [])]:
            if alias.strip():
                out[alias.strip().lower()] = cols[0]
    return out


@cache
def name_entries() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(Turkish, English senses) of the shipped names list ``align/data/names/tr-en.tsv``
    and of ``tr-en.acronyms.tsv`` (empty when the names list is missing)."""
    from align.lexicon.load import DATA

    out: list[tuple[str, tuple[str, ...]]] = []
    for path in (DATA / "names" / "tr-en.tsv", acronyms_path()):
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 2:
                continue
            out.append((cols[0].strip(), tuple(x.strip() for x in cols[1].split(";") if x.strip())))
    return tuple(out)


def acronyms_path() -> Path:
    """Path of ``tr-en.acronyms.tsv`` (a lexicon file for `align.lexicon.load_lexicon`)."""
    return Path(str(resources.files("align") / "data" / "qa" / "tr-en.acronyms.tsv"))


@cache
def langid_identifier() -> Any | None:
    """py3langid's identifier restricted to Turkish and English, or None if not installed.

    The model ships inside the package (no download); loading takes about 0.5 s, once.
    """
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    load = getattr(LanguageIdentifier, "from_model_file", None)  # py3langid >= 0.4
    if load is None:
        load = LanguageIdentifier.from_pickled_model  # py3langid 0.2-0.3
    ident = load(MODEL_FILE, norm_probs=True)
    ident.set_languages(["tr", "en"])
    return ident


def langid_version() -> str:
    """``py3langid-X.Y.Z``, or ``none`` when the library is missing."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"py3langid-{version('py3langid')}"
    except PackageNotFoundError:
        return "none"


@dataclass(frozen=True)
class Antonyms:
    """One opposite pair of ``antonyms.tsv``: English word forms and Turkish prefixes
    (``exact`` Turkish words) of each pole."""

    en: tuple[frozenset[str], frozenset[str]]
    tr: tuple[tuple[str, ...], tuple[str, ...]]
    exact: tuple[frozenset[str], frozenset[str]]

    def poles_tr(self, words: Sequence[str], text: str) -> set[int]:
        """Poles (0, 1) named by a Turkish sentence: its folded *words* (a word belongs to
        the pole of its longest matching prefix) and, for entries with a space, its folded
        *text* (a phrase starting a word)."""
        found: set[int] = set()
        for word in words:
            best: tuple[int, int] | None = None
            for pole in (0, 1):
                if word in self.exact[pole]:
                    best = (99, pole)
                    break
                for p in self.tr[pole]:
                    if " " not in p and word.startswith(p) and (best is None or len(p) > best[0]):
                        best = (len(p), pole)
            if best is not None:
                found.add(best[1])
        for pole in (0, 1):
            if any(" " in p and re.search(r"(?<!\w)" + re.escape(p), text) for p in self.tr[pole]):
                found.add(pole)
        return found


@cache
def antonyms() -> tuple[Antonyms, ...]:
    """The opposite pairs of ``antonyms.tsv`` (`negation_flip`'s antonym rule)."""
    out = []
    for lineno, cols in _lines("antonyms.tsv"):
        if len(cols) != 4 or not all(cols):
            raise _bad("antonyms.tsv", lineno, "expected 'english A<TAB>turkish A<TAB>"
                       "english B<TAB>turkish B'")
        en = tuple(frozenset(w.strip() for w in c.split(",")) for c in cols[0::2])
        trs = [[w.strip() for w in c.split(",")] for c in cols[1::2]]
        out.append(Antonyms(
            (en[0], en[1]),
            (tuple(w for w in trs[0] if not w.startswith("=")),
             tuple(w for w in trs[1] if not w.startswith("="))),
            (frozenset(w[1:] for w in trs[0] if w.startswith("=")),
             frozenset(w[1:] for w in trs[1] if w.startswith("=")))))
    return tuple(out)
