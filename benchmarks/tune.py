"""Grid-search the aligner's cost constants on TUNING data only.

Tuning data: Text+Berg ``dev`` and the "tune" half of NTREX (summary and translation
cases). Each case is prepared once per scorer; only the DP is re-run per grid point.
Objective: strict F1 for translation cases; mean of strict F1 and source-null F1 for
summary cases (the figure that matters for digests).

    python -m benchmarks.tune --scorer lexical --datasets ntrex_summary --profile summary
"""
from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Sequence

from align.aligner.api import monotonic_two_pass
from align.aligner.costs import CostModel, cost_model
from align.eval import evaluate
from align.scorers import get_scorer
from align.types import Profile
from benchmarks.datasets import DATASETS, default_data_dir, load


def objective(profile: Profile, result) -> float:  # type: ignore[no-untyped-def]
    if profile is Profile.SUMMARY:
        null_f1 = result.null_scores("src")[2] or 0.0
        return (result.f1_strict + null_f1) / 2
    return result.f1_strict


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scorer", default="lexical")
    ap.add_argument("--datasets", nargs="+", default=["ntrex_summary"])
    ap.add_argument("--profile", default="summary", choices=["summary", "translation"])
    ap.add_argument("--skip-src", nargs="+", type=float, default=[0.3, 0.45, 0.6, 0.8, 1.0])
    ap.add_argument("--skip-tgt", nargs="+", type=float, default=[0.6, 0.9, 1.2])
    ap.add_argument("--many", nargs="+", type=float, default=[0.1, 0.25, 0.5, 0.8])
    ap.add_argument("--kind", default="linear", choices=["linear", "logprob"])
    ap.add_argument("--lex-weight", nargs="+", type=float, default=[None],
                    help="lexical scorer's lex_weight values (scorer rebuilt per value)")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    for name in args.datasets:
        if name not in DATASETS:
            ap.error(f"unknown dataset {name}")
    cases = [c for cs in load(args.datasets, default_data_dir(), "tune", args.limit or None).values()
             for c in cs]
    profile = Profile(args.profile)
    best: tuple[float, tuple[float | None, float, float, float]] | None = None
    for lw in args.lex_weight:
        scorer = get_scorer(args.scorer, **({} if lw is None else {"lex_weight": lw}))
        t0 = time.time()
        prepared = [(scorer.prepare(c.src, c.tgt), c.gold) for c in cases]
        print(f"prepared {len(cases)} tuning cases in {time.time() - t0:.1f}s (lex_weight={lw})")
        best = _grid(args, profile, prepared, lw, best)
    print(f"best: {best}")
    return 0


def _grid(args, profile, prepared, lw, best):  # type: ignore[no-untyped-def]
    for ss, st, mp in itertools.product(args.skip_src, args.skip_tgt, args.many):
        base = cost_model(profile, "length" if args.kind == "logprob" else "lexicon")
        cm = CostModel(profile, ss, st, base.shape_penalty, many_penalty=mp, kind=args.kind)
        res = evaluate(
            ([(s, t) for s, t, _ in monotonic_two_pass(pp, cm, 5, [])[0]], gold)
            for pp, gold in prepared)
        obj = objective(profile, res)
        print(f"lw={lw} skip_src={ss:<5} skip_tgt={st:<5} many={mp:<5} strict={res.f1_strict:.3f} "
              f"lax={res.f1_lax:.3f} pairs={res.f1_pairs:.3f} src_null={res.null_scores('src')[2] or 0:.3f} obj={obj:.4f}")
        if best is None or obj > best[0]:
            best = (obj, (lw, ss, st, mp))
    return best


if __name__ == "__main__":
    raise SystemExit(main())
