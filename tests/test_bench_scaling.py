"""Scaling and profiling benchmarks: SVG writers, the exponent fit, the stress pairs, hunalign."""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from align.eval import evaluate
from align.types import Bead
from benchmarks import profile, scaling, stress

DATA = Path(os.environ.get("ALIGN_SHARED_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data")
needs_data = pytest.mark.skipif(not (DATA / "ntrex128").is_dir(), reason=f"no shared data at {DATA}")
needs_hunalign = pytest.mark.skipif(not os.environ.get("HUNALIGN"), reason="HUNALIGN is not set")
ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
NASTY = 'a<b & "c" \'d\' >'


def _texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter() if e.tag in (f"{SVG}text", f"{SVG}title")]


def test_fit_exponent_recovers_k():
    ns = [1000, 2000, 5000, 10_000, 50_000]
    k, c = scaling.fit_exponent(ns, [3e-5 * n ** 1.5 for n in ns])
    assert k == pytest.approx(1.5, abs=1e-9) and c == pytest.approx(3e-5, rel=1e-6)
    noisy = [3e-5 * n ** 1.5 * (1 + 0.03 * (-1) ** i) for i, n in enumerate(ns)]
    assert scaling.fit_exponent(ns, noisy)[0] == pytest.approx(1.5, abs=0.05)
    with pytest.raises(ValueError):
        scaling.fit_exponent([1000, 1000], [1.0, 2.0])


def test_loglog_svg_is_well_formed_and_escaped():
    series = {NASTY: [(1000, 0.5), (2000, 1.4), (5000, 5.6)], "hunalign (CPU)": [(1000, 0.02)]}
    svg = scaling.svg_loglog(series, f"title {NASTY}", "n <sentences>", "seconds & more")
    root = ET.fromstring(svg)
    texts = _texts(root)
    assert f"title {NASTY}" in texts and NASTY in texts and "n <sentences>" in texts
    assert "seconds & more" in texts and "1k" in texts and "5k" in texts
    assert len(root.findall(f"{SVG}polyline")) == 1  # a single point draws no line
    ET.fromstring(scaling.svg_loglog({}, "empty", "x", "y"))  # no data: still an SVG


@pytest.mark.parametrize("lo,hi,expected", [
    (900, 55_000, [1000, 2000, 5000, 10_000, 20_000, 50_000]),
    (0.009, 120, [0.01, 0.1, 1, 10, 100]),
    (260, 1400, [300, 400, 500, 600, 700, 800, 900, 1000]),
])
def test_log_ticks(lo, hi, expected):
    assert scaling.log_ticks(lo, hi) == pytest.approx(expected)


def _result(case, scorer, **data):
    return scaling.Result(case, scorer, "ok", data)


def test_table_exponents_and_statuses():
    cs = scaling.cases([1000, 2000], [(5000, 800)], 450)
    assert [c.kind for c in cs] == ["NxN", "NxN", "skewed", "partial", "partial", "partial"]
    a, b, sk = cs[:3]
    results = [
        _result(a, "lexical", sentences=1000, tgt_sentences=1000, seconds=1.0, cpu_seconds=2.0,
                align_cpu_seconds=1.0, peak_rss_mb=100, strict_f1=1.0),
        _result(a, "hunalign", sentences=1000, cpu_seconds=0.1, strict_f1=1.0, refused=False),
        _result(b, "lexical", sentences=2000, tgt_sentences=2000, seconds=4.0, cpu_seconds=5.0,
                align_cpu_seconds=4.0, peak_rss_mb=150, strict_f1=0.99),
        scaling.Result(b, "auto", "timeout > 9 s"),
        _result(b, "hunalign", sentences=2000, cpu_seconds=0.4, strict_f1=1.0, refused=False),
        _result(sk, "lexical", sentences=5000, tgt_sentences=800, seconds=3.0, cpu_seconds=4.0,
                peak_rss_mb=120, strict_f1=0.9),
        _result(sk, "hunalign", sentences=5000, cpu_seconds=0.001, strict_f1=None, refused=True),
    ]
    fits = scaling.exponents(results)
    assert fits["lexical"][0] == pytest.approx(2.0) and fits["hunalign"][0] == pytest.approx(2.0)
    table = scaling.markdown_table(results, with_hunalign=True)
    rows = table.splitlines()
    assert rows[0].startswith("| case | scorer | n_src | n_tgt | align s |") and len(rows) == 6
    assert "| 20x |" in rows[2] and "timeout > 9 s" in rows[4]
    assert "refused" in rows[5] and "x |" not in rows[5].split("|")[-3]  # no ratio when refused
    assert "hunalign" not in scaling.markdown_table(results, with_hunalign=False).splitlines()[0]
    assert any("lexical: k = 2.00" in line for line in scaling.exponent_lines(results))


def test_run_child_reports_timeouts_and_failures():
    status, data = scaling.run_child([sys.executable, "-c", "import time; time.sleep(30)"], 0.5)
    assert status.startswith("timeout") and data == {}
    status, _ = scaling.run_child([sys.executable, "-c", "raise SystemExit('boom')"], 30)
    assert status.startswith("failed (exit 1)") and "boom" in status
    status, data = scaling.run_child([sys.executable, "-c", "print('x'); print('{\"a\": 1}')"], 30)
    assert status == "ok" and data == {"a": 1}


@pytest.mark.parametrize("placement,start", [("prefix", 0), ("middle", 5), ("suffix", 10)])
def test_partial_gold(placement, start):
    assert stress.stretch_start(14, 4, placement) == start
    gold = stress.partial_gold(14, 4, start)
    assert [b for b in gold if b.tgt] == [Bead((start + k,), (k,)) for k in range(4)]
    assert sorted(i for b in gold for i in b.src) == list(range(14))
    assert sum(1 for b in gold if not b.tgt) == 10
    with pytest.raises(ValueError):
        stress.stretch_start(3, 4, placement)


def test_rungs_to_beads_as_the_adapter():
    # hunalign's ladder: a 1:1, a 2:1, a 0:1 and the closing rung added when missing
    text = "0\t0\t0.5\n1\t1\t0.3\n3\t2\t0.2\n3\t3\t0.1\n"
    beads = stress.rungs_to_beads(text, 4, 4)
    assert beads == [Bead((0,), (0,)), Bead((1, 2), (1,)), Bead((), (2,)), Bead((3,), (3,))]
    assert stress.rungs_to_beads("", 3, 3) == []
    gold = [Bead((i,), (i,)) for i in range(4)]
    assert evaluate([(beads, gold)]).f1_strict == pytest.approx(0.5)  # 2 of 4 beads, 2 of 4 gold


# -- the profiler's pieces --------------------------------------------------------------------

def test_folded_roundtrip_and_categories():
    counts = Counter({
        ("benchmarks.profile:run_documents", "align.aligner.api:align_documents",
         "align.scorers.lexical:LexicalScorer.prepare", "align.text.normalize:analyse"): 5,
        ("benchmarks.profile:run_documents", "align.aligner.api:align_documents",
         "align.scorers.lexical:LexicalScorer.prepare", "numpy:dot"): 3,
        ("benchmarks.profile:run_documents", "align.aligner.dp:align_dp", "align.types:x"): 2,
        ("benchmarks.profile:run_documents", "align.aligner.api:align_documents"): 1,
        ("runpy:_run_module_as_main",): 1,
    })
    assert profile.parse_folded(profile.to_folded(counts)) == counts
    shares = {label.split()[0]: k for label, k, _ in profile.summary(counts)}
    assert shares == {"align.text": 5, "align.scorers": 3, "align.aligner.dp": 2,
                      "align.aligner": 1, "other": 1}
    assert sum(s for _, _, s in profile.summary(counts)) == pytest.approx(1.0)


def test_trim_cuts_above_the_loop():
    stacks = {("runpy:_run", "__main__:main", "__main__:run_documents", "align.x:f"): 2,
              ("runpy:_run", "benchmarks.profile:run_documents"): 1, ("atexit:g",): 1}
    assert profile.trim(stacks) == Counter({
        ("benchmarks.profile:run_documents", "align.x:f"): 2,
        ("benchmarks.profile:run_documents",): 1, ("atexit:g",): 1})


def test_flamegraph_svg_well_formed_escaped_with_titles():
    counts = Counter({("root:main", f"mod:{NASTY}"): 7, ("root:main", "mod:b" * 40): 3,
                      ("root:main", "mod:tiny"): 0, ("root:main",): 1})
    svg = profile.flamegraph_svg(counts, f"flame {NASTY}")
    root = ET.fromstring(svg)
    rects = [g for g in root.iter(f"{SVG}g") if g.find(f"{SVG}rect") is not None]
    titles = ["".join(g.find(f"{SVG}title").itertext()) for g in rects]
    assert len(rects) == 4  # all, root:main and its two children with samples
    assert f"mod:{NASTY} (7 samples, 63.64%)" in titles
    texts = _texts(root)
    assert f"flame {NASTY}" in texts
    long = ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]
    long = [t for t in long if t.startswith("mod:bmod:b")]
    assert long and all(t.endswith("..") for t in long)  # cut to fit its rectangle
    widths = {"".join(g.find(f"{SVG}title").itertext()).split(" (")[0]:
              float(g.find(f"{SVG}rect").get("width")) for g in rects}
    assert widths[f"mod:{NASTY}"] == pytest.approx(widths["all"] * 7 / 11, abs=0.02)


def test_sampler_records_stacks():
    sampler = profile.Sampler(0.001)

    def spin() -> float:
        x = 0.0
        for i in range(3_000_000):
            x += math.sqrt(i)
        return x

    with sampler.running():
        spin()
    assert sum(sampler.counts.values()) > 0
    assert any(s[-1].endswith(":test_sampler_records_stacks.<locals>.spin")
               for s in sampler.counts)


# -- stress children on the shared data -------------------------------------------------------

def _stress(*args: str) -> dict:
    env = {**os.environ, "ALIGN_SHARED_DATA": str(DATA), "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, "-m", "benchmarks.stress", *args], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300, check=False)
    assert res.returncode == 0, res.stderr[-2000:]
    return json.loads(res.stdout.strip().splitlines()[-1])


@needs_data
def test_unique_sentences_are_unique_and_ordered():
    src, tgt = stress.unique_sentences(DATA)
    assert len(src) == len(set(src)) == len(tgt) and 2900 <= len(src) <= 3100
    pair = stress.build_pair(DATA, 10**6, 450, "suffix", unique=True)
    assert len(pair.src) == len(src) and pair.tgt == tgt[-450:] and pair.start == len(src) - 450


@needs_data
def test_stress_unique_partial_lexical():
    out = _stress("--unique", "--sentences", "600", "--tgt-sentences", "90", "--placement",
                  "middle", "--scorer", "lexical")
    assert (out["sentences"], out["tgt_sentences"], out["placement"]) == (600, 90, "middle")
    assert out["strict_f1"] == 1.0
    assert out["cpu_seconds"] > 0 and out["peak_rss_mb"] > 0 and out["seconds"] > 0


@needs_data
@needs_hunalign
def test_stress_hunalign_pair_and_refusal():
    out = _stress("--unique", "--sentences", "600", "--tgt-sentences", "300", "--hunalign")
    assert out["peer"] == "hunalign" and out["refused"] is False
    assert out["strict_f1"] > 0.8 and out["cpu_seconds"] > 0
    out = _stress("--unique", "--sentences", "600", "--tgt-sentences", "90", "--hunalign")
    assert out["refused"] is True and out["strict_f1"] is None


@needs_data
@needs_hunalign
def test_stress_hunalign_ntrex_batch():
    out = _stress("--ntrex", "--hunalign")
    assert out["documents"] == 123 and out["failed"] == 0 and out["strict_f1"] > 0.9
