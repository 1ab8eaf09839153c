"""Benchmark harness: datasets from ../shared/data, a runner and baselines.

Run as ``python -m benchmarks.run --data ../shared/data --out out/bench.md``.
"""
