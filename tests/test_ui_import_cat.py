"""Import page, "Reviewed file" choice: an exported CSV comes back as a pair through
`align.reviewed.import_files`; a bad file among good ones shows one error line and
imports nothing."""
from __future__ import annotations

import pytest

pytest.importorskip("align.store")
from streamlit.testing.v1 import AppTest

from align.formats import ExportPair, export
from tests.e2e.support import APP, Workbench, plain
from ui.users import User
from ui.widgets.importer import CAT_CHOICE


def _page(project: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["user"] = User("ayse", "reviewer")
    at.run()
    at.switch_page("views/import_.py").run()
    at.selectbox(key="imp_project").select("(new project…)").run()
    at.text_input(key="imp_new_project").input(project).run()
    at.radio(key="imp_kind").set_value(CAT_CHOICE).run()
    return at


def _csv(wb: Workbench) -> bytes:
    state = wb.store.load(wb.pair_id)
    return export([ExportPair(wb.project, "block:1", state.alignment)], "csv")


def test_import_exported_csv(wb: Workbench) -> None:
    at = _page("back")
    assert ".tmx" in " ".join(str(c.value) for c in at.caption)
    at.file_uploader(key="imp_cat").set_value([
        ("reviewed.csv", _csv(wb), "text/csv"),
        ("plain.tsv", b"source\ttarget\nBir.\tOne.\n", "text/tab-separated-values")])
    at.run()
    at.button(key="imp_go_cat").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert "Imported 2 pair(s)" in at.success[0].value
    shown = " ".join(plain(str(c.value)) for c in at.caption)
    assert "added block:1" in shown and "added plain" in shown
    pairs = {p.key: p for p in wb.store.list_pairs("back")}
    original = wb.store.pair(wb.pair_id)
    assert set(pairs) == {"block:1", "plain"}
    assert (pairs["block:1"].n_src, pairs["block:1"].n_tgt, pairs["block:1"].n_beads) == (
        original.n_src, original.n_tgt, original.n_beads)
    assert pairs["block:1"].kind == "import"
    saved = sorted(p.name for p in (wb.home / "uploads").rglob("*") if p.is_file())
    assert saved == ["plain.tsv", "reviewed.csv"]


def test_bad_file_imports_nothing(wb: Workbench) -> None:
    at = _page("fresh")
    at.file_uploader(key="imp_cat").set_value([
        ("reviewed.csv", _csv(wb), "text/csv"),
        ("wrong.csv", b"english,turkish\nOne.,Bir.\n", "text/csv")])
    at.run()
    at.button(key="imp_go_cat").click().run()
    assert not at.exception, at.exception
    (err,) = at.error
    shown = plain(err.value)
    assert "wrong.csv" in shown and "missing column(s)" in shown
    assert len(shown.splitlines()) == 1 and "uploads" not in shown
    assert "fresh" not in {p.name for p in wb.store.list_projects()}
