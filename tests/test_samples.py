"""End to end on the bundled gold samples: raw text in, auto mode and profile, scored.

The floors sit a little under the figures measured when the samples were written (see the
README); a drop below them is a regression in segmentation, scoring or alignment.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from align.aligner import align_documents
from align.eval import evaluate_document
from align.io.goldseg import build_gold
from align.segment import segment

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# pair F1 floors by sample kind (measured: digest/long/translation >= 0.91, abstractive 0.90
# on abstractive-health and 0.30 on the very abstract bayraktar/lead)
FLOORS = {"digest": 0.85, "long": 0.85, "translation": 0.85, "abstractive": 0.25}


# Planted-error copies (samples/qa) are QA test data, scored by tests/test_eval_qa.py.
FOLDERS = sorted(p.parent for p in SAMPLES.rglob("sample.json")
                 if not (p.parent / "qa_gold.json").exists())


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: str(p.relative_to(SAMPLES)))
def test_sample_end_to_end(folder: Path) -> None:
    gold = build_gold(folder)
    src = segment(gold.source.text, gold.source.lang)
    tgt = segment(gold.target.text, gold.target.lang)
    aln = align_documents(src, tgt)  # auto mode, auto profile, lexical scorer
    assert aln.signature.mode == gold.meta["mode"]
    assert aln.signature.profile == gold.meta["profile"]
    assert [s.text for s in src.sentences] == [s.text for s in gold.source.sentences]
    pairs = {(i, j) for ids, j in gold.meta["links"] for i in ids}
    result = evaluate_document(aln.beads, gold.beads, pairs)
    assert result.f1_pairs >= FLOORS[gold.meta["kind"]]
