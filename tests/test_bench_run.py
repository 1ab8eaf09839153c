"""The benchmark runner with stand-in aligners (no aligner from align/ needed)."""
from __future__ import annotations

import json

import pytest

from align.errors import InvalidAlignment
from align.types import Alignment, Bead, Document, Signature
from benchmarks import run
from benchmarks.baselines import diagonal, diagonal_beads
from benchmarks.datasets import Case


def _case(name: str, n: int, m: int, gold) -> Case:
    return Case(name, "textberg", Document.from_texts([f"s{i}" for i in range(n)], "de"),
                Document.from_texts([f"t{j}" for j in range(m)], "fr"), tuple(gold))


CASES = {"textberg": [
    _case("a", 3, 3, [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), (2,))]),
    _case("b", 3, 2, [Bead((0, 1), (0,)), Bead((2,), (1,))]),
]}


@pytest.mark.parametrize("n,m,expected", [
    (2, 2, [((0,), (0,)), ((1,), (1,))]),
    (3, 1, [((0,), (0,)), ((1,), ()), ((2,), ())]),
    (1, 2, [((0,), (0,)), ((), (1,))]),
    (0, 1, [((), (0,))]),
])
def test_diagonal_beads(n, m, expected):
    assert [(b.src, b.tgt) for b in diagonal_beads(n, m)] == expected


def test_rows_scores_and_calls():
    calls = []

    def stand_in(src, tgt, scorer, mode, profile):
        calls.append((scorer, mode, profile))
        return diagonal(src, tgt, scorer=scorer, mode=mode, profile=profile)

    rows = run.run_benchmark(CASES, ["lexical", "gale-church"], stand_in)
    assert [(r.scorer, r.profile) for r in rows] == [
        ("lexical", "translation"), ("lexical", "auto"),
        ("gale-church", "translation"), ("gale-church", "auto")]
    assert calls[:2] == [("lexical", "monotonic", "translation")] * 2
    r = rows[0]
    # a: 3 strict hits; b: [0]:[0] lax hit, [1]:[1] miss, [2]:[] miss -> P 3/6, R 3/5
    assert (r.result.n_docs, r.result.p_tp_strict, r.result.p_fp_strict) == (2, 3, 3)
    assert r.result.recall_strict == pytest.approx(3 / 5)
    assert r.errors == 0 and r.seconds > 0 and r.dataset == "textberg"
    sig = "scorer:diagonal|model:none|mode:monotonic|profile:translation|version:0.1.0"
    assert r.signatures == (sig,)


def test_aligner_errors_are_counted_not_fatal():
    def flaky(src, tgt, **kw):
        if len(tgt) == 2:
            raise InvalidAlignment("boom")
        return Alignment(src, tgt, tuple(CASES["textberg"][0].gold), Signature("oracle"))

    r = run.run_one(CASES["textberg"], flaky, "lexical", "auto")
    assert r.errors == 1
    assert (r.result.p_tp_strict, r.result.p_fp_strict) == (3, 0)
    assert r.result.recall_strict == pytest.approx(3 / 5)


def test_table_has_every_row_and_signatures():
    rows = run.run_benchmark(CASES, ["lexical"], diagonal)
    table = run.format_table(rows)
    lines = table.splitlines()
    assert lines[0].startswith("| dataset | split | scorer | profile | docs | P strict")
    assert "F1 lax" in lines[0] and "src-null F1" in lines[0] and "docs/s" in lines[0]
    body = [line for line in lines if line.startswith("| textberg")]
    assert len(body) == 2
    cells = [c.strip() for c in body[0].strip("|").split("|")]
    assert cells[:8] == ["textberg", "test", "lexical", "translation", "2", "0.500", "0.600",
                         "0.545"]
    assert "1. `scorer:diagonal|" in table and "2. `scorer:diagonal|" in table


def _tiny_textberg(root):
    d = root / "textberg-defr"
    d.mkdir(parents=True)
    for name in ("dev",) + tuple(f"test{i}" for i in range(7)):
        (d / f"{name}.de").write_text("Ein Satz .\nZwei Sätze .\nDrei .\n", encoding="utf-8")
        (d / f"{name}.fr").write_text("Une phrase .\nDeux phrases . Trois .\n", encoding="utf-8")
        (d / f"{name}.defr").write_text("[0]:[0]\n[1, 2]:[1]\n", encoding="utf-8")


def test_cli_writes_table_and_json(tmp_path, capsys):
    _tiny_textberg(tmp_path / "data")
    out, js = tmp_path / "out" / "bench.md", tmp_path / "out" / "bench.json"
    rc = run.main(["--data", str(tmp_path / "data"), "--out", str(out), "--json", str(js),
                   "--datasets", "textberg", "--scorers", "lexical,gale-church", "--limit", "3",
                   "--aligner", "benchmarks.baselines:diagonal"])
    assert rc == 0
    table = out.read_text(encoding="utf-8")
    assert table == capsys.readouterr().out
    assert table.count("| textberg | test |") == 4
    rows = json.loads(js.read_text(encoding="utf-8"))
    assert [r["n_docs"] for r in rows] == [3] * 4
    assert rows[0]["p_tp_strict"] == 3 and rows[0]["f1_lax"] == pytest.approx(0.8)


def test_cli_reports_bad_aligner(tmp_path, capsys):
    rc = run.main(["--data", str(tmp_path), "--out", str(tmp_path / "b.md"),
                   "--aligner", "benchmarks.baselines:nope"])
    assert rc == 2 and "error" in capsys.readouterr().err


def test_default_table_includes_the_omission_case():
    assert "ntrex_omissions" in run.build_parser().parse_args([]).datasets
