"""``align batch`` throughput: documents per second with 1 and 2 local workers and through
a local Ray, and peak memory per worker (issue 15).

    python -m benchmarks.batch --pairs 2000          # the issue's size
    python -m benchmarks.batch --pairs 200 --engines local1 local2

Pairs are NTREX and FLORES documents (both halves: this measures speed, not accuracy) as
complete translations and as synthetic summaries (:mod:`benchmarks.datasets`), cycled and
seeded, written as files with a JSONL manifest in a temporary folder. Every configuration
runs the same manifest into its own output folder with the default scorer (``--scorer``),
BLAS one thread per worker. Peak memory per worker is the largest resident set of any
worker process (with one worker, of this process), sampled every 0.2 s.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.datasets import default_data_dir, load

ENGINES = {"local1": ("local", 1), "local2": ("local", 2), "ray2": ("ray", 2)}


def build(folder: Path, n: int, seed: int = 11) -> Path:
    """*n* pair jobs (files and ``jobs.jsonl``) in *folder*; the manifest path."""
    loaded = load(["ntrex_translation", "ntrex_summary", "flores_translation",
                   "flores_summary"], default_data_dir(), "all")
    cases = [c for cs in loaded.values() for c in cs]
    random.Random(seed).shuffle(cases)
    lines = []
    for k in range(n):
        c = cases[k % len(cases)]
        src, tgt = folder / f"{k}.tr.txt", folder / f"{k}.en.txt"
        src.write_text("\n".join(c.src.texts) + "\n", encoding="utf-8")
        tgt.write_text("\n".join(c.tgt.texts) + "\n", encoding="utf-8")
        lines.append(json.dumps({"id": f"pair-{k}", "src": src.name, "tgt": tgt.name}))
    manifest = folder / "jobs.jsonl"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


class _Peak(threading.Thread):
    """The largest resident set (bytes) of any descendant process, sampled."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak, self.stop = 0, threading.Event()

    def run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self.stop.is_set():
            for p in me.children(recursive=True) or [me]:  # one worker: this process
                try:
                    self.peak = max(self.peak, p.memory_info().rss)
                except psutil.Error:
                    pass
            time.sleep(0.2)


def measure(manifest: Path, out: Path, engine: str, workers: int, scorer: str
            ) -> dict[str, float]:
    from align.project.batch import run_batch

    peak = _Peak()
    peak.start()
    start = time.perf_counter()
    results = run_batch(manifest, out, scorer, workers=workers, engine=engine, force=True)
    seconds = time.perf_counter() - start
    peak.stop.set()
    peak.join()
    return {"docs": len(results), "failed": sum(not r.ok for r in results),
            "seconds": round(seconds, 1), "docs_per_s": round(len(results) / seconds, 2),
            "peak_worker_mb": round(peak.peak / 2**20)}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=2000)
    ap.add_argument("--engines", nargs="+", default=list(ENGINES), choices=list(ENGINES))
    ap.add_argument("--scorer", default="auto")
    args = ap.parse_args(argv)
    for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(v, "1")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    with tempfile.TemporaryDirectory(prefix="align-batch-bench-") as tmp:
        manifest = build(Path(tmp), args.pairs)
        print(f"| engine | workers | docs | seconds | docs/s | peak MB per worker |  "
              f"({args.pairs} pairs, scorer {args.scorer}, {os.cpu_count()} cores)")
        print("|---|---|---|---|---|---|")
        base = None
        for name in args.engines:
            engine, workers = ENGINES[name]
            m = measure(manifest, Path(tmp) / f"out-{name}", engine, workers, args.scorer)
            base = base or m["docs_per_s"]
            print(f"| {engine} | {workers} | {m['docs']} ({m['failed']} failed) | "
                  f"{m['seconds']} | {m['docs_per_s']} ({m['docs_per_s'] / base:.2f}×) | "
                  f"{m['peak_worker_mb']} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
