"""The compiled and numpy kernels give bit-identical results, and the coarse-to-fine band
keeps alignments exact (full table vs band, partial coverage anywhere in a long source)."""
from __future__ import annotations

import os
import random
from pathlib import Path

import numpy as np
import pytest

from align import kernels
from align.aligner import align_documents, bead_shapes
from align.aligner import band as band_mod
from align.aligner.band import coarse_band
from align.aligner.costs import cost_model
from align.kernels import reference
from align.scorers.lexical import LexicalScorer
from align.types import Bead, Document

try:
    from align.kernels import _compiled  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - exercised where no compiler built it
    _compiled = None

needs_compiled = pytest.mark.skipif(_compiled is None, reason="compiled kernels not built")


def test_compiled_kernels_are_built_and_used() -> None:
    """pip builds the extension on install (setup.py); without it every alignment would
    silently run the slower numpy kernels."""
    if os.environ.get("ALIGN_KERNELS") == "numpy":
        assert kernels.BACKEND == "numpy"
    else:
        assert _compiled is not None, "align.kernels._compiled was not built"
        assert kernels.BACKEND == "compiled"


def _random_band(rng: np.random.Generator, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    centre = np.round(np.arange(n + 1) * m / max(n, 1)).astype(np.int64)
    width = rng.integers(1, 6, n + 1)
    lo = np.clip(centre - width, 0, m)
    hi = np.clip(centre + width + 1, 1, m + 1)
    lo[0], hi[n] = 0, m + 1
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[1:] = np.minimum(lo[1:], hi[:-1] - 1)
    return lo.astype(np.int64), hi.astype(np.int64)


@needs_compiled
@pytest.mark.parametrize("seed", range(12))
def test_dp_fill_is_identical(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(0, 40)), int(rng.integers(0, 40))
    lo, hi = _random_band(rng, n, m)
    off = np.concatenate([[0], np.cumsum(hi - lo)]).astype(np.int64)
    shapes = bead_shapes(5)
    links = [k for k, (a, b) in enumerate(shapes) if a and b]
    link_row = np.full(len(shapes), -1, np.int64)
    link_row[links] = np.arange(len(links))
    cost = rng.uniform(0, 4, (len(links), int(off[-1])))
    cost[rng.random(cost.shape) < 0.1] = np.inf
    cost[:, : int(off[-1]) // 3] = np.round(cost[:, : int(off[-1]) // 3], 1)  # ties
    skip_s = rng.uniform(0.2, 2, n)
    cum_t = np.concatenate([[0.0], np.cumsum(rng.uniform(0.2, 2, m))])
    args = (np.array([a for a, _ in shapes], np.int64), np.array([b for _, b in shapes], np.int64),
            link_row, skip_s, cum_t)
    tables = []
    for impl in (reference, _compiled):
        D, back = np.empty(int(off[-1])), np.empty(int(off[-1]), np.int8)
        row = 0
        while row <= n:  # in uneven batches of rows, as the aligner does
            end = min(n + 1, row + int(rng.integers(1, 5)))
            impl.dp_fill(lo, hi, off, D, back, cost[:, off[row]:], int(off[row]), *args[:2],
                         args[2], args[3], args[4], row, end, shapes.index((0, 1)))
            row = end
        tables.append((D, back))
    assert np.array_equal(tables[0][0], tables[1][0])  # bit for bit, inf included
    assert np.array_equal(tables[0][1], tables[1][1])


@needs_compiled
@pytest.mark.parametrize("a, b", [(1, 1), (2, 1), (1, 3), (2, 2), (3, 2)])
def test_lex_sims_is_identical(a: int, b: int) -> None:
    rng = np.random.default_rng(a * 10 + b)
    n, m = 30, 25
    wlo = np.zeros(n, np.int64)
    roff = np.arange(n, dtype=np.int64) * m
    ms, mt = rng.uniform(0, 3, n * m), rng.uniform(0, 3, n * m)
    w_src, w_tgt = rng.uniform(0, 4, n), rng.uniform(0, 4, m)
    w_src[::7] = 0  # sentences without content
    cs = np.concatenate([[0.0], np.cumsum(rng.integers(0, 200, n))]).astype(float)
    ct = np.concatenate([[0.0], np.cumsum(rng.integers(0, 200, m))]).astype(float)
    S = rng.integers(0, n - a + 1, 200).astype(np.int64)
    T = rng.integers(0, m - b + 1, 200).astype(np.int64)
    outs = []
    for impl in (reference, _compiled):
        out = np.empty(S.size)
        impl.lex_sims(S, T, a, b, wlo, roff, ms, mt, w_src, w_tgt, cs, ct, 1.08, 0.8, 6.8, 0.5,
                      out)
        outs.append(out)
    assert np.array_equal(outs[0], outs[1])


def numbered(n: int, lang: str) -> list[str]:
    """Unique sentences that translate each other through their numbers and codes only."""
    if lang == "tr":
        return [f"Rapor {1000 + 7 * i} sayfasında KX{i}Q kodu ve {i + 3} madde var." for i in range(n)]
    return [f"Report {1000 + 7 * i} lists code KX{i}Q and {i + 3} items." for i in range(n)]


@pytest.mark.parametrize("placement", ["prefix", "middle", "suffix"])
def test_coarse_band_finds_a_stretch_anywhere(placement: str, monkeypatch) -> None:
    """English covering a prefix, a middle stretch or a suffix of a long source: the
    coarse-to-fine search (forced here by a small full-table limit, recursing twice) gives
    the exact alignment, the same as the full table."""
    n, m = 900, 120
    start = {"prefix": 0, "middle": 390, "suffix": n - m}[placement]
    src = Document.from_texts(numbered(n, "tr"), "tr")
    tgt = Document.from_texts(numbered(n, "en")[start:start + m], "en")
    gold = ([Bead((i,), ()) for i in range(start)] + [Bead((start + k,), (k,)) for k in range(m)]
            + [Bead((i,), ()) for i in range(start + m, n)])
    full = align_documents(src, tgt, LexicalScorer(), mode="monotonic", profile="summary")
    calls: list[int] = []
    real = band_mod.coarse_band

    def counted(*args, **kw):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kw)

    monkeypatch.setattr(band_mod, "FULL_CELLS", 500)
    monkeypatch.setattr(band_mod, "coarse_band", counted)
    banded = align_documents(src, tgt, LexicalScorer(), mode="monotonic", profile="summary")
    assert len(calls) >= 2  # the coarse pass was itself banded
    assert [(b.src, b.tgt) for b in banded.beads] == [(g.src, g.tgt) for g in gold]
    assert [(b.src, b.tgt, b.score) for b in banded.beads] == [
        (b.src, b.tgt, b.score) for b in full.beads]


def test_coarse_band_is_thin() -> None:
    """The band around the coarse path grows with n + m, not n x m."""
    n = 2000
    src = Document.from_texts(numbered(n, "tr"), "tr")
    tgt = Document.from_texts(numbered(n, "en"), "en")
    pp = LexicalScorer().prepare(src, tgt)
    band = coarse_band(pp, cost_model("translation"), 0, n, 0, n)
    assert band is not None
    assert band.cells < 60 * n  # a full table would be (n + 1) ** 2
    assert all(band.lo[i] <= i < band.hi[i] for i in range(n + 1))  # holds the diagonal


@needs_compiled
def test_alignments_do_not_depend_on_the_kernels(monkeypatch) -> None:
    """Real documents (the bundled samples' sources against their digests' excerpts, and
    random pairings) align to the same beads and scores with either implementation."""
    root = Path(__file__).resolve().parents[1] / "samples"
    texts = sorted(root.rglob("*.txt"))
    assert texts
    rng = random.Random(3)
    pairs = []
    for p in texts[:6]:
        lines = [x for x in p.read_text(encoding="utf-8", errors="replace").splitlines()
                 if x.strip()][:60]
        other = [x for x in rng.choice(texts).read_text(encoding="utf-8", errors="replace").splitlines()
                 if x.strip()][:40]
        pairs.append((lines, other))
    results = []
    for impl in (_compiled, reference):
        monkeypatch.setattr(kernels, "dp_fill", impl.dp_fill)
        monkeypatch.setattr(kernels, "lex_sims", impl.lex_sims)
        run = []
        for a, b in pairs:
            aln = align_documents(Document.from_texts(a, "tr"), Document.from_texts(b, "en"),
                                  LexicalScorer(), mode="monotonic", profile="auto")
            run.append([(x.src, x.tgt, x.score) for x in aln.beads])
        results.append(run)
    assert results[0] == results[1]


def test_cli_says_which_kernels_run(capsys: pytest.CaptureFixture[str]) -> None:
    from align.cli import main

    assert main(["scorers"]) == 0
    assert f"aligner kernels: {kernels.BACKEND}" in capsys.readouterr().out
