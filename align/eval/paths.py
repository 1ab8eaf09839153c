"""``align eval`` on files or folders: match predictions to gold, score, format."""
from __future__ import annotations

from pathlib import Path

from align.errors import InputError
from align.eval.metrics import EvalResult, evaluate_document
from align.eval.read import read_beads
from align.formats.alignment import read_alignment


def _pairs(pred: Path, gold: Path) -> list[tuple[Path, Path]]:
    if pred.is_dir() != gold.is_dir():
        raise InputError(f"{pred} and {gold}: give two files or two folders")
    if not pred.is_dir():
        return [(pred, gold)]
    gold_files = {p.name: p for p in sorted(gold.iterdir()) if p.is_file()}
    pairs = [(p, gold_files[p.name]) for p in sorted(pred.iterdir()) if p.name in gold_files]
    if not pairs:
        raise InputError(f"{pred}: no file has a namesake in {gold}")
    return pairs


def gold_pairs(path: Path) -> set[tuple[int, int]] | None:
    """Hand-written (source id, target id) links of a gold alignment JSON, if it has them."""
    if path.read_bytes()[:1] != b"{":
        return None
    links = read_alignment(path).meta.get("links")
    return None if links is None else {(int(i), int(j)) for src, j in links for i in src}


def evaluate_paths(pred: str | Path, gold: str | Path) -> EvalResult:
    """Score a prediction file (alignment JSON or beads) against gold, or folders of them."""
    total = EvalResult()
    for p, g in _pairs(Path(pred), Path(gold)):
        total = total + evaluate_document(read_beads(p), read_beads(g), gold_pairs(g))
    return total


def _f(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:.3f}"


def format_result(r: EvalResult) -> str:
    """A small table: strict and lax P/R/F1, then null decisions per side."""
    lines = [f"documents: {r.n_docs}", f"{'':8} {'P':>6} {'R':>6} {'F1':>6}",
             (f"{'strict':8} {_f(r.precision_strict):>6} {_f(r.recall_strict):>6} "
             f"{_f(r.f1_strict):>6}"),
             f"{'lax':8} {_f(r.precision_lax):>6} {_f(r.recall_lax):>6} {_f(r.f1_lax):>6}"]
    lines.append(f"{'pairs':8} {_f(r.precision_pairs):>6} {_f(r.recall_pairs):>6} "
                 f"{_f(r.f1_pairs):>6}")
    for side, label in (("src", "src-null"), ("tgt", "tgt-null")):
        p, rec, f = r.null_scores(side)
        lines.append(f"{label:8} {_f(p):>6} {_f(rec):>6} {_f(f):>6}")
    return "\n".join(lines)
