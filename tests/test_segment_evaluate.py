"""Boundary precision/recall of segmentations and the samples CLI."""
from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import InputError
from align.segment import segment
from align.segment.evaluate import (
    BoundaryCounts,
    boundary_counts,
    boundary_scores,
    evaluate_samples,
    format_table,
    main,
)
from align.types import Alignment, Bead, Document, Signature


def _doc(texts: list[str], lang: str = "en") -> Document:
    return Document.from_texts(texts, lang)


@pytest.mark.parametrize("pred,gold,expected", [
    (["A b.", "C d."], ["A b.", "C d."], (1.0, 1.0, 1.0)),
    (["A b. C d."], ["A b.", "C d."], (1.0, 0.0, 0.0)),  # nothing predicted: vacuous P
    (["A", "b.", "C d."], ["A b.", "C d."], (0.5, 1.0, 2 / 3)),
    (["A  b.", "C\td."], ["A b.", "C d."], (1.0, 1.0, 1.0)),  # whitespace ignored
    (["One."], ["One."], (1.0, 1.0, 1.0)),  # the document end is not a boundary
    (["A.", "B.", "C.", "D."], ["A.", "B. C.", "D."], (2 / 3, 1.0, 0.8)),
])
def test_boundary_scores(pred: list[str], gold: list[str], expected: tuple[float, ...]) -> None:
    assert boundary_scores(_doc(pred), _doc(gold)) == pytest.approx(expected)


def test_counts_sum_over_documents() -> None:
    a = boundary_counts(_doc(["A.", "B."]), _doc(["A.", "B."]))
    b = boundary_counts(_doc(["A. B."]), _doc(["A.", "B."]))
    total = a + b
    assert total == BoundaryCounts(tp=1, n_pred=1, n_gold=2)
    assert total.scores() == pytest.approx((1.0, 0.5, 2 / 3))


def test_different_texts_are_an_error() -> None:
    with pytest.raises(InputError, match="different text"):
        boundary_counts(_doc(["A."]), _doc(["A. B."]))


def test_segment_scores_against_itself() -> None:
    text = "Dr. Ali geldi. Sonra gitti.\n\n3. Ordu toplandı."
    doc = segment(text, "tr")
    assert boundary_scores(doc, doc) == (1.0, 1.0, 1.0)


def _write_sample(root: Path) -> None:
    src = segment("Dr. Ali geldi. Sonra gitti.", "tr")
    tgt = Document.from_texts(["Mr. Ali came.", "Then he left."], "en")
    tgt = Document("en", tgt.sentences, "Mr. Ali came. Then he left.")
    gold = Alignment(src, tgt, (Bead((0,), (0,)), Bead((1,), (1,))), Signature("gold"))
    (root / "s1").mkdir()
    (root / "s1" / "gold.json").write_text(gold.to_json(), encoding="utf-8")


def test_evaluate_samples_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write_sample(tmp_path)
    results = evaluate_samples(tmp_path)
    assert [(r.sample, r.side, r.lang, r.counts.f1) for r in results] == [
        ("s1", "source", "tr", 1.0), ("s1", "target", "en", 1.0)]
    table = format_table(results)
    assert "TOTAL" in table and "1.000" in table
    assert main([str(tmp_path)]) == 0
    assert "s1" in capsys.readouterr().out
    assert main([str(tmp_path / "none")]) == 1
