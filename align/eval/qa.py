"""Precision and recall of the QA checks against planted errors (``align eval --qa``).

Gold flags come from ``qa_gold.json`` next to a sample's ``.seg`` files (``samples/qa/<name>/``,
see its README): ``{"flags": [{"type", "tgt", "src", "note"}, ...]}`` where ``tgt`` and ``src``
are 0-based sentence ids of the gold segmentation, at least one set. Matching (per document,
per flag type):

* a predicted flag sits on a bead of the predicted alignment; it may match a gold flag of
  the same type when the gold ``tgt`` sentence is in that bead, or, when the gold has a
  ``src`` (omissions: the skipped source sentence), when that bead holds the ``src``
  sentence or a source sentence next to it (``src - 1``, ``src + 1``), or is the bead just
  before or after the one holding ``src`` in the alignment's bead order;
* each gold flag matches at most one predicted flag and each predicted flag at most one
  gold flag; among the possible pairings the largest is taken (bipartite matching), so
  the counts do not depend on the order in which flags are listed;
* unmatched predicted flags are false positives, unmatched gold flags false negatives.

"False flags per 20 clean English sentences" is ``fp_clean * 20 / n_clean``: the spurious
flags on beads with no English sentence a gold flag points at, per 20 of the ``n_clean``
English sentences no gold flag points at (the issue's budget is at most 1). A flag of the
wrong type on a sentence with a planted error lowers precision but is no false alarm. Precision is None when nothing was flagged, recall None when nothing was planted.
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from align.errors import InputError, SchemaError
from align.io.read import read_json
from align.qa.registry import types
from align.types import Alignment, Flag

log = logging.getLogger("align")



@dataclass(frozen=True)
class QACounts:
    """Matched (tp), spurious (fp) and missed (fn) flags of one type, or of all types;
    ``fp_clean``: the spurious flags on clean sentences (beads with no English sentence a
    gold flag points at)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    fp_clean: int = 0

    def __add__(self, other: QACounts) -> QACounts:
        return QACounts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn,
                        self.fp_clean + other.fp_clean)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "fp_clean": self.fp_clean,
                "precision": self.precision, "recall": self.recall}


def _sum(a: Mapping[str, QACounts], b: Mapping[str, QACounts]) -> dict[str, QACounts]:
    return {k: a.get(k, QACounts()) + b.get(k, QACounts()) for k in dict.fromkeys([*a, *b])}


@dataclass(frozen=True)
class QAResult:
    """Counts per flag type summed over documents.

    ``n_target``: English sentences scored, ``n_clean`` those no gold flag points at;
    ``misses``: one readable line per false
    positive or false negative (``"FN long-court: omission tgt 2 src 3 — note"``);
    ``signature``: what produced the flags (alignment signature or ``gold``).
    """

    counts: Mapping[str, QACounts] = field(default_factory=dict)
    n_target: int = 0
    n_docs: int = 0
    misses: tuple[str, ...] = ()
    signature: str = ""
    n_clean: int | None = None
    by_rule: Mapping[str, QACounts] = field(default_factory=dict)
    """Predicted flags right (tp) and wrong (fp) per ``type:rule:severity`` (the key of
    `align.qa.confidence`)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "counts", MappingProxyType(dict(self.counts)))
        object.__setattr__(self, "misses", tuple(self.misses))
        object.__setattr__(self, "by_rule", MappingProxyType(dict(self.by_rule)))

    def __add__(self, other: QAResult) -> QAResult:
        counts = _sum(self.counts, other.counts)
        return QAResult(counts, self.n_target + other.n_target, self.n_docs + other.n_docs,
                        self.misses + other.misses, self.signature or other.signature,
                        self.clean + other.clean, _sum(self.by_rule, other.by_rule))

    @property
    def clean(self) -> int:
        """English sentences no gold flag points at (all of them when not counted)."""
        return self.n_target if self.n_clean is None else self.n_clean

    def types(self) -> list[str]:
        """The stable types first (all of them), then any other type seen, sorted."""
        order = types()
        return list(order) + sorted(k for k in self.counts if k not in order)

    def get(self, type_: str) -> QACounts:
        return self.counts.get(type_, QACounts())

    @property
    def overall(self) -> QACounts:
        total = QACounts()
        for c in self.counts.values():
            total = total + c
        return total

    def false_per_20(self, type_: str | None = None) -> float:
        """False flags on clean English sentences per 20 of them, of one type or (None) of
        all (a flag of the wrong type on a sentence with a planted error is counted in
        ``fp``, not here)."""
        fp = (self.overall if type_ is None else self.get(type_)).fp_clean
        return fp * 20 / self.clean if self.clean else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_docs": self.n_docs, "n_target": self.n_target, "n_clean": self.clean,
            "signature": self.signature,
            "types": {t: {**self.get(t).to_dict(), "false_per_20": self.false_per_20(t)}
                      for t in self.types()},
            "overall": {**self.overall.to_dict(), "false_per_20": self.false_per_20()},
            "misses": list(self.misses),
        }


def _check_gold(aln: Alignment, gold_flags: Sequence[Mapping[str, Any]], where: str) -> None:
    n_src, n_tgt = len(aln.source), len(aln.target)
    for k, g in enumerate(gold_flags):
        if not isinstance(g.get("type"), str) or not g["type"]:
            raise SchemaError(f"{where}: gold flag {k} has no 'type'")
        tgt, src = g.get("tgt"), g.get("src")
        if tgt is None and src is None:
            raise SchemaError(f"{where}: gold flag {k} ({g['type']}) has neither 'tgt' nor 'src'")
        for key, value, n in (("tgt", tgt, n_tgt), ("src", src, n_src)):
            if value is not None and (not isinstance(value, int) or not 0 <= value < n):
                raise SchemaError(f"{where}: gold flag {k} {key}={value!r} is not a sentence id "
                                  f"(0..{n - 1})")


def _candidates(aln: Alignment, g: Mapping[str, Any]) -> set[int]:
    """Indices of the beads on which a predicted flag may match gold flag ``g``."""
    ok: set[int] = set()
    tgt, src = g.get("tgt"), g.get("src")
    for b, bead in enumerate(aln.beads):
        if tgt is not None and tgt in bead.tgt:
            ok.add(b)
        if src is not None and {src - 1, src, src + 1} & set(bead.src):
            ok.add(b)
            if src in bead.src:
                ok.update(x for x in (b - 1, b + 1) if 0 <= x < len(aln.beads))
    return ok


def _max_matching(edges: list[set[int]], n_right: int) -> list[int | None]:
    """Kuhn's augmenting paths; ``edges[i]``: right nodes left node ``i`` may take.
    Returns, per right node, the matched left node or None."""
    owner: list[int | None] = [None] * n_right

    def grab(i: int, seen: set[int]) -> bool:
        for r in sorted(edges[i]):
            if r in seen:
                continue
            seen.add(r)
            cur = owner[r]
            if cur is None or grab(cur, seen):
                owner[r] = i
                return True
        return False

    for i in range(len(edges)):
        grab(i, set())
    return owner


def evaluate_qa(pred: Alignment, gold_flags: Sequence[Mapping[str, Any]], *,
                name: str = "") -> QAResult:
    """Score the flags on ``pred``'s beads against ``gold_flags`` (one document).

    ``gold_flags``: mappings ``{"type", "tgt": id | None, "src": id | None, "note"?}`` with
    0-based sentence ids into ``pred``'s documents; raises SchemaError for a malformed one.
    """
    _check_gold(pred, gold_flags, name or "gold flags")
    predicted: list[tuple[int, Flag]] = [(b, f) for b, bead in enumerate(pred.beads)
                                         for f in bead.flags]
    seen = {f.type for _, f in predicted} | {g["type"] for g in gold_flags}
    order = types()
    found = [t for t in order if t in seen] + sorted(seen - set(order))
    counts: dict[str, QACounts] = {}
    misses: list[str] = []
    by_rule: dict[str, QACounts] = {}
    dirty = {g["tgt"] for g in gold_flags if g.get("tgt") is not None}
    label = f"{name}: " if name else ""
    for t in found:
        golds = [g for g in gold_flags if g["type"] == t]
        preds = [(b, f) for b, f in predicted if f.type == t]
        where = [_candidates(pred, g) for g in golds]
        edges = [{p for p, (b, _) in enumerate(preds) if b in where[k]}
                 for k in range(len(golds))]
        owner = _max_matching(edges, len(preds))
        matched_gold = {k for k in owner if k is not None}
        tp = len(matched_gold)
        on_clean = sum(1 for p, (b, _) in enumerate(preds)
                       if owner[p] is None and not dirty & set(pred.beads[b].tgt))
        counts[t] = QACounts(tp, len(preds) - tp, len(golds) - tp, on_clean)
        for k, g in enumerate(golds):
            if k not in matched_gold:
                misses.append(f"FN {label}{t} tgt {g.get('tgt')} src {g.get('src')} — "
                              f"{g.get('note', '')}".rstrip(" —"))
        for p, (b, f) in enumerate(preds):
            key = f"{t}:{f.rule}:{f.severity.value}"
            right = owner[p] is not None
            by_rule[key] = by_rule.get(key, QACounts()) + QACounts(int(right), int(not right))
            if owner[p] is None:
                bead = pred.beads[b]
                misses.append(f"FP {label}{t} bead src {list(bead.src)} tgt {list(bead.tgt)} — "
                              f"{f.message}".rstrip(" —"))
    return QAResult(counts, len(pred.target), 1, tuple(misses),
                    n_clean=len(pred.target) - len(dirty), by_rule=by_rule)


def read_qa_gold(path: str | Path, aln: Alignment | None = None) -> list[dict[str, Any]]:
    """The ``flags`` of a ``qa_gold.json`` (checked against ``aln``'s sentence counts)."""
    path = Path(path)
    data = read_json(path, "a qa_gold.json file")
    flags = data.get("flags") if isinstance(data, dict) else None
    if not isinstance(flags, list) or not all(isinstance(f, dict) for f in flags):
        raise SchemaError(f"{path}: expected {{\"flags\": [{{\"type\", \"tgt\", \"src\", "
                          f"\"note\"}}, ...]}}")
    if aln is not None:
        _check_gold(aln, flags, str(path))
    return flags


AlignFn = Callable[[Alignment], Alignment]
"""Given a sample's gold alignment (for its documents and ``meta``), return a prediction."""


def _default_align(gold: Alignment) -> Alignment:
    from align.aligner import align_documents
    from align.scorers import DEFAULT_SCORER

    return align_documents(gold.source, gold.target, DEFAULT_SCORER,
                           mode=str(gold.meta.get("mode", "auto")),
                           profile=str(gold.meta.get("profile", "auto")))


def qa_folders(root: str | Path) -> list[Path]:
    """Sample folders with a ``qa_gold.json`` at or below ``root``, sorted."""
    root = Path(root)
    if (root / "qa_gold.json").is_file():
        return [root]
    folders = sorted(p.parent for p in root.rglob("qa_gold.json"))
    if not folders:
        raise InputError(f"{root}: no QA samples found (expected */qa_gold.json beside "
                         "sample.json, source.seg and target.seg)")
    return folders


def evaluate_qa_samples(root: str | Path = "samples/qa", align_fn: AlignFn | None = None, *,
                        on_gold: bool = False, checks: Sequence[str] | None = None) -> QAResult:
    """Run the QA checks on every planted-error sample below ``root`` and score them.

    Each sample's gold alignment is built from its ``.seg`` files; its texts, in their gold
    segmentation (so sentence ids agree with ``qa_gold.json``), are aligned with
    ``align_fn`` (default: ``align_documents`` with the default scorer and the sample's
    mode and profile) — or, with ``on_gold``, the gold alignment itself is checked, which
    isolates the checks from alignment errors. Then ``run_checks(aln, checks)`` (with
    ``checks``, gold flags of other types are left out); results are summed over samples.
    """
    from align.io.goldseg import build_gold
    from align.qa.checks import run_checks

    total = QAResult()
    for folder in qa_folders(root):
        gold = build_gold(folder)
        flags = read_qa_gold(folder / "qa_gold.json", gold)
        aln = gold if on_gold else (align_fn or _default_align)(gold)
        if (len(aln.source), len(aln.target)) != (len(gold.source), len(gold.target)):
            raise InputError(f"{folder}: the alignment has {len(aln.source)}/{len(aln.target)} "
                             f"sentences, gold {len(gold.source)}/{len(gold.target)}; align_fn "
                             "must keep the gold segmentation")
        checked = run_checks(aln, checks)
        if checks is not None:  # score only the types that ran
            flags = [f for f in flags if f["type"] in set(checks)]
        result = evaluate_qa(checked, flags, name=folder.name)
        qa_sig = str(checked.meta.get("qa", {}).get("signature", "qa:unknown"))
        on = "gold" if on_gold else f"{aln.signature.scorer} (mode, profile per sample)"
        total = total + dataclasses.replace(result, signature=f"{qa_sig}|alignment:{on}")
        log.info("qa %s: %s", folder.name, result.overall)
    return total


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def format_qa(result: QAResult, *, misses: bool = False) -> str:
    """A fixed-width table: one row per flag type, then all types; ``misses`` lists FP/FN."""
    head = (f"{'type':16} {'gold':>5} {'pred':>5} {'tp':>4} {'fp':>4} {'fn':>4} "
            f"{'precision':>9} {'recall':>7} {'fp/20':>6}")
    lines = [f"QA checks on {result.n_docs} documents, {result.n_target} English sentences "
             f"({result.clean} clean)"
             + (f" ({result.signature})" if result.signature else ""), head]
    rows = [(t, result.get(t), result.false_per_20(t)) for t in result.types()]
    rows.append(("all", result.overall, result.false_per_20()))
    for name, c, per20 in rows:
        lines.append(f"{name:16} {c.tp + c.fn:>5} {c.tp + c.fp:>5} {c.tp:>4} {c.fp:>4} "
                     f"{c.fn:>4} {_fmt(c.precision):>9} {_fmt(c.recall):>7} {per20:>6.2f}")
    lines.append("targets: recall >= 0.9 per check, at most 1 false flag per 20 clean "
                 "English sentences (fp/20)")
    if misses and result.misses:
        lines += ["", *result.misses]
    return "\n".join(lines)
