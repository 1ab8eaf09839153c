"""``python -m ui.demo``: a ready-to-review workbench on the bundled samples.

Into the data folder (``$ALIGN_HOME`` or ``./align-data``; the store at ``$ALIGN_DB`` or
``<data>/align.db``) it imports, once:
- project ``bayraktar``: ``align digest`` on ``samples/bayraktar`` (the real digest and its
  two Turkish articles: pairs ``block:1`` = EDAM, ``block:2`` = Duvar, ``lead``);
- project ``samples``: every other bundled sample aligned with the lexical scorer, and the
  planted-error copies under ``samples/qa`` (keys ``qa-<name>``: pairs with QA flags).
It creates the user ``demo`` (admin; password kept in ``<data>/demo-password.txt``),
prints ``demo login: demo / <password>`` and runs ``streamlit run ui/app.py`` on
127.0.0.1:8501. A second run reuses all of it. ``--no-serve`` stops before serving.
"""
from __future__ import annotations

import argparse
import logging
import os
import secrets
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from align.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DEMO_USER = "demo"
FLAGSHIP = ("bayraktar", "block:1")  # (project, pair key) of the Bayraktar EDAM excerpt

log = logging.getLogger("align")


@dataclass(frozen=True)
class DemoInfo:
    data: Path
    user: str
    password: str
    projects: tuple[str, ...]
    created: bool  # False when everything was already there


def demo_password(data: Path) -> str:
    path = data / "demo-password.txt"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    pw = secrets.token_urlsafe(9)
    data.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(pw + "\n")
    return pw


def _has_project(store: Store, name: str) -> bool:
    return any(p.name == name for p in store.list_projects())


def _bayraktar(store: Store, data: Path, samples: Path) -> None:
    import json

    from align.project.run import align_digest

    base = samples / "bayraktar"
    spec = json.loads((base / "digest.json").read_text(encoding="utf-8"))
    project = align_digest(base / spec["digest"], [base / s for s in spec["sources"]],
                           qa_level="strict")  # the Review page's QA level filters
    store.create_project("bayraktar", user=DEMO_USER,
                         meta={"source": "samples/bayraktar (align digest, lexical)"})
    store.import_document("bayraktar", project, user=DEMO_USER, name="bayraktar.project.json")


def _samples(store: Store, samples: Path) -> None:
    from align.aligner import align_documents
    from align.io.goldseg import build_gold
    from align.qa.checks import run_checks
    from align.scorers import DEFAULT_SCORER, get_scorer
    from align.segment import segment

    folders = sorted(p.parent for p in samples.glob("*/sample.json"))
    folders += sorted(p.parent for p in samples.glob("qa/*/qa_gold.json"))  # planted errors
    store.create_project("samples", user=DEMO_USER,
                         meta={"source": "bundled samples (default scorer)"})
    scorer = get_scorer(DEFAULT_SCORER)  # one scorer (and encoder) for every sample
    for folder in folders:
        gold = build_gold(folder)
        src = segment(gold.source.text, gold.source.lang)
        tgt = segment(gold.target.text, gold.target.lang)
        aln = run_checks(align_documents(src, tgt, scorer))
        key = ("qa-" if folder.parent.name == "qa" else "") + folder.name
        store.add_pair("samples", key, aln, user=DEMO_USER, title=str(gold.meta.get("title", "")))


def setup(samples: Path = SAMPLES) -> DemoInfo:
    """Create (or reuse) the demo data; see the module docstring."""
    from align.store import open_store
    from ui.config import data_dir
    from ui.users import Users

    data = data_dir()
    data.mkdir(parents=True, exist_ok=True)
    password = demo_password(data)
    users = Users()
    created = False
    if users.verify(DEMO_USER, password) is None:
        users.add(DEMO_USER, password, "admin", replace=True)
        created = True
    store = open_store()
    try:
        if not _has_project(store, "bayraktar"):
            _bayraktar(store, data, samples)
            created = True
        if not _has_project(store, "samples"):
            _samples(store, samples)
            created = True
    finally:
        store.close()
    return DemoInfo(data, DEMO_USER, password, ("bayraktar", "samples"), created)


def serve_command(address: str = "127.0.0.1", port: int = 8501) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"),
            "--server.address", address, "--server.port", str(port),
            "--server.headless", "true"]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ui.demo", description=__doc__.split("\n")[0])
    ap.add_argument("--no-serve", action="store_true", help="set up the data, do not serve")
    ap.add_argument("--address", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8501)
    args = ap.parse_args(argv)
    from align.errors import AlignError

    try:
        info = setup()
    except AlignError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    state = "created" if info.created else "reused"
    print(f"demo data {state} in {info.data} (projects: {', '.join(info.projects)})")
    print(f"demo login: {info.user} / {info.password}")
    if args.no_serve:
        return 0
    print(f"open http://{args.address}:{args.port}", flush=True)
    env = {**os.environ, "ALIGN_HOME": str(info.data)}  # same data whatever the cwd
    return subprocess.call(serve_command(args.address, args.port), cwd=ROOT, env=env)


if __name__ == "__main__":
    raise SystemExit(main())
