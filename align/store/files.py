"""Files into the review store: project / alignment JSON, a TMX (one confirmed gold pair) and
the CSV / TSV / XLIFF / JSONL rows a CAT tool or a spreadsheet sends back.

Every file is read and converted before the store is written to, so one bad file writes
nothing (not even the project ``create`` would make)::

    files = read_files(paths)                  # InputError naming the first bad file
    infos = add_files(store, "back", files, user="ana", create=True)
    infos = import_files(store, "back", paths, user="ana", create=True)   # the two at once

Pair keys: a TMX gives one pair keyed by the file stem; a row file one pair per pair key in
its rows (rows without one: the file stem). A key the project already has becomes
``<stem>/<key>``; when that is taken too, InvalidEdit. JSON files go through
``Store.import_file`` (its own keys and qualification).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from align.errors import InputError, InvalidEdit
from align.interchange.export import IMPORT_SUFFIXES, ROW_READERS
from align.store.records import PairInfo
from align.types import Alignment

SUFFIXES = IMPORT_SUFFIXES
"""Suffixes :func:`read_pairs` reads (lower case); anything else is imported as JSON."""


@dataclass(frozen=True)
class IncomingPair:
    """One pair read from a file, not yet in the store: its wanted ``key`` (before clash
    qualification), the ``alignment``, the store ``kind`` (``"tmx"`` or ``"import"``), the
    display ``title`` (the file name) and a ``citation`` (empty for these formats)."""

    key: str
    alignment: Alignment
    kind: str
    title: str = ""
    citation: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "citation", MappingProxyType(dict(self.citation or {})))


@dataclass(frozen=True)
class IncomingFile:
    """A file read by :func:`read_files`: its ``path`` and ``pairs``; ``pairs`` is None for
    a JSON file, which ``Store.import_file`` reads when it is added."""

    path: Path
    pairs: tuple[IncomingPair, ...] | None


def read_pairs(path: Path, *, src_lang: str = "tr", tgt_lang: str = "en",
               swap: bool = False) -> list[IncomingPair]:
    """The pairs of a TMX or row file (suffix in :data:`SUFFIXES`), fully read and
    converted. Raises InputError naming the file when it cannot be read or holds nothing,
    or when its suffix is not one of :data:`SUFFIXES`. ``swap``: accept a TMX that runs
    ``tgt_lang -> src_lang`` (:func:`align.interchange.tmx_to_gold`)."""
    import align.interchange as ix

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".tmx":
        aln = ix.tmx_to_gold(path, src_lang=src_lang, tgt_lang=tgt_lang, swap=swap)
        return [IncomingPair(path.stem, aln, "tmx", path.name)]
    if suffix not in ROW_READERS:
        raise InputError(f"{path}: file type {suffix or '(none)'} is not a TMX or row file "
                         f"(use {', '.join(SUFFIXES)})")
    rows = getattr(ix, ROW_READERS[suffix])(path)
    alns = ix.rows_to_alignments(rows, src_lang=src_lang, tgt_lang=tgt_lang, name=str(path))
    return [IncomingPair(path.stem if key == str(path) else key, aln, "import", path.name)
            for key, aln in alns.items()]


def read_files(paths: Sequence[Path], *, src_lang: str = "tr",
               tgt_lang: str = "en", swap: bool = False) -> list[IncomingFile]:
    """Check that every path is a file, then read every TMX / row file (JSON files are
    left to ``Store.import_file``). InputError naming the file on the first bad one."""
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
    return [IncomingFile(p, tuple(read_pairs(p, src_lang=src_lang, tgt_lang=tgt_lang, swap=swap))
                         if p.suffix.lower() in SUFFIXES else None) for p in paths]


def free_key(store: Any, project: str, key: str, stem: str) -> str:
    """``key``, or ``stem/key`` when the project already has a pair ``key``."""
    found: str | None = store.free_key(project, (key, f"{stem}/{key}"))
    if found is not None:
        return found
    raise InvalidEdit(f"project {project} already has pairs {key!r} and {stem + '/' + key!r}")


def add_files(store: Any, project: str, files: Sequence[IncomingFile], *, user: str,
              create: bool = False,
              on_pair: Callable[[Path, PairInfo], None] | None = None) -> list[PairInfo]:
    """Add files read by :func:`read_files` to ``project`` of ``store`` (an
    ``align.store.Store``), in order; returns the new pairs. A missing project is created
    when ``create``, else InvalidEdit. ``on_pair(path, info)`` is called for each pair."""
    if project not in {p.name for p in store.list_projects()}:
        if not create:
            raise InvalidEdit(f"no project {project!r}; create it with `align project "
                              f"create {project}` or pass --create")
        store.create_project(project, user=user)
    added: list[PairInfo] = []
    for f in files:
        if f.pairs is None:
            infos = store.import_file(project, f.path, user=user)
        else:
            infos = [store.add_pair(project, free_key(store, project, p.key, f.path.stem),
                                    p.alignment, user=user, kind=p.kind, title=p.title,
                                    citation=p.citation)
                     for p in f.pairs]
        for info in infos:
            if on_pair:
                on_pair(f.path, info)
        added.extend(infos)
    return added


def import_files(store: Any, project: str, paths: Sequence[Path], *, user: str,
                 create: bool = False, src_lang: str = "tr", tgt_lang: str = "en",
                 on_pair: Callable[[Path, PairInfo], None] | None = None) -> list[PairInfo]:
    """:func:`read_files` then :func:`add_files`: every file is read before anything is
    written, so a bad one (InputError naming it) leaves the store unchanged."""
    files = read_files(paths, src_lang=src_lang, tgt_lang=tgt_lang)
    return add_files(store, project, files, user=user, create=create, on_pair=on_pair)
