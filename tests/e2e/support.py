"""Shared set-up for the UI tests (AppTest ones in tests/test_ui_*.py and the browser ones
here): a data folder with users and a review store holding the flagship pair."""
from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "ui" / "app.py"
PASSWORDS = {"ayse": "ayse-password", "root": "root-password"}


@functools.cache
def flagship_alignment() -> Any:
    """The Bayraktar EDAM pair (gold segmentation) aligned by the lexical scorer, with QA
    flags: 36 Turkish, 12 English sentences."""
    from align.aligner import align_documents
    from align.io.goldseg import build_gold
    from align.qa.checks import run_checks

    gold = build_gold(ROOT / "samples" / "bayraktar" / "edam")
    return run_checks(align_documents(gold.source, gold.target, "lexical",
                                      mode="monotonic", profile="summary"))


@functools.cache
def planted_alignment() -> Any:
    """``samples/qa/bayraktar-edam`` (EDAM with planted errors) aligned, with QA flags."""
    from align.aligner import align_documents
    from align.io.goldseg import build_gold
    from align.qa.checks import run_checks

    gold = build_gold(ROOT / "samples" / "qa" / "bayraktar-edam")
    return run_checks(align_documents(gold.source, gold.target, "lexical"))


def synthetic_alignment(n: int) -> Any:
    """``n`` Turkish and ``n`` English sentences, aligned 1-1 (a long document pair)."""
    from align.types import Alignment, Bead, Document, Signature

    src = Document.from_texts([f"Türkçe cümle {i}: Ankara'da {i} kişi toplandı." for i in
                               range(n)], "tr")
    tgt = Document.from_texts([f"English sentence {i}: {i} people met in Ankara." for i in
                               range(n)], "en")
    beads = [Bead((i,), (i,), 0.3 + 0.6 * ((i * 37) % 100) / 100) for i in range(n)]
    return Alignment(src, tgt, tuple(beads), Signature("lexical.v1"))


@dataclass
class Workbench:
    home: Path
    db_url: str
    store: Any
    pair_id: int
    project: str = "bayraktar"

    def env(self) -> dict[str, str]:
        return {"ALIGN_HOME": str(self.home), "ALIGN_DB": self.db_url,
                "ALIGN_BCRYPT_ROUNDS": "4"}


def make_workbench(tmp: Path, monkeypatch: Any = None) -> Workbench:
    """Users ayse (reviewer) and root (admin), a store with project ``bayraktar`` holding
    the flagship pair ``block:1``; with ``monkeypatch``, the environment points at them."""
    from align.store import open_store
    from ui.users import Users

    home = tmp / "data"
    home.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{tmp / 'align.db'}"
    if monkeypatch is not None:  # AppTest runs the app in this process
        for k, v in {"ALIGN_HOME": str(home), "ALIGN_DB": url, "ALIGN_BCRYPT_ROUNDS": "4"}.items():
            monkeypatch.setenv(k, v)
        monkeypatch.delenv("ALIGN_USERS", raising=False)
    users = Users(home / "users.json")
    users.add("ayse", PASSWORDS["ayse"], "reviewer")
    users.add("root", PASSWORDS["root"], "admin")
    store = open_store(url)
    store.create_project("bayraktar", user="root")
    info = store.add_pair("bayraktar", "block:1", flagship_alignment(), user="root",
                          title="EDAM: Bayraktar TB-2 strike in Donbass")
    return Workbench(home, url, store, info.id)


def settle(page: Any, pause: float = 0.3) -> None:
    """Wait for the Streamlit rerun to finish: no "Running…" status and no stale element."""
    time.sleep(pause)
    page.wait_for_function(
        """() => { const w = document.querySelector('[data-testid="stStatusWidget"]');
                   return (!w || !/running/i.test(w.textContent || ''))
                          && !document.querySelector('[data-stale="true"]'); }""",
        timeout=30_000)
