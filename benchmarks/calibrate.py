"""Fit the bead-score calibration on tuning data and report its reliability.

For every bead the aligner outputs on the tuning cases, the label is whether gold holds
exactly that bead. Link beads are fitted as ``p = sigmoid(w * sim + b)``; null beads as
``p = sigmoid(-(w * alt + b))`` with ``alt`` the sentence's best nearby 1:1 similarity.
Prints the coefficients (copy them into ``align/aligner/calibrate.py``), the expected
calibration error (ECE, 10 equal-width bins) and the reliability table, on the tuning
cases and on the test cases (held out).

With ``--write-reliability [PATH]`` it also writes the held-out reliability table of the
*shipped* calibration (``align.aligner.calibrate.DEFAULT``) on the test cases, with its
provenance, to PATH (default ``align/data/calibration/reliability.json``, which
``align report`` draws as a reliability diagram).

    python -m benchmarks.calibrate [--write-reliability]
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from align.aligner import align_documents
from align.aligner.calibrate import DEFAULT, Calibration
from align.io import write_atomic
from align.report.reliability import reliability
from benchmarks.datasets import default_data_dir, load

RELIABILITY_PATH = Path(__file__).resolve().parent.parent / "align" / "data" / "calibration" \
    / "reliability.json"
DATA = {"ntrex_summary": "NTREX-128 test half (crc32 split, 60 documents) with synthetic "
                         "English summaries (benchmarks/summary.py), summary profile",
        "ntrex_translation": "NTREX-128 test half, complete translations, translation profile",
        "textberg": "Text+Berg de-fr test0-test6 (as distributed with Vecalign), translation "
                    "profile"}

SETS = {"ntrex_summary": "summary", "ntrex_translation": "translation", "textberg": "translation"}


def _collect(split: str, calib: Calibration) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(scores, labels, is_link) over every predicted bead of the split's cases."""
    scores, labels, links = [], [], []
    data = default_data_dir()
    for name, profile in SETS.items():
        for case in load([name], data, split)[name]:
            aln = align_documents(case.src, case.tgt, "lexical", mode="monotonic",
                                  profile=profile, calibration=calib)
            gold = {(b.src, b.tgt) for b in case.gold}
            for b in aln.beads:
                scores.append(b.score)
                labels.append((b.src, b.tgt) in gold)
                links.append(not b.is_null)
    return np.array(scores), np.array(labels, float), np.array(links)


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def fit_logistic(x: np.ndarray, y: np.ndarray, iters: int = 50) -> tuple[float, float]:
    """Newton's method for ``sigmoid(w * x + b)`` by maximum likelihood (small L2)."""
    w, b = 1.0, 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(w * x + b)))
        g = np.array([((p - y) * x).sum() + 1e-3 * w, (p - y).sum()])
        h = p * (1 - p)
        H = np.array([[(h * x * x).sum() + 1e-3, (h * x).sum()], [(h * x).sum(), h.sum()]])
        step = np.linalg.solve(H + 1e-9 * np.eye(2), g)
        w, b = w - step[0], b - step[1]
        if np.abs(step).max() < 1e-8:
            break
    return float(w), float(b)


def ece(scores: np.ndarray, labels: np.ndarray, bins: int = 10) -> tuple[float, list[str]]:
    """Expected calibration error and a reliability table (one line per non-empty bin)."""
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(scores, edges) - 1, 0, bins - 1)
    total, rows = 0.0, []
    for k in range(bins):
        sel = idx == k
        if not sel.any():
            continue
        conf, acc = scores[sel].mean(), labels[sel].mean()
        total += sel.sum() / len(scores) * abs(conf - acc)
        rows.append(f"  [{edges[k]:.1f}, {edges[k + 1]:.1f})  n={sel.sum():5d}  "
                    f"mean score={conf:.3f}  share right={acc:.3f}")
    return total, rows


def write_reliability(path: Path) -> None:
    """Write the held-out reliability table of the shipped calibration to *path*."""
    from align import __version__

    sc, lab, lk = _collect("test", DEFAULT)
    parts = {name: reliability(sc[sel].tolist(), lab[sel].astype(bool).tolist())
             for name, sel in (("links", lk), ("nulls", ~lk))}
    table = reliability(
        sc.tolist(), lab.astype(bool).tolist(),
        label="held-out test cases (NTREX-128 test half, Text+Berg test0-6), all beads",
        provenance={
            "data": list(DATA.values()), "split": "test (held out; calibration fitted on "
            "the tune split: NTREX tune half and Text+Berg dev)",
            "label": "a bead is right when gold has exactly the same source and target ids",
            "aligner": "align_documents(..., 'lexical', mode='monotonic', profile per data set)",
            "calibration": asdict(DEFAULT), "align_version": __version__,
            "command": "python -m benchmarks.calibrate --write-reliability",
            "ece_links": round(parts["links"].ece, 4), "n_links": parts["links"].n,
            "ece_nulls": round(parts["nulls"].ece, 4), "n_nulls": parts["nulls"].n})
    write_atomic(path, json.dumps(table.to_dict(), indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {path}: n={table.n} ECE={table.ece:.4f}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write-reliability", nargs="?", const=str(RELIABILITY_PATH), default=None,
                    metavar="PATH", help="also write the held-out reliability table (JSON) "
                    f"of the shipped calibration (default path: {RELIABILITY_PATH})")
    args = ap.parse_args(argv)
    # Raw inputs: run with the identity-like calibration, then invert to recover sim/alt.
    ident = Calibration("raw", 1.0, 0.0, 1.0, 0.0)
    s, y, link = _collect("tune", ident)
    sim = _logit(s[link])  # sigmoid(1 * sim + 0) inverted
    alt = -_logit(s[~link])  # 1 - sigmoid(alt) = sigmoid(-alt)
    w_l, b_l = fit_logistic(sim, y[link])
    w_n, b_n = fit_logistic(-alt, y[~link])  # p = sigmoid(-(w * alt + b)) = sigmoid(w' * -alt + b')
    fitted = replace(DEFAULT, w_link=round(w_l, 3), b_link=round(b_l, 3),
                     w_null=round(w_n, 3), b_null=round(-b_n, 3))
    print(f"fitted: {fitted}")
    for split in ("tune", "test"):
        sc, lab, lk = _collect(split, fitted)
        for label, sel in (("all", np.ones_like(lk)), ("links", lk), ("nulls", ~lk)):
            e, rows = ece(sc[sel], lab[sel])
            print(f"{split} {label}: n={int(sel.sum())} ECE={e:.4f}")
            if label == "all":
                print("\n".join(rows))
    if args.write_reliability:
        write_reliability(Path(args.write_reliability))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
