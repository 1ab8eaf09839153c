"""Import page and odd upload names: a file name with a NUL byte, control characters or path
separators is no exception, and an import error names the file as it was uploaded (control
characters shown as U+FFFD), never by the path it was saved under on the server."""
from __future__ import annotations

import pytest

pytest.importorskip("align.store")
from streamlit.testing.v1 import AppTest

from tests.e2e.support import APP, ROOT, Workbench, plain
from ui.users import User


def _page(kind: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["user"] = User("ayse", "reviewer")
    at.run()
    at.switch_page("views/import_.py").run()
    at.radio(key="imp_kind").set_value(kind).run()
    assert not at.exception, at.exception
    return at


def _error(at: AppTest, wb: Workbench) -> str:
    assert not at.exception, at.exception
    (err,) = at.error
    shown = plain(err.value)
    assert str(wb.home) not in shown and "/uploads" not in shown and "\x00" not in shown
    return shown


@pytest.mark.parametrize(("name", "shown"), [
    ("a\x00b.json", "a\ufffdb.json"),
    ("../../x\n\x1b[31m.json", "../../x\ufffd\ufffd[31m.json"),
    ("C:\\Users\\ayşe\\proje dosyası.json", "C:\\Users\\ayşe\\proje dosyası.json"),
    ("**b** ![i](http://127.0.0.2/i.png).json", "**b** ![i](http://127.0.0.2/i.png).json"),
])
def test_bad_json_names_the_upload(wb: Workbench, name: str, shown: str) -> None:
    at = _page("Alignment JSON")
    at.file_uploader(key="imp_json").set_value([(name, b'{"x": 1}', "application/json")])
    at.run()
    assert not at.exception, at.exception  # Streamlit itself refuses NUL for a type= uploader
    at.button(key="imp_go_json").click().run()
    msg = _error(at, wb)
    assert msg.startswith(f"Import failed: {shown} is neither"), msg
    assert len(wb.store.list_pairs()) == 1  # nothing imported


@pytest.mark.parametrize("name", ["evil\x00.exe", "evil.json\x00.exe", "noext\x00"])
def test_wrong_type_with_nul_is_a_message(wb: Workbench, name: str) -> None:
    at = _page("Alignment JSON")
    at.file_uploader(key="imp_json").set_value([(name, b"MZ", "application/octet-stream")])
    at.run()
    at.button(key="imp_go_json").click().run()
    msg = _error(at, wb)
    assert msg.startswith(name.replace("\x00", "\ufffd") + ": file type ")
    assert "is not accepted (use .json)" in msg


def test_pair_error_names_the_uploaded_summary(wb: Workbench) -> None:
    at = _page("Article(s) + English summary")
    sample = ROOT / "samples" / "translation-transfer"
    at.file_uploader(key="imp_articles").set_value(
        [("haber.txt", (sample / "source.tr.txt").read_bytes(), "text/plain")])
    at.file_uploader(key="imp_summary").set_value(("özet\tmetni.txt", b" \n \n", "text/plain"))
    at.run()
    at.button(key="imp_go_pair").click().run()
    msg = _error(at, wb)
    assert "özet\ufffdmetni.txt" in msg and "özet_metni" not in msg, msg
