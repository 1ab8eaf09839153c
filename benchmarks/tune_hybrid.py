"""Fit the hybrid scorer's weight on TUNING data, where a real model is available locally.

    python -m benchmarks.tune_hybrid --neural embed --model sentence-transformers/LaBSE

For each weight in the grid, aligns the tuning cases (NTREX tune half, summary and
translation; Text+Berg dev) with ``hybrid(weight)`` and prints strict F1 per dataset and
the objective used by ``benchmarks.tune``. Neural vectors and translations are cached on
disk, so the grid costs one model pass per text. Offline without the model it stops with
the model-not-available message.
"""
from __future__ import annotations

import argparse
from collections.abc import Sequence

from align.aligner import align_documents
from align.eval import evaluate
from align.scorers import get_scorer
from align.types import Profile
from benchmarks.datasets import default_data_dir, load
from benchmarks.tune import objective

SETS = {"ntrex_summary": "summary", "ntrex_translation": "translation", "textberg": "translation"}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--neural", default="embed", choices=["embed", "mt"])
    ap.add_argument("--model", required=True)
    ap.add_argument("--weights", nargs="+", type=float, default=[0.0, 0.25, 0.5, 0.75, 1.0])
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    neural = get_scorer(args.neural, model=args.model)
    cases = {n: load([n], default_data_dir(), "tune", args.limit)[n] for n in SETS}
    for w in args.weights:
        scorer = get_scorer("hybrid", neural=neural, weight=w)
        cells = []
        total = 0.0
        for name, profile in SETS.items():
            res = evaluate((align_documents(c.src, c.tgt, scorer, mode="monotonic",
                                            profile=profile).beads, c.gold) for c in cases[name])
            obj = objective(Profile(profile), res)
            total += obj
            cells.append(f"{name}={res.f1_strict:.3f}")
        print(f"weight={w:.2f} {' '.join(cells)} mean_objective={total / len(SETS):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
