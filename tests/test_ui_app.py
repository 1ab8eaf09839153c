"""AppTest runs of the workbench pages other than Review: sign-in, queue, import, QA
dashboard, export and admin (the review page: tests/test_ui_review.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("align.store")
from streamlit.testing.v1 import AppTest

from tests.e2e.support import APP, PASSWORDS, Workbench
from ui.users import User

ROOT = Path(__file__).resolve().parent.parent


def app(user: str | None = "ayse", role: str = "reviewer") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    if user:
        at.session_state["user"] = User(user, role)
    return at.run()


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "error", "warning", "success", "info",
                                  "title", "subheader", "text")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def test_sign_in(wb: Workbench) -> None:
    at = app(None)
    assert not at.exception and at.title[0].value == "Alignment review workbench"
    at.text_input(key="signin_name").input("ayse")
    at.text_input(key="signin_password").input("nope")
    at.button[0].click().run()
    assert "Wrong user name or password" in texts(at) and "user" not in at.session_state
    at.text_input(key="signin_password").input(PASSWORDS["ayse"])
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["user"] == User("ayse", "reviewer", at.session_state["user"]
                                            .created_at)
    assert at.title[0].value == "Queue"
    assert "Signed in as **ayse** (reviewer)" in texts(at)


def test_queue_assign_status_and_open(wb: Workbench) -> None:
    at = app()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["key"]) == ["block:1"] and list(table["project"]) == ["bayraktar"]
    at.selectbox(key=f"q_who_{wb.pair_id}").select("ayse")
    at.button(key="q_assign").click().run()
    assert "assigned to ayse" in texts(at)
    assert wb.store.pair(wb.pair_id).assignee == "ayse"
    at.selectbox(key="q_assignee").select("(nobody)").run()
    assert len(at.dataframe[0].value) == 0
    at.selectbox(key="q_assignee").select("ayse").run()
    at.selectbox(key=f"q_st_{wb.pair_id}").select("in_review")
    at.button(key="q_set_status").click().run()
    assert wb.store.pair(wb.pair_id).status == "in_review"
    at.button(key="q_open").click().run()
    assert not at.exception
    assert at.session_state["rv"].pair_id == wb.pair_id  # now on the Review page
    assert any(b.key == "confirm_next" for b in at.button)


def test_import_article_and_summary(wb: Workbench) -> None:
    at = app()
    at.switch_page("views/import_.py").run()
    assert at.title[0].value == "Import"
    sample = ROOT / "samples" / "translation-transfer"
    at.file_uploader(key="imp_articles").set_value(
        [("haber.txt", (sample / "source.tr.txt").read_bytes(), "text/plain")])
    at.file_uploader(key="imp_summary").set_value(
        ("summary.txt", (sample / "target.en.txt").read_bytes(), "text/plain"))
    at.run()
    at.button(key="imp_go_pair").click().run()
    assert not at.exception, at.exception
    assert "Imported 1 pair(s)" in texts(at)
    keys = {p.key for p in wb.store.list_pairs("bayraktar")}
    assert keys == {"block:1", "summary"}
    uploads = list((wb.home / "uploads").rglob("*.txt"))
    assert sorted(p.name for p in uploads) == ["haber.txt", "summary.txt"]


def test_import_rejects_bad_type(wb: Workbench) -> None:
    from ui.uploads import UploadError, new_batch, save_upload

    with pytest.raises(UploadError, match="not accepted"):
        save_upload("x.exe", b"MZ", new_batch())


def test_qa_and_export_pages(wb: Workbench) -> None:
    at = app()
    at.switch_page("views/qa.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "QA dashboard"
    assert [m.label for m in at.metric][:2] == ["Pairs", "Flags"]
    assert at.metric[0].value == "1"
    at.switch_page("views/export.py").run()
    assert not at.exception, at.exception
    at.selectbox(key="ex_format").select("TMX 1.4").run()
    # the file name is escaped for Markdown (its "__" would be bold): ui.render.md
    assert [b.label for b in at.download_button] == [
        r"Download bayraktar\_\_block\-1\.tmx"]


def test_admin_only_for_admins(wb: Workbench) -> None:
    at = app()
    with pytest.raises(ValueError):  # not registered for reviewers
        at.switch_page("views/admin.py").run()
    at = app("root", "admin")
    at.switch_page("views/admin.py").run()
    assert not at.exception, at.exception
    names = list(at.dataframe[0].value["name"])
    assert names == ["ayse", "root"]
    at.selectbox(key="adm_del").select("bayraktar")
    at.text_input(key="adm_del_confirm").input("bayraktar").run()
    at.button(key="adm_del_go").click().run()
    assert not at.exception
    assert [p.name for p in wb.store.list_projects()] == []


def test_import_digest_and_json(wb: Workbench) -> None:
    base = ROOT / "samples" / "bayraktar"
    at = app()
    at.switch_page("views/import_.py").run()
    at.selectbox(key="imp_project").select("(new project…)").run()
    at.text_input(key="imp_new_project").input("digest-2021").run()
    at.radio(key="imp_kind").set_value("Digest + its sources").run()
    at.file_uploader(key="imp_digest").set_value(
        ("digest.txt", (base / "digest.txt").read_bytes(), "text/plain"))
    at.file_uploader(key="imp_sources").set_value([
        ("edam.html", (base / "sources" / "edam.html").read_bytes(), "text/html"),
        ("duvar.docx", (base / "sources" / "duvar.docx").read_bytes(),
         "application/octet-stream")])
    at.run()
    at.button(key="imp_go_digest").click().run()
    assert not at.exception, at.exception
    assert "Imported 3 pair(s)" in texts(at)
    assert {p.key for p in wb.store.list_pairs("digest-2021")} == {"block:1", "block:2", "lead"}
    at.radio(key="imp_kind").set_value("Alignment JSON").run()
    at.file_uploader(key="imp_json").set_value(
        ("edam-gold.json", (base / "edam" / "gold.json").read_bytes(), "application/json"))
    at.run()
    at.button(key="imp_go_json").click().run()
    assert "Imported 1 pair(s)" in texts(at)
    assert "edam-gold" in {p.key for p in wb.store.list_pairs("digest-2021")}
