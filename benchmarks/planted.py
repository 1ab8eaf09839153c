"""Planted errors on real translations nobody tuned on: how well do the QA checks find them,
and how often do they flag clean sentences? (issue 14, item 1; a first cut)

    python -m benchmarks.planted --split test              # NTREX, both shapes
    python -m benchmarks.planted --split tune --datasets ntrex_translation --limit 10

Each document's English is corrupted by seeded rules, about one sentence in twenty (at
least one per document), each rule only where it applies:

- ``number_mismatch``: the last digit of the sentence's first number changes;
- ``negation_flip``: "not" is added after the first auxiliary verb, or removed;
- ``entity_mismatch``: a capitalised name the linked Turkish also has is replaced by a
  country name from a fixed list that the document does not mention;
- ``untranslated``: the sentence's last four words are replaced by the linked Turkish
  sentence's last four;
- ``unsupported``: an English sentence of another document is inserted after it;
- ``omission``: the sentence is deleted (its Turkish stays, now with no English).

Then the pair is aligned (``--scorer``, default auto), checked (`align.qa.checks`) and
scored against the planted flags by :func:`align.eval.qa.evaluate_qa`: precision, recall
and false flags per 20 English sentences, per check. Splits follow
:mod:`benchmarks.datasets` (tune on ``tune``, report ``test``).
"""
from __future__ import annotations

import argparse
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from align.types import Document
from benchmarks.datasets import Case, default_data_dir, load

RATE = 0.05
"""Share of a document's English sentences that get an error (at least one)."""

COUNTRIES = ("Norway", "Brazil", "Kenya", "Portugal", "Vietnam", "Chile", "Finland",
             "Morocco", "Canada", "Indonesia", "Peru", "Denmark")
_NUMBER = re.compile(r"\d[\d.,]*\d|\d")
_AUX = re.compile(r"\b(is|was|are|were|will|can|could|would|should|has|have|had|does|did)\b"
                  r"(?! not\b)")
_NOT = re.compile(r" not\b")
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{3,}\b")


@dataclass(frozen=True)
class Planted:
    """A corrupted pair: the source, the new English, and the gold flags
    (``{"type", "tgt", "src", "note"}``, ids into the new documents)."""

    name: str
    src: Document
    tgt: Document
    flags: tuple[dict[str, object], ...]


def _linked_source(case: Case, j: int) -> str:
    return " ".join(case.src.sentences[i].text for b in case.gold if j in b.tgt for i in b.src)


def _number(text: str, case: Case, j: int, rng: random.Random) -> str | None:
    m = _NUMBER.search(text)
    if m is None:
        return None
    digits = [k for k in range(m.start(), m.end()) if text[k].isdigit()]
    k = digits[-1]
    return text[:k] + str((int(text[k]) + rng.randint(1, 8)) % 10) + text[k + 1:]


def _negation(text: str, case: Case, j: int, rng: random.Random) -> str | None:
    if _NOT.search(text):
        return _NOT.sub("", text, count=1)
    m = _AUX.search(text)
    return None if m is None else text[:m.end()] + " not" + text[m.end():]


def _entity(text: str, case: Case, j: int, rng: random.Random) -> str | None:
    source = _linked_source(case, j)
    names = [m for m in _NAME.finditer(text) if m.group(0) in source]
    if not names:
        return None
    whole = " ".join(case.tgt.texts) + " " + " ".join(case.src.texts)
    free = [c for c in COUNTRIES if c not in whole]
    if not free:
        return None
    m = rng.choice(names)
    return text[:m.start()] + rng.choice(free) + text[m.end():]


def _untranslated(text: str, case: Case, j: int, rng: random.Random) -> str | None:
    turkish = _linked_source(case, j).split()
    words = text.split()
    if len(turkish) < 6 or len(words) < 8:
        return None
    return " ".join(words[:-4] + turkish[-4:])


Rule = Callable[[str, Case, int, random.Random], "str | None"]
EDITS: dict[str, Rule] = {"number_mismatch": _number, "negation_flip": _negation,
                          "entity_mismatch": _entity, "untranslated": _untranslated}
"""Rules that rewrite one English sentence in place."""


def plant(case: Case, others: Sequence[Case], seed: int) -> Planted:
    """``case`` with errors planted (see the module docstring), reproducible from ``seed``."""
    rng = random.Random(f"{seed}:{case.name}")
    en = list(case.tgt.texts)
    linked = sorted({j for b in case.gold if b.src and len(b.tgt) == 1 for j in b.tgt})
    n = max(1, round(RATE * len(en)))
    chosen = sorted(rng.sample(linked, min(n, len(linked))))
    kinds = [*EDITS, "unsupported", "omission"]
    out: list[str] = []
    flags: list[dict[str, object]] = []
    for j, text in enumerate(en):
        if j not in chosen:
            out.append(text)
            continue
        for kind in rng.sample(kinds, len(kinds)):
            if kind in EDITS:
                new = EDITS[kind](text, case, j, rng)
                if new is not None and new != text:
                    flags.append({"type": kind, "tgt": len(out), "src": None, "note": new})
                    out.append(new)
                    break
            elif kind == "unsupported" and others:
                donor = rng.choice([o for o in others if o.name != case.name] or others)
                out.append(text)
                flags.append({"type": kind, "tgt": len(out), "src": None,
                              "note": f"from {donor.name}"})
                out.append(rng.choice(donor.tgt.texts))
                break
            elif kind == "omission" and 0 < j < len(en) - 1:
                src = next(i for b in case.gold if j in b.tgt for i in b.src)
                flags.append({"type": kind, "tgt": None, "src": src, "note": text})
                break
        else:
            out.append(text)
    return Planted(case.name, case.src, Document.from_texts(out, case.tgt.lang),
                   tuple(flags))


def run(cases: Sequence[Case], scorer: str, seed: int = 7):  # type: ignore[no-untyped-def]
    """Plant, align, check and score every case; the summed ``QAResult``."""
    from align.aligner import align_documents
    from align.eval.qa import QAResult, evaluate_qa
    from align.qa.checks import run_checks

    total = QAResult()
    for case in cases:
        p = plant(case, cases, seed)
        aln = run_checks(align_documents(p.src, p.tgt, scorer))
        total = total + evaluate_qa(aln, p.flags, name=p.name)
    return total


def main(argv: Sequence[str] | None = None) -> int:
    from align.eval.qa import format_qa
    from benchmarks.scorers import make_scorer

    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", nargs="+", default=["ntrex_translation", "ntrex_summary"])
    ap.add_argument("--split", default="test", choices=["tune", "test"])
    ap.add_argument("--scorer", default="auto")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    scorer = make_scorer(args.scorer)
    for name, cases in load(args.datasets, default_data_dir(), args.split, args.limit).items():
        print(f"## {name} ({args.split}, {len(cases)} documents, scorer {args.scorer}, "
              f"seed {args.seed})")
        print(format_qa(run(cases, scorer, args.seed)))  # type: ignore[arg-type]
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
