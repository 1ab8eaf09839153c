"""``untranslated``: Turkish words left in the English (severity **major**).

Every English sentence is checked (0-1 beads too). Evidence per lower-case word:

* *strong*: a Turkish-only letter (ğ ş ı İ; ``align/data/qa/tr_letters.txt``) or a strong
  Turkish function word (ve, bir, için, olarak …; ``tr_function_words.txt``);
* *weak*: a letter Turkish shares with other languages (ç ö ü â î û), or a word inside a
  4-word window that language identification (py3langid, restricted to tr/en, bundled
  model) gives to Turkish with p >= 0.995 (not English stopwords or plain English words);
* *weaker*: a weak function word (de, da, ki, her, son …: also English or a name particle).

Words within one word of each other form a span; a span is flagged when its score —
strong 2, weak 1, weaker 0.5 per word — is at least 2 (one ``ve`` is enough; ``her son``
or ``de facto`` is not). Never evidence: capitalised words (names, titles, acronyms such as TÜİK,
TCMB, Erdoğan, İstanbul — except a sentence-initial strong function word), words of the
shipped names list, loanwords English keeps (``loanwords_en.txt``: muhtar, lira …), URLs,
a quoted title followed by a bracketed or parenthesised translation, and citation lines
(a sentence starting with ``Source:`` or holding a URL).

Cannot see: Turkish left in capitalised words (a title left untranslated: ``Yeni Yaşam
Partisi``), a Turkish word without Turkish letters that language identification does not
give to Turkish with confidence (``kalem``, ``masa`` alone), and a sentence left wholly in
Turkish that the aligner did not link (it is still checked, but nothing says which source
sentence it should have rendered).
"""
from __future__ import annotations

import re
from functools import cache

from align.qa.checks.base import Check, Context, Finding, quote
from align.qa.checks.data import (
    function_words,
    langid_identifier,
    loanwords,
    name_entries,
    turkish_letters,
)
from align.text.casefold import fold
from align.text.stem import stem
from align.text.stopwords import stoplist
from align.text.tokenize import Token, tokenize

LANGID_P = 0.995
WINDOW = 4
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|gov|edu)(?:\.tr)?(?:/\S*)?")
_TITLE = re.compile(r"[\"“«„][^\"“”«»„]{3,300}[\"”»]\W{0,3}\s*[(\[]")
_CITATION = re.compile(r"^\W*(?:Source|Sources|Kaynak)\s*:", re.IGNORECASE)


@cache
def _name_words() -> frozenset[str]:
    """Folded capitalised words of the shipped names list (both columns); lower-case words
    there (``ve`` in ``Adalet ve Kalkınma Partisi``) are function words, not names."""
    out: set[str] = set()
    for tr, ens in name_entries():
        for col in (tr, *ens):
            out.update(fold(w, "tr") for w in re.findall(r"\w+", col) if w[:1].isupper())
    return frozenset(out)


def _masked(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _URL.finditer(text)]
    spans += [(m.start(), m.end()) for m in _TITLE.finditer(text)]
    return spans


def _evidence(tok: Token, initial: bool) -> float:
    """2 strong, 1 weak, 0.5 weaker, 0 none (letters and function words only)."""
    word = fold(tok.text, "tr")
    fw = function_words().get(word)
    if tok.text[:1].isupper():
        return 2 if initial and fw == "strong" and not tok.text.isupper() else 0
    if word in loanwords() or word in _name_words():
        return 0
    letters = turkish_letters()
    if fw == "strong" or any(letters.get(c) == "strong" for c in tok.text):
        return 2
    if any(letters.get(c) == "weak" for c in tok.text):
        return 1
    return 0.5 if fw == "weak" else 0


def _langid_words(words: list[Token], known: frozenset[str]) -> set[int]:
    """Indices of lower-case words inside a window language ID gives to Turkish, except
    English stopwords and words whose English stem is in *known* (plain English words)."""
    ident = langid_identifier()
    out: set[int] = set()
    if ident is None or len(words) < WINDOW:
        return out
    for s in range(len(words) - WINDOW + 1):
        win = words[s:s + WINDOW]
        if any(w.text[:1].isupper() for w in win):
            continue
        lang, p = ident.classify(" ".join(w.text for w in win))
        if lang == "tr" and p >= LANGID_P:
            out.update(range(s, s + WINDOW))
    stop = stoplist("en").words
    return {n for n in out if (f := words[n].text.lower()) not in stop
            and stem(f, "en") not in known}


def turkish_spans(text: str, known: frozenset[str] = frozenset()
                  ) -> list[tuple[int, int, float]]:
    """(start, end, score) of Turkish-looking spans of an English sentence (module doc).

    *known*: English stems of plain words (`Context.common_words`), never langid evidence.
    """
    if _CITATION.match(text):
        return []
    masked = _masked(text)
    if masked and _URL.search(text):
        return []
    words = [t for t in tokenize(text, "en") if t.kind == "word"
             and not any(a <= t.start < b for a, b in masked)]
    by_id = _langid_words(words, known)
    scored = []
    for n, w in enumerate(words):
        initial = n == 0 and not text[:w.start].strip("\"'“‘([ ")
        ev = _evidence(w, initial)
        if ev < 1 and n in by_id and not w.text[:1].isupper() and fold(w.text, "tr") not in loanwords():
            ev = 1
        scored.append((n, w, ev))
    spans: list[list[tuple[int, Token, float]]] = []
    for n, w, ev in scored:
        if not ev:
            continue
        if spans and n - spans[-1][-1][0] <= 2:
            spans[-1].append((n, w, ev))
        else:
            spans.append([(n, w, ev)])
    return [(s[0][1].start, s[-1][1].end, sum(e for _, _, e in s)) for s in spans
            if sum(e for _, _, e in s) >= 2]


class Untranslated(Check):

    def run(self, ctx: Context) -> list[Finding]:
        if ctx.langs["src"] != "tr":
            return []
        out: list[Finding] = []
        for j, text in enumerate(ctx.doc("tgt")):
            for start, end, _ in turkish_spans(text, ctx.common_words):
                out.append(self.finding(
                    ctx.bead_of["tgt"][j], f"Turkish left in the English: {quote(text[start:end])}",
                    tgt_span=ctx.span("tgt", j, start, end)))
        return out
