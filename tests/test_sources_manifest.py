"""JSONL batch manifests (align.sources.manifest)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from align.errors import InputError, SchemaError
from align.sources import read_manifest
from align.sources.manifest import ManifestEntry


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("digest.txt", "a.html", "b.pdf", "map.json", "tr.txt", "en.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    return tmp_path


def write(folder: Path, lines: list[str | dict]) -> Path:
    p = folder / "jobs.jsonl"
    p.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
                 encoding="utf-8")
    return p


def test_both_kinds(folder: Path) -> None:
    p = write(folder, [
        {"id": "mart", "digest": "digest.txt", "sources": ["a.html", "b.pdf"], "mapping": "map.json"},
        "",
        {"id": "yalın", "digest": str(folder / "digest.txt")},
        {"id": "çift", "src": "tr.txt", "tgt": "en.txt"},
        {"id": "de", "src": "tr.txt", "tgt": "en.txt", "src_lang": "de", "tgt_lang": "fr"},
    ])
    entries = read_manifest(p)
    assert [e.id for e in entries] == ["mart", "yalın", "çift", "de"]
    assert [e.line for e in entries] == [1, 3, 4, 5]
    mart = entries[0]
    assert (mart.kind, mart.digest, mart.mapping) == ("digest", folder / "digest.txt",
                                                      folder / "map.json")
    assert mart.sources == (folder / "a.html", folder / "b.pdf")
    assert entries[1].sources == () and entries[1].mapping is None
    assert (entries[2].kind, entries[2].src, entries[2].tgt) == ("pair", folder / "tr.txt",
                                                                 folder / "en.txt")
    assert (entries[2].src_lang, entries[2].tgt_lang) == ("tr", "en")
    assert (entries[3].src_lang, entries[3].tgt_lang) == ("de", "fr")
    assert mart.to_dict()["sources"] == [str(folder / "a.html"), str(folder / "b.pdf")]
    assert isinstance(entries[3], ManifestEntry) and entries[3].to_dict()["src_lang"] == "de"


@pytest.mark.parametrize(
    ("line", "error", "message"),
    [
        ("{not json", SchemaError, "invalid JSON"),
        ('["a", "b"]', SchemaError, "must be a JSON object, got list"),
        ({"digest": "digest.txt"}, SchemaError, "'id' must be a non-empty string"),
        ({"id": 7, "digest": "digest.txt"}, SchemaError, "'id' must be a non-empty string"),
        ({"id": "x"}, SchemaError, "either 'digest'"),
        ({"id": "x", "digest": "digest.txt", "src": "tr.txt"}, SchemaError, "either 'digest'"),
        ({"id": "x", "src": "tr.txt"}, SchemaError, "'tgt' is missing"),
        ({"id": "x", "digest": "digest.txt", "soruces": []}, SchemaError, "unknown key.*soruces"),
        ({"id": "x", "digest": "digest.txt", "sources": "a.html"}, SchemaError, "list of paths"),
        ({"id": "x", "digest": "digest.txt", "sources": [3]}, SchemaError, "'sources' must hold"),
        ({"id": "x", "src": "tr.txt", "tgt": "en.txt", "src_lang": ""}, SchemaError, "src_lang"),
        ({"id": "x", "digest": "yok.txt"}, InputError, "digest file .*yok.txt' does not exist"),
        ({"id": "x", "digest": "digest.txt", "sources": ["sub"]}, InputError, "is a directory"),
        ({"id": "x", "src": "tr.txt", "tgt": "yok.txt"}, InputError, "tgt file"),
    ],
)
def test_errors_name_file_and_line(folder: Path, line: str | dict, error: type, message: str
                                   ) -> None:
    p = write(folder, [{"id": "ok", "digest": "digest.txt"}, line])
    with pytest.raises(error, match=message) as e:
        read_manifest(p)
    assert str(e.value).startswith(f"{p}:2: ")


def test_duplicate_id(folder: Path) -> None:
    p = write(folder, [{"id": "a", "digest": "digest.txt"}, {"id": "b", "digest": "digest.txt"},
                       {"id": "a", "src": "tr.txt", "tgt": "en.txt"}])
    with pytest.raises(SchemaError, match=r"jobs.jsonl:3: duplicate id 'a' \(first on line 1\)"):
        read_manifest(p)


def test_missing_files_allowed_without_check(folder: Path) -> None:
    p = write(folder, [{"id": "a", "digest": "sonra.txt"}])
    assert read_manifest(p, check_files=False)[0].digest == folder / "sonra.txt"


def test_empty_and_missing_manifests(folder: Path) -> None:
    p = folder / "bos.jsonl"
    p.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_manifest(p)
    with pytest.raises(InputError, match="does not exist"):
        read_manifest(folder / "yok.jsonl")
