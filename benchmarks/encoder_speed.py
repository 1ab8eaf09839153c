"""Sentences per second of each bundled encoder, one thread, cold cache.

    python -m benchmarks.encoder_speed [--sentences 500]

Texts: the first N Turkish and N English NTREX lines. Rows: each encoder on the sentences;
for USE-m3 also runs of 1-4 sentences (Vecalign's overlaps) built from sentence parts,
against the same runs encoded as joined texts. Run with OPENBLAS_NUM_THREADS=1 (BLAS
threads spin on a busy machine; ``make bench`` sets it).
"""
from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence

from align.neural.bundled import BUNDLED, BundledEncoder, installed
from align.neural.encoder import overlaps
from benchmarks.datasets import default_data_dir, read_lines


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=500, help="per language (%(default)s)")
    args = ap.parse_args(argv)
    root = default_data_dir() / "ntrex128"
    tr = read_lines(root / "newstest2019-ref.tur.txt")[:args.sentences]
    en = read_lines(root / "newstest2019-src.eng.txt")[:args.sentences]
    texts = tr + en
    print("| encoder | what | texts | seconds | texts/s |\n|---|---|---|---|---|")
    for name in BUNDLED:
        if not installed(name):
            print(f"| {name} | not installed | | | |")
            continue
        with tempfile.TemporaryDirectory() as cache:
            enc = BundledEncoder(name, threads=1, cache_dir=cache)
            enc.embed(["warm-up"])  # loading the model is not timed
            t0 = time.perf_counter()
            enc.embed(texts)
            _row(name, "sentences", len(texts), time.perf_counter() - t0)
            if name == "use-m3":
                runs = sum(len(overlaps(side, k)) for side in (tr, en) for k in range(1, 5))
                t0 = time.perf_counter()
                enc.embed_runs([tr, en], [1, 2, 3, 4])
                _row(name, "runs of 1-4, from parts", runs, time.perf_counter() - t0)
                t0 = time.perf_counter()
                enc.embed([t for side in (tr, en) for k in range(2, 5) for t in overlaps(side, k)])
                _row(name, "runs of 2-4, joined texts", runs - len(texts),
                     time.perf_counter() - t0)
    return 0


def _row(name: str, what: str, n: int, seconds: float) -> None:
    print(f"| {name} | {what} | {n} | {seconds:.2f} | {n / seconds:.0f} |", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
