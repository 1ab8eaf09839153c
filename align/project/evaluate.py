"""Score a digest project against the gold of a sample's ``digest.json`` manifest.

The manifest maps pair ids to gold folders (``{"gold": {"block:1": "edam", "lead": "lead"}}``,
each folder in the ``.seg`` authoring format). Predicted and gold sentence ids are matched
through the sentence texts (whitespace-normalised, in order), so a source whose format
segments slightly differently is still scored fairly; sentences only one side has are
counted in ``unmatched`` and cannot be right.
"""
from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError
from align.eval.metrics import EvalResult, evaluate_document
from align.io.read import read_json
from align.project.records import Project
from align.types import Bead, Document


@dataclass(frozen=True)
class PairScore:
    pair: str
    result: EvalResult
    unmatched: int  # sentences (both sides) with no counterpart in the other segmentation


def _id_map(pred: Document, gold: Document) -> tuple[dict[int, int], int]:
    """pred sentence id -> gold sentence id for sentences whose text is the same."""
    a = [" ".join(s.text.split()) for s in pred.sentences]
    b = [" ".join(s.text.split()) for s in gold.sentences]
    out: dict[int, int] = {}
    for blk in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        out.update({blk.a + k: blk.b + k for k in range(blk.size)})
    return out, (len(a) - len(out)) + (len(b) - len(out))


def _remap(beads: Sequence[Bead], src: dict[int, int], tgt: dict[int, int]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    # a sentence with no gold counterpart gets an id gold never uses (-1 - id), so its bead
    # cannot match; the bead's other sentences keep their mapped ids
    return [(tuple(src.get(i, -1 - i) for i in b.src), tuple(tgt.get(j, -1 - j) for j in b.tgt))
            for b in beads]


def evaluate_project(project: Project, manifest: str | Path) -> list[PairScore]:
    from align.io.goldseg import build_gold

    manifest = Path(manifest)
    data = read_json(manifest, "a digest manifest with a 'gold' map")
    gold_map = data.get("gold") if isinstance(data, dict) else None
    if not isinstance(gold_map, dict):
        raise InputError(f"{manifest}: not a digest manifest with a 'gold' map")
    scores: list[PairScore] = []
    for pair_id, folder in gold_map.items():
        gold = build_gold(manifest.parent / folder)
        try:
            pred = project.pair(pair_id).alignment
        except KeyError:  # not aligned at all: every gold link is missed
            scores.append(PairScore(pair_id, evaluate_document([], gold.beads), 0))
            continue
        src_map, miss_s = _id_map(pred.source, gold.source)
        tgt_map, miss_t = _id_map(pred.target, gold.target)
        pairs = {(i, j) for ids, j in gold.meta.get("links", []) for i in ids}
        result = evaluate_document(_remap(pred.beads, src_map, tgt_map), gold.beads, pairs)
        scores.append(PairScore(pair_id, result, miss_s + miss_t))
    return scores


def format_scores(scores: Sequence[PairScore]) -> str:
    lines = [(f"{'pair':10} {'strict F1':>9} {'lax F1':>7} {'pair F1':>7} {'src-null F1':>11} "
             f"{'unmatched':>9}")]
    total = EvalResult()
    for s in scores:
        r = s.result
        total = total + r
        null = r.null_scores("src")[2]
        lines.append(f"{s.pair:10} {r.f1_strict:9.3f} {r.f1_lax:7.3f} {r.f1_pairs:7.3f} "
                     f"{'n/a' if null is None else f'{null:.3f}':>11} {s.unmatched:9d}")
    null = total.null_scores("src")[2]
    lines.append(f"{'all':10} {total.f1_strict:9.3f} {total.f1_lax:7.3f} {total.f1_pairs:7.3f} "
                 f"{'n/a' if null is None else f'{null:.3f}':>11}")
    return "\n".join(lines)
