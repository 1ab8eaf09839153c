"""Speed and memory at scale: one N x M document pair and the whole NTREX set.

    python -m benchmarks.stress --sentences 10000      # N x N pair, time and peak RSS
    python -m benchmarks.stress --ntrex                 # all 123 NTREX documents, one core
    python -m benchmarks.stress --sentences 10000 --tgt-sentences 1500 --placement middle
    python -m benchmarks.stress --unique --tgt-sentences 450 --placement middle
    HUNALIGN=/path/to/hunalign python -m benchmarks.stress --sentences 10000 --hunalign

The N x N pair is built from NTREX (Turkish -> English) documents in a seeded random order,
repeated as needed, so it has real sentences and a known 1:1 gold. ``--unique`` builds the
source from the unique Turkish sentences of NTREX and FLORES-101 devtest instead (deduplicated
on the Turkish, first occurrence kept, NTREX documents then FLORES documents in file order;
3,009 sentences, ``--sentences`` caps at that), so no sentence recurs. With ``--tgt-sentences
M`` (< N) the target is the English of a contiguous stretch of M source sentences placed as a
``--placement`` prefix, middle or suffix of the source: gold is 1:1 over the stretch and a null
bead for every source sentence outside it (the partial-coverage case).

Each measurement runs in a fresh child process pinned to one core with single-thread BLAS, so
peak RSS (``ru_maxrss``) is that of the alignment alone; it prints one JSON line: ``seconds``
(the alignment in the child, wall clock), ``align_cpu_seconds`` (its CPU time: steadier on a
shared machine), ``setup_seconds`` (scorer and documents), ``cpu_seconds`` (the child's whole
user + system CPU, imports included), ``peak_rss_mb`` and ``strict_f1``.

``--hunalign`` runs the hunalign binary named by ``$HUNALIGN`` on the same sentence lists
instead (tokenised one sentence per line, empty dictionary, as ``../shared/peers/hunalign_pair.py``
drives it; ``-batch`` over all documents with ``--ntrex``), timed by this process from
``RUSAGE_CHILDREN``: ``cpu_seconds`` and ``peak_rss_mb`` are hunalign's whole process. Its rungs
become beads as in the adapter, so strict F1 is comparable. hunalign refuses pairs whose sizes
differ more than 5x: then ``"refused": true`` and ``strict_f1`` is null.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.errors import SchemaError
from align.types import Bead
from benchmarks.datasets import default_data_dir, ntrex_translation, read_lines

PLACEMENTS = ("prefix", "middle", "suffix")


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


def unique_sentences(data: Path) -> tuple[list[str], list[str]]:
    """Turkish and English of NTREX then FLORES-101 devtest (every excerpt, file order), the
    first occurrence of each Turkish sentence only."""
    tr: list[str] = []
    en: list[str] = []
    for folder, tr_name, en_name in (("ntrex128", "newstest2019-ref.tur.txt",
                                      "newstest2019-src.eng.txt"),
                                     ("flores101", "tur.devtest", "eng.devtest")):
        tr_lines, en_lines = read_lines(data / folder / tr_name), read_lines(data / folder / en_name)
        if len(tr_lines) != len(en_lines):
            raise SchemaError(f"{data / folder}: {len(tr_lines)} Turkish and {len(en_lines)} "
                              "English lines")
        tr += tr_lines
        en += en_lines
    seen: set[str] = set()
    src: list[str] = []
    tgt: list[str] = []
    for s, t in zip(tr, en):
        if s not in seen:
            seen.add(s)
            src.append(s)
            tgt.append(t)
    return src, tgt


@dataclass(frozen=True)
class Pair:
    """Source and target sentences of a stress pair and its gold beads."""

    src: list[str]
    tgt: list[str]
    gold: list[Bead]
    start: int  # first source sentence of the target's stretch
    placement: str  # "whole" when the target covers the source


def stretch_start(n: int, m: int, placement: str) -> int:
    """First source id of a stretch of *m* of *n* sentences placed as a prefix, middle or suffix."""
    if not 0 <= m <= n:
        raise ValueError(f"the target stretch ({m}) must fit in the source ({n})")
    if placement not in PLACEMENTS:
        raise ValueError(f"placement must be one of {PLACEMENTS}, not {placement!r}")
    return {"prefix": 0, "middle": (n - m) // 2, "suffix": n - m}[placement]


def partial_gold(n: int, m: int, start: int) -> list[Bead]:
    """1:1 beads over source ``start .. start+m-1`` <-> target ``0 .. m-1``, nulls elsewhere."""
    return ([Bead((i,), ()) for i in range(start)]
            + [Bead((start + k,), (k,)) for k in range(m)]
            + [Bead((i,), ()) for i in range(start + m, n)])


def build_pair(data: Path, n: int, m: int | None = None, placement: str | None = None,
               unique: bool = False, seed: int = 7) -> Pair:
    """The N x M pair: source = the first *n* sentences of the seeded repeated NTREX stream
    (or of :func:`unique_sentences`, capped at its size), target = the English of *m* of them
    (default all) as ``placement`` (default middle; "whole" when m == n)."""
    if unique:
        src, en = unique_sentences(data)
        src, en = src[:n], en[:n]
    else:
        src, en = _big_pair(data, n, seed)
    n = len(src)
    m = n if m is None else m
    where = placement or "middle"
    start = stretch_start(n, m, where)
    return Pair(src, en[start:start + m], partial_gold(n, m, start), start,
                "whole" if m == n else where)


WARM_UP_SENTENCES = 30


def _warm_up(data: Path, scorer: Any) -> float:
    """Align a small unrelated pair (the first Tatoeba tr-en lines; without Tatoeba, the first
    NTREX document) so that one-off loading is not timed; its seconds."""
    from align.aligner import align_documents
    from align.types import Document

    root = data / "tatoeba"
    t0 = time.perf_counter()
    try:
        tr = read_lines(root / "tatoeba-test-v2021-08-07.tur")[:WARM_UP_SENTENCES]
        en = read_lines(root / "tatoeba-test-v2021-08-07.eng")[:WARM_UP_SENTENCES]
        src, tgt = Document.from_texts(tr, "tr"), Document.from_texts(en, "en")
    except Exception:  # noqa: BLE001 - any trouble with Tatoeba: fall back on NTREX
        case = next(ntrex_translation(data, "all"))
        src, tgt = case.src, case.tgt
    align_documents(src, tgt, scorer, mode="monotonic", profile="translation")
    return time.perf_counter() - t0


def _child(args: argparse.Namespace) -> dict[str, Any]:
    from align.aligner import align_documents
    from align.eval import evaluate
    from align.types import Document
    from benchmarks.scorers import make_scorer

    data = Path(args.data)
    t0 = time.perf_counter()
    scorer = make_scorer(args.scorer)  # one scorer (and encoder) for every document
    warm = _warm_up(data, scorer) if args.warm_up else None
    out: dict[str, Any]
    if args.ntrex:
        cases = list(ntrex_translation(data, "all"))
        t_load, c_load = time.perf_counter(), time.process_time()
        for c in cases:
            align_documents(c.src, c.tgt, scorer, mode="monotonic", profile="translation")
        seconds = time.perf_counter() - t_load
        out = {"documents": len(cases), "seconds": seconds,
               "align_cpu_seconds": time.process_time() - c_load}
    else:
        pair = build_pair(data, args.sentences, args.tgt_sentences, args.placement, args.unique)
        src, tgt = Document.from_texts(pair.src, "tr"), Document.from_texts(pair.tgt, "en")
        t_load, c_load = time.perf_counter(), time.process_time()
        # profile auto: a translation when the sizes match, a summary when the English
        # covers only a stretch of the source
        aln = align_documents(src, tgt, scorer, mode="monotonic", profile="auto")
        seconds = time.perf_counter() - t_load
        align_cpu = time.process_time() - c_load
        r = evaluate([(aln.beads, pair.gold)])
        out = {"sentences": len(pair.src), "tgt_sentences": len(pair.tgt),
               "placement": pair.placement, "unique": args.unique, "seconds": seconds,
               "align_cpu_seconds": align_cpu, "strict_f1": r.f1_strict}
    out["scorer"] = args.scorer
    out["setup_seconds"] = t_load - t0
    if warm is not None:
        out["warm_up_seconds"] = warm  # part of setup_seconds
    ru = resource.getrusage(resource.RUSAGE_SELF)
    out["cpu_seconds"] = ru.ru_utime + ru.ru_stime
    out["peak_rss_mb"] = ru.ru_maxrss / 1024
    return out


# -- hunalign ------------------------------------------------------------------------------

def _tok(s: str) -> str:
    """hunalign's input tokenisation, as the adapter does it."""
    return " ".join(re.findall(r"\w+|[^\w\s]", s))


def write_hunalign_input(path: Path, sentences: Sequence[str]) -> None:
    """Tokenised, one sentence per line, no trailing newline (as the adapter writes it)."""
    path.write_text("\n".join(_tok(s) for s in sentences), encoding="utf-8")


def rungs_to_beads(text: str, n: int, m: int) -> list[Bead]:
    """hunalign's ladder output (``i<TAB>j<TAB>score`` rungs) as beads, as the adapter reads it;
    no rungs at all: no beads."""
    rungs = [(int(f[0]), int(f[1])) for f in (line.split("\t") for line in text.splitlines()
                                              if line.strip())]
    if not rungs:
        return []
    if rungs[-1] != (n, m):
        rungs.append((n, m))
    beads = []
    for (i0, j0), (i1, j1) in itertools.pairwise(rungs):
        s, t = tuple(range(i0, min(i1, n))), tuple(range(j0, min(j1, m)))
        if s or t:
            beads.append(Bead(s, t))
    return beads


def _pin(cmd: list[str]) -> list[str]:
    return ["taskset", "-c", "0", *cmd] if sys.platform.startswith("linux") else cmd


def _run_timed(cmd: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], float, float,
                                                    float]:
    """Run *cmd* pinned to one core: (result, wall seconds, CPU seconds of the child, its peak MiB).

    CPU is the ``RUSAGE_CHILDREN`` delta. Peak RSS comes from GNU ``time`` (``%M``) when it is
    there: a process started by this one inherits this one's high-water mark at ``exec``, so
    ``ru_maxrss`` of children would be at least this Python's peak; ``time`` forks the peer
    from a small process. Without ``time``, that upper bound is reported.
    """
    gnu_time = shutil.which("time")
    peak_file = cwd / ".peak-rss-kib"
    run = [gnu_time, "-f", "%M", "-o", str(peak_file), *cmd] if gnu_time else cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    res = subprocess.run(_pin(run), cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    try:
        peak = int(peak_file.read_text().split()[-1]) / 1024
    except (OSError, ValueError, IndexError):
        peak = after.ru_maxrss / 1024
    return res, wall, cpu, peak


REFUSED = "Sizes differing too much"


def hunalign_pair(exe: str, pair: Pair) -> dict[str, Any]:
    """hunalign on one pair (plain invocation, empty dictionary)."""
    from align.eval import evaluate

    with tempfile.TemporaryDirectory(prefix="align-stress-hun-") as td:
        d = Path(td)
        write_hunalign_input(d / "s", pair.src)
        write_hunalign_input(d / "t", pair.tgt)
        (d / "null.dic").write_text("")
        res, wall, cpu, peak = _run_timed([exe, "null.dic", "s", "t"], d)
    refused = REFUSED in res.stderr
    if res.returncode != 0 and not refused:
        raise RuntimeError(f"hunalign failed ({res.returncode}): {res.stderr.strip()[-300:]}")
    beads = rungs_to_beads(res.stdout, len(pair.src), len(pair.tgt))
    f1 = None if refused or not beads else evaluate([(beads, pair.gold)]).f1_strict
    out = {"sentences": len(pair.src), "tgt_sentences": len(pair.tgt),
           "placement": pair.placement, "peer": "hunalign", "seconds": wall,
           "cpu_seconds": cpu, "peak_rss_mb": peak, "strict_f1": f1, "refused": refused}
    if not refused and not beads:
        out["failed"] = True  # no rungs: as the adapter, which exits with an error
    return out


def hunalign_ntrex(exe: str, data: Path) -> dict[str, Any]:
    """hunalign ``-batch`` over all NTREX documents (a ``src<TAB>tgt<TAB>out`` line each)."""
    from align.eval import evaluate

    cases = list(ntrex_translation(data, "all"))
    with tempfile.TemporaryDirectory(prefix="align-stress-hun-") as td:
        d = Path(td)
        lines = []
        for k, c in enumerate(cases):
            write_hunalign_input(d / f"{k}.s", c.src.texts)
            write_hunalign_input(d / f"{k}.t", c.tgt.texts)
            lines.append(f"{d / f'{k}.s'}\t{d / f'{k}.t'}\t{d / f'{k}.out'}")
        (d / "batch.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (d / "null.dic").write_text("")
        res, wall, cpu, peak = _run_timed([exe, "-batch", "null.dic", "batch.tsv"], d)
        if res.returncode != 0:
            raise RuntimeError(f"hunalign failed ({res.returncode}): {res.stderr.strip()[-300:]}")
        pairs, failed = [], 0
        for k, c in enumerate(cases):
            out = d / f"{k}.out"
            text = out.read_text(encoding="utf-8") if out.exists() else ""
            beads = rungs_to_beads(text, len(c.src), len(c.tgt))
            failed += not beads
            pairs.append((beads, c.gold))
    return {"documents": len(cases), "peer": "hunalign", "seconds": wall, "cpu_seconds": cpu,
            "peak_rss_mb": peak, "strict_f1": evaluate(pairs).f1_strict, "failed": failed}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(default_data_dir()))
    ap.add_argument("--sentences", type=int, default=10_000)
    ap.add_argument("--tgt-sentences", type=int, default=None,
                    help="M: target = English of M of the N source sentences (default N)")
    ap.add_argument("--placement", choices=PLACEMENTS, default=None,
                    help="where the M sentences sit in the source (default middle)")
    ap.add_argument("--unique", action="store_true",
                    help="source from the unique NTREX + FLORES sentences (3,009)")
    ap.add_argument("--ntrex", action="store_true", help="time all NTREX documents instead")
    ap.add_argument("--scorer", default="auto", help="NAME[@MODEL] (%(default)s)")
    ap.add_argument("--warm-up", action="store_true",
                    help=f"align {WARM_UP_SENTENCES} unrelated sentences first, untimed (one-off "
                         "loading out of the alignment seconds)")
    ap.add_argument("--hunalign", action="store_true",
                    help="run $HUNALIGN on the same sentences instead of the project")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args)))
        return 0
    if args.hunalign:
        exe = os.environ.get("HUNALIGN")
        if not exe:
            sys.stderr.write("--hunalign needs $HUNALIGN, the path of a hunalign binary\n")
            return 2
        data = Path(args.data)
        if args.ntrex:
            out = hunalign_ntrex(exe, data)
        else:
            out = hunalign_pair(exe, build_pair(data, args.sentences, args.tgt_sentences,
                                                args.placement, args.unique))
            out["unique"] = args.unique
        print(json.dumps(out))
        return 0
    cmd = [sys.executable, "-m", "benchmarks.stress", "--child", "--data", args.data,
           "--sentences", str(args.sentences), "--scorer", args.scorer]
    if args.ntrex:
        cmd.append("--ntrex")
    if args.tgt_sentences is not None:
        cmd += ["--tgt-sentences", str(args.tgt_sentences)]
    if args.placement:
        cmd += ["--placement", args.placement]
    if args.unique:
        cmd.append("--unique")
    if args.warm_up:
        cmd.append("--warm-up")
    # One core, as the targets say: pin the child's BLAS and the child itself. A fresh
    # vector cache: encoders are timed cold.
    cache = tempfile.mkdtemp(prefix="align-stress-cache-")
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1", "ALIGN_THREADS": "1", "XDG_CACHE_HOME": cache}
    try:
        res = subprocess.run(_pin(cmd), capture_output=True, text=True, env=env, check=False)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    if res.returncode != 0:
        sys.stderr.write(res.stderr)
        return res.returncode
    print(res.stdout.strip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
