"""One scoring rule (align.aligner.scoring): the review store, re-scoring every bead of a
freshly aligned pair, gives exactly the aligner's scores."""
from __future__ import annotations

from pathlib import Path

import pytest

from align.aligner import align_documents
from align.formats.alignment import read_alignment
from align.store import open_store
from align.store.edit.refresh import _rescore, _window
from align.store.edit.work import Work

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("sample", "mode"), [("translation-transfer", "monotonic"),
                                               ("abstractive-health", "free"),
                                               ("bayraktar/edam", "monotonic")])
def test_store_rescoring_gives_the_aligners_scores(tmp_path: Path, sample: str,
                                                   mode: str) -> None:
    gold = read_alignment(ROOT / "samples" / sample / "gold.json")
    aln = align_documents(gold.source, gold.target, "lexical", mode=mode)
    with open_store(f"sqlite:///{tmp_path / 'review.db'}") as store:
        store.create_project("p", user="ana")
        info = store.add_pair("p", "k", aln, user="ana")
        w = Work(store._model(info.id), lambda t, n: [], "ana", "now")
        window, ids, _ = _window(w, list(w.order))
        for b in w.beads.values():  # forget the scores, so only the rescoring sets them
            w.set_bead(b.id, score=-1.0)
        _rescore(w, window, ids, set(ids))
        rescored = [w.beads[i].score for i in ids]
    assert rescored == pytest.approx([b.score for b in aln.beads], abs=1e-6)
