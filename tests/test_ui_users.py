"""ui.users: bcrypt users file (add / verify / remove / list, atomic, 0600) and its CLI."""
from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from ui.users import SCHEMA, User, UserError, Users, main


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGN_BCRYPT_ROUNDS", "4")


def test_add_verify_list_remove(tmp_path: Path) -> None:
    users = Users(tmp_path / "users.json")
    assert users.list() == []
    u = users.add("ayse", "correct horse", "reviewer")
    users.add("root", "admin password", "admin")
    assert u == User("ayse", "reviewer", u.created_at) and u.created_at.endswith("Z")
    assert users.verify("ayse", "correct horse") == u
    assert users.verify("ayse", "wrong password") is None
    assert users.verify("nobody", "correct horse") is None
    assert [x.name for x in users.list()] == ["ayse", "root"]
    assert users.get("root").is_admin and not users.get("ayse").is_admin
    data = json.loads((tmp_path / "users.json").read_text())
    assert data["schema"] == SCHEMA
    assert data["users"]["ayse"]["hash"].startswith("$2")
    assert "correct horse" not in (tmp_path / "users.json").read_text()
    assert stat.S_IMODE((tmp_path / "users.json").stat().st_mode) == 0o600
    assert users.remove("ayse") and not users.remove("ayse")
    assert users.verify("ayse", "correct horse") is None


@pytest.mark.parametrize(("name", "password", "role", "message"), [
    ("bad name", "long enough", "reviewer", "bad user name"),
    ("../etc", "long enough", "reviewer", "bad user name"),
    ("", "long enough", "reviewer", "bad user name"),
    ("ok", "short", "reviewer", "too short"),
    ("ok", "ş" * 40, "reviewer", "too long"),
    ("ok", "long enough", "superuser", "unknown role"),
])
def test_add_rejects(tmp_path: Path, name: str, password: str, role: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        Users(tmp_path / "u.json").add(name, password, role)
    assert not (tmp_path / "u.json").exists()


def test_duplicate_and_replace(tmp_path: Path) -> None:
    users = Users(tmp_path / "u.json")
    first = users.add("ali", "password one")
    with pytest.raises(UserError, match="already exists"):
        users.add("ali", "password two")
    again = users.add("ali", "password two", "admin", replace=True)
    assert again.created_at == first.created_at and again.role == "admin"
    assert users.verify("ali", "password two") and not users.verify("ali", "password one")


def test_bad_file_is_reported(tmp_path: Path) -> None:
    from align.errors import SchemaError

    p = tmp_path / "u.json"
    p.write_text('{"schema": "other"}')
    with pytest.raises(SchemaError, match="not a users file"):
        Users(p).list()


def test_default_path_follows_align_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALIGN_USERS", raising=False)
    monkeypatch.setenv("ALIGN_HOME", str(tmp_path / "home"))
    assert Users().path == tmp_path / "home" / "users.json"


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = str(tmp_path / "u.json")
    assert main(["--file", f, "add", "zeynep", "--role", "admin", "--password", "s3cret-pass"]) == 0
    assert "added zeynep (admin)" in capsys.readouterr().out
    assert main(["--file", f, "list"]) == 0
    assert capsys.readouterr().out.startswith("zeynep\tadmin\t")
    assert main(["--file", f, "add", "zeynep", "--password", "another-pass"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["--file", f, "remove", "zeynep"]) == 0
    assert main(["--file", f, "remove", "zeynep"]) == 2
