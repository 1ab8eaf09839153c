"""align.reviewed: every interchange format reads back into pairs; a bad file among
good ones raises InputError naming it and leaves the store unchanged."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("align.store")

from align.errors import InputError, InvalidEdit, SchemaError
from align.formats import ExportPair, export
from align.io.goldseg import build_gold
from align.reviewed import IncomingPair, import_files, read_files, read_pairs
from align.store import open_store
from align.types import Alignment

ROOT = Path(__file__).resolve().parents[1]
EDAM = ROOT / "samples" / "bayraktar" / "edam" / "gold.json"


@pytest.fixture(scope="module")
def sample() -> ExportPair:
    gold = build_gold(EDAM.parent)
    return ExportPair("digests", "edam", gold, title="EDAM")


@pytest.fixture()
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = open_store(f"sqlite:///{tmp_path / 'review.db'}")
    yield s
    s.close()


# (file name, export format, kind, key read back): TMX carries no pair key (file stem).
CASES = [
    ("out.tmx", "tmx", "tmx", "out"),
    ("out.csv", "csv", "import", "edam"),
    ("out.tsv", "tsv", "import", "edam"),
    ("out.tab", "tsv", "import", "edam"),
    ("out.xlf", "xliff", "import", "edam"),
    ("out.xliff", "xliff", "import", "edam"),
    ("out.xlf12", "xliff12", "import", "edam"),
    ("out.xliff12", "xliff12", "import", "edam"),
    ("out.jsonl", "jsonl", "import", "edam"),
    ("out.ndjson", "jsonl", "import", "edam"),
]


@pytest.mark.parametrize(("name", "fmt", "kind", "key"), CASES)
def test_round_trip(sample: ExportPair, tmp_path: Path, name: str, fmt: str, kind: str,
                    key: str) -> None:
    path = tmp_path / name
    export([sample], fmt, path, include_auto=True)
    (pair,) = read_pairs(path)
    assert isinstance(pair, IncomingPair)
    assert (pair.key, pair.kind, pair.title, dict(pair.citation)) == (key, kind, name, {})
    aln, gold = pair.alignment, sample.alignment
    linked = [b for b in gold.beads if b.src and b.tgt]
    if fmt == "tmx":  # one 1:1 bead per unit, each side one "sentence"
        assert len(aln.beads) == len(linked) == len(aln.source) == len(aln.target)
        assert all(b.status == "confirmed" for b in aln.beads)
        assert all(s.text for s in aln.source.sentences)
    else:
        assert len(aln.target) == len(gold.target)
        assert [s.text for s in aln.target.sentences] == [s.text for s in gold.target.sentences]
        assert sum(1 for b in aln.beads if b.src and b.tgt) == len(linked)
        if fmt not in ("xliff", "xliff12"):  # XLIFF skips null beads
            assert len(aln.beads) == len(gold.beads) and len(aln.source) == len(gold.source)


def test_other_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pair.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match=r"pair\.json.*not a TMX or row file"):
        read_pairs(path)
    with pytest.raises(SchemaError, match=r"pair\.json is neither"):
        read_files([path])  # JSON is read (and refused) before anything is written
    path.write_text(Alignment.from_json(EDAM.read_text(encoding="utf-8")).to_json(),
                    encoding="utf-8")
    (read,) = read_files([path])
    assert read.pairs is None and isinstance(read.document, Alignment)


def _snapshot(store) -> list[tuple[str, list[str]]]:  # type: ignore[no-untyped-def]
    return [(p.name, [i.key for i in store.list_pairs(p.name)]) for p in store.list_projects()]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bad.csv", "english,turkish\nOne.,Bir.\n", "missing column(s) source, target"),
    ("bad.jsonl", "{not json\n", "bad.jsonl"),
    ("bad.tmx", "<tmx version='1.4'><body>", "bad.tmx"),
    ("missing.csv", None, "missing.csv: no such file"),
])
def test_bad_file_writes_nothing(sample: ExportPair, store, tmp_path: Path, name: str,  # type: ignore[no-untyped-def]
                                 content: str | None, message: str) -> None:
    good = tmp_path / "good.csv"
    export([sample], "csv", good)
    plain = tmp_path / "plain.tsv"
    plain.write_text("source\ttarget\nBir.\tOne.\n", encoding="utf-8")
    bad = tmp_path / name
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    store.create_project("digests", user="ana")
    before = _snapshot(store)
    for project, create in (("digests", False), ("fresh", True)):
        with pytest.raises(InputError) as err:
            import_files(store, project, [good, EDAM, bad, plain], user="ana", create=create)
        assert message in str(err.value) and str(bad) in str(err.value)
        assert len(str(err.value).splitlines()) == 1
        assert _snapshot(store) == before


def test_import_files_keys_and_clashes(sample: ExportPair, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "edam-reviewed.csv"
    export([sample], "csv", out)
    plain = tmp_path / "plain.tsv"
    plain.write_text("source\ttarget\nBir.\tOne.\n\tAdded.\n", encoding="utf-8")
    with pytest.raises(InvalidEdit, match="no project 'back'"):
        import_files(store, "back", [out], user="ana")
    seen: list[tuple[str, str]] = []
    infos = import_files(store, "back", [out, plain, EDAM], user="ana", create=True,
                         on_pair=lambda p, i: seen.append((p.name, i.key)))
    assert [i.key for i in infos] == ["edam", "plain", "edam/gold"]  # JSON: the store's rule
    assert seen == [("edam-reviewed.csv", "edam"), ("plain.tsv", "plain"), ("gold.json", "edam/gold")]
    assert (infos[1].n_src, infos[1].n_tgt, infos[1].n_beads) == (1, 2, 2)
    assert [(i.kind, i.title) for i in infos[:2]] == [("import", "edam-reviewed.csv"),
                                                      ("import", "plain.tsv")]
    again = import_files(store, "back", [out], user="ana")
    assert [i.key for i in again] == ["edam-reviewed/edam"]
    with pytest.raises(InvalidEdit, match="already has pairs 'edam' and 'edam-reviewed/edam'"):
        import_files(store, "back", [out], user="ana")
