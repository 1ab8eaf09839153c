"""Grid-search the aligner's cost constants (and the hybrid weight) on TUNING data only.

Tuning data: Text+Berg ``dev`` and the "tune" half of NTREX (summary, translation and
omission cases). Each case is prepared once per scorer; only the DP is re-run per grid
point (a hybrid pair's weight is changed in place). Objective: strict F1 for translation
cases; mean of strict F1 and source-null F1 for summary cases (the figure that matters
for digests).

    python -m benchmarks.tune --scorer lexical --datasets ntrex_summary --profile summary
    python -m benchmarks.tune --scorer hybrid@use-m3 --datasets textberg --weight 0.3 0.5

``--scorer`` takes ``NAME[@MODEL]`` (see :func:`benchmarks.scorers.make_scorer`).
"""
from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Sequence

from align.aligner.api import monotonic_two_pass
from align.aligner.costs import CostModel, cost_model
from align.eval import evaluate
from align.types import Profile
from benchmarks.datasets import DATASETS, default_data_dir, load
from benchmarks.scorers import make_scorer


def objective(profile: Profile, result) -> float:  # type: ignore[no-untyped-def]
    if profile is Profile.SUMMARY:
        null_f1 = result.null_scores("src")[2] or 0.0
        return (result.f1_strict + null_f1) / 2
    return result.f1_strict


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scorer", default="lexical", help="NAME[@MODEL] (%(default)s)")
    ap.add_argument("--datasets", nargs="+", default=["ntrex_summary"])
    ap.add_argument("--profile", default="summary", choices=["summary", "translation"])
    ap.add_argument("--skip-src", nargs="+", type=float, default=[0.3, 0.45, 0.6, 0.8, 1.0])
    ap.add_argument("--skip-tgt", nargs="+", type=float, default=[0.6, 0.9, 1.2])
    ap.add_argument("--many", nargs="+", type=float, default=[0.1, 0.25, 0.5, 0.8])
    ap.add_argument("--weight", nargs="+", type=float, default=[None],
                    help="hybrid weights to try (the pair's weight is set in place)")
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
    best: tuple[float, tuple[float | None, ...]] | None = None
    for lw in args.lex_weight:
        scorer = make_scorer(args.scorer, **({} if lw is None else {"lex_weight": lw}))
        t0 = time.time()
        prepared = [(scorer.prepare(c.src, c.tgt), c.gold) for c in cases]
        print(f"prepared {len(cases)} tuning cases in {time.time() - t0:.1f}s (lex_weight={lw})",
              flush=True)
        best = _grid(args, profile, prepared, lw, best)
    print(f"best (objective, (lex_weight, weight, skip_src, skip_tgt, many)): {best}")
    return 0


def _grid(args, profile, prepared, lw, best):  # type: ignore[no-untyped-def]
    evidence = prepared[0][0].evidence if prepared else "lexicon"
    for w, ss, st, mp in itertools.product(args.weight, args.skip_src, args.skip_tgt, args.many):
        if w is not None:
            for pp, _ in prepared:
                pp.w = w
        base = cost_model(profile, "length" if args.kind == "logprob" else evidence)
        cm = CostModel(profile, ss, st, base.shape_penalty, many_penalty=mp, kind=args.kind)
        res = evaluate(
            ([(s, t) for s, t, _ in monotonic_two_pass(pp, cm, 5, [])[0]], gold)
            for pp, gold in prepared)
        obj = objective(profile, res)
        print(f"lw={lw} w={w} skip_src={ss:<5} skip_tgt={st:<5} many={mp:<5} "
              f"strict={res.f1_strict:.3f} lax={res.f1_lax:.3f} pairs={res.f1_pairs:.3f} "
              f"src_null={res.null_scores('src')[2] or 0:.3f} obj={obj:.4f}", flush=True)
        if best is None or obj > best[0]:
            best = (obj, (lw, w, ss, st, mp))
    return best


if __name__ == "__main__":
    raise SystemExit(main())
