"""Speed and memory at scale: one N x N document pair and the whole NTREX set.

    python -m benchmarks.stress --sentences 10000      # N x N pair, time and peak RSS
    python -m benchmarks.stress --ntrex                 # all 123 NTREX documents, one core

The N x N pair is built from NTREX (Turkish -> English) documents in a seeded random order,
repeated as needed, so it has real sentences and a known 1:1 gold. Each measurement runs in
a fresh child process, so peak RSS (``ru_maxrss``) is that of the alignment alone.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.datasets import default_data_dir, ntrex_translation


def _big_pair(data: Path, n: int, seed: int = 7) -> tuple[list[str], list[str]]:
    cases = list(ntrex_translation(data, "all"))
    rng = random.Random(seed)
    src: list[str] = []
    tgt: list[str] = []
    while len(src) < n:
        rng.shuffle(cases)
        for c in cases:
            src += c.src.texts
            tgt += c.tgt.texts
    return src[:n], tgt[:n]


def _child(args: argparse.Namespace) -> dict[str, float]:
    from align.aligner import align_documents
    from align.eval import evaluate
    from align.types import Bead, Document
    from benchmarks.scorers import make_scorer

    data = Path(args.data)
    t0 = time.perf_counter()
    scorer = make_scorer(args.scorer)  # one scorer (and encoder) for every document
    if args.ntrex:
        cases = list(ntrex_translation(data, "all"))
        t_load = time.perf_counter()
        for c in cases:
            align_documents(c.src, c.tgt, scorer, mode="monotonic", profile="translation")
        seconds = time.perf_counter() - t_load
        out = {"documents": len(cases), "seconds": seconds}
    else:
        src_t, tgt_t = _big_pair(data, args.sentences)
        src, tgt = Document.from_texts(src_t, "tr"), Document.from_texts(tgt_t, "en")
        t_load = time.perf_counter()
        aln = align_documents(src, tgt, scorer, mode="monotonic", profile="translation")
        seconds = time.perf_counter() - t_load
        gold = [Bead((i,), (i,)) for i in range(len(src))]
        r = evaluate([(aln.beads, gold)])
        out = {"sentences": args.sentences, "seconds": seconds, "strict_f1": r.f1_strict}
    out["scorer"] = args.scorer
    out["setup_seconds"] = t_load - t0
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(default_data_dir()))
    ap.add_argument("--sentences", type=int, default=10_000)
    ap.add_argument("--ntrex", action="store_true", help="time all NTREX documents instead")
    ap.add_argument("--scorer", default="auto", help="NAME[@MODEL] (%(default)s)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args)))
        return 0
    cmd = [sys.executable, "-m", "benchmarks.stress", "--child", "--data", args.data,
           "--sentences", str(args.sentences), "--scorer", args.scorer]
    if args.ntrex:
        cmd.append("--ntrex")
    # One core, as the targets say: pin the child's BLAS and the child itself. A fresh
    # vector cache: encoders are timed cold.
    cache = tempfile.mkdtemp(prefix="align-stress-cache-")
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1", "ALIGN_THREADS": "1", "XDG_CACHE_HOME": cache}
    if sys.platform.startswith("linux"):
        cmd = ["taskset", "-c", "0", *cmd]
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    if res.returncode != 0:
        sys.stderr.write(res.stderr)
        return res.returncode
    print(res.stdout.strip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
