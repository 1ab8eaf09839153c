"""Fit the bead-score calibration per evidence kind and mode, on tuning data and negatives.

For every bead the aligner outputs, the label is whether gold holds exactly that bead.
Cases (:data:`RUNS`): the tuning split of NTREX (summary and translation) and Text+Berg
``dev`` (cut in parts) aligned with their profiles; the abstract samples and the summary
sets in free mode; and *negatives* (:data:`benchmarks.datasets.NEGATIVES`: a document
against another document's English, where gold is all nulls and every link is wrong),
aligned as a user would (``mode=auto``) and in free mode. Per evidence kind the scorer
shows (``hybrid/lexicon/use-m3`` for tr-en, ``hybrid/surface/use-m3`` for de-fr, ...;
free mode as ``free/<kind>``), the three logistic models of
:class:`align.aligner.calibrate.Calibration` are fitted (:func:`fit`).

Prints, per evidence kind and split, the expected calibration error (ECE, 10 bins) of
links, nulls and all beads; and on the negatives of the test split the share of pairs
with a link scored above 0.5 and the share that gets the relatedness warning (the positive
cases' false-warning share too).

    python -m benchmarks.calibrate --scorer hybrid@use-m3 [--write]
    python -m benchmarks.calibrate --scorer lexical --write --write-reliability

``--write`` stores the fitted models (with provenance and the held-out ECE) in
``align/data/calibration/calibrations.json``, replacing the entries of this scorer;
``--write-reliability [PATH]`` writes the held-out reliability table of the scorer with
the shipped calibrations (default ``align/data/calibration/reliability.json``, which
``align report`` draws).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from align.aligner import align_documents
from align.aligner.calibrate import CALIBRATIONS_FILE, Calibration
from align.io import write_atomic
from align.report.reliability import reliability
from benchmarks.datasets import NEGATIVES, default_data_dir, load
from benchmarks.scorers import make_scorer

DATA_DIR = Path(__file__).resolve().parent.parent / "align" / "data" / "calibration"
RELIABILITY_PATH = DATA_DIR / "reliability.json"
SETS = {"ntrex_summary": "summary", "ntrex_translation": "translation",
        "textberg_parts": "translation"}
FREE_SETS = ("sample_abstracts", "ntrex_summary", "flores_summary")  # aligned in free mode
RUNS = ([(n, "monotonic", p, False) for n, p in SETS.items()]
        + [(n, "free", "summary", False) for n in FREE_SETS]
        + [(n, "auto", "auto", True) for n in NEGATIVES]
        + [(n, "free", "summary", True) for n in NEGATIVES])
"""(dataset, mode, profile, negative?) of every alignment run the fit and the figures use."""
RAW = Calibration("raw", 1.0, 0.0, 1.0, 0.0)  # score = sigmoid(sim): inverted in fit()


@dataclass
class Beads:
    """Bead scores, labels and kinds of one evidence kind, plus per-pair facts."""

    scores: list[float] = field(default_factory=list)
    right: list[bool] = field(default_factory=list)
    link: list[bool] = field(default_factory=list)
    multi: list[bool] = field(default_factory=list)
    negative: list[bool] = field(default_factory=list)
    doc: list[float] = field(default_factory=list)
    # per pair: (negative?, any link above 0.5?, warned?, pair similarity)
    pairs: list[tuple[bool, bool, bool, float]] = field(default_factory=list)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return np.array(self.scores), np.array(self.right, float), np.array(self.link, bool)


def collect(split: str, scorer: object, calibration: dict[str, Calibration] | None,
            limit: int | None = None) -> dict[str, Beads]:
    """Beads of every positive and negative case of ``split``, grouped by evidence kind.

    ``calibration``: per evidence kind (missing kinds: RAW); None: the shipped ones.
    """
    out: dict[str, Beads] = defaultdict(Beads)
    data = default_data_dir()
    for name, mode, profile, negative in RUNS:
        for case in load([name], data, split, limit)[name]:
            calib = None
            if calibration is not None:  # as for_evidence: free mode falls back to its kind's
                ev = _evidence(scorer, case)
                calib = calibration.get(_key(ev, mode)) or calibration.get(ev) or RAW
            aln = align_documents(case.src, case.tgt, scorer, mode=mode, profile=profile,
                                  calibration=calib)
            ev = _key(str(aln.signature.params["evidence"]), aln.signature.mode)
            gold = {(b.src, b.tgt) for b in case.gold}
            rec = out[ev]
            for b in aln.beads:
                rec.scores.append(b.score)
                rec.right.append((b.src, b.tgt) in gold)
                rec.link.append(not b.is_null)
                rec.multi.append(len(b.src) + len(b.tgt) > 2)
                rec.negative.append(negative)
                rec.doc.append(float(aln.meta.get("doc_similarity", 0.0)))
            rec.pairs.append((negative, any(b.score > 0.5 for b in aln.beads if not b.is_null),
                              bool(aln.meta.get("warning")),
                              float(aln.meta.get("doc_similarity", 0.0))))
            print(".", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return out


def _key(evidence: str, mode: str) -> str:
    """The calibration entry of an evidence kind in a mode (free mode has its own)."""
    return f"free/{evidence}" if mode == "free" else evidence


_EVIDENCE: dict[tuple[str, str], str] = {}


def _evidence(scorer: object, case: object) -> str:
    """The evidence kind the scorer shows for a case's language pair (prepared once per pair)."""
    src, tgt = case.src, case.tgt  # type: ignore[attr-defined]
    key = (src.lang, tgt.lang)
    if key not in _EVIDENCE:
        from align.types import Document

        probe = scorer.prepare(Document.from_texts(src.texts[:2], src.lang),  # type: ignore[attr-defined]
                               Document.from_texts(tgt.texts[:2], tgt.lang))
        _EVIDENCE[key] = probe.evidence
    return _EVIDENCE[key]


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return np.log(p / (1 - p))


RIDGE_REL = 0.001
"""L2 on the relatedness model: related and unrelated pairs separate perfectly on the
tuning data, so the slope would grow without bound; the ridge keeps it finite."""


def fit_logistic(X: np.ndarray, y: np.ndarray, iters: int = 100, ridge: float = 1e-3
                 ) -> np.ndarray:
    """Newton's method for ``sigmoid(X @ w)`` by maximum likelihood with an L2 penalty;
    X holds a column of ones for the intercept."""
    w = np.zeros(X.shape[1])
    ridge = ridge * np.eye(X.shape[1])
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(X @ w)))
        g = X.T @ (p - y) + ridge @ w
        H = (X * (p * (1 - p))[:, None]).T @ X + ridge
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit(rec: Beads, name: str) -> Calibration | None:
    """The three models of one evidence kind (see :class:`Calibration`) from a RAW run:
    links on (sim - pair similarity, larger than 1:1, pair similarity) and nulls on the best
    alternative, over the beads of related pairs; relatedness on the pair similarity of
    related and unrelated pairs. A link weight below 0 (higher similarity, less confidence)
    is not kept: the link model is refitted without it. None when the kind has no related
    pair with links to fit on."""
    s, y, link = rec.arrays()
    multi, neg, doc = (np.array(rec.multi, float), np.array(rec.negative, bool),
                       np.array(rec.doc))
    sel = link & ~neg
    if not sel.any() or all(p[0] for p in rec.pairs):
        return None
    x = _logit(s)  # RAW: link score sigmoid(sim); null score 1 - sigmoid(alt) = sigmoid(-alt)
    one = np.ones_like(x)
    wl = fit_logistic(np.column_stack([x - doc, one, multi, doc])[sel], y[sel])
    if wl[0] < 0:
        wl = np.concatenate([[0.0], fit_logistic(np.column_stack([one, multi, doc])[sel], y[sel])])
    wn = fit_logistic(np.column_stack([x, one])[~link & ~neg], y[~link & ~neg])
    docs = np.array([p[3] for p in rec.pairs])
    related = np.array([not p[0] for p in rec.pairs], float)
    wr = fit_logistic(np.column_stack([docs, np.ones_like(docs)]), related, ridge=RIDGE_REL)
    # null: p = 1 - sigmoid(w_null * alt + b_null) = sigmoid(-w_null * alt - b_null), alt = -x
    r = (lambda v: round(float(v), 3))
    return Calibration(name, r(wl[0]), r(wl[1]), r(wn[0]), r(-wn[1]), r(wl[2]), r(wr[0]),
                       r(wr[1]), relative=True, w_link_doc=r(wl[3]))


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


def report(split: str, beads: dict[str, Beads]) -> dict[str, dict[str, float]]:
    """Print ECE per evidence kind and the negatives' figures; return them."""
    figures: dict[str, dict[str, float]] = {}
    for ev, rec in sorted(beads.items()):
        s, y, link = rec.arrays()
        row: dict[str, float] = {}
        for label, sel in (("all", np.ones_like(link)), ("links", link), ("nulls", ~link)):
            if sel.any():
                row[f"ece_{label}"] = round(ece(s[sel], y[sel])[0], 4)
                row[f"n_{label}"] = int(sel.sum())
        neg = [p for p in rec.pairs if p[0]]
        pos = [p for p in rec.pairs if not p[0]]
        if neg:
            row["neg_pairs"] = len(neg)
            row["neg_link_over_half"] = round(sum(p[1] for p in neg) / len(neg), 4)
            row["neg_warned"] = round(sum(p[2] for p in neg) / len(neg), 4)
        if pos:
            row["pos_pairs"] = len(pos)
            row["pos_warned"] = round(sum(p[2] for p in pos) / len(pos), 4)
        figures[ev] = row
        print(f"{split} {ev}: " + " ".join(f"{k}={v}" for k, v in row.items()))
        if link.any():
            print("\n".join(["  links:", *ece(s[link], y[link])[1]]))
    return figures


def write_calibrations(fitted: dict[str, Calibration], figures: dict[str, dict[str, float]],
                       scorer: str, command: str) -> Path:
    path = DATA_DIR / CALIBRATIONS_FILE
    doc = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {
        "schema": "align.calibrations/1", "calibrations": {}}
    # this scorer's entries are replaced as a whole: a kind it no longer fits goes
    doc["calibrations"] = {k: e for k, e in doc["calibrations"].items()
                           if e.get("scorer") != scorer}
    for ev, cal in fitted.items():
        doc["calibrations"][ev] = {
            **asdict(cal), "scorer": scorer,
            "fitted_on": "tune split: NTREX tune half (summary, translation), Text+Berg dev, "
                         "and their negatives (shifted pairs; dev cut in parts)",
            "command": f"python -m benchmarks.calibrate {command} --write",
            "held_out": figures.get(ev, {})}
    doc["calibrations"] = dict(sorted(doc["calibrations"].items()))
    write_atomic(path, json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    return path


def write_reliability(path: Path, beads: dict[str, Beads], scorer: str) -> None:
    """The held-out reliability table of ``scorer`` with the shipped calibrations."""
    from align import __version__

    s = [x for r in beads.values() for x in r.scores]
    y = [x for r in beads.values() for x in r.right]
    table = reliability(
        s, y, label=f"held-out test cases (NTREX-128 test half, Text+Berg test0-6, "
                    f"unrelated pairs), scorer {scorer}, all beads",
        provenance={"data": [f"{n} (test split, mode {m}, profile {p})" for n, m, p, _ in RUNS],
                    "split": "test (held out; calibration fitted on the tune split)",
                    "label": "a bead is right when gold has exactly the same source and "
                             "target ids; in unrelated pairs gold is all nulls",
                    "scorer": scorer, "align_version": __version__,
                    "command": f"python -m benchmarks.calibrate --scorer {scorer} "
                               "--write-reliability"})
    write_atomic(path, json.dumps(table.to_dict(), indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {path}: n={table.n} ECE={table.ece:.4f}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scorer", default="lexical", help="NAME[@MODEL] (%(default)s)")
    ap.add_argument("--write", action="store_true",
                    help=f"store the fitted models in align/data/calibration/{CALIBRATIONS_FILE}")
    ap.add_argument("--limit", type=int, default=None,
                    help="at most N documents per data set (slow encoders; the command "
                         "is recorded with the fit)")
    ap.add_argument("--write-reliability", nargs="?", const=str(RELIABILITY_PATH), default=None,
                    metavar="PATH", help="also write the held-out reliability table")
    args = ap.parse_args(argv)
    scorer = make_scorer(args.scorer)
    raw = collect("tune", scorer, {}, args.limit)
    fitted = {ev: cal for ev, rec in raw.items() if (cal := fit(rec, "logit.v2")) is not None}
    for ev, cal in fitted.items():
        print(f"fitted {ev}: {cal}")
    report("tune", collect("tune", scorer, fitted, args.limit))
    figures = report("test", collect("test", scorer, fitted, args.limit))
    if args.write:
        command = f"--scorer {args.scorer}" + (f" --limit {args.limit}" if args.limit else "")
        print(f"wrote {write_calibrations(fitted, figures, args.scorer, command)}")
    if args.write_reliability:
        from align.aligner.calibrate import fitted as shipped

        shipped.cache_clear()
        write_reliability(Path(args.write_reliability), collect("test", scorer, None), args.scorer)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
