"""Run aligners over the benchmark datasets and write one Markdown table.

    python -m benchmarks.run --data ../shared/data --out out/bench.md

For each dataset x scorer there are two rows: the profile that fits the dataset
("summary" for summary sets, "translation" otherwise) and "auto". Speed is documents per
second of wall-clock time spent inside the aligner, single process. Scores follow
:mod:`align.eval.metrics` (Vecalign's convention, micro-averaged over documents).
"""
from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.aligner import align_documents
from align.errors import AlignError
from align.eval.metrics import EvalResult, evaluate_document
from align.types import Alignment, Bead
from benchmarks.datasets import DATASETS, SPLITS, Case, default_data_dir, load
from benchmarks.scorers import make_scorer

log = logging.getLogger("align.benchmarks")

Aligner = Callable[..., Alignment]
"""``aligner(src, tgt, scorer=..., mode=..., profile=...) -> Alignment``."""
DEFAULT_ALIGNER = "align.aligner:align_documents"
DEFAULT_SCORERS = ("auto", "lexical", "gale-church")  # auto: what users get
MODE = "monotonic"


@dataclass(frozen=True)
class Row:
    """Scores and speed of one (dataset, scorer, profile) run."""

    dataset: str
    split: str
    scorer: str
    profile: str
    result: EvalResult
    seconds: float
    errors: int
    signatures: tuple[str, ...]

    @property
    def docs_per_second(self) -> float:
        return self.result.n_docs / self.seconds if self.seconds > 0 else float("inf")

    def to_dict(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "split": self.split, "scorer": self.scorer,
                "profile": self.profile, "seconds": self.seconds, "errors": self.errors,
                "docs_per_second": self.docs_per_second, "signatures": list(self.signatures),
                **self.result.to_dict()}


def load_aligner(spec: str) -> Aligner:
    """Import ``module:function``."""
    module, _, name = spec.partition(":")
    fn = getattr(importlib.import_module(module), name or "align_documents")
    if not callable(fn):
        raise TypeError(f"{spec} is not callable")
    return fn  # type: ignore[no-any-return]


def run_one(cases: Sequence[Case], aligner: Aligner, scorer: str, profile: str,
            split: str = "test", dataset: str | None = None) -> Row:
    """Align every case with one scorer (``NAME[@MODEL]``, built once) and profile; score
    and time it. A case whose aligner call raises AlignError counts as an error with no
    predicted beads.
    """
    built = make_scorer(scorer) if aligner is align_documents else scorer  # stand-ins get names
    total, seconds, errors, sigs = EvalResult(), 0.0, 0, dict[str, None]()
    dataset = dataset or (cases[0].dataset if cases else "?")
    for case in cases:
        pred: Sequence[Bead] = ()
        start = time.perf_counter()
        try:
            alignment = aligner(case.src, case.tgt, scorer=built, mode=MODE, profile=profile)
        except AlignError as e:
            seconds += time.perf_counter() - start
            errors += 1
            log.warning("%s (%s, %s): %s", case.name, scorer, profile, e)
        else:
            seconds += time.perf_counter() - start
            pred = alignment.beads
            sigs[str(alignment.signature)] = None
        total = total + evaluate_document(pred, case.gold)
    return Row(dataset, split, scorer, profile, total, seconds, errors, tuple(sigs))


def run_benchmark(cases: Mapping[str, Sequence[Case]], scorers: Sequence[str], aligner: Aligner,
                  split: str = "test", progress: bool = False) -> list[Row]:
    """Rows for every dataset x scorer x (dataset profile, "auto")."""
    rows = []
    for name, items in cases.items():
        for scorer in scorers:
            for profile in dict.fromkeys((DATASETS[name].profile, "auto")):
                if progress:
                    print(f"[bench] {name} {scorer} {profile}: {len(items)} docs", file=sys.stderr)
                rows.append(run_one(items, aligner, scorer, profile, split, name))
    return rows


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


HEADER = ("dataset", "split", "scorer", "profile", "docs", "P strict", "R strict", "F1 strict",
          "F1 lax", "pair F1", "src-null F1", "tgt-null F1", "docs/s", "errors", "sig")


def format_table(rows: Sequence[Row]) -> str:
    """Markdown table, then the numbered list of alignment signatures it refers to."""
    sig_ids: dict[str, int] = {}
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for r in rows:
        refs = ",".join(str(sig_ids.setdefault(s, len(sig_ids) + 1)) for s in r.signatures)
        e = r.result
        cells = (r.dataset, r.split, r.scorer, r.profile, str(e.n_docs), _fmt(e.precision_strict),
                 _fmt(e.recall_strict), _fmt(e.f1_strict), _fmt(e.f1_lax), _fmt(e.f1_pairs),
                 _fmt(e.null_scores("src")[2]), _fmt(e.null_scores("tgt")[2]),
                 f"{r.docs_per_second:.1f}", str(r.errors), refs or "–")
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Signatures:"] + [f"{i}. `{s}`" for s, i in sig_ids.items()]
    return "\n".join(lines) + "\n"


def _names(values: Sequence[str]) -> list[str]:
    return [v for item in values for v in item.split(",") if v]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=default_data_dir(),
                   help="shared data folder (default: $ALIGN_SHARED_DATA or <repo>/../shared/data)")
    p.add_argument("--out", type=Path, default=Path("out/bench.md"), help="Markdown table (%(default)s)")
    p.add_argument("--json", type=Path, default=None, help="also write rows as JSON here")
    p.add_argument("--datasets", nargs="+", default=["ntrex_translation", "ntrex_summary",
                   "ntrex_omissions", "flores_summary", "textberg", "parice"], help=f"names, space/comma separated: {', '.join(DATASETS)}")
    p.add_argument("--scorers", nargs="+", default=list(DEFAULT_SCORERS), help="%(default)s")
    p.add_argument("--split", choices=SPLITS, default="test", help="%(default)s")
    p.add_argument("--limit", type=int, default=None, help="at most N documents per dataset")
    p.add_argument("--aligner", default=DEFAULT_ALIGNER,
                   help="module:function with align_documents' call shape (%(default)s)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        aligner = load_aligner(args.aligner)
        cases = load(_names(args.datasets), args.data, args.split, args.limit)
    except (ImportError, AttributeError, TypeError, ValueError, AlignError) as e:
        print(f"benchmarks.run: error: {e}", file=sys.stderr)
        return 2
    rows = run_benchmark(cases, _names(args.scorers), aligner, args.split, progress=True)
    table = format_table(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([r.to_dict() for r in rows], indent=1), encoding="utf-8")
    sys.stdout.write(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
