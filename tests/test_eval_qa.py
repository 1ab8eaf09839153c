"""QA evaluation: flag matching, the planted-error gold in samples/qa, and an end-to-end run."""
from __future__ import annotations

import itertools
import json
import re
import sys
import types
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from align.errors import InputError, SchemaError
from align.eval.qa import (
    QACounts,
    QAResult,
    evaluate_qa,
    evaluate_qa_samples,
    format_qa,
    qa_folders,
    read_qa_gold,
)
from align.io.goldseg import build_gold
from align.qa.registry import types as check_types
from align.types import Alignment, Bead, Document, Flag, Signature
from tests.qa_helpers import planted_types

QA = Path(__file__).resolve().parent.parent / "samples" / "qa"
FOLDERS = qa_folders(QA)
HELD_OUT = "translation-transport"  # added after the checks were tuned

# Six source, four target sentences; beads B0..B5 in reading order.
BEADS = [((0,), (0,)), ((1,), ()), ((2,), (1, 2)), ((3,), ()), ((4,), ()), ((5,), (3,))]


def _aln(flags: Sequence[tuple[int, str]]) -> Alignment:
    """The toy alignment with flags ``(bead index, type)`` on its beads."""
    on: dict[int, list[Flag]] = {}
    for b, t in flags:
        on.setdefault(b, []).append(Flag(t, message=f"{t} on B{b}"))
    beads = [Bead(s, t, 1.0, flags=tuple(on.get(k, ()))) for k, (s, t) in enumerate(BEADS)]
    src = Document.from_texts([f"Kaynak {i}." for i in range(6)], "tr")
    tgt = Document.from_texts([f"Target {j}." for j in range(4)], "en")
    return Alignment(src, tgt, beads, Signature("test"))


def _g(type_: str, tgt: int | None = None, src: int | None = None) -> dict[str, Any]:
    return {"type": type_, "tgt": tgt, "src": src, "note": ""}


NUM, ENT, OM = "number_mismatch", "entity_mismatch", "omission"

CASES = [
    # (id, predicted flags (bead, type), gold flags, {type: (tp, fp, fn)})
    ("same bead", [(0, NUM)], [_g(NUM, 0)], {NUM: (1, 0, 0)}),
    ("second target of a 1-2 bead", [(2, NUM)], [_g(NUM, 2)], {NUM: (1, 0, 0)}),
    ("wrong type", [(0, ENT)], [_g(NUM, 0)], {NUM: (0, 0, 1), ENT: (0, 1, 0)}),
    ("gold matched once", [(0, NUM), (0, NUM)], [_g(NUM, 0)], {NUM: (1, 1, 0)}),
    ("two golds in one bead", [(2, NUM), (2, NUM)], [_g(NUM, 1), _g(NUM, 2)], {NUM: (2, 0, 0)}),
    ("other bead", [(5, NUM)], [_g(NUM, 0)], {NUM: (0, 1, 1)}),
    ("omission on the skipped sentence", [(3, OM)], [_g(OM, src=3)], {OM: (1, 0, 0)}),
    ("omission on the next source sentence", [(4, OM)], [_g(OM, src=3)], {OM: (1, 0, 0)}),
    ("omission on the previous bead", [(2, OM)], [_g(OM, src=3)], {OM: (1, 0, 0)}),
    ("omission two beads away", [(5, OM)], [_g(OM, src=3)], {OM: (0, 1, 1)}),
    ("omission on the sentence after the gap", [(5, OM)], [_g(OM, 3, 3)], {OM: (1, 0, 0)}),
    ("omission far away", [(0, OM)], [_g(OM, 3, 3)], {OM: (0, 1, 1)}),
    # greedy in gold order would give the B0 flag to the first gold and miss the second
    ("largest matching", [(0, OM), (2, OM)], [_g(OM, src=1), _g(OM, 0)], {OM: (2, 0, 0)}),
    ("unknown type kept", [(0, "style")], [], {"style": (0, 1, 0)}),
    ("nothing", [], [], {}),
]


@pytest.mark.parametrize(("flags", "gold", "want"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_matching(flags: list[tuple[int, str]], gold: list[dict[str, Any]],
                  want: dict[str, tuple[int, int, int]]) -> None:
    r = evaluate_qa(_aln(flags), gold)
    assert {t: (c.tp, c.fp, c.fn) for t, c in r.counts.items()} == want
    assert r.n_target == 4 and r.n_docs == 1
    total = r.overall
    assert (total.tp, total.fp, total.fn) == tuple(map(sum, zip(*want.values(), (0, 0, 0))))
    assert r.clean == 4 - len({g["tgt"] for g in gold if g.get("tgt") is not None})
    assert r.false_per_20() == (total.fp_clean * 20 / r.clean if r.clean else 0.0)
    assert len(r.misses) == total.fp + total.fn


def test_figures_and_sums() -> None:
    a = evaluate_qa(_aln([(0, NUM), (5, NUM)]), [_g(NUM, 0), _g(ENT, 3)], name="a")
    assert a.get(NUM).precision == 0.5 and a.get(NUM).recall == 1.0
    assert a.get(ENT).precision is None and a.get(ENT).recall == 0.0
    assert a.get("length") == QACounts() and a.get("length").recall is None
    assert a.clean == 2  # the gold flags point at English sentences 0 and 3
    # the spurious number flag sits on B5, whose sentence 3 has a (missed) planted error:
    # a wrong flag, but no false alarm on a clean sentence
    assert a.get(NUM).fp == 1 and a.get(NUM).fp_clean == 0 and a.false_per_20() == 0.0
    c = evaluate_qa(_aln([(0, NUM), (2, NUM)]), [_g(NUM, 0)])
    assert c.get(NUM).fp_clean == 1 and c.clean == 3 and c.false_per_20() == 20 / 3
    assert sorted(m.split(" ", 2)[1] for m in a.misses) == ["a:", "a:"]
    b = evaluate_qa(_aln([(3, OM)]), [_g(OM, src=3)])
    s = a + b
    assert (s.n_docs, s.n_target) == (2, 8)
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (2, 1, 1)
    assert s.clean == 6 and s.false_per_20() == 0.0
    d = s.to_dict()
    assert list(d["types"]) == list(check_types())
    assert d["overall"]["tp"] == 2 and d["types"][OM]["recall"] == 1.0
    json.dumps(d)
    table = format_qa(s, misses=True)
    assert table.splitlines()[1].split()[:3] == ["type", "gold", "pred"]
    assert re.search(r"^all\s+3\s+3\s+2\s+1\s+1\s+0\.667\s+0\.667\s+0\.00$", table, re.MULTILINE)
    assert "FN a: entity_mismatch tgt 3" in table


@pytest.mark.parametrize(("gold", "match"), [
    ([_g(NUM, 4)], r"tgt=4 is not a sentence id \(0\.\.3\)"),
    ([_g(OM, src=6)], r"src=6 is not a sentence id \(0\.\.5\)"),
    ([_g(NUM)], "neither 'tgt' nor 'src'"),
    ([{"tgt": 1}], "has no 'type'"),
])
def test_bad_gold_flags(gold: list[dict[str, Any]], match: str) -> None:
    with pytest.raises(SchemaError, match=match):
        evaluate_qa(_aln([]), gold)


def test_read_qa_gold_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="qa_gold.json does not exist"):
        read_qa_gold(tmp_path / "qa_gold.json")
    (tmp_path / "qa_gold.json").write_text('{"flags": 3}')
    with pytest.raises(SchemaError, match="expected"):
        read_qa_gold(tmp_path / "qa_gold.json")
    (tmp_path / "qa_gold.json").write_text("{")
    with pytest.raises(SchemaError, match="invalid JSON"):
        read_qa_gold(tmp_path / "qa_gold.json")
    with pytest.raises(InputError, match="no QA samples"):
        qa_folders(tmp_path / "none")


# --- the planted-error samples -------------------------------------------------------

def _marked(text: str, end: bool) -> bool:
    t = text.strip()
    return t.endswith("…") if end else t.lstrip("–—- ").startswith("…")


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_qa_gold_is_consistent(folder: Path) -> None:
    gold = build_gold(folder)
    flags = read_qa_gold(folder / "qa_gold.json", gold)  # ids in range
    assert all(f["type"] in check_types() and f.get("note") for f in flags)
    assert all((f["src"] is not None) == (f["type"] == "omission") for f in flags)
    assert all(f["tgt"] is not None for f in flags)
    assert len({(f["type"], f["tgt"]) for f in flags}) == len(flags)
    links = {j: ids for ids, j in gold.meta["links"]}
    tgt = gold.target.sentences
    # the only English sentences without a source are the planted unsupported ones
    assert {j for j in range(len(tgt)) if j not in links} == {
        f["tgt"] for f in flags if f["type"] == "unsupported"}
    # each omission: one skipped source sentence between the sentences rendered around the
    # gap, no "…" on either side; every other gap between rendered sentences is marked
    omitted = {f["src"]: f["tgt"] for f in flags if f["type"] == "omission"}
    linked = [j for j in range(len(tgt)) if j in links]
    used = {i for ids in links.values() for i in ids}
    for prev, nxt in itertools.pairwise(linked):
        gap = range(max(links[prev]) + 1, min(links[nxt]))
        planted = [i for i in gap if i in omitted]
        if planted:
            assert planted == list(gap) and omitted[planted[0]] == nxt, (prev, nxt)
            assert not _marked(tgt[prev].text, True) and not _marked(tgt[nxt].text, False)
        elif gap:
            assert _marked(tgt[prev].text, True) or _marked(tgt[nxt].text, False), (prev, nxt)
    assert set(omitted) <= set(range(len(gold.source))) - used
    assert all(f["tgt"] in links for f in flags if f["type"] != "unsupported")


def test_qa_samples_cover_every_type() -> None:
    per_type: Counter[str] = Counter()
    readme = (QA / "README.md").read_text(encoding="utf-8")
    for folder in FOLDERS:
        flags = read_qa_gold(folder / "qa_gold.json")
        per_type.update(f["type"] for f in flags)
        rows = re.findall(rf"^\| `{folder.name}` \| (\w+) \| (\d+) \|", readme, re.MULTILINE)
        assert sorted(rows) == sorted((f["type"], str(f["tgt"])) for f in flags)
    assert set(per_type) == set(planted_types()) and min(per_type.values()) >= 4
    assert len(FOLDERS) == 6


def _oracle(aln: Alignment, checks: Sequence[str] | None = None) -> Alignment:
    """A stand-in run_checks that flags exactly the planted errors (needs the gold's meta)."""
    flags = read_qa_gold(QA / aln.meta["sample"] / "qa_gold.json")
    beads = []
    for b in aln.beads:
        on = tuple(Flag(f["type"]) for f in flags if f["tgt"] in b.tgt)
        beads.append(Bead(b.src, b.tgt, b.score, b.status, b.flags + on))
    return Alignment(aln.source, aln.target, beads, aln.signature, aln.meta)


def test_runner_with_an_oracle(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("align.qa.checks")
    fake.run_checks = _oracle  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "align.qa.checks", fake)
    r = evaluate_qa_samples(QA, on_gold=True)
    assert (r.n_docs, r.n_target) == (6, 113)
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (44, 0, 0)
    assert r.signature == "qa:unknown|alignment:gold"
    same = evaluate_qa_samples(QA, align_fn=lambda g: g)
    assert same.counts == r.counts
    fake.run_checks = lambda aln, checks=None: aln  # type: ignore[attr-defined]
    none = evaluate_qa_samples(QA / "long-court", on_gold=True)
    assert (none.overall.tp, none.overall.fp, none.overall.fn) == (0, 0, 10)
    only = evaluate_qa_samples(QA / "long-court", on_gold=True, checks=["omission"])
    assert (only.overall.fn, list(only.counts)) == (2, ["omission"])


@pytest.mark.parametrize("on_gold", [True, False], ids=["on-gold", "aligned"])
def test_end_to_end(on_gold: bool, capsys: pytest.CaptureFixture[str]) -> None:
    checks = pytest.importorskip("align.qa.checks")
    if not hasattr(checks, "run_checks"):
        pytest.skip("align.qa.checks.run_checks is not written yet")
    r = evaluate_qa_samples(QA, on_gold=on_gold)
    with capsys.disabled():
        print("\n" + format_qa(r, misses=True))
    assert (r.n_docs, r.n_target) == (6, 113)
    assert r.overall.tp + r.overall.fn == 44
    assert r.false_per_20() <= (0.0 if on_gold else 1.0), r.misses
    assert (r.overall.recall or 0) >= 0.95
    # the targets, on the five samples the checks were tuned on: recall >= 0.9 for
    # every check, at most 1 false flag per 20 English sentences, none on gold
    tuned = QAResult()
    for folder in FOLDERS:
        if folder.name != HELD_OUT:
            tuned = tuned + evaluate_qa_samples(folder, on_gold=on_gold)
    assert (tuned.n_docs, tuned.n_target) == (5, 89)
    for t in planted_types():
        assert (tuned.get(t).recall or 0) >= 0.9, (t, tuned.misses)
    assert tuned.false_per_20() <= (0.0 if on_gold else 1.0), tuned.misses
    # the sample added afterwards (samples/qa/README.md): everything on gold; after
    # alignment one aligner slip hides its omission (see the report of issue 5)
    held = evaluate_qa_samples(QA / HELD_OUT, on_gold=on_gold)
    # at most one false flag (1.18 per 20 of its 17 clean sentences; 0.83 per 20 of all 24)
    assert held.overall.tp >= (7 if on_gold else 6) and held.overall.fp <= 1
