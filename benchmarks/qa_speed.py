"""Seconds to run every QA check on one pair of N sentences a side (1:1 beads built from
the `long-court` sample's sentences, repeated), after a warm-up run that loads the data.

    python -m benchmarks.qa_speed --sizes 300 1200 5000
"""
from __future__ import annotations

import argparse
import time

from benchmarks.ui_speed import build_pair


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[300, 1200, 5000])
    args = ap.parse_args()
    build_pair(50)  # warm-up: lexicons, word lists, language identifier
    print("| sentences a side | seconds | flags |\n|---:|---:|---:|")
    for n in args.sizes:
        t = time.perf_counter()
        aln = build_pair(n)
        secs = time.perf_counter() - t
        print(f"| {n} | {secs:.2f} | {sum(len(b.flags) for b in aln.beads)} |")


if __name__ == "__main__":
    main()
