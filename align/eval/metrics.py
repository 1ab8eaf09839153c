"""Vecalign-compatible strict/lax precision, recall and F1 of beads, plus null-decision scores.

The link scores mirror ``_precision`` and ``score_multiple`` in Vecalign's ``score.py``
(https://github.com/thompsonb/vecalign/blob/master/score.py, commit b9d732c, Apache-2.0),
which Bertalign and the Text+Berg literature use:

* beads are compared as sets per document (duplicates collapse; beads empty on both
  sides are dropped);
* precision is over **all** predicted beads, nulls included. A predicted bead is a strict
  hit if gold has exactly that bead; otherwise a lax hit if some target id of it is linked
  in gold to some source id of it. A predicted null bead therefore is a hit (strict and
  lax) only when gold holds exactly that null bead;
* recall is over gold beads with both sides non-empty, scored the same way against the
  predicted beads with both sides non-empty (Vecalign calls ``_precision`` with the
  arguments swapped);
* counts are summed over documents (micro-average); a ratio with a zero denominator is 0.0
  (Vecalign's ``value_for_div_by_0``).

Vecalign ignores null decisions in recall. For summaries, where most source sentences are
unaligned, :class:`EvalResult` also scores them: per side, the set of sentence ids that sit
in null beads (``1-0`` beads for the source, ``0-1`` for the target) is compared with gold's.
Those figures are ``None`` when undefined (nothing predicted / nothing in gold).

Link-pair scores (``pair_*``) expand every bead with both sides non-empty into its
(source id, target id) pairs and compare the sets: the usual measure for free alignments
of abstracts, where a gold bead built from overlapping links can be large. Gold may give
its pairs directly (``gold_pairs``), e.g. from the hand-written links of a sample.
Sentence ids are 0-based.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from align.types import Bead

BeadLike = Bead | tuple[Sequence[int], Sequence[int]]
"""A :class:`~align.types.Bead` or a ``(src ids, tgt ids)`` pair."""

Pair = tuple[tuple[int, ...], tuple[int, ...]]


def as_pair(bead: BeadLike) -> Pair:
    """``(src ids, tgt ids)`` as tuples of ints from a Bead or a pair of sequences."""
    if isinstance(bead, Bead):
        return bead.src, bead.tgt
    src, tgt = bead
    return tuple(int(i) for i in src), tuple(int(i) for i in tgt)


def _link_counts(gold: Iterable[Pair], test: Iterable[Pair]) -> tuple[int, int, int, int]:
    """``(tp_strict, fp_strict, tp_lax, fp_lax)`` of ``test`` against ``gold``.

    A line-for-line port of Vecalign's ``score._precision``.
    """
    test_set = {(x, y) for x, y in test if len(x) or len(y)}
    gold_set = {(x, y) for x, y in gold if len(x) or len(y)}
    src_to_gold_tgt: dict[int, set[int]] = defaultdict(set)
    for gold_src, gold_tgt in gold_set:
        for s in gold_src:
            src_to_gold_tgt[s].update(gold_tgt)
    tp_strict = fp_strict = tp_lax = fp_lax = 0
    for test_src, test_tgt in test_set:
        if (test_src, test_tgt) in gold_set:
            tp_strict += 1
            tp_lax += 1
            continue
        fp_strict += 1
        reachable: set[int] = set()
        for s in test_src:
            reachable |= src_to_gold_tgt.get(s, set())
        if reachable.intersection(test_tgt):
            tp_lax += 1
        else:
            fp_lax += 1
    return tp_strict, fp_strict, tp_lax, fp_lax


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def link_pairs(beads: Iterable[Pair]) -> set[tuple[int, int]]:
    """(source id, target id) pairs of every bead with both sides non-empty."""
    return {(i, j) for src, tgt in beads for i in src for j in tgt}


def _null_ids(beads: Iterable[Pair], side: int) -> set[int]:
    """Ids on ``side`` (0 = source, 1 = target) that sit in beads whose other side is empty."""
    return {i for b in beads if b[side] and not b[1 - side] for i in b[side]}


@dataclass(frozen=True)
class EvalResult:
    """Counts summed over documents; figures are properties computed from them.

    ``p_*`` counts are over predicted beads (deduplicated per document), ``r_*`` over gold
    beads with both sides non-empty; ``r_fn_*`` are gold links not matched.
    """

    n_docs: int = 0
    p_tp_strict: int = 0
    p_fp_strict: int = 0
    p_tp_lax: int = 0
    p_fp_lax: int = 0
    r_tp_strict: int = 0
    r_fn_strict: int = 0
    r_tp_lax: int = 0
    r_fn_lax: int = 0
    src_null_tp: int = 0
    src_null_pred: int = 0
    src_null_gold: int = 0
    tgt_null_tp: int = 0
    tgt_null_pred: int = 0
    tgt_null_gold: int = 0
    pair_tp: int = 0
    pair_pred: int = 0
    pair_gold: int = 0

    def __add__(self, other: EvalResult) -> EvalResult:
        """Micro-average two results (sum of counts)."""
        return EvalResult(**{f.name: getattr(self, f.name) + getattr(other, f.name)
                             for f in fields(self)})

    @property
    def precision_strict(self) -> float:
        return _ratio(self.p_tp_strict, self.p_tp_strict + self.p_fp_strict)

    @property
    def recall_strict(self) -> float:
        return _ratio(self.r_tp_strict, self.r_tp_strict + self.r_fn_strict)

    @property
    def f1_strict(self) -> float:
        return _f1(self.precision_strict, self.recall_strict)

    @property
    def precision_lax(self) -> float:
        return _ratio(self.p_tp_lax, self.p_tp_lax + self.p_fp_lax)

    @property
    def recall_lax(self) -> float:
        return _ratio(self.r_tp_lax, self.r_tp_lax + self.r_fn_lax)

    @property
    def f1_lax(self) -> float:
        return _f1(self.precision_lax, self.recall_lax)

    @property
    def precision_pairs(self) -> float:
        return _ratio(self.pair_tp, self.pair_pred)

    @property
    def recall_pairs(self) -> float:
        return _ratio(self.pair_tp, self.pair_gold)

    @property
    def f1_pairs(self) -> float:
        return _f1(self.precision_pairs, self.recall_pairs)

    def null_scores(self, side: str) -> tuple[float | None, float | None, float | None]:
        """``(precision, recall, f1)`` of null decisions on ``side`` ("src" or "tgt").

        Precision is None with no predicted nulls, recall None with no gold nulls, F1 None
        when both are absent (there was nothing to decide); otherwise F1 = 2tp/(pred+gold).
        """
        if side not in ("src", "tgt"):
            raise ValueError(f"side must be 'src' or 'tgt', not {side!r}")
        tp, pred, gold = (getattr(self, f"{side}_null_{k}") for k in ("tp", "pred", "gold"))
        p = tp / pred if pred else None
        r = tp / gold if gold else None
        f = 2 * tp / (pred + gold) if pred + gold else None
        return p, r, f

    def to_dict(self) -> dict[str, Any]:
        """Counts and figures, JSON-ready (undefined null figures are None)."""
        d: dict[str, Any] = asdict(self)
        for name in ("precision", "recall", "f1"):
            for kind in ("strict", "lax", "pairs"):
                d[f"{name}_{kind}"] = getattr(self, f"{name}_{kind}")
        for side in ("src", "tgt"):
            p, r, f = self.null_scores(side)
            d[f"{side}_null_precision"], d[f"{side}_null_recall"], d[f"{side}_null_f1"] = p, r, f
        return d


def evaluate_document(
    pred: Sequence[BeadLike], gold: Sequence[BeadLike],
    gold_pairs: Iterable[tuple[int, int]] | None = None,
) -> EvalResult:
    """Score one document's predicted beads against its gold beads.

    ``gold_pairs``: the gold (source id, target id) links when known more finely than the
    gold beads (default: expanded from them).
    """
    p = [as_pair(b) for b in pred]
    g = [as_pair(b) for b in gold]
    p_counts = _link_counts(g, p)
    # Recall: Vecalign's _precision with no insertions/deletions and the arguments swapped.
    p_links = [b for b in p if b[0] and b[1]]
    g_links = [b for b in g if b[0] and b[1]]
    r_counts = _link_counts(p_links, g_links)
    ps, gs = _null_ids(p, 0), _null_ids(g, 0)
    pt, gt = _null_ids(p, 1), _null_ids(g, 1)
    pp = link_pairs(p)
    gp = set(gold_pairs) if gold_pairs is not None else link_pairs(g)
    return EvalResult(
        1, *p_counts, *r_counts,
        src_null_tp=len(ps & gs), src_null_pred=len(ps), src_null_gold=len(gs),
        tgt_null_tp=len(pt & gt), tgt_null_pred=len(pt), tgt_null_gold=len(gt),
        pair_tp=len(pp & gp), pair_pred=len(pp), pair_gold=len(gp))


def evaluate(pairs: Iterable[tuple[Sequence[BeadLike], Sequence[BeadLike]]]) -> EvalResult:
    """Micro-averaged scores over documents; each item is ``(predicted beads, gold beads)``."""
    total = EvalResult()
    for pred, gold in pairs:
        total = total + evaluate_document(pred, gold)
    return total
