"""Batch manifests: one job per JSONL line, CSV row or Parquet row (`read_manifest`), or
the files of two folders matched by name (`folder_pairs`).

Two kinds of line (blank lines are skipped)::

    {"id": "2024-03", "digest": "digest.txt", "sources": ["a.html", "b.pdf"], "mapping": "m.json"}
    {"id": "ntrex-1", "src": "tr.txt", "tgt": "en.txt", "src_lang": "tr", "tgt_lang": "en"}

``sources`` and ``mapping`` are optional for a digest job; ``src_lang``/``tgt_lang``
default to ``"tr"``/``"en"``. Relative paths are taken from the manifest's folder. Ids
must be unique non-empty strings. Unknown keys are refused (a misspelt ``soruces``
would otherwise be ignored silently). Every error names the file and the 1-based line.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.errors import InputError, SchemaError
from align.io.read import read_text
from align.jsontext import loads

DIGEST_KEYS = frozenset({"id", "digest", "sources", "mapping"})
PAIR_KEYS = frozenset({"id", "src", "tgt", "src_lang", "tgt_lang"})


@dataclass(frozen=True)
class ManifestEntry:
    """One job. ``kind`` is ``"digest"`` (``digest`` set, ``sources`` maybe) or ``"pair"``
    (``src`` and ``tgt`` set). Paths are resolved against the manifest's folder;
    ``line`` is the 1-based line in the manifest."""

    id: str
    kind: str
    line: int
    digest: Path | None = None
    sources: tuple[Path, ...] = ()
    mapping: Path | None = None
    src: Path | None = None
    tgt: Path | None = None
    src_lang: str = "tr"
    tgt_lang: str = "en"

    def to_dict(self) -> dict[str, Any]:
        if self.kind == "digest":
            d: dict[str, Any] = {"id": self.id, "digest": str(self.digest)}
            if self.sources:
                d["sources"] = [str(p) for p in self.sources]
            if self.mapping is not None:
                d["mapping"] = str(self.mapping)
            return d
        return {"id": self.id, "src": str(self.src), "tgt": str(self.tgt),
                "src_lang": self.src_lang, "tgt_lang": self.tgt_lang}


def read_manifest(path: str | Path, *, check_files: bool = True) -> list[ManifestEntry]:
    """Entries in file order, from JSONL (one object per line), CSV (a header row naming
    the keys; ``sources`` separated by ``;``) or Parquet (columns named by the keys;
    ``sources`` a list or a ``;``-separated string): ``MANIFEST_SUFFIXES``. Raises
    SchemaError for a bad line or row (invalid JSON, missing or unknown keys, duplicate id)
    and InputError for an unreadable manifest or, with ``check_files``, a listed file that
    does not exist."""
    suffix = Path(path).suffix.lower()
    rows = {".csv": _csv_rows, ".parquet": _parquet_rows}.get(suffix, _jsonl_rows)(path)
    base = Path(path).parent
    entries: list[ManifestEntry] = []
    seen: dict[str, int] = {}
    for number, data in rows:
        where = f"{path}:{number}"
        entry = _entry(data, where, number, base)
        if entry.id in seen:
            raise SchemaError(f"{where}: duplicate id {entry.id!r} (first on line {seen[entry.id]})")
        seen[entry.id] = number
        if check_files:
            _check_files(entry, where)
        entries.append(entry)
    if not entries:
        raise SchemaError(f"{path}: the manifest lists no jobs")
    return entries


MANIFEST_SUFFIXES = (".jsonl", ".csv", ".parquet")
"""Manifest formats by suffix (any other suffix is read as JSONL)."""


def _jsonl_rows(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    dec = read_text(path)
    for number, raw in enumerate(dec.text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            data = loads(raw)
        except SchemaError as e:
            raise SchemaError(f"{path}:{number}: {e}") from None
        if not isinstance(data, dict):
            raise SchemaError(f"{path}:{number}: each line must be a JSON object, got "
                              f"{type(data).__name__}")
        yield number, data


def _cells(row: dict[str, Any]) -> dict[str, Any]:
    """A CSV or Parquet row as a manifest object: empty cells dropped, ``sources`` a list."""
    out = {str(k).strip(): v.strip() if isinstance(v, str) else v for k, v in row.items()
           if v is not None and v != "" and k is not None}
    if isinstance(out.get("sources"), str):
        out["sources"] = [x.strip() for x in out["sources"].split(";") if x.strip()]
    elif out.get("sources") is not None:
        out["sources"] = list(out["sources"])
    return out


def _csv_rows(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    import csv

    dec = read_text(path)
    reader = csv.DictReader(dec.text.splitlines())
    for number, row in enumerate(reader, start=2):  # line 1 is the header
        if None in row:
            raise SchemaError(f"{path}:{number}: more cells than the header names")
        if any(v for v in row.values()):
            yield number, _cells(row)


def _parquet_rows(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as e:
        raise InputError(f"{path}: not a readable Parquet file ({e})") from None
    for number, row in enumerate(table.to_pylist(), start=1):
        yield number, _cells(row)


def folder_pairs(src_dir: str | Path, tgt_dir: str | Path, *, src_lang: str = "tr",
                 tgt_lang: str = "en") -> tuple[list[ManifestEntry], list[str]]:
    """Pair jobs for the files of two folders matched by name: a file's key is its name
    without its last suffix and a language tag before it (``doc1.tr.txt``, ``doc1.txt`` ->
    ``doc1``); the job id is the key. Returns the jobs (sorted by key) and one note per
    file with no partner. InputError for a folder that cannot be listed or two files of
    one folder with the same key."""
    sides = []
    for folder, lang in ((Path(src_dir), src_lang), (Path(tgt_dir), tgt_lang)):
        try:
            files = sorted(p for p in folder.iterdir() if p.is_file()
                           and not p.name.startswith("."))
        except OSError as e:
            raise InputError(f"{folder}: cannot list the folder ({e.strerror or e})") from None
        keyed: dict[str, Path] = {}
        for f in files:
            key = _file_key(f, lang)
            if key in keyed:
                raise InputError(f"{folder}: {keyed[key].name} and {f.name} both match "
                                 f"{key!r}")
            keyed[key] = f
        sides.append(keyed)
    src, tgt = sides
    jobs = [ManifestEntry(k, "pair", n, src=src[k], tgt=tgt[k], src_lang=src_lang,
                          tgt_lang=tgt_lang) for n, k in enumerate(sorted(src.keys() & tgt.keys()), 1)]
    notes = [f"{src[k]}: no file in {tgt_dir} matches it" for k in sorted(src.keys() - tgt.keys())]
    notes += [f"{tgt[k]}: no file in {src_dir} matches it" for k in sorted(tgt.keys() - src.keys())]
    if not jobs:
        raise InputError(f"{src_dir} and {tgt_dir}: no file names match")
    return jobs, notes


def _file_key(path: Path, lang: str) -> str:
    stem = path.name.rsplit(".", 1)[0] if "." in path.name else path.name
    return stem.removesuffix(f".{lang}")


def _entry(data: dict[str, Any], where: str, number: int, base: Path) -> ManifestEntry:
    ident = data.get("id")
    if not isinstance(ident, str) or not ident.strip():
        raise SchemaError(f"{where}: 'id' must be a non-empty string, got {ident!r}")
    is_digest = "digest" in data
    is_pair = "src" in data or "tgt" in data
    if is_digest == is_pair:
        raise SchemaError(
            f"{where}: give either 'digest' (with optional 'sources', 'mapping') or "
            "'src' and 'tgt'"
        )
    allowed = DIGEST_KEYS if is_digest else PAIR_KEYS
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise SchemaError(
            f"{where}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})"
        )
    if is_digest:
        sources = data.get("sources", [])
        if not isinstance(sources, list):
            raise SchemaError(f"{where}: 'sources' must be a list of paths")
        mapping = data.get("mapping")
        return ManifestEntry(
            ident, "digest", number, digest=_path(data["digest"], "digest", where, base),
            sources=tuple(_path(s, "sources", where, base) for s in sources),
            mapping=None if mapping is None else _path(mapping, "mapping", where, base),
        )
    for key in ("src", "tgt"):
        if key not in data:
            raise SchemaError(f"{where}: a pair needs both 'src' and 'tgt' ('{key}' is missing)")
    return ManifestEntry(
        ident, "pair", number, src=_path(data["src"], "src", where, base),
        tgt=_path(data["tgt"], "tgt", where, base),
        src_lang=_lang(data, "src_lang", "tr", where), tgt_lang=_lang(data, "tgt_lang", "en", where),
    )


def _lang(data: dict[str, Any], key: str, default: str, where: str) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise SchemaError(f"{where}: '{key}' must be a language code such as 'tr', got {value!r}")
    return value.strip()


def _path(value: Any, key: str, where: str, base: Path) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise SchemaError(f"{where}: '{key}' must hold non-empty path strings, got {value!r}")
    p = Path(value)
    return p if p.is_absolute() else base / p


def _check_files(entry: ManifestEntry, where: str) -> None:
    named = [("digest", entry.digest), ("mapping", entry.mapping), ("src", entry.src),
             ("tgt", entry.tgt), *(("sources", s) for s in entry.sources)]
    for key, p in named:
        if p is not None and not p.is_file():
            what = "is a directory" if p.is_dir() else "does not exist"
            raise InputError(f"{where}: {key} file {str(p)!r} {what}")
