"""A new scorer, QA check or output format is one new file plus one registry line: the CLI
help, the CLI itself and the app's menus pick each up with no other edit."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import align.scorers as scorers_registry
from align.cli import main
from align.formats import REGISTRY as FORMATS
from align.formats import FormatSpec
from align.qa.registry import REGISTRY as CHECKS
from align.qa.registry import CheckSpec
from align.types import Alignment, Severity

EDAM = Path(__file__).resolve().parents[1] / "samples" / "bayraktar" / "edam"


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The three registry lines (taken out again afterwards)."""
    monkeypatch.setitem(scorers_registry.REGISTRY, "toy.v1", "tests.plugins.toy:ToyScorer")
    check = CheckSpec("toy_check", "tests.plugins.toy:ToyCheck", Severity.MINOR)
    fmt = FormatSpec("toyfmt", "Toy format", "tests.plugins.toy:write_toy", (".toy",),
                     "text/plain")
    CHECKS.append(check)
    FORMATS.append(fmt)
    try:
        yield
    finally:
        CHECKS.remove(check)
        FORMATS.remove(fmt)


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    return " ".join(capsys.readouterr().out.split())


def test_the_cli_help_lists_them(registered: None, capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys, "pair")
    assert "auto, lexical, hybrid, embed, mt, gale-church, toy (see `align scorers`)" in text
    assert "toy_check" in text and "toyfmt" in text
    assert "toyfmt" in _help(capsys, "project", "export")


def test_the_cli_runs_them(registered: None, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pair.json"
    assert main(["pair", str(EDAM / "source.tr.txt"), str(EDAM / "target.en.txt"),
                 "--scorer", "toy", "--checks", "toy_check,length", "-o", str(out)]) == 0
    aln = Alignment.from_json(out.read_text(encoding="utf-8"))
    assert aln.signature.scorer == "toy.v1"
    assert [f.message for b in aln.beads for f in b.flags if f.type == "toy_check"] == \
        ["toy finding"]
    toy = tmp_path / "pair.toy"
    assert main(["pair", str(EDAM / "source.tr.txt"), str(EDAM / "target.en.txt"),
                 "--scorer", "lexical", "-o", str(toy)]) == 0
    assert toy.read_text().startswith("toy: ")


def test_the_apps_menus_list_them(registered: None) -> None:
    from align.qa.registry import types
    from align.scorers.catalog import describe, menu
    from ui.exporting import formats

    assert "toy" in menu() and describe("toy").summary.startswith("A throwaway scorer")
    assert types()[-1] == "toy_check"
    assert "Toy format" in [f.label for f in formats()]
