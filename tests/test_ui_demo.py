"""ui.demo: the demo data is created once and reused; the login line is printed."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("align.store")


def test_demo_setup_is_idempotent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    from align.store import open_store
    from ui.demo import FLAGSHIP, main
    from ui.users import Users

    monkeypatch.setenv("ALIGN_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("ALIGN_DB", raising=False)
    monkeypatch.delenv("ALIGN_USERS", raising=False)
    monkeypatch.setenv("ALIGN_BCRYPT_ROUNDS", "4")
    assert main(["--no-serve"]) == 0
    out = capsys.readouterr().out
    password = out.split("demo login: demo / ", 1)[1].split()[0]
    assert "demo data created" in out
    assert Users().verify("demo", password).is_admin
    store = open_store()
    try:
        keys = {(p.project, p.key) for p in store.list_pairs()}
        assert FLAGSHIP in keys and ("bayraktar", "lead") in keys
        assert ("samples", "translation-transfer") in keys
        assert any(k.startswith("qa-") for _, k in keys)
        edam = next(p for p in store.list_pairs("bayraktar") if p.key == FLAGSHIP[1])
        assert (edam.n_src, edam.n_tgt) == (36, 12)
        assert main(["--no-serve"]) == 0
        again = capsys.readouterr().out
        assert "demo data reused" in again and f"demo login: demo / {password}" in again
        assert {(p.project, p.key) for p in store.list_pairs()} == keys
    finally:
        store.close()
    assert (tmp_path / "home" / "align.db").exists()
    # the demo project goes into the store as an object: no file is left in the data folder
    assert [p.name for p in (tmp_path / "home").iterdir() if p.is_dir()] == []
