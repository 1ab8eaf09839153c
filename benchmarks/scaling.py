"""How alignment time grows with document size, against hunalign: the scaling curve.

    python -m benchmarks.scaling                        # N x N at 1k..50k, lexical and auto
    python -m benchmarks.scaling --quick                # 1k, 2k, 5k and a 5000 x 800 pair
    python -m benchmarks.scaling --sizes 1000,5000 --scorers lexical --timeout 300
    HUNALIGN=/path/to/hunalign python -m benchmarks.scaling --quick   # with hunalign columns

Every measurement is one ``benchmarks.stress`` run (a fresh child pinned to one core,
single-thread BLAS) in its own process group, killed after ``--timeout`` seconds; the
project's children align a small unrelated pair first, untimed (``stress.py --warm-up``;
``--cold`` leaves it out), so that one-off loading does not flatten the curve. Cases:

* ``NxN``: the seeded repeated NTREX stream, N source and N target sentences, ``--sizes``;
* ``skewed``: 10000 x 1500 and 50000 x 5000 (``--quick``: 5000 x 800), the target the
  English of a middle stretch of the source, the rest of the source unaligned;
* ``partial``: the unique NTREX + FLORES sentences (3,009) against the English of 450 of
  them as a prefix, middle and suffix (``stress.py --unique``).

With ``$HUNALIGN`` set each case is also run through hunalign (``stress.py --hunalign``);
``ratio`` is the project's child CPU seconds over hunalign's (both whole processes, the
warm-up included; hunalign refuses pairs whose sizes differ more than 5x: no ratio then).
Without it the hunalign columns are left out. ``align s`` is wall clock; ``align CPU s``
its CPU time, steadier on a shared machine. A child that fails or runs past the timeout is a
row saying so; larger N x N sizes of a scorer that timed out are skipped.

The table and the fitted exponent k of ``seconds ~ n^k`` (least squares on log-log over the
N x N sizes, alignment seconds; hunalign: CPU seconds) are printed and written to
``OUT/scaling.md``, with ``OUT/scaling.json`` (raw results) and ``OUT/scaling.svg`` (log-log
plot of time against n per scorer and hunalign).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from align.scorers import DEFAULT_SCORER
from benchmarks.datasets import default_data_dir

DEFAULT_SIZES = (1000, 5000, 10_000, 20_000, 50_000)
QUICK_SIZES = (1000, 2000, 5000)
SKEWED = ((10_000, 1500), (50_000, 5000))
QUICK_SKEWED = ((5000, 800),)
PARTIAL_M = 450
PLACEMENTS = ("prefix", "middle", "suffix")
HUNALIGN = "hunalign"


@dataclass(frozen=True)
class Case:
    """One stress pair: ``stress.py`` arguments and how it reads in the table."""

    name: str
    kind: str  # "NxN", "skewed" or "partial"
    args: tuple[str, ...]
    n: int  # requested source size (partial: capped by the unique sentences)


@dataclass
class Result:
    """One child's outcome: ``data`` is stress.py's JSON; ``status`` "ok" or why not."""

    case: Case
    scorer: str
    status: str = "ok"
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def cases(sizes: Sequence[int], skewed: Sequence[tuple[int, int]],
          partial_m: int | None = PARTIAL_M) -> list[Case]:
    out = [Case(f"{n}x{n}", "NxN", ("--sentences", str(n)), n) for n in sizes]
    out += [Case(f"{n}x{m} middle", "skewed",
                 ("--sentences", str(n), "--tgt-sentences", str(m), "--placement", "middle"), n)
            for n, m in skewed]
    if partial_m:
        out += [Case(f"unique x{partial_m} {p}", "partial",
                     ("--unique", "--sentences", "1000000", "--tgt-sentences", str(partial_m),
                      "--placement", p), 3009) for p in PLACEMENTS]
    return out


def run_child(cmd: Sequence[str], timeout: float, env: Mapping[str, str] | None = None
              ) -> tuple[str, dict[str, Any]]:
    """Run *cmd* in its own process group; ``("ok", its last stdout line as JSON)`` or
    ``(why not, {})``: a timeout kills the whole group (the child's own children too)."""
    proc = subprocess.Popen(list(cmd), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env=dict(env) if env is not None else None)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        return f"timeout > {timeout:g} s", {}
    if proc.returncode != 0:
        last = (err.strip().splitlines() or ["no message"])[-1]
        return f"failed (exit {proc.returncode}): {last[:120]}", {}
    lines = out.strip().splitlines()
    try:
        return "ok", json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        return f"failed: no JSON result ({(lines or [''])[-1][:80]!r})", {}


def stress_cmd(case: Case, scorer: str, data: str, warm_up: bool = True) -> list[str]:
    who = (["--hunalign"] if scorer == HUNALIGN
           else ["--scorer", scorer, *(["--warm-up"] if warm_up else [])])
    return [sys.executable, "-m", "benchmarks.stress", "--data", data, *case.args, *who]


def fit_exponent(ns: Sequence[float], ts: Sequence[float]) -> tuple[float, float]:
    """Least squares of ``log t = k log n + log c``: ``(k, c)``. Needs two distinct sizes."""
    pts = [(math.log(n), math.log(t)) for n, t in zip(ns, ts) if n > 0 and t > 0]
    if len({x for x, _ in pts}) < 2:
        raise ValueError("fitting an exponent needs two or more distinct sizes")
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    k = (sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts))
    return k, math.exp(my - k * mx)


def _time_of(r: Result, key: str = "seconds") -> float | None:
    """The time that goes on the curve: *key* of the child's result (``seconds``: the
    alignment, wall clock; ``align_cpu_seconds``: its CPU); hunalign: its CPU seconds."""
    if not r.ok or r.data.get("refused"):
        return None
    return r.data.get("cpu_seconds" if r.scorer == HUNALIGN else key)


def curves(results: Sequence[Result], key: str = "seconds"
           ) -> dict[str, list[tuple[float, float]]]:
    """``scorer -> [(n, seconds)]`` over the N x N cases that ran."""
    out: dict[str, list[tuple[float, float]]] = {}
    for r in results:
        t = _time_of(r, key)
        if r.case.kind == "NxN" and t is not None:
            out.setdefault(r.scorer, []).append((float(r.data.get("sentences", r.case.n)), t))
    return {k: sorted(v) for k, v in out.items()}


def exponents(results: Sequence[Result], key: str = "seconds"
              ) -> dict[str, tuple[float, float] | None]:
    """``scorer -> (k, c)`` of the N x N curve, None with fewer than two sizes."""
    out: dict[str, tuple[float, float] | None] = {}
    for name, pts in curves(results, key).items():
        try:
            out[name] = fit_exponent([n for n, _ in pts], [t for _, t in pts])
        except ValueError:
            out[name] = None
    return out


def _num(x: Any, fmt: str = ".2f") -> str:
    return "–" if x is None else format(x, fmt)


def _ratio(x: float | None) -> str:
    return "–" if x is None else f"{x:.1f}x" if x < 10 else f"{x:.0f}x"


def markdown_table(results: Sequence[Result], with_hunalign: bool) -> str:
    """One row per (case, scorer); hunalign's figures go into the rows of its case."""
    hun = {r.case.name: r for r in results if r.scorer == HUNALIGN}
    head = ["case", "scorer", "n_src", "n_tgt", "align s", "align CPU s", "CPU s", "peak MiB",
            "strict F1"]
    if with_hunalign:
        head += ["hunalign CPU s", "ratio", "hunalign F1"]
    rows = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for r in results:
        if r.scorer == HUNALIGN:
            continue
        d = r.data
        n_src = d.get("sentences", r.case.n)
        n_tgt = d.get("tgt_sentences", "–")
        if r.ok:
            cells = [r.case.name, r.scorer, str(n_src), str(n_tgt), _num(d.get("seconds")),
                     _num(d.get("align_cpu_seconds")), _num(d.get("cpu_seconds")), _num(d.get("peak_rss_mb"), ".0f"),
                     _num(d.get("strict_f1"), ".3f")]
        else:
            cells = [r.case.name, r.scorer, str(n_src), "–", r.status, "–", "–", "–", "–"]
        if with_hunalign:
            h = hun.get(r.case.name)
            if h is None:
                cells += ["–", "–", "–"]
            elif not h.ok:
                cells += [h.status, "–", "–"]
            else:
                hc = h.data.get("cpu_seconds")
                ratio = (d["cpu_seconds"] / hc if r.ok and hc and d.get("cpu_seconds")
                         and not h.data.get("refused") else None)
                f1 = "refused" if h.data.get("refused") else _num(h.data.get("strict_f1"), ".3f")
                cells += [_num(hc, ".3f"), _ratio(ratio), f1]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows)


def exponent_lines(results: Sequence[Result]) -> list[str]:
    lines = []
    pts = curves(results)
    cpu_fits = exponents(results, "align_cpu_seconds")
    for name, fit in exponents(results).items():
        ns = ", ".join(str(int(n)) for n, _ in pts[name])
        if fit is None:
            lines.append(f"- {name}: only n = {ns}, no exponent")
        elif name == HUNALIGN:
            lines.append(f"- {name}: k = {fit[0]:.2f} (whole-process CPU seconds, n = {ns})")
        else:
            cpu = cpu_fits.get(name)
            also = f"; on alignment CPU seconds k = {cpu[0]:.2f}" if cpu else ""
            lines.append(f"- {name}: k = {fit[0]:.2f} (alignment seconds, n = {ns}{also})")
    return lines


# -- SVG ----------------------------------------------------------------------------------

COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


def _attr(s: str) -> str:
    return escape(s, {'"': "&quot;"})


def log_ticks(lo: float, hi: float) -> list[float]:
    """1-2-5 ticks between lo and hi (only powers of ten over more than three decades, 1-9
    when 1-2-5 gives fewer than three)."""
    def within(steps: Sequence[float]) -> list[float]:
        return [s * 10.0 ** e
                for e in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)
                for s in steps if lo * (1 - 1e-9) <= s * 10.0 ** e <= hi * (1 + 1e-9)]

    if math.log10(hi / lo) > 3:
        return within((1.0,))
    ticks = within((1.0, 2.0, 5.0))
    return ticks if len(ticks) >= 3 else within(tuple(float(k) for k in range(1, 10)))


def _tick_label(v: float) -> str:
    if v >= 1000 and v == int(v):
        return f"{v / 1000:g}k"
    return f"{v:g}"


def _log_range(values: Sequence[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if hi <= lo:
        lo, hi = lo / 2, hi * 2
    pad = (math.log10(hi) - math.log10(lo)) * 0.08
    return 10 ** (math.log10(lo) - pad), 10 ** (math.log10(hi) + pad)


def svg_loglog(series: Mapping[str, Sequence[tuple[float, float]]], title: str, xlabel: str,
               ylabel: str, width: int = 720, height: int = 480) -> str:
    """A log-log line plot, one polyline with markers per series, axes, ticks and a legend."""
    pts = [p for s in series.values() for p in s if p[0] > 0 and p[1] > 0]
    left, right, top, bottom = 70, 160, 40, 55
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">'),
           f'<rect width="{width}" height="{height}" fill="white"/>',
           (f'<text x="{width / 2:.1f}" y="22" text-anchor="middle" font-size="15">'
            f'{escape(title)}</text>')]
    pw, ph = width - left - right, height - top - bottom
    if not pts:
        out.append(f'<text x="{left + pw / 2:.1f}" y="{top + ph / 2:.1f}" '
                   f'text-anchor="middle">no data</text></svg>')
        return "\n".join(out)
    x0, x1 = _log_range([p[0] for p in pts])
    y0, y1 = _log_range([p[1] for p in pts])

    def sx(v: float) -> float:
        return left + (math.log10(v) - math.log10(x0)) / (math.log10(x1) - math.log10(x0)) * pw

    def sy(v: float) -> float:
        return top + ph - (math.log10(v) - math.log10(y0)) / (math.log10(y1) - math.log10(y0)) * ph

    for v in log_ticks(x0, x1):
        x = sx(v)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + ph}" stroke="#eee"/>')
        out.append(f'<line x1="{x:.1f}" y1="{top + ph}" x2="{x:.1f}" y2="{top + ph + 5}" '
                   f'stroke="black"/>')
        out.append(f'<text x="{x:.1f}" y="{top + ph + 18}" text-anchor="middle">'
                   f'{escape(_tick_label(v))}</text>')
    for v in log_ticks(y0, y1):
        y = sy(v)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" stroke="#eee"/>')
        out.append(f'<line x1="{left - 5}" y1="{y:.1f}" x2="{left}" y2="{y:.1f}" stroke="black"/>')
        out.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">'
                   f'{escape(_tick_label(v))}</text>')
    out.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" '
               f'stroke="black"/>')
    out.append(f'<text x="{left + pw / 2:.1f}" y="{height - 12}" text-anchor="middle">'
               f'{escape(xlabel)}</text>')
    out.append(f'<text transform="translate(18 {top + ph / 2:.1f}) rotate(-90)" '
               f'text-anchor="middle">{escape(ylabel)}</text>')
    for k, (name, s) in enumerate(series.items()):
        color = COLORS[k % len(COLORS)]
        good = sorted(p for p in s if p[0] > 0 and p[1] > 0)
        if len(good) > 1:
            path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in good)
            out.append(f'<polyline points="{path}" fill="none" stroke="{color}" '
                       f'stroke-width="2"/>')
        for x, y in good:
            out.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3.5" fill="{color}">'
                       f'<title>{escape(f"{name}: n = {x:g}, {y:.3g} s")}</title></circle>')
        ly = top + 10 + 20 * k
        lx = left + pw + 15
        out.append(f'<line x1="{lx}" y1="{ly}" x2="{lx + 24}" y2="{ly}" stroke="{color}" '
                   f'stroke-width="2"/>')
        out.append(f'<circle cx="{lx + 12}" cy="{ly}" r="3.5" fill="{color}"/>')
        out.append(f'<text x="{lx + 30}" y="{ly + 4}">{escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out)


# -- driver -------------------------------------------------------------------------------

def _progress(r: Result) -> str:
    d = r.data
    if not r.ok:
        return f"{r.case.name:24} {r.scorer:10} {r.status}"
    return (f"{r.case.name:24} {r.scorer:10} {d.get('seconds', 0):8.2f} s  "
            f"cpu {d.get('cpu_seconds', 0):8.2f} s  {d.get('peak_rss_mb', 0):6.0f} MiB  "
            f"F1 {_num(d.get('strict_f1'), '.3f')}" + ("  refused" if d.get("refused") else ""))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(default_data_dir()))
    ap.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                    help="N of the N x N pairs (%(default)s)")
    ap.add_argument("--scorers", default="lexical,auto", help="NAME[@MODEL],... (%(default)s)")
    ap.add_argument("--skip-default-scorer", action="store_true",
                    help=f"leave out the default scorer ({DEFAULT_SCORER}) from --scorers")
    ap.add_argument("--quick", action="store_true",
                    help=f"sizes {','.join(map(str, QUICK_SIZES))}, skewed 5000x800")
    ap.add_argument("--no-skewed", action="store_true", help="leave out the skewed pairs")
    ap.add_argument("--no-partial", action="store_true",
                    help="leave out the unique partial-coverage cases")
    ap.add_argument("--cold", action="store_true",
                    help="no warm-up pair: one-off loading counts in the alignment seconds")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per child (%(default)s)")
    ap.add_argument("--out-dir", default="out/scaling")
    args = ap.parse_args(argv)

    sizes = QUICK_SIZES if args.quick else tuple(int(s) for s in args.sizes.split(",") if s)
    skewed = () if args.no_skewed else (QUICK_SKEWED if args.quick else SKEWED)
    scorers = [s for s in args.scorers.split(",") if s]
    if args.skip_default_scorer:
        scorers = [s for s in scorers if s != DEFAULT_SCORER]
    hunalign = bool(os.environ.get("HUNALIGN"))
    todo = cases(sorted(sizes), skewed, None if args.no_partial else PARTIAL_M)
    who = scorers + ([HUNALIGN] if hunalign else [])

    results: list[Result] = []
    gave_up: dict[str, int] = {}  # scorer -> smallest N x N size it timed out on
    for case in todo:
        for scorer in who:
            if case.kind == "NxN" and scorer in gave_up and case.n > gave_up[scorer]:
                r = Result(case, scorer, f"skipped (timed out at {gave_up[scorer]})")
            else:
                status, data = run_child(stress_cmd(case, scorer, args.data, not args.cold),
                                         args.timeout)
                r = Result(case, scorer, status, data)
                if status.startswith("timeout") and case.kind == "NxN":
                    gave_up[scorer] = case.n
            results.append(r)
            print(_progress(r), file=sys.stderr, flush=True)

    table = markdown_table(results, hunalign)
    fits = exponent_lines(results)
    report = "\n".join([
        "# Scaling: alignment time against document size",
        "",
        (f"{time.strftime('%Y-%m-%d %H:%M')}, one core per child (`benchmarks.stress"
         f"{'' if args.cold else ' --warm-up'}`), timeout {args.timeout:g} s. `align s`: the alignment in the child (wall clock; "
         "`align CPU s` its CPU time, steadier on a shared machine); `CPU s`: the "
         "child's whole CPU (imports, set-up, alignment); `ratio`: CPU s over hunalign's "
         "(whole process, empty dictionary)."),
        "",
        table,
        "",
        "Fitted exponent k of time ~ n^k (least squares on log-log, N x N sizes):",
        "",
        *fits,
        "",
    ])
    print(table)
    print()
    print("\n".join(["Fitted exponent k of time ~ n^k:", *fits]))
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "scaling.md").write_text(report, encoding="utf-8")
    (out / "scaling.json").write_text(json.dumps(
        [{"case": r.case.name, "kind": r.case.kind, "scorer": r.scorer, "status": r.status,
          **r.data} for r in results], indent=1), encoding="utf-8")
    series = {(f"{k} (CPU)" if k == HUNALIGN else k): v for k, v in curves(results).items()}
    (out / "scaling.svg").write_text(svg_loglog(
        series, "Alignment time, N x N sentences, one core", "sentences per side (n)",
        "seconds"), encoding="utf-8")
    print(f"\nwrote {out / 'scaling.md'}, {out / 'scaling.svg'}, {out / 'scaling.json'}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
