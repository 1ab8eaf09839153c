"""``Store``: projects, pairs, import, load, history and the review operations over one
database: the one facade the CLI and the app call.

The review operations are methods (``store.link(pair_id, src, tgt, version=…, user=…)``);
each is implemented once in ``align.store.review`` (``review.link(store, pair_id, …)``) and
bound here by :class:`_Operation`, so its signature and docstring have one home. The store keeps the last model of recently used pairs keyed by
version (every write bumps the version, so a cached model of version v is exactly the rows
of version v) and reads a pair's rows only when another process has written since.
"""
from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Self, overload

from sqlalchemy import Connection, Engine, delete, func, insert, select

from align.errors import InvalidEdit
from align.store import review
from align.store.edit.state import to_alignment
from align.store.model import PairModel
from align.store.records import (
    Comment,
    EditRecord,
    FlagResolution,
    PairInfo,
    PairState,
    ProjectInfo,
)
from align.store.sql.db import now
from align.store.sql.importing import add_pair, first_free, import_document, project_row
from align.store.sql.read import read_model
from align.store.sql.schema import T_LOG, T_PAIR, T_PROJECT, Project
from align.store.sql.txn import begin_write
from align.types import Alignment

if TYPE_CHECKING:
    from align.project.records import Project as DigestProject

CACHE_SIZE = 16


def pair_info(p: Mapping[str, Any], project: str) -> PairInfo:
    n = p["n_beads"]
    return PairInfo(
        id=p["id"], project_id=p["project_id"], project=project, key=p["key"], kind=p["kind"],
        title=p["title"], version=p["version"], status=p["status"], assignee=p["assignee"],
        n_src=p["n_src"], n_tgt=p["n_tgt"], n_beads=n, n_confirmed=p["n_confirmed"],
        n_rejected=p["n_rejected"], mean_score=(p["score_sum"] / n) if n else None,
        n_flags=p["n_flags"], updated_at=p["updated_at"], updated_by=p["updated_by"])


P = ParamSpec("P")


class _Operation(Generic[P]):
    """A review operation ``fn(store, pair_id, …)`` as a ``Store`` method (typed: the method
    takes ``fn``'s parameters after ``store``)."""

    def __init__(self, fn: Callable[Concatenate[Store, P], PairState]) -> None:
        self.fn = fn
        self.__doc__ = fn.__doc__

    @overload
    def __get__(self, store: None, owner: type) -> _Operation[P]: ...

    @overload
    def __get__(self, store: Store, owner: type | None = None) -> Callable[P, PairState]: ...

    def __get__(self, store: Store | None,
                owner: type | None = None) -> _Operation[P] | Callable[P, PairState]:
        if store is None:  # Store.link: the operation itself (its docstring, for help())
            return self
        return functools.partial(self.fn, store)


class Store:
    """The review store on one database (``open_store`` makes one)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._cache: OrderedDict[int, PairModel] = OrderedDict()
        self._projects: dict[int, str] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    # -- cache --------------------------------------------------------------------------
    def cached(self, pair_id: int, version: int) -> PairModel | None:
        with self._lock:
            m = self._cache.get(pair_id)
            return m if m is not None and m.version == version else None

    def remember(self, model: PairModel) -> None:
        with self._lock:
            self._cache[model.id] = model
            self._cache.move_to_end(model.id)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)

    def _project_name(self, conn: Connection, project_id: int) -> str:
        if project_id not in self._projects:
            name = conn.execute(select(T_PROJECT.c.name).where(T_PROJECT.c.id == project_id))
            self._projects[project_id] = name.scalar_one()
        return self._projects[project_id]

    def state_of(self, model: PairModel, conn: Connection) -> PairState:
        """The PairState of *model* (builds the Alignment, so check_cover is verified)."""
        p = model.pair
        pos = model.bead_pos
        comments = tuple(Comment(c["id"], pos.get(c["bead_id"]), c["user"], c["at"], c["text"])
                         for c in model.comments)
        res = tuple(FlagResolution(r["id"], pos[r["bead_id"]], r["flag_type"], r["resolution"],
                                   r["user"], r["at"])
                    for r in model.resolutions if r["bead_id"] in pos)
        return PairState(pair_info(p, self._project_name(conn, p["project_id"])),
                         to_alignment(model), comments, res, p["n_undo"] > 0, p["n_redo"] > 0)

    # -- projects -----------------------------------------------------------------------
    def create_project(self, name: str, *, user: str,
                       meta: Mapping[str, Any] | None = None) -> ProjectInfo:
        """A new project; a name already taken raises InvalidEdit."""
        with self.engine.connect() as raw:
            conn = begin_write(raw)
            with conn.begin():
                pid = project_row(conn, name, user, meta, create=True)
        return self.get_project(pid)

    def _project_info(self, conn: Connection, row: Any) -> ProjectInfo:
        n = conn.execute(select(func.count()).select_from(T_PAIR)
                         .where(T_PAIR.c.project_id == row.id)).scalar_one()
        return ProjectInfo(row.id, row.name, row.created_at, row.created_by, int(n),
                           row.meta or {})

    def list_projects(self) -> list[ProjectInfo]:
        """Every project, by name, with its number of pairs."""
        n = (select(func.count()).select_from(T_PAIR)
             .where(T_PAIR.c.project_id == T_PROJECT.c.id).scalar_subquery().label("n_pairs"))
        q = select(T_PROJECT, n).order_by(T_PROJECT.c.name)
        with self.engine.connect() as conn:
            return [ProjectInfo(r.id, r.name, r.created_at, r.created_by, int(r.n_pairs),
                                r.meta or {}) for r in conn.execute(q)]

    def _find_project(self, conn: Connection, name_or_id: str | int) -> Any:
        t = T_PROJECT
        row = conn.execute(select(t).where(t.c.name == str(name_or_id))).first()
        if row is None and (isinstance(name_or_id, int) or str(name_or_id).isdigit()):
            row = conn.execute(select(t).where(t.c.id == int(name_or_id))).first()
        if row is None:
            raise InvalidEdit(f"there is no project {name_or_id!r}")
        return row

    def get_project(self, name_or_id: str | int) -> ProjectInfo:
        with self.engine.connect() as conn:
            return self._project_info(conn, self._find_project(conn, name_or_id))

    def delete_project(self, name_or_id: str | int, *, user: str) -> None:
        """Delete a project with its pairs, their rows and logs (ORM session); the deletion
        itself goes into the audit log with ``user``, in the same transaction."""
        from sqlalchemy.orm import Session

        from align.store.sql.schema import T_AUDIT, T_BEAD, T_SENT

        with Session(self.engine) as s, s.begin():
            row = self._find_project(s.connection(), name_or_id)
            keys = [r.key for r in s.execute(select(T_PAIR.c.key)
                                             .where(T_PAIR.c.project_id == row.id))]
            s.execute(insert(T_AUDIT).values(
                at=now(), user=user, op="delete_project", subject=row.name,
                details={"project_id": row.id, "pairs": keys}))
            pairs = select(T_PAIR.c.id).where(T_PAIR.c.project_id == row.id)
            # Sentences point at beads: remove them first, the cascade does the rest.
            s.execute(delete(T_SENT).where(T_SENT.c.pair_id.in_(pairs)))
            s.execute(delete(T_BEAD).where(T_BEAD.c.pair_id.in_(pairs)))
            project = s.get(Project, row.id)
            s.delete(project)
        with self._lock:
            self._cache.clear()
            self._projects.pop(row.id, None)

    def suppressions(self, project: str | int) -> list[dict[str, Any]]:
        """The project's suppressed flags (``resolve_flag`` false_positive; see
        :mod:`align.store.edit.suppress`), oldest first: ``id``, ``key``, ``flag_type``,
        ``pair_id`` (where it was marked), ``src_text``, ``tgt_text``, ``user``, ``at``."""
        from align.store.sql.suppress import listing

        with self.engine.connect() as conn:
            return listing(conn, self._find_project(conn, project).id)

    def audit_log(self) -> list[dict[str, Any]]:
        """Writes that outlive their pair's edit log (project deletions), oldest first."""
        from align.store.sql.schema import T_AUDIT

        with self.engine.connect() as conn:
            rows = conn.execute(select(T_AUDIT).order_by(T_AUDIT.c.id))
            return [dict(r._mapping) for r in rows]

    # -- pairs --------------------------------------------------------------------------
    def free_key(self, project: str | int, candidates: Iterable[str]) -> str | None:
        """The first of *candidates* (read lazily) that is not yet a pair key of *project*,
        or None when they run out: the one rule behind every key-clash policy."""
        with self.engine.connect() as conn:
            return first_free(conn, self._find_project(conn, project).id, candidates)

    def add_pair(self, project: str | int, key: str, alignment: Alignment, *, user: str,
                 kind: str = "pair", title: str = "",
                 citation: Mapping[str, Any] | None = None) -> PairInfo:
        """Import one alignment as pair *key* of *project* (version 1, log entry 1)."""
        with self.engine.connect() as raw:
            conn = begin_write(raw)
            with conn.begin():
                pid = self._find_project(conn, project).id
                pair_id = add_pair(conn, pid, key, alignment, user=user, kind=kind,
                                   title=title, citation=citation)
        return self.pair(pair_id)

    def import_document(self, project: str | int, doc: DigestProject | Alignment, *, user: str,
                        name: str | PurePath = "pair") -> list[PairInfo]:
        """Import a digest project (one pair per record, key = record id) or an alignment
        (one pair, key = ``name``'s stem, or its folder's name for ``gold.json`` /
        ``sample.json``), in one transaction. ``name`` is where the document came from; it
        is never read. A key already in the project is qualified by it
        (``economy/block:1``, ``edam/gold``). The project is created when it does not
        exist."""
        with self.engine.connect() as raw:
            conn = begin_write(raw)
            with conn.begin():
                ids = import_document(conn, project, doc, user=user, name=PurePath(name))
        return [self.pair(i) for i in ids]

    def list_pairs(self, project: str | int | None = None) -> list[PairInfo]:
        with self.engine.connect() as conn:
            q = select(T_PAIR, T_PROJECT.c.name.label("project_name")).join(
                T_PROJECT, T_PROJECT.c.id == T_PAIR.c.project_id)
            if project is not None:
                q = q.where(T_PAIR.c.project_id == self._find_project(conn, project).id)
            rows = conn.execute(q.order_by(T_PAIR.c.project_id, T_PAIR.c.id)).mappings()
            return [pair_info(dict(r), r["project_name"]) for r in rows]

    def pair(self, pair_id: int) -> PairInfo:
        with self.engine.connect() as conn:
            q = select(T_PAIR, T_PROJECT.c.name.label("project_name")).join(
                T_PROJECT, T_PROJECT.c.id == T_PAIR.c.project_id).where(T_PAIR.c.id == pair_id)
            row = conn.execute(q).mappings().first()
            if row is None:
                raise InvalidEdit(f"there is no pair {pair_id}")
            return pair_info(dict(row), row["project_name"])

    def load(self, pair_id: int) -> PairState:
        """The pair now, read in one consistent snapshot."""
        with self.engine.connect() as raw:
            conn = raw if self.engine.dialect.name == "sqlite" else raw.execution_options(
                isolation_level="REPEATABLE READ")
            with conn.begin():
                v = conn.execute(select(T_PAIR.c.version).where(T_PAIR.c.id == pair_id)).first()
                if v is None:
                    raise InvalidEdit(f"there is no pair {pair_id}")
                model = self.cached(pair_id, v[0]) or read_model(conn, pair_id)
                state = self.state_of(model, conn)
        self.remember(model)
        return state

    def history(self, pair_id: int, limit: int = 200) -> list[EditRecord]:
        """The last *limit* edit-log entries of a pair, oldest first."""
        c = T_LOG.c
        with self.engine.connect() as conn:
            rows = conn.execute(select(c.seq, c.user, c.at, c.op, c.args, c.undone)
                                .where(c.pair_id == pair_id).order_by(c.seq.desc())
                                .limit(limit)).all()
        return [EditRecord(r.seq, r.user, r.at, r.op, r.args or {}, bool(r.undone))
                for r in reversed(rows)]

    def sentence_history(self, pair_id: int, side: str, index: int) -> list[dict[str, Any]]:
        """Earlier texts of a sentence: ``[{"n", "text", "op", "user", "at"}]``, oldest
        first (the text each change replaced; the current text is in ``load``)."""
        from align.store.sql.schema import T_VERSION

        state_model = self._model(pair_id)
        order = state_model.order.get(side)
        if order is None or not 0 <= index < len(order):
            raise InvalidEdit(f"{side} sentence {index} does not exist in pair {pair_id}")
        t = T_VERSION
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.c.n, t.c.text, t.c.op, t.c.user, t.c.at)
                                .where(t.c.sentence_id == order[index]).order_by(t.c.n))
            return [dict(r._mapping) for r in rows]

    def _model(self, pair_id: int) -> PairModel:
        self.load(pair_id)
        with self._lock:
            return self._cache[pair_id]

    # -- review operations (one transaction each; see align.store.review) --------------------
    link = _Operation(review.link)
    unlink = _Operation(review.unlink)
    detach = _Operation(review.detach)
    merge = _Operation(review.merge)
    split_bead = _Operation(review.split_bead)
    shift = _Operation(review.shift)
    split_sentence = _Operation(review.split_sentence)
    join_sentences = _Operation(review.join_sentences)
    edit_text = _Operation(review.edit_text)
    set_status = _Operation(review.set_status)
    confirm_above = _Operation(review.confirm_above)
    realign = _Operation(review.realign)
    recheck = _Operation(review.recheck)
    undo = _Operation(review.undo)
    redo = _Operation(review.redo)
    comment = _Operation(review.comment)
    resolve_flag = _Operation(review.resolve_flag)

    def assign(self, pair_id: int, reviewer: str | None, *, version: int,
               user: str) -> PairState:
        """Assign the pair to *reviewer* (None: nobody). Logged, not undoable."""
        return review.set_pair(self, pair_id, version=version, user=user, op="assign",
                               assignee=reviewer)

    def set_pair_status(self, pair_id: int, status: str, *, version: int,
                        user: str) -> PairState:
        """todo | in_review | done. Logged, not undoable."""
        return review.set_pair(self, pair_id, version=version, user=user,
                               op="set_pair_status", status=status)
