"""Import into the review store, without Streamlit: a pair aligned from uploaded Turkish
article(s) and an English summary (by :func:`align.project.files.align_files`, the service
``align pair`` uses too), run ``align digest`` on a digest and its sources, or load alignment /
project JSON, or import reviewed TMX / XLIFF / CSV / TSV / JSONL files back from a CAT
tool or a spreadsheet. Files are already saved under ``<data>/uploads`` (see :mod:`ui.uploads`).

``store`` is an ``align.store.Store``; every write names ``user``.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from align.scorers import DEFAULT_SCORER
from align.scorers.catalog import menu
from align.types import Alignment

if TYPE_CHECKING:
    from align.store import PairInfo, ProjectInfo, Store

SCORERS = menu()
"""The scorer menus, the default first (:func:`align.scorers.catalog.menu`)."""
PROFILES = ("auto", "summary", "translation")
MODES = ("auto", "monotonic", "free")

Progress = Callable[[float, str], None]  # (fraction done in [0, 1], message)


@dataclass(frozen=True)
class ImportResult:
    """What an import added: the store's PairInfo records and lines for the user."""

    pairs: tuple[PairInfo, ...]
    notes: tuple[str, ...] = ()


def ensure_project(store: Store, name: str, *, user: str) -> ProjectInfo:
    """The project called ``name``, created when missing."""
    from align.errors import AlignError

    name = name.strip()
    if not name:
        from align.errors import InvalidEdit

        raise InvalidEdit("give the project a name")
    try:
        return store.get_project(name)
    except (AlignError, KeyError, LookupError):
        return store.create_project(name, user=user)


def free_key(store: Store, project: str, key: str) -> str:
    """``key``, or ``key-2``, ``key-3``, … when the project already has it."""
    numbered = (f"{key}-{n}" for n in itertools.count(2))
    found = store.free_key(project, itertools.chain([key], numbered))
    assert found is not None  # the numbered keys never run out
    return found


def import_pair(store: Store, project: str, aln: Alignment, *, user: str, key: str,
                title: str = "", kind: str = "pair") -> ImportResult:
    ensure_project(store, project, user=user)
    info = store.add_pair(project, free_key(store, project, key), aln, user=user, kind=kind,
                          title=title)
    note = (f"added {info.key}: {info.n_src} Turkish, {info.n_tgt} English sentences, "
            f"{info.n_beads} beads")
    return ImportResult((info,), (note,))


def import_digest(store: Store, project: str, digest: Path, sources: Sequence[Path], *,
                  user: str, scorer: str = DEFAULT_SCORER,
                  progress: Progress | None = None) -> ImportResult:
    """``align digest`` on ``digest`` + ``sources``, the project imported as it is (one pair
    per aligned block, plus the lead; no file in between)."""
    from align.project.run import align_digest

    n_steps = max(2, len(sources) + 2)
    seen = [0]

    def tick(msg: str) -> None:
        seen[0] += 1
        if progress:
            progress(min(0.95, seen[0] / n_steps), msg)

    if progress:
        progress(0.05, f"reading the digest and {len(sources)} source(s)")
    # the store keeps every flag; the Review page's QA level chooses which show
    proj = align_digest(digest, list(sources), scorer=scorer, progress=tick, qa_level="strict")
    if progress:
        progress(0.97, "saving to the review store")
    ensure_project(store, project, user=user)
    infos = store.import_document(project, proj, user=user,
                                  name=digest.with_name(digest.stem + ".project.json"))
    if progress:
        progress(1.0, "done")
    return ImportResult(tuple(infos), tuple(proj.notes))


def import_json(store: Store, project: str, path: Path, *, user: str) -> ImportResult:
    """An ``align.alignment/1`` or ``align.project/1`` file
    (:func:`align.reviewed.read_json_document`)."""
    from align.reviewed import read_json_document

    doc = read_json_document(path)
    ensure_project(store, project, user=user)
    infos = store.import_document(project, doc, user=user, name=path)
    return ImportResult(tuple(infos), tuple(f"added {i.key}" for i in infos))


def import_reviewed(store: Store, project: str, paths: Sequence[Path], *,
                    user: str) -> ImportResult:
    """TMX / XLIFF / CSV / TSV / JSONL files via ``align.reviewed.import_files``: every
    file is read first, so a bad one raises (InputError naming it) and nothing is written,
    not even a new ``project``. The Import page shows the error with the uploaded names
    (:meth:`ui.uploads.Batch.message`)."""
    from align.errors import InvalidEdit
    from align.reviewed import import_files

    if not project.strip():
        raise InvalidEdit("give the project a name")
    infos = import_files(store, project.strip(), paths, user=user, create=True)
    return ImportResult(tuple(infos), tuple(
        f"added {i.key}: {i.n_src} Turkish, {i.n_tgt} English sentences, {i.n_beads} beads"
        for i in infos))
