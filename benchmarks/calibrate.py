"""Fit the bead-score calibration on tuning data and report its reliability.

For every bead the aligner outputs on the tuning cases, the label is whether gold holds
exactly that bead. Link beads are fitted as ``p = sigmoid(w * sim + b)``; null beads as
``p = sigmoid(-(w * alt + b))`` with ``alt`` the sentence's best nearby 1:1 similarity.
Prints the coefficients (copy them into ``align/aligner/calibrate.py``), the expected
calibration error (ECE, 10 equal-width bins) and the reliability table, on the tuning
cases and on the test cases (held out).

    python -m benchmarks.calibrate
"""
from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from align.aligner import align_documents
from align.aligner.calibrate import DEFAULT, Calibration
from benchmarks.datasets import default_data_dir, load

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


def main(argv: Sequence[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__).parse_args(argv)
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
