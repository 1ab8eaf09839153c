"""Boundary precision/recall of a segmentation against gold sentences.

A boundary is the end of a sentence other than the last one of its document, keyed by the
number of non-whitespace characters before it, so spacing differences between the
predicted and gold texts do not matter. Counts are summed over documents (micro average).

CLI: ``python -m align.segment.evaluate SAMPLES_DIR`` reads every ``gold.json`` below ``SAMPLES_DIR``
(alignment JSON), re-segments both sides' ``text`` and prints a table per sample and per
language on stdout.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from align.errors import AlignError, InputError
from align.types import Alignment, Document


@dataclass(frozen=True)
class BoundaryCounts:
    """True positives and the numbers of predicted and gold boundaries; add to sum."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def __add__(self, other: BoundaryCounts) -> BoundaryCounts:
        return BoundaryCounts(
            self.tp + other.tp, self.n_pred + other.n_pred, self.n_gold + other.n_gold
        )

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def scores(self) -> tuple[float, float, float]:
        return self.precision, self.recall, self.f1


def boundary_keys(doc: Document) -> tuple[set[int], int]:
    """Non-whitespace character counts at each inner sentence end, and the total count."""
    ends = []
    total = 0
    for s in doc.sentences:
        total += sum(1 for c in s.text if not c.isspace())
        ends.append(total)
    keys = {e for e in ends if 0 < e < total}
    return keys, total


def boundary_counts(pred: Document, gold: Document) -> BoundaryCounts:
    """Counts for one document; raises InputError when the two cover different text."""
    p, p_total = boundary_keys(pred)
    g, g_total = boundary_keys(gold)
    if p_total != g_total:
        raise InputError(
            f"predicted and gold sentences of a {gold.lang!r} document cover different text "
            f"({p_total} vs {g_total} non-space characters)"
        )
    return BoundaryCounts(len(p & g), len(p), len(g))


def boundary_scores(pred: Document, gold: Document) -> tuple[float, float, float]:
    """(precision, recall, f1) of ``pred``'s sentence ends against ``gold``'s, in [0, 1]."""
    return boundary_counts(pred, gold).scores()


@dataclass(frozen=True)
class SampleResult:
    sample: str
    side: str  # "source" or "target"
    lang: str
    counts: BoundaryCounts
    errors: tuple[str, ...] = ()  # a few "missed: …" / "extra: …" contexts


def _errors(pred: Document, gold: Document, limit: int = 5) -> tuple[str, ...]:
    p, g = boundary_keys(pred)[0], boundary_keys(gold)[0]
    flat = "".join(c for s in gold.sentences for c in s.text if not c.isspace())
    out = [f"missed: …{flat[max(0, k - 25):k]}|{flat[k:k + 15]}…" for k in sorted(g - p)]
    out += [f"extra: …{flat[max(0, k - 25):k]}|{flat[k:k + 15]}…" for k in sorted(p - g)]
    return tuple(out[:limit])


def evaluate_samples(root: Path) -> list[SampleResult]:
    """Re-segment both sides of every ``gold.json`` below ``root`` whose documents carry text."""
    from align.segment import segment

    results = []
    for path in sorted(root.rglob("gold.json")):
        try:
            gold = Alignment.from_json(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"{path}: cannot read ({e})") from e
        for side, doc in (("source", gold.source), ("target", gold.target)):
            if not doc.text:
                continue
            pred = segment(doc.text, doc.lang)
            results.append(SampleResult(
                str(path.parent.relative_to(root)), side, doc.lang, boundary_counts(pred, doc),
                _errors(pred, doc),
            ))
    return results


def format_table(results: Sequence[SampleResult], show_errors: bool = False) -> str:
    """A fixed-width table: one row per sample side, then one total per language."""
    header = (f"{'sample':<32} {'side':<6} {'lang':<4} {'gold':>5} {'pred':>5} "
              f"{'P':>6} {'R':>6} {'F1':>6}")
    rows = [header]

    def row(name: str, side: str, lang: str, c: BoundaryCounts) -> str:
        return (f"{name:<32} {side:<6} {lang:<4} {c.n_gold:>5} {c.n_pred:>5} "
                f"{c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}")

    totals: dict[str, BoundaryCounts] = {}
    for r in results:
        rows.append(row(r.sample, r.side, r.lang, r.counts))
        if show_errors:
            rows += [f"    {e}" for e in r.errors]
        totals[r.lang] = totals.get(r.lang, BoundaryCounts()) + r.counts
    for lang, c in sorted(totals.items()):
        rows.append(row("TOTAL", "", lang, c))
    return "\n".join(rows)


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m align.segment.evaluate", description=__doc__)
    ap.add_argument("samples", type=Path, help="folder holding <name>/gold.json")
    ap.add_argument("--errors", action="store_true", help="show missed/extra boundaries")
    args = ap.parse_args(None if argv is None else list(argv))
    try:
        results = evaluate_samples(args.samples)
    except AlignError as e:
        sys.stderr.write(f"error: {e}\n")
        return e.exit_code
    if not results:
        sys.stderr.write(f"no */gold.json with document text under {args.samples}\n")
        return 1
    sys.stdout.write(format_table(results, args.errors) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
