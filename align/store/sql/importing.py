"""Importing alignments and projects into the store (inside a caller's transaction). The
store takes objects, never paths: files are read by :mod:`align.reviewed`."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select

from align.errors import InvalidEdit
from align.store.edit.state import counts, import_rows
from align.store.edit.suppress import mark_rows
from align.store.model import row_dict
from align.store.sql.db import now
from align.store.sql.log import append
from align.store.sql.schema import T_BEAD, T_PAIR, T_PROJECT, T_SENT
from align.store.sql.suppress import project_keys
from align.store.sql.txn import alloc_ids
from align.types import Alignment

if TYPE_CHECKING:
    from align.project.records import Project


def project_row(conn: Connection, name: str, user: str, meta: Mapping[str, Any] | None,
                *, create: bool) -> int:
    """Id of project *name*; created when missing (``create``: it must be missing)."""
    if not name or not name.strip():
        raise InvalidEdit("a project needs a name")
    row = conn.execute(select(T_PROJECT.c.id).where(T_PROJECT.c.name == name)).first()
    if row is not None:
        if create:
            raise InvalidEdit(f"project {name!r} already exists")
        return int(row[0])
    res = conn.execute(insert(T_PROJECT).values(name=name, created_at=now(), created_by=user,
                                                meta=dict(meta or {})).returning(T_PROJECT.c.id))
    return int(res.scalar_one())


def _taken(conn: Connection, project_id: int, key: str) -> bool:
    return conn.execute(select(T_PAIR.c.id).where(T_PAIR.c.project_id == project_id,
                                                  T_PAIR.c.key == key)).first() is not None


def first_free(conn: Connection, project_id: int, candidates: Iterable[str]) -> str | None:
    """The first of *candidates* (read lazily; empty ones skipped) that is not yet a pair
    key of the project, or None when the candidates run out."""
    for candidate in candidates:
        if candidate and not _taken(conn, project_id, candidate):
            return candidate
    return None


# File stems that say nothing about the pair: the folder names it instead.
_GENERIC_STEMS = frozenset({"gold", "sample", "alignment", "aligned", "pair", "project"})


def _file_key(conn: Connection, project_id: int, path: PurePath, key: str | None = None) -> str:
    """The pair key for a record *key* (or, without one, the file) of *path*: the plain key
    while it is free in the project, else qualified by the file (``edam/gold``)."""
    stem = path.stem if path.stem not in _GENERIC_STEMS or not path.parent.name \
        else path.parent.name
    plain = key or stem
    second = f"{stem}/{plain}" if key else f"{path.parent.name}/{path.stem}"
    return first_free(conn, project_id, (plain, second)) or plain  # add_pair reports a clash


def add_pair(conn: Connection, project_id: int, key: str, aln: Alignment, *, user: str,
             kind: str = "pair", title: str = "",
             citation: Mapping[str, Any] | None = None) -> int:
    """Insert pair *key* with every bead and sentence of *aln*; returns the pair id. Flags
    the project suppresses are stored marked (``align.store.edit.suppress``), not shown."""
    if not user:
        raise InvalidEdit("an import needs a user name")
    if not isinstance(aln, Alignment):
        raise InvalidEdit(f"pair {key!r}: expected an align.types.Alignment, got "
                          f"{type(aln).__name__}")
    if _taken(conn, project_id, key):
        name = conn.execute(select(T_PROJECT.c.name)
                            .where(T_PROJECT.c.id == project_id)).scalar_one()
        raise InvalidEdit(f"project {name} already has a pair {key!r}")
    at = now()
    (pair_id,) = alloc_ids(conn, "pair", 1)
    bead_ids = alloc_ids(conn, "bead", len(aln.beads))
    sent_ids = alloc_ids(conn, "sentence", len(aln.source) + len(aln.target))
    cols, beads, sents = import_rows(aln, bead_ids, sent_ids, at)
    beads = mark_rows(beads, aln, project_keys(conn, project_id))
    c = counts(beads, len(aln.source), len(aln.target))
    conn.execute(insert(T_PAIR).values(
        id=pair_id, project_id=project_id, key=key, kind=kind, title=title,
        citation=dict(citation or {}), version=1, status="todo", assignee=None, **cols, **c,
        n_undo=0, n_redo=0, created_at=at, created_by=user, updated_at=at, updated_by=user))
    if beads:
        conn.execute(insert(T_BEAD), [{**row_dict(b), "pair_id": pair_id} for b in beads])
    if sents:
        conn.execute(insert(T_SENT), [{**row_dict(s), "pair_id": pair_id} for s in sents])
    append(conn, pair_id, 1, user, at, "import",
           {"key": key, "kind": kind, "n_src": len(aln.source), "n_tgt": len(aln.target),
            "n_beads": len(aln.beads)})
    return pair_id


def _title(citation: Mapping[str, Any]) -> str:
    for k in ("title_en", "title_tr", "raw"):
        if citation.get(k):
            return str(citation[k])
    return ""


def import_document(conn: Connection, project: str | int, doc: Project | Alignment, *,
                    user: str, name: PurePath) -> list[int]:
    """The pairs of a project (one per record, key = record id) or an alignment (one pair);
    returns pair ids. ``name`` (the file the document came from) is never read: its stem,
    or its folder's name for generic stems, keys the pairs (:func:`_file_key`)."""
    from align.project.records import Project

    if isinstance(project, int):
        row = conn.execute(select(T_PROJECT.c.id).where(T_PROJECT.c.id == project)).first()
        if row is None:
            raise InvalidEdit(f"there is no project {project}")
        pid = int(row[0])
    else:
        pid = project_row(conn, project, user, None, create=False)
    if isinstance(doc, Project):
        return [add_pair(conn, pid, _file_key(conn, pid, name, r.id), r.alignment, user=user,
                         kind=r.kind, title=_title(r.citation), citation=r.citation)
                for r in doc.pairs]
    return [add_pair(conn, pid, _file_key(conn, pid, name), doc, user=user)]
