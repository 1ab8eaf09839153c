"""Reliability diagrams in the report: the table maths, the shipped held-out table, and the
live table computed against gold alignments."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.errors import SchemaError
from align.report import svg
from align.report.build import build_report
from align.report.reliability import Reliability, against_gold, reliability, shipped
from align.types import Alignment, Bead, Document, Signature
from tests.test_report import walk


def test_bins_and_ece_by_hand() -> None:
    r = reliability([0.95, 0.95, 0.85, 1.0, 0.05], [True, False, True, True, False])
    assert r.n == 5 and len(r.bins) == 10
    last, ninth, first = r.bins[9], r.bins[8], r.bins[0]
    assert (last.n, last.accuracy) == (3, pytest.approx(2 / 3))  # 1.0 falls in the last bin
    assert last.confidence == pytest.approx((0.95 + 0.95 + 1.0) / 3)
    assert (ninth.n, ninth.accuracy) == (1, 1.0) and (first.n, first.accuracy) == (1, 0.0)
    assert r.bins[4].n == 0 and r.bins[4].accuracy is None
    expected = 3 / 5 * abs(2.9 / 3 - 2 / 3) + 1 / 5 * abs(0.85 - 1) + 1 / 5 * 0.05
    assert r.ece == pytest.approx(expected)
    assert reliability([], []).ece == 0.0
    with pytest.raises(ValueError):
        reliability([0.5], [])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.booleans()), min_size=1, max_size=60))
def test_ece_agrees_with_the_benchmark_script(rows: list[tuple[float, bool]]) -> None:
    from benchmarks.calibrate import ece

    scores = [s for s, _ in rows]
    right = [ok for _, ok in rows]
    # the script bins with numpy.digitize; keep away from float ties at bin edges
    if any(abs(s * 10 - round(s * 10)) < 1e-9 for s in scores):
        return
    expected, _ = ece(np.array(scores), np.array(right, float))
    assert reliability(scores, right).ece == pytest.approx(expected, abs=1e-9)


def test_round_trip_and_bad_tables() -> None:
    r = reliability([0.9, 0.7], [True, False], label="x", provenance={"command": "c"})
    back = Reliability.from_dict(json.loads(json.dumps(r.to_dict())))
    assert back.n == 2 and back.ece == pytest.approx(r.ece, abs=1e-4) and back.label == "x"
    assert [b.n for b in back.bins] == [b.n for b in r.bins]
    for bad in ({}, {"schema": "other"}, {"schema": "align.reliability/1", "bins": [{}]}):
        with pytest.raises(SchemaError):
            Reliability.from_dict(bad)


def test_shipped_table_is_held_out_and_has_provenance() -> None:
    r = shipped()
    assert r is not None and r.n > 1000 and 0 <= r.ece < 0.05
    assert sum(b.n for b in r.bins) == r.n
    assert "benchmarks.calibrate" in r.provenance["command"]
    assert any("test" in d for d in r.provenance["data"]) and "tune" in r.provenance["split"]


def _pair(score_right: float = 0.9) -> tuple[Alignment, Alignment]:
    src = Document.from_texts(["Bir.", "İki.", "Üç."], "tr")
    tgt = Document.from_texts(["One.", "Two.", "Three."], "en")
    gold = Alignment(src, tgt, [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), (2,))],
                     Signature("gold"))
    pred = Alignment(src, tgt, [Bead((0,), (0,), score_right), Bead((1, 2), (1,), 0.8),
                                Bead((), (2,), 0.6)], Signature("test"))
    return pred, gold


def test_against_gold_counts_exact_beads() -> None:
    pred, gold = _pair()
    r = against_gold([(pred, gold)])
    assert r.n == 3
    assert r.bins[9].n == 1 and r.bins[9].accuracy == 1.0
    assert r.bins[8].accuracy == 0.0 and r.bins[6].accuracy == 0.0


def test_report_draws_held_out_and_live_diagrams(tmp_path: Path) -> None:
    pred, gold = _pair()
    p = tmp_path / "pred.json"
    p.write_text(pred.to_json(), encoding="utf-8")
    g = tmp_path / "<b>gold.json"  # a hostile file name ends up in labels: escaped
    g.write_text(gold.to_json(), encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text(Alignment(Document.from_texts(["X."], "tr"), Document.from_texts(["Y."], "en"),
                               [Bead((0,), (0,))], Signature("gold")).to_json(), encoding="utf-8")
    html = build_report([p], "html", run_checks=False, gold=[g, other, tmp_path / "missing.json"])
    w = walk(html)
    section = html[html.index('<section id="calibration">'):]
    section = section[:section.index("</section>")]
    assert section.count("<svg") == 2 and "ECE" in section
    assert "&lt;b&gt;gold.json" in section and "<b>gold" not in html
    assert "matches no input pair" in html and "missing.json" in html
    assert "http" not in html.lower() and any(t == "table" for t, _ in w.starts)
    data = json.loads(build_report([p], "json", run_checks=False, gold=[g]))
    live = data["reliability"][-1]
    assert len(data["reliability"]) == 2 and live["n"] == 3
    assert sum(b["n"] for b in live["bins"]) == 3


def test_report_without_gold_has_only_the_shipped_diagram(tmp_path: Path) -> None:
    pred, _ = _pair()
    p = tmp_path / "pred.json"
    p.write_text(pred.to_json(), encoding="utf-8")
    data = json.loads(build_report([p], "json", run_checks=False))
    assert [r["n"] for r in data["reliability"]] == [shipped().n]  # type: ignore[union-attr]


def test_empty_diagram_says_so() -> None:
    out = svg.reliability_diagram([], 0.0, 0)
    assert "no beads" in out and out.startswith("<svg")
