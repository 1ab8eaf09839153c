"""ui.exporting: every download format from pair states, and the dashboard's report data."""
from __future__ import annotations

import json
import zipfile
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import pytest

from align.io.goldseg import build_gold
from align.types import Alignment, Bead, Status
from ui.exporting import charts, export_states, formats, pair_file_stem, report_data

ROOT = Path(__file__).resolve().parent.parent


def state(folder: str, key: str, confirm: int = 3) -> SimpleNamespace:
    gold = build_gold(ROOT / "samples" / folder)
    beads = tuple(Bead(b.src, b.tgt, 0.8, Status.CONFIRMED if k < confirm else Status.AUTO)
                  for k, b in enumerate(gold.beads))
    aln = Alignment(gold.source, gold.target, beads, gold.signature, {})
    info = SimpleNamespace(project="demo", key=key, title=str(gold.meta.get("title", "")))
    return SimpleNamespace(info=info, alignment=aln, resolutions=())


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ALIGN_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.mark.parametrize("fmt", formats(), ids=lambda f: f.label)
def test_every_format(fmt, home: Path) -> None:
    states = [state("bayraktar/edam", "block:1"), state("translation-transfer", "transfer")]
    data, name = export_states(states, fmt)
    assert data and name.endswith(".zip" if fmt.single_pair else fmt.suffix)
    assert "/" not in name and ":" not in name
    assert not (home / "tmp").exists()  # reports are built in memory


@pytest.mark.parametrize(("project", "key", "stem"), [
    ("demo", "block:1", "demo__block-1"),
    ("news/2024", "economy/block:1", "news-2024__economy-block-1"),  # no part is lost
    ("a\\b", "../k", "a-b__..-k"),
])
def test_pair_file_stem(project: str, key: str, stem: str) -> None:
    assert pair_file_stem(SimpleNamespace(project=project, key=key)) == stem


def test_tmx_only_confirmed_unless_asked() -> None:
    tmx = next(f for f in formats() if f.name == "tmx")
    s = state("bayraktar/edam", "block:1", confirm=4)
    n_links = sum(1 for b in s.alignment.beads[:4] if b.src and b.tgt)
    only, _ = export_states([s], tmx)
    every, _ = export_states([s], tmx, include_auto=True)
    assert only.count(b"<tu>") + only.count(b"<tu ") == n_links
    assert every.count(b"<tu") > only.count(b"<tu")
    assert b"Donbas" in only


def test_alignment_json_zip_and_report() -> None:
    fmt = next(f for f in formats() if f.name == "json" and f.kind == "interchange")
    data, name = export_states([state("bayraktar/edam", "a"), state("bayraktar/duvar", "b")],
                               fmt)
    names = zipfile.ZipFile(BytesIO(data)).namelist()
    assert name == "demo-2-pairs.zip" and names == ["demo__a.json", "demo__b.json"]
    html = next(f for f in formats() if f.kind == "report" and f.name == "html")
    page, _ = export_states([state("bayraktar/edam", "a")], html)
    assert page.startswith(b"<!DOCTYPE html") or b"<html" in page[:200]
    rj = next(f for f in formats() if f.kind == "report" and f.name == "json")
    assert json.loads(export_states([state("bayraktar/edam", "a")], rj)[0])["schema"] == \
        "align.report/1"


def test_report_data_and_charts() -> None:
    data = report_data([state("bayraktar/edam", "a"), state("digest-inflation", "b")])
    assert len(data.pairs) == 2
    figs = charts(data)
    assert len(figs) == 3 and all(svg.lstrip().startswith("<svg") for svg, _ in figs)
