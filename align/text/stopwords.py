"""Stopword lists (``align/data/stopwords/<lang>.txt``), loaded lazily, one per language."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from align.errors import SchemaError
from align.text.casefold import base_lang


@dataclass(frozen=True)
class StopList:
    """Folded stopwords, stems whose every form is a stopword, and negator words.

    Negators are stopwords too (they never reach ``content_tokens``); `negators` maps each
    to the direction of the content token it negates: ``1`` the next one (``not attack``,
    ``hiçbir asker``), ``-1`` the previous one (Turkish ``hazır değil``, ``para yok``).
    """

    words: frozenset[str]
    stems: frozenset[str]
    negators: dict[str, int]

    def is_stop(self, folded: str) -> bool:
        return folded in self.words or folded in self.negators


@cache
def stoplist(lang: str) -> StopList:
    """The `StopList` of *lang*; empty when there is no file for it."""
    lang = base_lang(lang)
    path = resources.files("align") / "data" / "stopwords" / f"{lang}.txt"
    words: set[str] = set()
    stems: set[str] = set()
    negators: dict[str, int] = {}
    if path.is_file():
        for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if " " in line or "\t" in line:
                raise SchemaError(
                    f"align/data/stopwords/{lang}.txt line {lineno}: one word per line, got {raw!r}"
                )
            if line.startswith("stem:"):
                stems.add(line[5:])
            elif line.startswith("!<"):
                negators[line[2:]] = -1
            elif line.startswith("!"):
                negators[line[1:]] = 1
            else:
                words.add(line)
    return StopList(frozenset(words), frozenset(stems), negators)
