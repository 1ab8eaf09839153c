"""Where the time goes when aligning the NTREX documents: cProfile and a sampling flame graph.

    python -m benchmarks.profile                        # all 123 documents, lexical scorer
    python -m benchmarks.profile --docs 20 --out out/profile-20
    python -m benchmarks.profile --scorer auto

The loop is ``benchmarks.stress --ntrex``'s (one scorer object, ``mode="monotonic"``,
``profile="translation"``), after one warm-up document that is not measured. It runs twice,
each time in a fresh child process (so the second run does not find the first one's caches
warm):

* cProfile: ``OUT/profile.pstats`` (``python -m pstats OUT/profile.pstats``) and the top 25
  functions by cumulative and by own time;
* an in-process sampler: ``ITIMER_PROF`` every millisecond of CPU, whose handler records the
  interrupted Python stack as ``module:function`` frames (time in C code counts for the
  Python function that called it). Written as collapsed stacks ``OUT/profile.folded``
  (``a;b;c count``, as Brendan Gregg's ``flamegraph.pl`` reads them) and as a flame graph
  ``OUT/flamegraph.svg`` (hover a frame for its name and share), with a summary of the
  samples under ``align.text`` (tokenising, stemming), ``align.scorers`` (keys, matrices,
  scoring), ``align.aligner.dp`` (the DP), the rest of ``align.aligner``, and everything
  else; a sample counts for the innermost of those it is under.
"""
from __future__ import annotations

import argparse
import colorsys
import cProfile
import json
import pstats
import signal
import subprocess
import sys
import time
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any
from xml.sax.saxutils import escape

from benchmarks.datasets import default_data_dir

Stack = tuple[str, ...]
ROOT_FRAME = "benchmarks.profile:run_documents"
"""Stacks are cut above this frame (runpy, argparse and the like are not interesting); run as
``python -m``, its module is ``__main__``, which is named back."""

CATEGORIES = (
    ("align.text", "align.text (tokenising, stemming)"),
    ("align.scorers", "align.scorers (keys, matrices, scoring)"),
    ("align.aligner.dp", "align.aligner.dp (the DP)"),
    ("align.aligner", "align.aligner (other)"),
)
OTHER = "other"


# -- the work -----------------------------------------------------------------------------

def load_cases(data: Path, docs: int | None) -> list[Any]:
    from benchmarks.datasets import ntrex_translation

    cases = list(ntrex_translation(data, "all"))
    return cases[:docs] if docs else cases


def run_documents(cases: Sequence[Any], scorer: Any) -> None:
    """The loop of ``benchmarks.stress --ntrex``."""
    from align.aligner import align_documents

    for c in cases:
        align_documents(c.src, c.tgt, scorer, mode="monotonic", profile="translation")


# -- sampling -----------------------------------------------------------------------------

def frame_name(frame: FrameType) -> str:
    """``module:qualified function`` (``;`` would break the collapsed format: it becomes ``:``)."""
    mod = frame.f_globals.get("__name__", "?")
    func = frame.f_code.co_qualname
    if func.startswith("__create_fn__.<locals>."):  # a dataclass's generated method
        owner = frame.f_locals.get("self")
        func = f"{type(owner).__name__ if owner is not None else '<dataclass>'}.{frame.f_code.co_name}"
    return f"{mod}:{func}".replace(";", ":").replace(" ", "_")


def frame_stack(frame: FrameType | None) -> Stack:
    """The stack of *frame*, outermost first."""
    names: list[str] = []
    while frame is not None:
        names.append(frame_name(frame))
        frame = frame.f_back
    return tuple(reversed(names))


@dataclass
class Sampler:
    """Counts the Python stacks found by an ``ITIMER_PROF`` signal every *interval* CPU seconds."""

    interval: float = 0.001
    counts: Counter[Stack] = field(default_factory=Counter)

    def _handler(self, signum: int, frame: FrameType | None) -> None:
        self.counts[frame_stack(frame)] += 1

    @contextmanager
    def running(self) -> Iterator[Sampler]:
        old = signal.signal(signal.SIGPROF, self._handler)
        signal.setitimer(signal.ITIMER_PROF, self.interval, self.interval)
        try:
            yield self
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0, 0)
            signal.signal(signal.SIGPROF, old)


def trim(counts: Mapping[Stack, int], root: str = ROOT_FRAME) -> Counter[Stack]:
    """Stacks from *root* (or ``__main__:`` + its function) down; those without it whole."""
    alias = "__main__:" + root.split(":", 1)[1]
    out: Counter[Stack] = Counter()
    for stack, n in counts.items():
        at = next((k for k, name in enumerate(stack) if name in (root, alias)), None)
        out[stack if at is None else (root, *stack[at + 1:])] += n
    return out


def to_folded(counts: Mapping[Stack, int]) -> str:
    """Collapsed stacks, one ``a;b;c count`` line each, sorted."""
    return "".join(f"{';'.join(s)} {n}\n" for s, n in sorted(counts.items()) if s and n)


def parse_folded(text: str) -> Counter[Stack]:
    out: Counter[Stack] = Counter()
    for line in text.splitlines():
        stack, _, n = line.rpartition(" ")
        if stack:
            out[tuple(stack.split(";"))] += int(n)
    return out


def category(stack: Stack) -> str:
    """The innermost of :data:`CATEGORIES` whose module a frame of *stack* is in."""
    for name in reversed(stack):
        mod = name.split(":", 1)[0]
        for prefix, label in CATEGORIES:
            if mod == prefix or mod.startswith(prefix + "."):
                return label
    return OTHER


def summary(counts: Mapping[Stack, int]) -> list[tuple[str, int, float]]:
    """``(category, samples, share)`` for every category, in :data:`CATEGORIES` order."""
    total = sum(counts.values()) or 1
    per: Counter[str] = Counter()
    for stack, n in counts.items():
        per[category(stack)] += n
    return [(label, per[label], per[label] / total)
            for label in [lab for _, lab in CATEGORIES] + [OTHER]]


def self_samples(counts: Mapping[Stack, int]) -> Counter[str]:
    """Samples per leaf frame (own time)."""
    out: Counter[str] = Counter()
    for stack, n in counts.items():
        if stack:
            out[stack[-1]] += n
    return out


# -- flame graph --------------------------------------------------------------------------

@dataclass
class _Node:
    name: str
    value: int = 0
    children: dict[str, _Node] = field(default_factory=dict)


def _tree(counts: Mapping[Stack, int]) -> _Node:
    root = _Node("all")
    for stack, n in counts.items():
        root.value += n
        node = root
        for name in stack:
            node = node.children.setdefault(name, _Node(name))
            node.value += n
    return root


def _depth(node: _Node) -> int:
    return 1 + max((_depth(c) for c in node.children.values()), default=0)


_HUES = ((200, "blue"), (120, "green"), (0, "red"), (280, "purple"))
_PALETTE = {label: hue for (_, label), (hue, _) in zip(CATEGORIES, _HUES)}
_LEGEND = ", ".join(f"{colour}: {prefix}" for (prefix, _), (_, colour) in zip(CATEGORIES, _HUES))


def _color(name: str) -> str:
    mod = name.split(":", 1)[0]
    hue = 45  # yellow for everything else
    for prefix, label in CATEGORIES:
        if mod == prefix or mod.startswith(prefix + "."):
            hue = _PALETTE[label]
            break
    v = zlib.crc32(name.encode()) % 30
    r, g, b = colorsys.hls_to_rgb(hue / 360, (62 + v % 15) / 100, (55 + v) / 100)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def flamegraph_svg(counts: Mapping[Stack, int], title: str = "Flame graph", width: int = 1200,
                   row: int = 17, min_width: float = 0.3) -> str:
    """A flame graph (root at the bottom, width proportional to samples, children in name
    order): a ``<rect>`` with a ``<title>`` per frame, names cut to fit, all text escaped."""
    root = _tree(counts)
    total = root.value or 1
    pad, head, char_w = 10, 40, 6.6
    depth = _depth(root)
    height = head + depth * row + pad + 20
    scale = (width - 2 * pad) / total
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="monospace" font-size="11">'),
           f'<rect width="{width}" height="{height}" fill="#fdfdf6"/>',
           (f'<text x="{width / 2:.1f}" y="22" text-anchor="middle" font-size="15" '
            f'font-family="sans-serif">{escape(title)}</text>'),
           (f'<text x="{pad}" y="{height - 8}" font-family="sans-serif">'
            f'{escape(f"{root.value} samples; {_LEGEND} (other), yellow: other")}</text>')]

    def draw(node: _Node, x: float, level: int) -> None:
        w = node.value * scale
        if w < min_width:
            return
        y = head + (depth - 1 - level) * row
        share = 100 * node.value / total
        label = f"{node.name} ({node.value} samples, {share:.2f}%)"
        fill = "#e0e0e0" if level == 0 else _color(node.name)
        out.append(f'<g><title>{escape(label)}</title>'
                   f'<rect x="{x:.2f}" y="{y}" width="{w:.2f}" height="{row - 1}" '
                   f'fill="{fill}" rx="2"/>')
        fits = int((w - 6) / char_w)
        if fits >= 3:
            text = node.name if len(node.name) <= fits else node.name[:fits - 2] + ".."
            out.append(f'<text x="{x + 3:.2f}" y="{y + row - 5}">{escape(text)}</text>')
        out.append("</g>")
        cx = x
        for name in sorted(node.children):
            child = node.children[name]
            draw(child, cx, level + 1)
            cx += child.value * scale

    draw(root, float(pad), 0)
    out.append("</svg>")
    return "\n".join(out)


# -- the two passes -----------------------------------------------------------------------

def _prepare(args: argparse.Namespace) -> tuple[list[Any], Any]:
    from benchmarks.scorers import make_scorer

    cases = load_cases(Path(args.data), args.docs)
    scorer = make_scorer(args.scorer)
    run_documents(cases[:1], scorer)  # warm-up: lazy imports, tables, the scorer's set-up
    return cases, scorer


def _cprofile_pass(args: argparse.Namespace, out: Path) -> None:
    cases, scorer = _prepare(args)
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    run_documents(cases, scorer)
    prof.disable()
    wall = time.perf_counter() - t0
    prof.dump_stats(str(out / "profile.pstats"))
    print(f"cProfile: {len(cases)} documents in {wall:.2f} s (with cProfile's overhead); "
          f"wrote {out / 'profile.pstats'}")
    for key in ("cumulative", "tottime"):
        print(f"\n== top 25 by {key} ==")
        stats = pstats.Stats(prof, stream=sys.stdout)
        stats.strip_dirs().sort_stats(key).print_stats(25)
    sys.stdout.flush()


def _sample_pass(args: argparse.Namespace, out: Path) -> None:
    cases, scorer = _prepare(args)
    sampler = Sampler(args.interval)
    t0, c0 = time.perf_counter(), time.process_time()
    with sampler.running():
        run_documents(cases, scorer)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    counts = trim(sampler.counts)
    n = sum(counts.values())
    (out / "profile.folded").write_text(to_folded(counts), encoding="utf-8")
    (out / "flamegraph.svg").write_text(flamegraph_svg(
        counts, f"align: {len(cases)} NTREX documents, scorer {args.scorer}"), encoding="utf-8")
    print(f"\nsampler: {len(cases)} documents in {wall:.2f} s ({cpu:.2f} s CPU), {n} samples "
          f"({n / cpu if cpu else 0:.0f}/s of CPU); wrote {out / 'profile.folded'}, "
          f"{out / 'flamegraph.svg'}")
    print("\n== where the time goes (share of samples) ==")
    rows = summary(counts)
    for label, k, share in rows:
        print(f"{label:42} {k:7d}  {100 * share:5.1f}%")
    print("\n== top 15 by own samples ==")
    for name, k in self_samples(counts).most_common(15):
        print(f"{k:7d}  {100 * k / (n or 1):5.1f}%  {name}")
    (out / "summary.json").write_text(json.dumps(
        {"documents": len(cases), "scorer": args.scorer, "seconds": wall, "cpu_seconds": cpu,
         "samples": n, "shares": {label: share for label, _, share in rows}}, indent=1),
        encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(default_data_dir()))
    ap.add_argument("--out", default="out/profile", help="output folder (%(default)s)")
    ap.add_argument("--scorer", default="lexical", help="NAME[@MODEL] (%(default)s)")
    ap.add_argument("--docs", type=int, default=None, help="only the first N documents")
    ap.add_argument("--interval", type=float, default=0.001,
                    help="sampling interval, CPU seconds (%(default)s)")
    ap.add_argument("--child", choices=("cprofile", "sample"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.child == "cprofile":
        _cprofile_pass(args, out)
        return 0
    if args.child == "sample":
        _sample_pass(args, out)
        return 0
    base = [sys.executable, "-m", "benchmarks.profile", "--data", args.data, "--out", str(out),
            "--scorer", args.scorer, "--interval", str(args.interval)]
    if args.docs:
        base += ["--docs", str(args.docs)]
    for which in ("cprofile", "sample"):
        rc = subprocess.run([*base, "--child", which], check=False).returncode
        if rc != 0:
            return rc
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
