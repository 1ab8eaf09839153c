"""Planted errors on real translations nobody tuned on: how well do the QA checks find them,
and how often do they flag clean sentences? (issue 14, item 1)

    python -m benchmarks.planted --split test                # the report table
    python -m benchmarks.planted --split tune --shapes translation --limit 10 --misses
    python -m benchmarks.planted --split test --shapes translation --nothing-planted

Two shapes, each from NTREX-128 (tune and test halves, :mod:`benchmarks.datasets`) and
FLORES-101 (test only):

- ``translation``: the complete English translation of each document;
- ``excerpt``: a digest-style excerpt (:mod:`benchmarks.summary`: runs of 1-3 kept
  sentences, some merged), where each gap between runs is marked "…" at the end of the
  sentence before it, as the analysts' digests do.

Each document's English is corrupted by seeded rules, ``RATE`` of its sentences in
expectation, each rule only where it applies; kinds are drawn least-used first (across the
documents of a run) so that every check gets its share. The rules (``rule`` in each
planted flag's note):

- ``number_mismatch``: ``digit`` (the last digit of the first number changes), ``decimal``
  (``3.5`` becomes ``35``), ``month`` (a month name next to a number becomes another
  month), ``currency`` (``dollars`` / ``$`` / ``lira`` / ``euros`` next to a number becomes
  another currency), ``unit`` (``kilometres`` becomes ``miles``, …);
- ``negation_flip``: ``add-not`` ("not" after the first auxiliary), ``remove-not`` ("not"
  or "n't" removed), ``antonym`` (increased→decreased, accepted→rejected, … from
  ``ANTONYMS``);
- ``entity_mismatch``: a capitalised name the linked Turkish also has becomes a country
  (``COUNTRIES``) or a surname (``SURNAMES``) the document does not mention;
- ``untranslated``: the sentence's last four words become the linked Turkish sentence's
  last four;
- ``unsupported``: an English sentence of another document is inserted after it;
- ``omission``: the sentence is deleted inside a run (its Turkish stays, now unrendered);
- ``mojibake``: in the linked Turkish sentence (news English is mostly ASCII), the first
  word with a non-ASCII letter is shown as UTF-8 read as cp1252 (``Erdoğan`` →
  ``ErdoÄŸan``); the planted flag names both sentences;
- ``consistency``: a name (in the linked Turkish too) that another English sentence also
  writes is spelled another way here: without its diacritics (``Erdoğan`` → ``Erdogan``), else by one ``_VARIANTS``
  change (``Zelensky`` → ``Zelenski``, ``Jackson`` → ``Jakson``);
- ``terminology``: a word of the document's glossary (``GLOSSARY``: Turkish term, English
  rendering; an entry is in a document's glossary when the clean translation complies
  with it: every English sentence linked to a Turkish sentence with the term, matched as
  the check matches terms, has the rendering) is replaced by its near-synonym in such a
  sentence.

Then the pair is aligned (``--scorer``, default auto), checked (`align.qa.checks`, with
the document's glossary) and scored against the planted flags by
:func:`align.eval.qa.evaluate_qa`: precision, recall and false flags per 20 clean English
sentences, per check, and recall per rule. ``--seeds`` sums several draws (default 3:
about 70 planted flags per check on the test half). ``--nothing-planted`` checks the clean
pairs instead (with their glossaries): every flag is a false one. ``--fit`` (tuning half
only) writes the per-rule counts that `align.qa.confidence` turns into confidences.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from align.types import Document
from benchmarks.datasets import Case, default_data_dir, load

RATE = 0.08
"""Share of a document's English sentences that get an error, in expectation: a document
of ``n`` sentences gets ``floor(RATE * n)`` errors and one more with probability the
fractional part (a 2-sentence excerpt gets one with probability 0.16), so short documents
do not crowd the benchmark with errors (the issue's unseen sets had 4% and 9%)."""
SHAPES = {"translation": ("ntrex_translation", "flores_translation"),
          "excerpt": ("ntrex_summary", "flores_summary")}
"""Shape -> the datasets it is built from."""

COUNTRIES = ("Norway", "Brazil", "Kenya", "Portugal", "Vietnam", "Chile", "Finland",
             "Morocco", "Canada", "Indonesia", "Peru", "Denmark")
SURNAMES = ("Lindqvist", "Okafor", "Tanaka", "Moreau", "Kowalski", "Haddad", "Fernandes",
            "Novak", "Castillo", "Jansen")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
CURRENCIES = (("dollars", "euros"), ("dollar", "euro"), ("euros", "pounds"), ("euro", "pound"),
              ("pounds", "dollars"), ("lira", "dollars"), ("liras", "dollars"), ("$", "€"),
              ("€", "$"), ("£", "$"))
UNITS = (("kilometres", "miles"), ("kilometers", "miles"), ("km", "miles"), ("miles", "kilometres"),
         ("metres", "feet"), ("meters", "feet"), ("kilograms", "pounds"), ("kg", "pounds"),
         ("tonnes", "kilograms"), ("tons", "kilograms"), ("litres", "gallons"),
         ("hectares", "acres"), ("acres", "hectares"), ("degrees", "percent"))
ANTONYMS = (("increased", "decreased"), ("increase", "decrease"), ("rose", "fell"),
            ("rising", "falling"), ("higher", "lower"), ("more", "fewer"),
            ("accepted", "rejected"), ("approved", "rejected"), ("won", "lost"),
            ("allowed", "banned"), ("agreed", "refused"), ("supported", "opposed"),
            ("opened", "closed"), ("began", "ended"), ("started", "stopped"),
            ("guilty", "innocent"), ("succeeded", "failed"), ("confirmed", "denied"),
            ("gained", "lost"), ("arrived", "left"), ("strong", "weak"), ("large", "small"),
            ("best", "worst"), ("before", "after"), ("always", "never"))
"""English antonym pairs, swapped both ways by the ``antonym`` rule."""
GLOSSARY = (("hükümet", "government", "administration"), ("bakan", "minister", "secretary"),
            ("polis", "police", "security forces"), ("şirket", "company", "firm"),
            ("seçim", "election", "vote"), ("mahkeme", "court", "tribunal"),
            ("ülke", "country", "nation"), ("şehir", "city", "town"), ("kent", "city", "town"),
            ("ordu", "army", "military"), ("hastane", "hospital", "clinic"),
            ("meclis", "parliament", "assembly"), ("anlaşma", "agreement", "deal"),
            ("savaş", "war", "conflict"), ("çocuk", "children", "kids"),
            ("başkan", "president", "leader"), ("araştırma", "research", "study"),
            ("öğrenci", "students", "pupils"), ("hasta", "patients", "sufferers"),
            ("bilim", "scientists", "researchers"), ("takım", "team", "side"))
"""Glossary candidates: Turkish stem, required English rendering, a near-synonym a
translator might use instead (the planted error)."""

_NUMBER = re.compile(r"\d[\d.,]*\d|\d")
_DECIMAL = re.compile(r"(?<![\d.,])(\d+)\.(\d)(?![\d.,]*\d)")
_AUX = re.compile(r"\b(is|was|are|were|will|can|could|would|should|has|have|had|does|did)\b"
                  r"(?! not\b)")
_NOT = re.compile(r" not\b|n't\b")
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{3,}\b")
_NONASCII_WORD = re.compile(r"\w*[^\W\d_\x00-\x7f]\w*")
_CURLY = re.compile(r"[’“”–]")
_NEAR_NUMBER = r"(?:(?<=\d )|(?<=\d)|(?<=\d million )|(?<=\d billion )|(?<=\d thousand ))"


@dataclass(frozen=True)
class Planted:
    """A corrupted pair: the source, the new English, the gold flags (``{"type", "tgt",
    "src", "note"}``, ids into the new documents; the note starts with the rule) and the
    document's glossary (``(Turkish stem, English rendering)``)."""

    name: str
    src: Document
    tgt: Document
    flags: tuple[dict[str, object], ...]
    glossary: tuple[tuple[str, str], ...] = ()


def _linked(case: Case, j: int) -> list[int]:
    return [i for b in case.gold if j in b.tgt for i in b.src]


def _linked_source(case: Case, j: int) -> str:
    return " ".join(case.src.sentences[i].text for i in _linked(case, j))


def _sub(text: str, m: re.Match[str], new: str) -> str:
    return text[:m.start()] + new + text[m.end():]


Edit = tuple[str, str]
"""(rule, new text)."""


def _number(text: str, case: Case, j: int, rng: random.Random) -> Edit | None:
    options: list[Edit] = []
    m = _NUMBER.search(text)
    if m is not None:
        k = [k for k in range(m.start(), m.end()) if text[k].isdigit()][-1]
        options.append(("digit", text[:k] + str((int(text[k]) + rng.randint(1, 8)) % 10)
                        + text[k + 1:]))
    m = _DECIMAL.search(text)
    if m is not None:
        options.append(("decimal", _sub(text, m, m.group(1) + m.group(2))))
    m = re.search(r"(?:(?<=\d )|(?<=\d, ))(" + "|".join(MONTHS) + r")\b|\b(" + "|".join(MONTHS)
                  + r")(?= \d)", text)
    if m is not None:
        old = m.group(0)
        options.append(("month", _sub(text, m, rng.choice([x for x in MONTHS if x != old]))))
    for rule, table in (("currency", CURRENCIES), ("unit", UNITS)):
        for old, new in table:
            word = re.escape(old) if old.isalpha() else None
            pat = (_NEAR_NUMBER + r"\b" + word + r"\b") if word else (re.escape(old) + r"(?=\d)")
            m = re.search(pat, text)
            if m is not None:
                options.append((rule, _sub(text, m, new)))
                break
    rare = [o for o in options if o[0] != "digit"]  # the scarce kinds first, mostly
    return rng.choice(rare if rare and rng.random() < 0.75 else options) if options else None


def _negation(text: str, case: Case, j: int, rng: random.Random) -> Edit | None:
    options: list[Edit] = []
    m = _NOT.search(text)
    if m is not None:
        new = text.replace("won't", "will").replace("can't", "can").replace("cannot", "can")
        options.append(("remove-not", new if new != text else _sub(text, m, "")))
    elif (m := _AUX.search(text)) is not None:
        options.append(("add-not", text[:m.end()] + " not" + text[m.end():]))
    for a, b in ANTONYMS:
        for old, new in ((a, b), (b, a)):
            m = re.search(rf"\b{old}\b", text)
            if m is not None:
                options.append(("antonym", _sub(text, m, new)))
    return rng.choice(options) if options else None


def _entity(text: str, case: Case, j: int, rng: random.Random) -> Edit | None:
    source = _linked_source(case, j)
    names = [m for m in _NAME.finditer(text) if m.group(0) in source
             and m.group(0) not in MONTHS]
    whole = " ".join(case.tgt.texts) + " " + " ".join(case.src.texts)
    free = [c for c in COUNTRIES + SURNAMES if c not in whole]
    if not names or not free:
        return None
    new = rng.choice(free)
    return ("country" if new in COUNTRIES else "surname", _sub(text, rng.choice(names), new))


def _untranslated(text: str, case: Case, j: int, rng: random.Random) -> Edit | None:
    turkish = _linked_source(case, j).split()
    words = text.split()
    if len(turkish) < 6 or len(words) < 8:
        return None
    mark = "…" if text.endswith("…") else ""
    return "tail", " ".join(words[:-4] + turkish[-4:]) + mark


def damage(text: str) -> str | None:
    """``text`` with its first word that has a non-ASCII letter (else its first curly
    quote) shown as UTF-8 read as cp1252; None when it has neither."""
    m = _NONASCII_WORD.search(text) or _CURLY.search(text)
    if m is None:
        return None
    return _sub(text, m, m.group(0).encode("utf-8").decode("cp1252", errors="replace"))


def _strip(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word)
                   if not unicodedata.combining(c)).replace("ı", "i")


_VARIANTS = (("ck", "k"), ("ph", "f"), ("ei", "ie"), ("ie", "ei"), ("y", "i"), ("ll", "l"),
             ("ss", "s"), ("tt", "t"), ("nn", "n"), ("rr", "r"), ("ov", "off"), ("ts", "tz"))
"""Spelling variants for the ``consistency`` rule on an ASCII name (after a first letter)."""


def variant(name: str) -> str | None:
    """Another spelling of ``name``: without its diacritics, else one ``_VARIANTS`` change."""
    if _strip(name) != name:
        return _strip(name)
    for old, new in _VARIANTS:
        k = name.find(old, 1)
        if k > 0:
            return name[:k] + new + name[k + len(old):]
    return None


def _consistency(text: str, case: Case, j: int, rng: random.Random) -> Edit | None:
    others = " ".join(t for k, t in enumerate(case.tgt.texts) if k != j)
    source = _linked_source(case, j)
    for m in re.finditer(r"(?<=[a-z,;] )[A-ZÇĞİÖŞÜ][^\W\d_]{4,}\b", text):
        name = m.group(0)
        new = variant(name)
        if new and name in source and re.search(rf"\b{name}\b", others):
            return ("diacritics" if _strip(name) != name else "spelling"), _sub(text, m, new)
    return None


def _term_links(case: Case, stem: str) -> list[int]:
    """English sentences whose gold-linked Turkish has glossary term *stem* (matched as
    the ``terminology`` check matches terms: inflections of the whole word)."""
    from align.qa.checks.terminology import Sentence, entries
    from align.qa.glossary import Glossary, Term

    entry = entries(Glossary((Term(stem, ("-",)),)))[0]
    return [j for j in range(len(case.tgt))
            if any(entry.occurrence(Sentence.of(case.src.texts[i], "tr")) for i in _linked(case, j))]


def glossary_of(case: Case) -> tuple[tuple[str, str, str], ...]:
    """The ``GLOSSARY`` entries the clean translation complies with: the term occurs in the
    document's Turkish and every English sentence linked to it has the rendering."""
    out = []
    for stem, en, alt in GLOSSARY:
        pattern = re.compile(rf"\b{re.escape(en)}(?:e?s)?\b", re.IGNORECASE)
        links = _term_links(case, stem)
        if links and all(pattern.search(case.tgt.texts[j]) for j in links):
            out.append((stem, en, alt))
    return tuple(out)


def _terminology(text: str, case: Case, j: int, rng: random.Random) -> Edit | None:
    for stem, en, alt in glossary_of(case):
        m = re.search(rf"\b{re.escape(en)}\b", text, re.IGNORECASE)
        if m is not None and j in _term_links(case, stem):
            new = alt.capitalize() if m.group(0)[0].isupper() else alt
            return "synonym", _sub(text, m, new)
    return None


Rule = Callable[[str, Case, int, random.Random], "Edit | None"]
EDITS: dict[str, Rule] = {"number_mismatch": _number, "negation_flip": _negation,
                          "entity_mismatch": _entity, "untranslated": _untranslated,
                          "consistency": _consistency,
                          "terminology": _terminology}
"""Rules that rewrite one English sentence in place (check type -> rule)."""
KINDS = (*EDITS, "mojibake", "unsupported", "omission")


def mark_gaps(case: Case) -> Case:
    """``case`` with "…" ending each English sentence after which the linked source jumps
    ahead (the digest convention for a gap between excerpt runs)."""
    texts = list(case.tgt.texts)
    for j in range(len(texts) - 1):
        a, b = _linked(case, j), _linked(case, j + 1)
        if a and b and min(b) > max(a) + 1:
            texts[j] = texts[j].rstrip() + "…"
    return replace(case, tgt=Document.from_texts(texts, case.tgt.lang, meta=case.tgt.meta))


def _can_delete(case: Case, j: int) -> bool:
    """English sentence ``j`` sits inside a run: its neighbours exist and link to the
    source sentences right before and after its own."""
    if not 0 < j < len(case.tgt) - 1:
        return False
    a, mid, b = _linked(case, j - 1), _linked(case, j), _linked(case, j + 1)
    return bool(a and mid and b) and max(a) + 1 == min(mid) and max(mid) + 1 == min(b)


def plant(case: Case, others: Sequence[Case], seed: int,
          used: Counter[str] | None = None) -> Planted:
    """``case`` with errors planted (see the module docstring), reproducible from ``seed``.
    ``used``: kinds planted so far in this run (updated), so that kinds are drawn least-used
    first across documents."""
    rng = random.Random(f"{seed}:{case.name}")
    en, tr = list(case.tgt.texts), list(case.src.texts)
    linked = sorted({j for b in case.gold if b.src and len(b.tgt) == 1 for j in b.tgt})
    expected = RATE * len(en)  # short documents get an error with that probability
    n = int(expected) + (rng.random() < expected - int(expected))
    chosen = set(rng.sample(linked, min(n, len(linked))))
    used = Counter() if used is None else used
    out: list[str] = []
    flags: list[dict[str, object]] = []
    deleted = False
    for j, text in enumerate(en):
        if j not in chosen:
            out.append(text)
            continue
        order = sorted(KINDS, key=lambda k: (used[k], rng.random()))
        for kind in order:
            if kind in EDITS:
                edit = EDITS[kind](text, case, j, rng)
                if edit is not None and edit[1] != text:
                    flags.append({"type": kind, "tgt": len(out), "src": None,
                                  "note": f"{edit[0]}: {edit[1]}"})
                    out.append(edit[1])
                    break
            elif kind == "mojibake" and len(src := _linked(case, j)) == 1 \
                    and (bad := damage(tr[src[0]])) is not None:
                tr[src[0]] = bad
                flags.append({"type": kind, "tgt": len(out), "src": src[0],
                              "note": f"cp1252: {bad}"})
                out.append(text)
                break
            elif kind == "unsupported" and len(others) > 1:
                donor = rng.choice([o for o in others if o.name != case.name])
                out.append(text)
                flags.append({"type": kind, "tgt": len(out), "src": None,
                              "note": f"inserted: from {donor.name}"})
                out.append(rng.choice(donor.tgt.texts))
                break
            elif kind == "omission" and not deleted and _can_delete(case, j) \
                    and j - 1 not in chosen and j + 1 not in chosen:
                deleted = True  # one per document: two would make one longer gap
                flags.append({"type": kind, "tgt": None, "src": min(_linked(case, j)),
                              "note": f"deleted: {text}"})
                break
        else:
            out.append(text)
            continue
        used[kind] += 1
    glossary = tuple((stem, en_) for stem, en_, _ in glossary_of(case))
    return Planted(case.name, Document.from_texts(tr, case.src.lang, meta=case.src.meta),
                   Document.from_texts(out, case.tgt.lang),
                   tuple(flags), glossary)


def check(p: Planted, scorer: object, level: str = "default"):  # type: ignore[no-untyped-def]
    """Align and check one planted pair (with its glossary); the flagged alignment with
    the flags *level* shows (`align.qa.levels`)."""
    from align.aligner import align_documents
    from align.qa.checks import run_checks
    from align.qa.glossary import Glossary, Term
    from align.qa.levels import apply_level

    aln = align_documents(p.src, p.tgt, scorer)  # type: ignore[arg-type]
    glossary = Glossary(tuple(Term(tr, (en,)) for tr, en in p.glossary))
    return apply_level(run_checks(aln, glossary=glossary), level)


def run(cases: Sequence[Case], scorer: object, seeds: Sequence[int] = (7,),
        excerpt: bool = False, level: str = "default",
        clean: bool = False):  # type: ignore[no-untyped-def]
    """Plant, align, check and score every case for every seed; the summed ``QAResult``
    and the planted/found counts per (type, rule). ``clean``: plant nothing (one pass):
    every flag is a false one."""
    from align.eval.qa import QAResult, evaluate_qa

    if excerpt:
        cases = [mark_gaps(c) for c in cases]
    total = QAResult()
    rules: dict[tuple[str, str], list[int]] = {}
    for seed in seeds[:1] if clean else seeds:
        used: Counter[str] = Counter()
        for case in cases:
            p = (Planted(case.name, case.src, case.tgt, (), tuple(
                (stem, en) for stem, en, _ in glossary_of(case))) if clean
                 else plant(case, cases, seed, used))
            result = evaluate_qa(check(p, scorer, level), p.flags, name=p.name)
            total = total + result
            missed = {m.split(" — ", 1)[-1] for m in result.misses if m.startswith("FN ")}
            for f in p.flags:
                key = (str(f["type"]), str(f["note"]).split(":", 1)[0])
                got = rules.setdefault(key, [0, 0])
                got[0] += 1
                got[1] += str(f["note"]) not in missed
    return total, rules


def format_rules(rules: Mapping[tuple[str, str], list[int]]) -> str:
    """Recall per planting rule, as a Markdown table."""
    lines = ["| check | rule | planted | found | recall |", "|---|---|---|---|---|"]
    for (t, rule), (n, found) in sorted(rules.items()):
        lines.append(f"| {t} | {rule} | {n} | {found} | {found / n:.2f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    from align.eval.qa import QAResult, format_qa
    from benchmarks.scorers import make_scorer

    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    ap.add_argument("--corpora", nargs="+", default=["ntrex", "flores"],
                    choices=["ntrex", "flores"], help="the corpora of the shapes' datasets")
    ap.add_argument("--split", default="test", choices=["tune", "test"])
    ap.add_argument("--scorer", default="auto")
    ap.add_argument("--seeds", type=int, nargs="+", default=[7, 8, 9])
    ap.add_argument("--limit", type=int, default=None, help="at most N documents per dataset")
    ap.add_argument("--misses", action="store_true", help="list every false and missed flag")
    ap.add_argument("--qa-level", default="default", help="flags shown (align.qa.levels)")
    ap.add_argument("--nothing-planted", action="store_true",
                    help="check the clean pairs (every flag is a false one)")
    ap.add_argument("--fit", type=Path, default=None, metavar="JSON",
                    help="write the per-rule counts (all flags: strict) for align.qa.confidence; "
                         "only with --split tune")
    args = ap.parse_args(argv)
    if args.fit and args.split != "tune":
        ap.error("--fit learns from the tuning half only: use --split tune")
    level = "strict" if args.fit else args.qa_level
    scorer = make_scorer(args.scorer)
    fit = QAResult()
    for shape in args.shapes:
        names = [d for d in SHAPES[shape] if d.split("_")[0] in args.corpora]
        loaded = load(names, default_data_dir(), args.split, args.limit)
        cases = [c for cs in loaded.values() for c in cs]
        counts = ", ".join(f"{name} {len(cs)}" for name, cs in loaded.items())
        print(f"## {shape} ({args.split}: {counts} documents; scorer {args.scorer}; "
              f"seeds {' '.join(map(str, args.seeds))}; QA level {level})")
        total: QAResult
        total, rules = run(cases, scorer, args.seeds, shape == "excerpt", level,
                           args.nothing_planted)
        fit = fit + total
        print(format_qa(total, misses=args.misses))
        print()
        print(format_rules(rules))
        print()
    if args.fit:
        from align.qa.confidence import fitted

        about = (f"benchmarks.planted --split tune --shapes {' '.join(args.shapes)} --seeds "
                 f"{' '.join(map(str, args.seeds))} --scorer {args.scorer}")
        args.fit.write_text(json.dumps(fitted(fit.by_rule, about), indent=1) + "\n",
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
