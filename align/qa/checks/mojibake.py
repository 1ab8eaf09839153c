"""``mojibake``: encoding damage in either side (severity **major**).

Four kinds of damage, looked for in every sentence of both sides:

* **UTF-8 read as a single-byte code page.** Every character outside ASCII of Windows-1252
  and Windows-1254 (Turkish) — ı ş ğ İ ü ç ö, é ß, ’ “ ” – … € — encoded in UTF-8 and decoded
  as Windows-1252, Windows-1254 or Latin-1 becomes two or three characters (``ş`` ->
  ``ÅŸ``, ``ı`` -> ``Ä±``, ``İ`` -> ``Ä°``, ``’`` -> ``â€™``). The damaged forms are
  derived from the code pages themselves (`damaged_forms`), not listed; a byte a code page
  leaves undefined reads as the Latin-1 control character, as browsers do. Any occurrence
  is damage (clean text never has ``Ä`` followed by ``±``); the repair re-decodes it, as
  many times as it was done (``ÃƒÂ¼`` -> ``Ã¼`` -> ``ü``).
* **Windows-1254 read as Windows-1252**, on a Turkish side only: ğ ı ş İ Ş Ğ shown as
  ð ý þ Ý Þ Ð (``Erdoðan``). Icelandic and Faroese use these letters, so a word counts only
  when the repaired word is a known Turkish word (`plausible`).
* **U+FFFD replacement characters**: bytes a reader could not decode; nothing to repair
  (re-read the original file with its real encoding).
* **A Turkish letter lost to "?"**: a ``?`` inside a word (two or more letters on each
  side, a lower-case letter after it) or starting one (three or more lower-case letters
  after it, an upper-case letter lost: ``?stanbul``), not in a URL, when putting a Turkish
  letter (``align/data/qa/tr_letters.txt``) there gives a known Turkish word
  (``Erdo?an`` -> ``Erdoğan``, ``ba?kan?`` -> ``başkanı``).

A known Turkish word (`plausible`): its folded form, or its stem (`align.text.stem_tr`), is a
lemma or proper name of the stemmer's lemma list, a Turkish word of the shipped names list,
or a word written elsewhere in the pair (either side).

One flag per damaged sentence and kind, on the bead of that sentence: ``src_span`` for
source-side damage, ``tgt_span`` for target-side; the span runs from the first to the last
damaged character. The message quotes the damaged word(s), the first three repaired.

It cannot see: damage that leaves only plausible letters (Windows-1252 text read as
Windows-1254 turns ð into ğ; Cyrillic or Greek code pages), characters dropped without a
trace, a "?" whose repair is no known word (an unknown name, a lost apostrophe:
``don?t``), a lost letter at the end of a word (``Erdoğan?`` is a question), and damage
inside a URL.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import product

from align.qa.checks.base import Check, Context, Finding, quote
from align.qa.checks.data import name_entries, turkish_letters
from align.text.casefold import fold
from align.text.stem_tr import lexicon, stem_tr

CODE_PAGES = ("cp1252", "cp1254")
"""Single-byte code pages whose characters can be damaged (Western European, Turkish)."""
READERS = (("cp1252", "Windows-1252"), ("cp1254", "Windows-1254"), ("latin-1", "Latin-1"))
"""Code pages that UTF-8 bytes are misread as, in message order."""
MAX_QUESTION = 3  # "?" in one word tried (9 lower-case letters each: 729 candidates at most)
MAX_REPAIRS = 3  # repaired words quoted in a message
FFFD = "replacement characters U+FFFD"
QUESTION = "Turkish letters lost to “?”"
_URLISH = re.compile(r"[/=&@]|\.\w")
_WORD_Q = re.compile(r"(?<![^\W\d_])[^\W\d_?]*\?[^\W\d_?]*(?:\?[^\W\d_?]*)*(?![^\W\d_])")


def _misread(data: bytes, codec: str) -> str:
    """*data* decoded byte by byte as *codec*; a byte it leaves undefined as Latin-1."""
    out = []
    for b in data:
        try:
            out.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


@cache
def damaged_forms() -> dict[str, tuple[str, str]]:
    """Damaged form -> (the character, the code page named in messages), for every
    non-ASCII character of `CODE_PAGES` written in UTF-8 and read as one of `READERS`."""
    chars = sorted({_misread(bytes([b]), cp) for cp in CODE_PAGES for b in range(0x80, 0x100)})
    out: dict[str, tuple[str, str]] = {}
    for c in chars:
        for codec, label in READERS:
            out.setdefault(_misread(c.encode("utf-8"), codec), (c, label))
    return out


@cache
def _utf8_pattern() -> re.Pattern[str]:
    forms = sorted(damaged_forms(), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, forms)) + ")+")


@cache
def turkish_as_western() -> dict[str, str]:
    """Windows-1254 letter read as Windows-1252 -> the Turkish letter (``ð`` -> ``ğ``)."""
    out: dict[str, str] = {}
    for c in turkish_letters():
        shown = _misread(c.encode("cp1254"), "cp1252")
        if shown != c:
            out[shown] = c
    return out


def repair(text: str) -> str:
    """*text* with its UTF-8 damage re-decoded, repeatedly (double encoding), at most 3 times."""
    forms = damaged_forms()
    for _ in range(3):
        fixed = _utf8_pattern().sub(lambda m: _undo(m.group(), forms), text)
        if fixed == text:
            break
        text = fixed
    return text


def _undo(run: str, forms: dict[str, tuple[str, str]]) -> str:
    return "".join(forms[f][0] for f in _split(run, forms))


@cache
def _known_words() -> frozenset[str]:
    lex = lexicon()
    names = {fold(w, "tr") for tr, _ in name_entries() for w in re.findall(r"[^\W\d_]+", tr)}
    return frozenset(lex.lemmas | lex.proper | names)


def plausible(word: str, extra: frozenset[str] = frozenset()) -> bool:
    """Whether *word* is a known Turkish word (module doc); *extra*: folded words of the pair."""
    f = fold(word, "tr")
    return f in extra or f in _known_words() or stem_tr(f) in _known_words()


@dataclass(frozen=True)
class Damage:
    """One kind of damage in a sentence: the damaged characters (``[start, end)`` spans
    into the sentence, in order), the damaged words and their repairs ("" where none)."""

    kind: str
    spans: tuple[tuple[int, int], ...]
    words: tuple[str, ...]
    repairs: tuple[str, ...]

    def message(self) -> str:
        pairs = [f"{quote(w)} → {quote(r)}" if r else quote(w)
                 for w, r in zip(self.words, self.repairs)]
        more = f" and {len(pairs) - MAX_REPAIRS} more" if len(pairs) > MAX_REPAIRS else ""
        return f"encoding damage ({self.kind}): {', '.join(pairs[:MAX_REPAIRS])}{more}"


_EDGE = frozenset(".,;:!?()[]{}\"'")


def _word_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The whitespace-delimited chunk around ``[start, end)``, ASCII punctuation at its
    ends stripped (never inside ``[start, end)``)."""
    a, b = start, end
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    while b < len(text) and not text[b].isspace():
        b += 1
    while a < start and text[a] in _EDGE:
        a += 1
    while b > end and text[b - 1] in _EDGE:
        b -= 1
    return a, b


Hit = tuple[tuple[int, int], list[tuple[int, int]], str]
"""(damaged word span, its damaged character spans, its repair or "")."""


def _damage(kind: str, text: str, hits: list[Hit]) -> Damage | None:
    if not hits:
        return None
    return Damage(kind, tuple(s for _, spans, _ in hits for s in spans),
                  tuple(text[a:b] for (a, b), _, _ in hits), tuple(r for _, _, r in hits))


def _by_word(text: str, spans: list[tuple[int, int]]) -> list[Hit]:
    """Damaged character *spans* grouped by the word they fall in, repaired by `repair`."""
    words: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for s, e in spans:
        words.setdefault(_word_at(text, s, e), []).append((s, e))
    return [(w, sp, repair(text[w[0]:w[1]])) for w, sp in words.items()]


def find_damage(text: str, lang: str, extra: frozenset[str] = frozenset()) -> Iterator[Damage]:
    """The damage in one sentence *text* of a side in language *lang* (module doc);
    *extra*: folded words of the pair that count as known words."""
    forms = damaged_forms()
    runs = [m.span() for m in _utf8_pattern().finditer(text)]
    found: list[Damage | None] = []
    if runs:
        labels = {forms[f][1] for s, e in runs for f in _split(text[s:e], forms)}
        label = next(lb for _, lb in READERS if lb in labels)
        found.append(_damage(f"UTF-8 read as {label}", text, _by_word(text, runs)))
    if lang == "tr":
        found.append(_western(text, extra))
    lost = [m.span() for m in re.finditer("\ufffd+", text)]
    found.append(_damage(FFFD, text, [(w, sp, "") for w, sp, _ in _by_word(text, lost)]))
    found.append(_questions(text, extra))
    yield from (d for d in found if d is not None)


def _split(run: str, forms: dict[str, tuple[str, str]]) -> list[str]:
    """A run of damaged forms cut into them, longest first (as the pattern matches)."""
    out, k = [], 0
    longest = max(map(len, forms))
    while k < len(run):
        n = next((n for n in range(min(longest, len(run) - k), 0, -1) if run[k:k + n] in forms),
                 1)
        out.append(run[k:k + n])
        k += n
    return [f for f in out if f in forms]


def _western(text: str, extra: frozenset[str]) -> Damage | None:
    table = turkish_as_western()
    hits: list[Hit] = []
    for m in re.finditer(r"[^\W\d_]+", text):
        word = m.group()
        if not any(c in table for c in word):
            continue
        fixed = "".join(table.get(c, c) for c in word)
        if plausible(fixed, extra):
            hits.append((m.span(), [(m.start() + k, m.start() + k + 1)
                                    for k, c in enumerate(word) if c in table], fixed))
    return _damage("Windows-1254 read as Windows-1252", text, hits)


def _questions(text: str, extra: frozenset[str]) -> Damage | None:
    """Words with a "?" for a lost Turkish letter. Once one word of the sentence has a known
    repair, its other "?" words of that shape count too (the sentence was damaged as a
    whole); only the first `MAX_REPAIRS` are looked up, which bounds the work."""
    if "?" not in text:
        return None
    hits: list[Hit] = []
    pending: list[Hit] = []
    for m in _WORD_Q.finditer(text):
        word = _lost(m.group())
        if word is None or _URLISH.search(text[slice(*_word_at(text, m.start(), m.end()))]):
            continue
        fixed = _fill(word, extra) if len(hits) < MAX_REPAIRS else None
        keep_last = fixed is not None and len(fixed) == len(word)
        qs = [k for k, c in enumerate(word) if c == "?"
              and (keep_last or k < len(word.rstrip("?")))]
        hit: Hit = ((m.start(), m.start() + len(fixed or word.rstrip("?"))),
                    [(m.start() + k, m.start() + k + 1) for k in qs], fixed or "")
        if fixed is None and not hits:
            pending.append(hit)  # counts once a later word proves the damage
            continue
        hits += [*pending, hit]
        pending = []
    return _damage(QUESTION, text, hits)


def _lost(word: str) -> str | None:
    """*word* (letters and "?") if its "?" can stand for lost letters, else None. Inside a
    word: 2+ letters on each side, a lower-case letter after each "?" (or the word in upper
    case); starting one: 3+ lower-case letters after it; at most `MAX_QUESTION`. A final
    "?" counts only with another "?" inside the word (``yap?ld?``), else it is a question."""
    core = word[:-1] if word.endswith("?") and "?" in word[:-1] else word
    parts = core.split("?")
    if word.count("?") > MAX_QUESTION or not parts[-1] or len(core) - len(parts) < 3:
        return None
    if not parts[0]:
        ok = len(parts) == 2 and len(parts[1]) >= 3 and parts[1].islower()
    else:
        ok = len(parts[0]) >= 2 and len(parts[-1]) >= 2 and (
            all(p[:1].islower() for p in parts[1:] if p) or core.replace("?", "").isupper())
    return word if ok else None


def _fill(word: str, extra: frozenset[str]) -> str | None:
    """The first known word *word* gives with each "?" a Turkish letter (upper case at the
    start of the word or in an upper-case word), or None; a final "?" is tried as a letter,
    then as a question mark."""
    letters = turkish_letters()
    lower = [c for c in letters if c.islower()]
    upper = [c for c in letters if c.isupper()]
    shout = word.replace("?", "").isupper()
    variants = [word, word[:-1]] if word.endswith("?") else [word]
    for w in variants:
        slots = [upper if (k == 0 or shout) else lower for k, c in enumerate(w) if c == "?"]
        parts = w.split("?")
        for combo in product(*slots):
            cand = parts[0] + "".join(c + p for c, p in zip(combo, parts[1:]))
            if plausible(cand, extra):
                return cand
    return None


class Mojibake(Check):

    def run(self, ctx: Context) -> list[Finding]:
        words = ctx.memo.get("mojibake.words")
        if words is None:
            words = frozenset(fold(w, "tr") for side in ("src", "tgt") for t in ctx.doc(side)
                              for w in re.findall(r"[^\W\d_]{3,}", t))
            ctx.memo["mojibake.words"] = words
        out: list[Finding] = []
        for side in ("src", "tgt"):
            for i, text in enumerate(ctx.doc(side)):
                for d in find_damage(text, ctx.langs[side], words):
                    span = ctx.span(side, i, min(a for a, _ in d.spans),
                                    max(b for _, b in d.spans))
                    out.append(self.finding(ctx.bead_of[side][i], d.message(),
                                            src_span=span if side == "src" else None,
                                            tgt_span=span if side == "tgt" else None))
        return out
