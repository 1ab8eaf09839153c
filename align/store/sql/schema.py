"""ORM models of the review store (SQLAlchemy 2 declarative). Alembic revisions under
``align/store/migrations/versions/`` create exactly these tables; a test compares them.

Tables (ids are surrogate integers; timestamps are UTC ISO strings, see ``db.now``):

* ``project``: a named set of document pairs.
* ``pair``: a source/target document pair with citation metadata, the alignment's
  signature and meta, each side's imported text, a ``version`` bumped by every write
  (optimistic concurrency) and cached counts for listings.
* ``bead``: one bead of a pair; ``ordinal`` is a gapped order key (display order).
* ``sentence``: one sentence of one side; ``position`` is a gapped order key, ``bead_id``
  the bead holding it. A sentence joined into its predecessor is *retired* (``position``
  and ``bead_id`` NULL, ``parent_id`` = the sentence it went into); rows are never deleted
  by review operations, only by undoing the operation that created them.
* ``sentence_version``: the text a sentence had before each change (edit, split, join).
* ``edit_log``: append-only log of every write (who, when, op, args, before/after diffs).
* ``comment`` and ``flag_resolution``: reviewer notes; ``bead_id`` is a soft reference.
* ``suppressions``: per project, the QA flags reviewers marked false positive, keyed by a
  hash of the flag type and the bead's normalised texts (``align.store.edit.suppress``);
  later computations of flags in the project hold them back. ``pair_id`` (soft reference)
  and the texts say where it was marked.
"""
from __future__ import annotations

from typing import Any, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

TS = String(32)
NAME = String(200)


NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Constraint names, the same on SQLite and PostgreSQL (the migrations spell them out)."""


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Project(Base):
    __tablename__ = "project"
    __table_args__ = ({"sqlite_autoincrement": True},)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(NAME, unique=True)
    created_at: Mapped[str] = mapped_column(TS)
    created_by: Mapped[str] = mapped_column(NAME)
    meta: Mapped[Any] = mapped_column(JSON)


class Pair(Base):
    __tablename__ = "pair"
    __table_args__ = (UniqueConstraint("project_id", "key"),
                      {"sqlite_autoincrement": True})
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"),
                                            index=True)
    key: Mapped[str] = mapped_column(NAME)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    citation: Mapped[Any] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    assignee: Mapped[str | None] = mapped_column(NAME, nullable=True)
    signature: Mapped[Any] = mapped_column(JSON)
    meta: Mapped[Any] = mapped_column(JSON)
    src_lang: Mapped[str] = mapped_column(String(20))
    tgt_lang: Mapped[str] = mapped_column(String(20))
    src_text: Mapped[str] = mapped_column(Text)
    tgt_text: Mapped[str] = mapped_column(Text)
    src_meta: Mapped[Any] = mapped_column(JSON)
    tgt_meta: Mapped[Any] = mapped_column(JSON)
    n_src: Mapped[int] = mapped_column(Integer)
    n_tgt: Mapped[int] = mapped_column(Integer)
    n_beads: Mapped[int] = mapped_column(Integer)
    n_confirmed: Mapped[int] = mapped_column(Integer)
    n_rejected: Mapped[int] = mapped_column(Integer)
    n_flags: Mapped[int] = mapped_column(Integer)
    score_sum: Mapped[float] = mapped_column(Float)
    n_undo: Mapped[int] = mapped_column(Integer)
    n_redo: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(TS)
    created_by: Mapped[str] = mapped_column(NAME)
    updated_at: Mapped[str] = mapped_column(TS)
    updated_by: Mapped[str] = mapped_column(NAME)


class BeadRow(Base):
    __tablename__ = "bead"
    __table_args__ = (Index(None, "pair_id", "ordinal"),
                      {"sqlite_autoincrement": True})
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pair.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(12))
    score: Mapped[float] = mapped_column(Float)
    flags: Mapped[Any] = mapped_column(JSON)
    reviewer: Mapped[str | None] = mapped_column(NAME, nullable=True)
    created_at: Mapped[str] = mapped_column(TS)
    updated_at: Mapped[str] = mapped_column(TS)


class SentenceRow(Base):
    __tablename__ = "sentence"
    __table_args__ = (Index(None, "pair_id", "side", "position"),
                      {"sqlite_autoincrement": True})
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pair.id", ondelete="CASCADE"))
    side: Mapped[str] = mapped_column(String(3))
    position: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    bead_id: Mapped[int | None] = mapped_column(ForeignKey("bead.id"), nullable=True,
                                                index=True)
    text: Mapped[str] = mapped_column(Text)
    original: Mapped[str | None] = mapped_column(Text, nullable=True)
    gloss: Mapped[str | None] = mapped_column(Text, nullable=True)
    paragraph: Mapped[int] = mapped_column(Integer)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class SentenceVersion(Base):
    __tablename__ = "sentence_version"
    __table_args__ = ({"sqlite_autoincrement": True},)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sentence_id: Mapped[int] = mapped_column(ForeignKey("sentence.id", ondelete="CASCADE"),
                                             index=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pair.id", ondelete="CASCADE"))
    n: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    op: Mapped[str] = mapped_column(String(40))
    user: Mapped[str] = mapped_column(NAME)
    at: Mapped[str] = mapped_column(TS)


class EditLog(Base):
    __tablename__ = "edit_log"
    __table_args__ = (UniqueConstraint("pair_id", "seq"),
                      {"sqlite_autoincrement": True})
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pair.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    user: Mapped[str] = mapped_column(NAME)
    at: Mapped[str] = mapped_column(TS)
    op: Mapped[str] = mapped_column(String(40))
    args: Mapped[Any] = mapped_column(JSON)
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)
    undoable: Mapped[bool] = mapped_column(Boolean)
    undone: Mapped[bool] = mapped_column(Boolean)
    redoable: Mapped[bool] = mapped_column(Boolean)


class CommentRow(Base):
    __tablename__ = "comment"
    __table_args__ = ({"sqlite_autoincrement": True},)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pair.id", ondelete="CASCADE"), index=True)
    bead_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    user: Mapped[str] = mapped_column(NAME)
    at: Mapped[str] = mapped_column(TS)
    text: Mapped[str] = mapped_column(Text)


class FlagResolutionRow(Base):
    __tablename__ = "flag_resolution"
    __table_args__ = (UniqueConstraint("pair_id", "bead_id", "flag_type"),
                      {"sqlite_autoincrement": True})
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("pair.id", ondelete="CASCADE"))
    bead_id: Mapped[int] = mapped_column(Integer)
    flag_type: Mapped[str] = mapped_column(String(40))
    resolution: Mapped[str] = mapped_column(String(20))
    user: Mapped[str] = mapped_column(NAME)
    at: Mapped[str] = mapped_column(TS)


class Suppression(Base):
    __tablename__ = "suppressions"
    __table_args__ = (UniqueConstraint("project_id", "key"),
                      {"sqlite_autoincrement": True})
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    flag_type: Mapped[str] = mapped_column(String(40))
    pair_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    src_text: Mapped[str] = mapped_column(Text)
    tgt_text: Mapped[str] = mapped_column(Text)
    user: Mapped[str] = mapped_column(NAME)
    at: Mapped[str] = mapped_column(TS)


class AuditLog(Base):
    """Writes that outlive their pair's edit log (a project deletion), with their user."""

    __tablename__ = "audit_log"
    __table_args__ = ({"sqlite_autoincrement": True},)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(TS)
    user: Mapped[str] = mapped_column(NAME)
    op: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(NAME)
    details: Mapped[Any] = mapped_column(JSON)


T_PROJECT = cast(Table, Project.__table__)
T_PAIR = cast(Table, Pair.__table__)
T_BEAD = cast(Table, BeadRow.__table__)
T_SENT = cast(Table, SentenceRow.__table__)
T_VERSION = cast(Table, SentenceVersion.__table__)
T_LOG = cast(Table, EditLog.__table__)
T_COMMENT = cast(Table, CommentRow.__table__)
T_RESOLUTION = cast(Table, FlagResolutionRow.__table__)
T_AUDIT = cast(Table, AuditLog.__table__)
T_SUPPRESSION = cast(Table, Suppression.__table__)
