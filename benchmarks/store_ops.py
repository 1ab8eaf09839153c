"""Milliseconds per review operation of the store, on SQLite and PostgreSQL.

    python -m benchmarks.store_ops                        # 300- and 5,000-sentence pairs
    python -m benchmarks.store_ops --reps 50 --sizes 300,5000 --pg postgresql+psycopg://…

The pairs repeat the two bundled translation samples (``samples/translation-*``, 26 + 24
source sentences with their gold beads) until they have N source sentences (N English
too), imported as automatic beads (score 0.9). Each operation runs ``--reps`` times at
random valid places, each followed by ``undo`` (so the pair stays the same size);
``redo`` is measured after every other undo. One warm ``Store`` per database (the way the
UI and a CLI session use it); ``load (cold)`` is a fresh store reading every row.
PostgreSQL comes from ``--pg`` or env ``ALIGN_TEST_PG`` (the run uses a throwaway schema
there); without one it is skipped.
Prints a markdown table: median and p90 per operation.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from align.types import Alignment, Bead, Document, Signature

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PARTS = ("translation-transfer", "translation-transport")


def synthetic_pair(n: int, samples: Path = SAMPLES) -> Alignment:
    """An n x n-sentence monotonic pair made of copies of the translation samples."""
    golds = [Alignment.from_json((samples / p / "gold.json").read_text("utf-8")) for p in PARTS]
    srcs: list[Document] = []
    tgts: list[Document] = []
    beads: list[Bead] = []
    ns = nt = 0
    while ns < n:
        for g in golds:
            if ns >= n:
                break
            srcs.append(g.source)
            tgts.append(g.target)
            beads += [Bead(tuple(i + ns for i in b.src), tuple(j + nt for j in b.tgt), 0.9)
                      for b in g.beads]
            ns, nt = ns + len(g.source), nt + len(g.target)
    sig = Signature("lexical.v1", mode="monotonic", profile="translation")
    return Alignment(Document.join(srcs), Document.join(tgts), tuple(beads), sig)


def _ops(rng: random.Random, a: Alignment) -> dict[str, Callable[[], tuple[str, dict[str, Any]]]]:
    """Operation name -> a generator of (review function name, kwargs) at a random place."""
    nb, ns, nt = len(a.beads), len(a.source), len(a.target)
    multi = [k for k, b in enumerate(a.beads) if len(b.src) + len(b.tgt) > 1]
    links = [k for k, b in enumerate(a.beads[:-1]) if b.src and b.tgt and a.beads[k + 1].tgt]
    long_t = [j for j, s in enumerate(a.target.sentences) if len(s.text) > 20]

    def link() -> tuple[str, dict[str, Any]]:
        k = rng.choice(links)  # last source sentence of bead k into the next bead
        return "link", {"src": a.beads[k].src[-1], "tgt": a.beads[k + 1].tgt[0]}

    def split_sentence() -> tuple[str, dict[str, Any]]:
        j = rng.choice(long_t)
        return "split_sentence", {"side": "tgt", "index": j, "at": len(a.target.texts[j]) // 2}

    return {
        "link": link,
        "unlink": lambda: ("unlink", {"src": a.beads[rng.choice(links)].src[-1]}),
        "detach": lambda: ("detach", {"side": "tgt", "index": rng.randrange(nt)}),
        "merge": lambda: ("merge", {"bead": rng.randrange(nb - 1), "direction": "next"}),
        "split_bead": lambda: ("split_bead", {"bead": (k := rng.choice(multi)),
                                              "n_src": len(a.beads[k].src),
                                              "n_tgt": 0}),
        "shift": lambda: ("shift", {"side": "tgt", "index": a.beads[rng.choice(links)].tgt[-1],
                                    "direction": "down"}),
        "split_sentence": split_sentence,
        "join_sentences": lambda: ("join_sentences", {"side": "src",
                                                      "index": rng.randrange(ns - 1)}),
        "edit_text": lambda: ("edit_text", {"side": "tgt", "index": (j := rng.randrange(nt)),
                                            "text": a.target.texts[j] + " (edited)"}),
        "set_status": lambda: ("set_status", {"bead": rng.randrange(nb),
                                              "status": "confirmed"}),
        "confirm_above": lambda: ("confirm_above", {"bead": rng.randrange(nb)}),
        "realign (last 20 beads)": lambda: ("realign", {"start_bead": nb - 20}),
    }


def _time(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return (time.perf_counter() - t) * 1000, out


def bench(url: str, n: int, reps: int, seed: int = 1) -> dict[str, list[float]]:
    """Milliseconds per operation on an n-sentence pair in the database at *url*."""
    from align.errors import InvalidEdit
    from align.store import open_store, review

    aln = synthetic_pair(n)
    times: dict[str, list[float]] = {}
    with open_store(url) as store:
        name = f"bench-{n}-{time.time_ns()}"
        store.create_project(name, user="bench")
        ms, info = _time(store.add_pair, name, "pair", aln, user="bench")
        times["import"] = [ms]
        pid = info.id
        state = store.load(pid)
        for _ in range(3):  # warm up: lexicon, QA data, statement caches
            state = review.merge(store, pid, 0, "next", version=state.version, user="bench")
            state = review.undo(store, pid, version=state.version, user="bench")
        rng = random.Random(seed)
        for op, make in _ops(rng, state.alignment).items():
            tries = 0
            while len(times.get(op, [])) < reps and tries < reps * 5:
                tries += 1
                fn_name, kwargs = make()
                try:
                    ms, state = _time(getattr(review, fn_name), store, pid, **kwargs,
                                      version=state.version, user="bench")
                except InvalidEdit:
                    continue
                times.setdefault(op, []).append(ms)
                ms, state = _time(review.undo, store, pid, version=state.version, user="bench")
                times.setdefault("undo", []).append(ms)
                if tries % 2:
                    ms, state = _time(review.redo, store, pid, version=state.version,
                                      user="bench")
                    times.setdefault("redo", []).append(ms)
                    state = review.undo(store, pid, version=state.version, user="bench")
        for _ in range(reps):
            ms, _ = _time(store.load, pid)
            times.setdefault("load (warm)", []).append(ms)
    for _ in range(min(reps, 10)):
        with open_store(url) as cold:
            ms, _ = _time(cold.load, pid)
        times.setdefault("load (cold)", []).append(ms)
    return times


def _p90(xs: Sequence[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(0.9 * (len(s) - 1)))]


def table(results: dict[str, dict[str, list[float]]]) -> str:
    cols = list(results)
    ops: list[str] = []
    for r in results.values():
        ops += [o for o in r if o not in ops]
    head = "| operation | " + " | ".join(cols) + " |"
    rows = [head, "|---|" + "---|" * len(cols)]
    for op in ops:
        cells = []
        for c in cols:
            xs = results[c].get(op)
            cells.append(f"{statistics.median(xs):.1f} / {_p90(xs):.1f}" if xs else "–")
        rows.append(f"| {op} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


@contextmanager
def scratch_schema(url: str) -> Iterator[str]:
    """*url* with a throwaway PostgreSQL schema as its search_path (dropped afterwards)."""
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as c:
        c.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{url}{'&' if '?' in url else '?'}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(plain, autocommit=True) as c:
            c.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=50, help="runs of each operation")
    ap.add_argument("--sizes", default="300,5000", help="source sentences per pair")
    ap.add_argument("--pg", default=os.environ.get("ALIGN_TEST_PG"),
                    help="PostgreSQL URL (default: env ALIGN_TEST_PG; none: SQLite only)")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        pg = stack.enter_context(scratch_schema(args.pg)) if args.pg else None
        for n in sizes:
            backends = [("SQLite", f"sqlite:///{tmp}/bench-{n}.db")]
            if pg:
                backends.append(("PostgreSQL", pg))
            for label, url in backends:
                print(f"… {label} {n} sentences", file=sys.stderr)
                results[f"{label} {n} (ms median / p90)"] = bench(url, n, args.reps)
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
