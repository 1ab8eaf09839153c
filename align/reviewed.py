"""Reviewed pairs in and out of the review store: the one place the CLI (`align project
import|export|report`) and the app read reviewed files and turn stored pairs into export and
report inputs.

In: project / alignment JSON, a TMX (one confirmed gold pair) and the CSV / TSV / XLIFF /
JSONL rows a CAT tool or a spreadsheet sends back. Every file is read and converted before
the store is written to, so one bad file writes nothing (not even the project ``create``
would make)::

    files = read_files(paths)                  # InputError naming the first bad file
    infos = add_files(store, "back", files, user="ana", create=True)
    infos = import_files(store, "back", paths, user="ana", create=True)   # the two at once

Pair keys: a TMX gives one pair keyed by the file stem; a row file one pair per pair key in
its rows (rows without one: the file stem). A key the project already has becomes
``<stem>/<key>``; when that is taken too, InvalidEdit. JSON documents are keyed by the
store (:meth:`align.store.Store.import_document`).

Out: stored pairs (``PairState``) as :class:`align.formats.ExportPair` and report
inputs; the project name and pair key name the pair, the citation travels with it.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from align.errors import InputError, InvalidEdit, SchemaError
from align.formats.export import IMPORT_SUFFIXES, ROW_READERS
from align.types import Alignment

if TYPE_CHECKING:
    from align.formats import ExportPair
    from align.project.records import Project as DigestProject
    from align.report.build import ReportInput
    from align.store import PairInfo, PairState, Store

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
    """A file read by :func:`read_files`: its ``path`` and either ``pairs`` (TMX and row
    files) or ``document`` (project or alignment JSON, keyed by the store)."""

    path: Path
    pairs: tuple[IncomingPair, ...] | None
    document: DigestProject | Alignment | None = None


def read_json_document(path: str | Path) -> DigestProject | Alignment:
    """An ``align.project/1`` or ``align.alignment/1`` file; InputError or SchemaError naming
    the file when it is neither."""
    from align.io.read import read_json
    from align.project.records import PROJECT_SCHEMA, Project

    p = Path(path)
    data = read_json(p, "a JSON project or alignment file")
    schema = data.get("schema") if isinstance(data, dict) else None
    if schema == PROJECT_SCHEMA:
        try:
            return Project.from_dict(data)
        except (KeyError, TypeError, ValueError) as e:
            raise SchemaError(f"{p}: bad project file: {e}") from e
    if isinstance(schema, str) and schema.startswith("align.alignment/"):
        try:
            return Alignment.from_dict(data)
        except SchemaError as e:
            raise SchemaError(f"{p}: {e}") from e
    raise SchemaError(f"{p} is neither an align.project/1 nor an align.alignment/1 file "
                      f"(schema {schema!r})")


def read_pairs(path: Path, *, src_lang: str = "tr", tgt_lang: str = "en",
               swap: bool = False) -> list[IncomingPair]:
    """The pairs of a TMX or row file (suffix in :data:`IMPORT_SUFFIXES`), fully read and
    converted. Raises InputError naming the file when it cannot be read or holds nothing,
    or when its suffix is not one of :data:`IMPORT_SUFFIXES`. ``swap``: accept a TMX that runs
    ``tgt_lang -> src_lang`` (:func:`align.formats.tmx_to_gold`)."""
    import align.formats as ix

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".tmx":
        aln = ix.tmx_to_gold(path, src_lang=src_lang, tgt_lang=tgt_lang, swap=swap)
        return [IncomingPair(path.stem, aln, "tmx", path.name)]
    if suffix not in ROW_READERS:
        raise InputError(f"{path}: file type {suffix or '(none)'} is not a TMX or row file "
                         f"(use {', '.join(IMPORT_SUFFIXES)})")
    rows = getattr(ix, ROW_READERS[suffix])(path)
    alns = ix.rows_to_alignments(rows, src_lang=src_lang, tgt_lang=tgt_lang, name=str(path))
    return [IncomingPair(path.stem if key == str(path) else key, aln, "import", path.name)
            for key, aln in alns.items()]


def read_files(paths: Sequence[Path], *, src_lang: str = "tr",
               tgt_lang: str = "en", swap: bool = False) -> list[IncomingFile]:
    """Check that every path is a file, then read every one (TMX and row files into pairs,
    anything else as project or alignment JSON). InputError or SchemaError naming the file
    on the first bad one."""
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
    return [IncomingFile(p, tuple(read_pairs(p, src_lang=src_lang, tgt_lang=tgt_lang, swap=swap)))
            if p.suffix.lower() in IMPORT_SUFFIXES else IncomingFile(p, None, read_json_document(p))
            for p in paths]


def free_key(store: Store, project: str, key: str, stem: str) -> str:
    """``key``, or ``stem/key`` when the project already has a pair ``key``."""
    found: str | None = store.free_key(project, (key, f"{stem}/{key}"))
    if found is not None:
        return found
    raise InvalidEdit(f"project {project} already has pairs {key!r} and {stem + '/' + key!r}")


def add_files(store: Store, project: str, files: Sequence[IncomingFile], *, user: str,
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
        if f.document is not None:
            infos = store.import_document(project, f.document, user=user, name=f.path)
        else:
            assert f.pairs is not None
            infos = [store.add_pair(project, free_key(store, project, p.key, f.path.stem),
                                    p.alignment, user=user, kind=p.kind, title=p.title,
                                    citation=p.citation)
                     for p in f.pairs]
        for info in infos:
            if on_pair:
                on_pair(f.path, info)
        added.extend(infos)
    return added


def import_files(store: Store, project: str, paths: Sequence[Path], *, user: str,
                 create: bool = False, src_lang: str = "tr", tgt_lang: str = "en",
                 on_pair: Callable[[Path, PairInfo], None] | None = None) -> list[PairInfo]:
    """:func:`read_files` then :func:`add_files`: every file is read before anything is
    written, so a bad one (InputError naming it) leaves the store unchanged."""
    files = read_files(paths, src_lang=src_lang, tgt_lang=tgt_lang)
    return add_files(store, project, files, user=user, create=create, on_pair=on_pair)


def export_pairs(states: Sequence[PairState]) -> list[ExportPair]:
    """One :class:`align.formats.ExportPair` per state, in order."""
    from align.formats import ExportPair

    return [ExportPair(s.info.project, s.info.key, s.alignment,
                       dict(s.alignment.meta.get("citation") or {}), s.info.title)
            for s in states]


def report_inputs(states: Sequence[PairState]) -> list[ReportInput]:
    """One :class:`align.report.build.ReportInput` per state (file = project, pair = key),
    with the reviewers' verdicts on its flags (the per-check precision table)."""
    from align.report.build import ReportInput

    return [ReportInput(s.info.project, s.info.key, s.info.title,
                        (s.alignment.meta.get("citation") or {}).get("url"), s.alignment,
                        tuple((r.bead, r.flag_type, r.resolution) for r in s.resolutions))
            for s in states]
