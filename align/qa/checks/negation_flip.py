"""``negation_flip``: the linked sentences differ in polarity (always **critical**).

Triggers (grammatical negation), read from the raw tokens of each sentence so that
negated light verbs (``etmeyen``, ``olmadığını``) count although they are stopwords:

* Turkish: the negator words of ``align/data/stopwords/tr.txt`` (değil, yok, …) and
  negative verb forms (``gelmedi``, ``olmadığını``, ``yapılmayacak``: `tr_polarity`).
  A bare ``-mAmA`` form (``yaşamama``: "not living" or "to my living") is ambiguous and
  only a cue; capitalised words inside a sentence are names, not verbs (``Ahmet
  Yılmaz``, ``Ali Korkmaz``), and so are sentence-initial ones the lemma list marks as
  proper nouns, common surnames that are verb forms (``Yılmaz dün …``), or ones that a
  capitalised word follows (not in a Title Case headline, where
  every word is capitalised: ``Onun İçin İyi Gitmedi``);
* English: not, no, never, n't, nobody, nothing, cannot, … (``en.txt`` negators).

Cues (``align/data/qa/negation_cues.tsv``) never trigger but make a side count as
negative: lexical negation (fail, refuse, deny, unknown / reddetti, -sız), privative and
polarity words (without, hiç, hiçbir, kimse, asla; Turkish -mAdAn / -mAksIzIn /
-mAdIkçA / -mAzsA forms). ``notneg`` phrases (``not only``, ``no doubt``) are not
negations; ``No.`` before a number is not one either.

A bead is flagged when one side has a trigger and the other side has neither a trigger
nor a cue, and the negated predicate is rendered on the other side (matched through the
lexicon, numbers or cognates: `align.qa.checks.match.rendering`). The predicate is, for a
Turkish negative verb, the verb itself (for light verbs — ol-, et-, yap-, … — the content
word before it: ``gündemde olmadığını`` -> ``gündem``); for değil / yok the content word
before; for a forward negator (not, never, no) the content word after. This keeps a
summary that dropped a negated clause from being flagged. When every negative sentence
of the bead has its triggers in pairs within three words (``olmadığı söylenemez``) it is
taken as a double negative and not flagged.

Antonyms (rule ``antonym``; the grammatical flips are ``added`` and ``lost``): when
neither side has a trigger, an English word of one pole of an ``antonyms.tsv`` pair
(rose/fell, accepted/rejected, won/lost) whose linked Turkish names only the other pole
(``arttı``/``düştü``, ``kabul``/``reddetti``) and the English not both, is a flip without a
negator. Turkish-English only (the list is Turkish-English).

Limits: negation scope is not parsed (a negation moved to another clause of the same
sentence is not seen); lexical negation on the trigger side is not a trigger
(``reddetti`` vs ``accepted`` is caught only through ``antonyms.tsv``; opposites it
does not list are missed); a cue anywhere on the positive side suppresses
the flag (``failed`` elsewhere in the sentence hides a lost ``değil``); a bead with
negations on both sides passes even if they negate different things.
"""
from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from align.qa.checks.base import Check, Context, Finding, quote
from align.qa.checks.data import antonyms, negation_cues, verbal_surnames
from align.qa.checks.match import rendering
from align.text.casefold import fold
from align.text.normalize import TokenInfo
from align.text.stem_tr import is_negative_tr, lexicon
from align.text.stopwords import stoplist
from align.text.tokenize import Token, tokenize

_PRIVATIVE = ("madan", "meden", "maksızın", "meksizin", "madıkça", "medikçe", "mazsa", "mezse")
_LIGHT = ("ol", "et", "edil", "yap", "bulun", "kal")  # negated verb too general: use its complement
DOUBLE_WINDOW = 3
FORWARD = 3
"""A forward negator (not, never, no) negates one of the next FORWARD content words
(``has not been outspoken``: auxiliaries and adverbs come between)."""
_MOODS = ("mayalım", "meyelim", "mayayım", "meyeyim", "mayınız", "meyiniz", "mayın", "meyin",
          "masın", "mesin", "mam", "mem", "ma", "me")
_CLAUSE_FINAL = ("mam", "mem", "ma", "me")  # also nouns (+possessive): only sentence-final
_ADJ = ("able", "ible", "ent", "ant", "ive", "ete", "ate", "al", "ar", "ous", "ic")


@dataclass
class _Side:
    """Negation evidence of one side of a bead. ``triggers``: (sentence id, raw token)."""

    name: str
    tokens: dict[int, list[TokenInfo]] = field(default_factory=dict)
    triggers: list[tuple[int, Token]] = field(default_factory=list)
    cue: bool = False


def triggers(text: str, lang: str, known: frozenset[str] = frozenset()
             ) -> tuple[list[Token], bool]:
    """Grammatical negations of a sentence, and whether it has a cue (module doc).

    *known*: English stems of plain words (for negative prefixes: ``unpredictable``,
    ``impossible`` count as cues when ``predictable`` / ``possible`` is a known word).
    """
    cues = negation_cues(lang)
    negators = stoplist(lang).negators
    words = [t for t in tokenize(text, lang) if t.kind == "word"]
    folded = [fold(w.text, lang) for w in words]
    out: list[Token] = []
    cue = any(cues.is_cue(f) or _prefixed(f, lang, known) for f in folded)
    long = [w for w in words if len(w.text) > 2]  # a Title Case headline: capitals say nothing
    headline = len(long) >= 3 and sum(w.text[:1].isupper() for w in long) >= 0.75 * len(long)
    for n, (w, f) in enumerate(zip(words, folded)):
        nxt = folded[n + 1] if n + 1 < len(words) else ""
        prev = folded[n - 1] if n else ""
        if cues.is_cue(f) or cues.is_phrase(f, nxt):
            continue
        if w.text == "No" and text[w.end:w.end + 1] == ".":
            continue  # "No. 5"
        if f in negators or w.suffix == "n't" or (lang == "tr" and f.startswith("değil")):
            out.append(w)
            continue
        if lang != "tr":
            continue
        if _paired(prev, f):
            continue  # "olup olmadığını" (whether), "döner dönmez" (as soon as)
        if w.text[:1].isupper() and not headline and _is_name(text, words, n, f):
            continue  # surnames: Yılmaz, Sönmez, Korkmaz
        pol = tr_polarity(f)
        if pol == "ambiguous":
            cue = True  # "yaşamama": "not living" or "to my living"
        elif pol == "negative" or _negative_mood(f, text, w):
            if any(p in f for p in _PRIVATIVE):
                cue = True  # -mAdAn, -mAksIzIn: "without", not a polarity flip
            else:
                out.append(w)
    return out, cue


_AMBIGUOUS_END = ("mama", "meme")


def tr_polarity(folded: str) -> str:
    """``"negative"``, ``"ambiguous"`` or ``"positive"`` for a folded Turkish word.

    Negative: a negative verb form (`is_negative_tr`: ``gelmedi``, ``gelmez``, ``gelemez``,
    ``kalmamak``, ``ilgilenmemek``, ``olmaması``, ``yaşamamaya``). Ambiguous: a word ending
    in bare ``-mAmA`` after a verb (``yaşamama``, ``olmama``, ``anlamama``), which is
    either the negative verbal noun ("not living") or the positive verbal noun with the
    1sg possessive and the dative, ``yaşa-ma-m-a`` ("to my living": ``burada yaşamama
    izin verdi`` = "he let me live here"); the checks count it as a cue, never as a
    trigger. Everything else is positive (``mama``, ``hamama``, ``yasama``, ``tamamen``,
    ``açıklama``); negator words (``değil``) are read from the stopword list, not here.
    """
    if not is_negative_tr(folded):
        return "positive"
    if folded.endswith(_AMBIGUOUS_END):
        return "ambiguous"
    return "negative"


_SENTENCE_END = ".!?…:;\"“”«»'‘’(["


def _is_name(text: str, words: list[Token], n: int, folded: str) -> bool:
    """Whether capitalised word *n* is a name, not a verb: inside a sentence Turkish
    capitalises only names (``Ahmet Yılmaz``, ``Ali Korkmaz`` are not negations); at the
    start of a sentence, when the lemma list knows it as a proper name or the next word
    is capitalised too (``Yılmaz Özdil``) or it is a common surname that is also a verb
    form (``Yılmaz dün …``: ``align/data/qa/tr_surnames_verbal.txt``)."""
    gap = text[words[n - 1].end:words[n].start] if n else "."
    if not any(c in _SENTENCE_END for c in gap):
        return True
    nxt = words[n + 1].text if n + 1 < len(words) else ""
    return folded in lexicon().proper or folded in verbal_surnames() or nxt[:1].isupper()


def _paired(prev: str, f: str) -> bool:
    """A positive-negative verb pair that is no negation: ``V-Ip V-mA-`` (whether:
    ``olup olmadığını``, ``isteyip istemediğini``) and ``V-Ar V-mAz`` (as soon as)."""
    if prev.endswith(("ıp", "ip", "up", "üp")):
        root = prev[:-2].removesuffix("y")
        return len(root) >= 2 and f.startswith(root)
    if f.endswith(("maz", "mez")) and prev.endswith("r"):
        root = f[:-3]
        return len(root) >= 2 and prev.startswith(root)
    return False


def _clause_final(after: str) -> bool:
    """Whether the text after a word ends its sentence or a quotation: nothing, ``.`` (not
    an ellipsis: ``övme...`` ends a list of nouns) or ``!``, or a closing quote
    (``"O şapkayla sahneye çıkma," dediler``)."""
    quotes = ("\"", "”", "’", "'", "»")
    if after[:1] in quotes or (after[:1] in ",.!" and after[1:2] in quotes):
        return True  # a closing quote right after the word (an opening one follows a space)
    after = after.lstrip()
    return after[:1] in ("", "!") or (after[:1] == "." and after[1:2] != ".")


def _negative_mood(f: str, text: str, w: Token) -> bool:
    """Negative imperative, optative or 1sg aorist the stemmer does not list
    (``kaybetmeyelim``, ``gitmeyin``, ``istemeyeyim``; ``vurma``, ``sevmem`` only at the end
    of a sentence or a quotation, where they are not nouns: ``araştırma,`` is one)."""
    for suf in _MOODS:
        if f.endswith(suf) and len(f) > len(suf) + 1:
            if suf in _CLAUSE_FINAL and not _clause_final(text[w.end:]):
                return False
            past = "madı" if "a" in suf else "medi"
            return is_negative_tr(f[: -len(suf)] + past)  # the same verb in the past tense
    return False


def _prefixed(f: str, lang: str, known: frozenset[str]) -> bool:
    """An English adjective with a negative prefix whose base is a known word
    (``unpredictable``, ``impossible``; not an adverb such as ``unfortunately``)."""
    if lang != "en" or not known:
        return False
    if f.endswith("ly"):
        return False  # sentence adverbs (unfortunately) do not negate the proposition
    for pre in ("un", "in", "im", "il", "ir", "dis", "non"):
        base = f[len(pre):].lstrip("-")
        if f.startswith(pre) and len(base) >= 4 and (pre == "un" or base.endswith(_ADJ)):
            from align.text.stem import stem

            if stem(base, "en") in known:
                return True
    return False


def _side(ctx: Context, name: str, ids: tuple[int, ...]) -> _Side:
    lang = ctx.langs[name]
    out = _Side(name)
    known = ctx.common_words if name == "tgt" else frozenset()
    for i in ids:
        trig, cue = triggers(ctx.doc(name)[i], lang, known)
        out.cue = out.cue or cue
        out.tokens[i] = [t for t in ctx.analysis(name, i) if t.key is not None]
        out.triggers += [(i, w) for w in trig]
    return out


def predicates(side: _Side, i: int, w: Token, lang: str) -> list[TokenInfo]:
    """The content token(s) negation *w* of sentence *i* negates (see module doc)."""
    toks = side.tokens[i]
    prev = next((t for t in reversed(toks) if t.end <= w.start), None)
    same = next((t for t in toks if t.start == w.start), None)
    folded = fold(w.text, lang)
    negators = stoplist(lang).negators
    if lang == "tr" and folded not in negators and not folded.startswith("değil"):
        # a negative verb form: light verbs (ol-, et-, ...) negate the word before them
        if same is None or folded.startswith(_LIGHT):
            return [x for x in (prev, same) if x is not None]
        return [same]
    backwards = negators.get(folded, 1) < 0 or folded.startswith("değil")  # the word before
    if backwards:
        return [prev] if prev is not None else []
    return [t for t in toks if t.start >= w.end][:FORWARD]


def _double_only(texts: Sequence[str], trig: list[tuple[int, Token]], lang: str) -> bool:
    """Whether every sentence's triggers come in pairs within ``DOUBLE_WINDOW`` words
    (``olmadığı söylenemez``, ``not impossible`` is a cue): a double negative."""
    by_sent: dict[int, list[Token]] = {}
    for i, w in trig:
        by_sent.setdefault(i, []).append(w)
    for i, ws in by_sent.items():
        if len(ws) < 2:
            return False
        words = [t.start for t in tokenize(texts[i], lang) if t.kind == "word"]
        pos = [words.index(w.start) for w in ws]
        if min(b - a for a, b in itertools.pairwise(pos)) > DOUBLE_WINDOW:
            return False
    return True


def _words(ctx: Context, side: str, ids: Sequence[int]) -> list[tuple[int, Token, str]]:
    """(sentence id, word token, folded word) of sentences *ids*."""
    lang = ctx.langs[side]
    return [(i, w, fold(w.text, lang)) for i in ids
            for w in tokenize(ctx.doc(side)[i], lang) if w.kind == "word"]


class NegationFlip(Check):

    def run(self, ctx: Context) -> list[Finding]:
        out: list[Finding] = []
        for k, bead in enumerate(ctx.aln.beads):
            if bead.is_null:
                continue
            src, tgt = _side(ctx, "src", bead.src), _side(ctx, "tgt", bead.tgt)
            for neg, pos in ((src, tgt), (tgt, src)):
                if neg.triggers and not pos.triggers and not pos.cue:
                    f = self._flip(ctx, k, neg, pos)
                    if f is not None:
                        out.append(f)
                    break
            else:
                if not src.triggers and not tgt.triggers and ctx.langs["src"] == "tr":
                    f = self._antonym(ctx, k)
                    if f is not None:
                        out.append(f)
        return out

    def _antonym(self, ctx: Context, k: int) -> Finding | None:
        """An English word of one pole of an ``antonyms.tsv`` pair where the linked Turkish
        names only the other pole (and the English does not name it too)."""
        bead = ctx.aln.beads[k]
        en = _words(ctx, "tgt", bead.tgt)
        folded_en = {f for _, _, f in en}
        candidates = [(pair, poles) for pair in antonyms()
                      if len(poles := {p for p in (0, 1) if folded_en & pair.en[p]}) == 1]
        if not candidates:  # most beads: the Turkish need not be read at all
            return None
        tr = _words(ctx, "src", bead.src)
        tr_words = [f for _, _, f in tr]
        tr_text = " ".join(fold(ctx.doc("src")[i], "tr") for i in bead.src)
        for pair, en_poles in candidates:
            tr_poles = pair.poles_tr(tr_words, tr_text)
            if len(tr_poles) != 1 or en_poles == tr_poles:
                continue
            pole = en_poles.pop()
            j, w, _ = next(x for x in en if x[2] in pair.en[pole])
            hit = next(((i, t) for i, t, f in tr if pair.poles_tr([f], "") == {1 - pole}), None)
            src_span = ctx.span("src", hit[0], hit[1].start, hit[1].end) if hit else None
            said = quote(hit[1].text) if hit else "the opposite"
            msg = (f"English {quote(w.text)} is the opposite of the linked Turkish {said}: "
                   "polarity flipped?")
            return self.finding(k, msg, src_span=src_span,
                                tgt_span=ctx.span("tgt", j, w.start, w.end), rule="antonym")
        return None

    def _flip(self, ctx: Context, k: int, neg: _Side, pos: _Side) -> Finding | None:
        if _double_only(ctx.doc(neg.name), neg.triggers, ctx.langs[neg.name]):
            return None
        for i, w in neg.triggers:
            for p in predicates(neg, i, w, ctx.langs[neg.name]):
                hit = self._rendered(ctx, neg, p, pos)
                if hit is not None:
                    return self._make(ctx, k, neg, i, w, p, pos, hit)
        return None

    @staticmethod
    def _rendered(ctx: Context, neg: _Side, p: TokenInfo, pos: _Side
                  ) -> tuple[int, TokenInfo] | None:
        """(sentence, token) of the positive side that renders predicate *p*."""
        for i, content in pos.tokens.items():
            if neg.name == "src":
                hit = rendering(p, content, ctx.lexicon)
                if hit is not None:
                    return i, hit
            else:
                for t in content:
                    if rendering(t, [p], ctx.lexicon) is not None:
                        return i, t
        return None

    def _make(self, ctx: Context, k: int, neg: _Side, i: int, t: Token, p: TokenInfo,
              pos: _Side, hit: tuple[int, TokenInfo]) -> Finding:
        neg_span = ctx.span(neg.name, i, t.start, t.end)
        pos_span = ctx.span(pos.name, hit[0], hit[1].start, hit[1].end)
        if neg.name == "src":
            msg = (f"Turkish {quote(t.text)} negates {quote(p.surface)}, but the English "
                   f"{quote(hit[1].surface)} is positive: negation lost?")
            return self.finding(k, msg, src_span=neg_span, tgt_span=pos_span, rule="lost")
        msg = (f"English {quote(t.text)} negates {quote(p.surface)}, but the linked Turkish "
               f"{quote(hit[1].surface)} is positive: negation added?")
        return self.finding(k, msg, src_span=pos_span, tgt_span=neg_span, rule="added")
