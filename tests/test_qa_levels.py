"""QA levels (``align.qa.levels``) and flag confidence: the rule per level, ``apply_level``,
``--qa-level`` on ``align pair`` / ``digest`` / ``batch``, the Review page's filter, and
``Flag.confidence`` kept through JSON, every interchange format and the review store."""
from __future__ import annotations

import dataclasses
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from align.cli import main
from align.errors import InputError, SchemaError, UnknownComponent
from align.formats import ExportPair, export
from align.formats.jsonl import read_jsonl
from align.formats.table import read_table
from align.formats.xliff import read_xliff
from align.qa.levels import DEFAULT_LEVEL, LEVELS, apply_level, get_level, help_text, shown
from align.store import Store
from align.types import Alignment, Bead, Document, Flag, Severity, Signature, Status
from tests import test_store_support as support
from tests.test_store_support import add
from ui.view import PairView

db = support.db
pg_module_url = support.pg_module_url
sqlite_template = support.sqlite_template
store = support.store

MINOR, MAJOR, CRITICAL = Severity.MINOR, Severity.MAJOR, Severity.CRITICAL
ORDER = ("strict", "default", "lenient")
CONFIDENCES = (None, 0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
GRID = [Flag("length", sev, f"{sev.value} {c}", confidence=c)
        for sev in Severity for c in CONFIDENCES]


def rule(flag: Flag, level: str) -> bool:
    """The rule as the module docstring states it, from the level's thresholds."""
    need = LEVELS[level].min_confidence[flag.severity]
    return need is not None and (flag.confidence is None or flag.confidence >= need)


def want(level: str) -> list[Flag]:
    return [f for f in PLANTED if rule(f, level)]


PLANTED = (
    Flag("length", MINOR, "a", confidence=0.3), Flag("omission", MINOR, "b"),
    Flag("number_mismatch", MAJOR, "c", confidence=0.4),
    Flag("untranslated", MAJOR, "d", confidence=0.1),
    Flag("negation_flip", CRITICAL, "e", confidence=0.05),
    Flag("entity_mismatch", CRITICAL, "f", confidence=0.7), Flag("unsupported", MAJOR, "g"),
    Flag("length", MINOR, "h", confidence=0.5),
    Flag("number_mismatch", MAJOR, "i", confidence=0.6),
)


def test_levels_are_strict_default_lenient() -> None:
    assert tuple(LEVELS) == ORDER and DEFAULT_LEVEL == "default"
    text = help_text()
    for lv in LEVELS.values():
        assert f"{lv.name}: {lv.summary}" in text
    with pytest.raises(UnknownComponent, match="strict, default, lenient"):
        get_level("paranoid")
    # the planted flags tell the three levels apart (the tests below are not vacuous)
    assert len(want("strict")) > len(want("default")) > len(want("lenient")) > 0


def test_the_docstring_table_states_the_thresholds() -> None:
    """The module docstring's table is the rule in words: it must match ``LEVELS``."""
    from align.qa import levels

    lines = {ln.split()[0]: ln.split()[1:] for ln in (levels.__doc__ or "").splitlines()
             if ln.split() and ln.split()[0] in LEVELS}
    for lv in LEVELS.values():
        cells = ["hidden" if lv.min_confidence[s] is None else "all"
                 if lv.min_confidence[s] == 0.0 else f"≥ {lv.min_confidence[s]:g}"
                 for s in Severity]
        assert " ".join(lines[lv.name]) == " ".join(cells), lv.name


@pytest.mark.parametrize("level", ORDER)
def test_shown_follows_the_rule(level: str) -> None:
    assert [shown(f, level) for f in GRID] == [rule(f, level) for f in GRID]


def test_levels_are_nested_and_strict_shows_everything() -> None:
    """strict shows every flag; whatever lenient shows default shows; lenient shows no
    minor flag (the brief's "only major/critical with confidence ≥ 0.6 or unstated")."""
    for f in GRID:
        assert shown(f, "strict")
        assert not shown(f, "lenient") or shown(f, "default")
        assert shown(f, "lenient") == (f.severity is not MINOR and (
            f.confidence is None or f.confidence >= 0.6))


@pytest.mark.parametrize("level", ORDER)
def test_a_threshold_is_inclusive(level: str) -> None:
    for sev, need in LEVELS[level].min_confidence.items():
        if need is None or need == 0.0:
            continue
        assert shown(Flag("x", sev, confidence=need), level)
        assert not shown(Flag("x", sev, confidence=need - 0.01), level)


@pytest.mark.parametrize("severity", list(Severity))
def test_unstated_confidence_is_judged_by_severity_only(severity: Severity) -> None:
    for lv in LEVELS.values():
        unstated = shown(Flag("x", severity), lv)
        assert unstated == (lv.min_confidence[severity] is not None)
        assert unstated == shown(Flag("x", severity, confidence=1.0), lv)


def _aln(flags: tuple[Flag, ...]) -> Alignment:
    src = Document.from_texts(["Bir.", "İki."], "tr")
    tgt = Document.from_texts(["One.", "Two."], "en")
    return Alignment(src, tgt, (Bead((0,), (0,), 0.9, Status.AUTO, flags), Bead((1,), (1,), 0.8)),
                     Signature("lexical.v1"), {"qa": {"checks": ["length"]}})


@pytest.mark.parametrize("level", ORDER)
def test_apply_level_drops_hidden_flags_and_records_the_level(level: str) -> None:
    a = _aln(PLANTED)
    out = apply_level(a, level)
    assert out.beads[0].flags == tuple(want(level))
    assert out.meta["qa"] == {"checks": ["length"], "level": level,
                              "hidden": len(PLANTED) - len(want(level))}
    assert a.meta["qa"] == {"checks": ["length"]}  # the input is left alone
    assert out.beads[1] is a.beads[1]


# -- Flag.confidence in JSON ------------------------------------------------------------

def test_confidence_is_written_only_when_stated() -> None:
    assert "confidence" not in Flag("x").to_dict()
    assert Flag("x", confidence=1).to_dict()["confidence"] == 1.0
    a = _aln(PLANTED)
    assert Alignment.from_json(a.to_json()).beads[0].flags == a.beads[0].flags


@pytest.mark.parametrize("bad", ["0.5", True, 1.5, -0.1, math.nan, math.inf, [0.5], {}])
def test_confidence_is_read_strictly(bad: Any) -> None:
    with pytest.raises(SchemaError, match="confidence"):
        Flag.from_dict({"type": "length", "confidence": bad})
    with pytest.raises(ValueError, match="confidence"):
        Flag("length", confidence=bad)
    assert Flag.from_dict({"type": "length", "confidence": None}).confidence is None


# -- interchange formats ----------------------------------------------------------------

FORMATS = {"csv": (".csv", read_table), "tsv": (".tsv", read_table),
           "xliff": (".xlf", read_xliff), "xliff12": (".xlf", read_xliff),
           "jsonl": (".jsonl", read_jsonl)}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_confidence_round_trips_through_the_formats(fmt: str, tmp_path: Path) -> None:
    flags = (Flag("number_mismatch", MAJOR, "x", confidence=0.8523), Flag("length"),
             Flag("omission", MINOR, confidence=0.0))
    a = _aln(flags)
    suffix, reader = FORMATS[fmt]
    path = tmp_path / f"out{suffix}"
    export([ExportPair("p", "k", a)], fmt, path, include_auto=True)
    rows = reader(path)
    assert rows[0].flags == ("number_mismatch", "length", "omission")
    assert rows[0].flag_confidence == (0.8523, None, 0.0)
    assert rows[1].flags == () and rows[1].flag_confidence == ()
    if fmt.startswith("xliff"):
        assert "number_mismatch (major, confidence 0.85): x" in path.read_text("utf-8")


def test_tmx_states_the_confidences(tmp_path: Path) -> None:
    a = _aln((Flag("length", confidence=0.25), Flag("omission")))
    text = export([ExportPair("p", "k", a)], "tmx", None, include_auto=True).decode("utf-8")
    assert '<prop type="x-flag-confidence">0.25,</prop>' in text
    plain = export([ExportPair("p", "k", _aln((Flag("length"),)))], "tmx", None,
                   include_auto=True).decode("utf-8")
    assert "x-flag-confidence" not in plain


@pytest.mark.parametrize(("cell", "why"), [('"0.5,0.5"', "2 flag confidence(s) for 1 flag"),
                                           ("high", "not a list of flag confidences"),
                                           ("1.5", "not a list of flag confidences")])
def test_a_bad_confidence_cell_names_the_file_and_line(cell: str, why: str,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"source,target,flags,flag_confidence\nBir.,One.,length,{cell}\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=f"bad.csv line 2: .*{re.escape(why)}"):
        read_table(path)


def test_a_bad_jsonl_confidence_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    line = {"source": "Bir.", "target": "One.", "flags": [{"type": "length", "confidence": 2}]}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl line 1: .*confidence"):
        read_jsonl(path)


# -- the review store and the Review page -----------------------------------------------

def test_confidence_round_trips_through_the_store(store: Store) -> None:
    from tests.test_store_support import sample

    a = sample(qa=False)
    planted = PLANTED
    beads = (dataclasses.replace(a.beads[0], flags=planted), *a.beads[1:])
    s0 = add(store, dataclasses.replace(a, beads=beads))
    assert [(f.type, f.confidence) for f in s0.alignment.beads[0].flags] == \
        [(f.type, f.confidence) for f in planted]
    fresh = type(store)(store.engine).load(s0.info.id)  # read back from the rows
    assert fresh.alignment.beads[0].flags == s0.alignment.beads[0].flags


def test_review_page_shows_the_flags_of_its_level() -> None:
    a = _aln(PLANTED)
    for level in ORDER:
        v = PairView(a, level=level)
        assert sorted(f.message for f in v.row(0).flags) == sorted(f.message for f in want(level))
        assert {(f.type, f.confidence) for f in v.row(0).flags} == \
            {(f.type, f.confidence) for f in want(level)}
        assert v.n_hidden == len(PLANTED) - len(want(level)) and v.level == level
    assert len(PairView(a).row(0).flags) == len(PLANTED)  # no level: every flag


# -- the command line -------------------------------------------------------------------

def _planted_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The QA checks replaced by one that puts the PLANTED flags on the first linked bead."""
    import align.qa.checks

    def run_checks(aln: Alignment, checks: Any = None, **kwargs: Any) -> Alignment:
        k = next(i for i, b in enumerate(aln.beads) if not b.is_null)
        beads = list(aln.beads)
        beads[k] = dataclasses.replace(beads[k], flags=PLANTED)
        return dataclasses.replace(aln, beads=tuple(beads), meta={**aln.meta, "qa": {}})

    monkeypatch.setattr(align.qa.checks, "run_checks", run_checks)


def _texts(tmp_path: Path) -> tuple[Path, Path]:
    src, tgt = tmp_path / "tr.txt", tmp_path / "en.txt"
    src.write_text("Rusya, Türkiye'nin Ukrayna'ya SİHA satışını eleştirdi.\n",
                   encoding="utf-8")
    tgt.write_text("Russia criticised the sale of Turkish drones to Ukraine.\n", encoding="utf-8")
    return src, tgt


@pytest.mark.parametrize("level", [None, *ORDER])
def test_pair_keeps_the_flags_of_its_qa_level(level: str | None, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _planted_checks(monkeypatch)
    src, tgt = _texts(tmp_path)
    out = tmp_path / "out.json"
    opt = [] if level is None else ["--qa-level", level]
    assert main(["pair", str(src), str(tgt), "--scorer", "lexical", "--quiet", "-o", str(out),
                 *opt]) == 0
    aln = Alignment.from_json(out.read_text("utf-8"))
    assert [f.message for b in aln.beads for f in b.flags] == \
        [f.message for f in want(level or DEFAULT_LEVEL)]
    assert aln.meta["qa"]["level"] == (level or "default")


def test_qa_level_is_offered_and_checked(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("pair", "digest", "batch"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = " ".join(capsys.readouterr().out.split())
        assert "--qa-level {strict,default,lenient}" in out, command
        assert f"lenient: {get_level('lenient').summary}" in out, command
    with pytest.raises(SystemExit) as e:
        main(["pair", "a.txt", "b.txt", "--qa-level", "loose"])
    assert e.value.code == 2 and "invalid choice: 'loose'" in capsys.readouterr().err


def test_batch_passes_the_qa_level(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _planted_checks(monkeypatch)
    src, tgt = _texts(tmp_path)
    manifest = tmp_path / "jobs.jsonl"
    manifest.write_text(json.dumps({"id": "one", "src": str(src), "tgt": str(tgt)}) + "\n",
                        encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(manifest), "-o", str(out), "--scorer", "lexical",
                 "--qa-level", "lenient"]) == 0
    aln = Alignment.from_json((out / "one.json").read_text("utf-8"))
    assert [f.message for b in aln.beads for f in b.flags] == \
        [f.message for f in want("lenient")]


def test_digest_passes_the_qa_level(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import align.project.run

    seen: dict[str, Any] = {}

    def align_digest(*args: Any, **kwargs: Any) -> Any:
        seen.update(kwargs)
        raise InputError("stop here")

    monkeypatch.setattr(align.project.run, "align_digest", align_digest)
    digest, src = tmp_path / "d.txt", tmp_path / "s.txt"
    for p in (digest, src):
        p.write_text("x\n", encoding="utf-8")
    assert main(["digest", str(digest), str(src), "--qa-level", "strict"]) == 2
    assert seen["qa_level"] == "strict"


def test_review_page_qa_level_setting(wb: Any) -> None:
    """The sidebar's QA level (default ``default``) filters the flags the Review page shows
    and stays in the session when the reviewer moves to another pair."""
    from streamlit.testing.v1 import AppTest

    from tests.e2e.support import APP, synthetic_alignment
    from ui.users import User

    a = synthetic_alignment(3)
    beads = (dataclasses.replace(a.beads[0], flags=PLANTED), *a.beads[1:])
    info = wb.store.add_pair(wb.project, "planted", dataclasses.replace(a, beads=beads),
                             user="ayse")
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["user"] = User("ayse", "reviewer")
    at.session_state["review_pair"] = info.id
    at.run()
    at.switch_page("views/review.py").run()
    assert not at.exception, at.exception
    rs = at.session_state["rv"]
    assert rs.qa_level == "default" and at.selectbox(key="rv_qa_level").value == "default"
    n = {lv: len(want(lv)) for lv in ORDER}
    assert len(rs.view.row(0).flags) == n["default"]
    at.selectbox(key="rv_qa_level").set_value("lenient").run()
    assert not at.exception, at.exception
    rs = at.session_state["rv"]
    assert rs.qa_level == "lenient" and len(rs.view.row(0).flags) == n["lenient"]
    hidden = len(PLANTED) - n["lenient"]
    assert any(f"({hidden} hidden at QA level lenient)" in c.value for c in at.caption)
    at.session_state["review_pair"] = wb.pair_id
    at.run()
    assert at.session_state["rv"].pair_id == wb.pair_id
    assert at.session_state["rv"].qa_level == "lenient"
