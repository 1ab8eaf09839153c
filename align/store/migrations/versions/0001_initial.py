"""Initial review store schema: projects, pairs, beads, sentences and their versions, the
edit log, comments and flag resolutions.

Revision ID: 0001
Revises: (none)
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.String(32)
NAME = sa.String(200)


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=f"pk_{table}")


def _pair_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["pair_id"], ["pair.id"], ondelete="CASCADE",
                                   name=f"fk_{table}_pair_id_pair")


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def upgrade() -> None:
    auto = {"sqlite_autoincrement": True}
    op.create_table(
        "project", _id(),
        sa.Column("name", NAME, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", NAME, nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        _pk("project"), sa.UniqueConstraint("name", name="uq_project_name"), **auto)
    counts = ["n_src", "n_tgt", "n_beads", "n_confirmed", "n_rejected", "n_flags"]
    op.create_table(
        "pair", _id(),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("key", NAME, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("citation", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("assignee", NAME, nullable=True),
        sa.Column("signature", sa.JSON(), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("src_lang", sa.String(20), nullable=False),
        sa.Column("tgt_lang", sa.String(20), nullable=False),
        sa.Column("src_text", sa.Text(), nullable=False),
        sa.Column("tgt_text", sa.Text(), nullable=False),
        sa.Column("src_meta", sa.JSON(), nullable=False),
        sa.Column("tgt_meta", sa.JSON(), nullable=False),
        *[sa.Column(c, sa.Integer(), nullable=False) for c in counts],
        sa.Column("score_sum", sa.Float(), nullable=False),
        sa.Column("n_undo", sa.Integer(), nullable=False),
        sa.Column("n_redo", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", NAME, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("updated_by", NAME, nullable=False),
        _pk("pair"),
        sa.UniqueConstraint("project_id", "key", name="uq_pair_project_id_key"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE",
                                name="fk_pair_project_id_project"), **auto)
    op.create_index("ix_pair_project_id", "pair", ["project_id"])
    op.create_table(
        "bead", _id(),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("reviewer", NAME, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        _pk("bead"), _pair_fk("bead"), **auto)
    op.create_index("ix_bead_pair_id_ordinal", "bead", ["pair_id", "ordinal"])
    op.create_table(
        "sentence", _id(),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(3), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=True),
        sa.Column("bead_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("original", sa.Text(), nullable=True),
        sa.Column("gloss", sa.Text(), nullable=True),
        sa.Column("paragraph", sa.Integer(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        _pk("sentence"), _pair_fk("sentence"),
        sa.ForeignKeyConstraint(["bead_id"], ["bead.id"], name="fk_sentence_bead_id_bead"),
        **auto)
    op.create_index("ix_sentence_bead_id", "sentence", ["bead_id"])
    op.create_index("ix_sentence_pair_id_side_position", "sentence",
                    ["pair_id", "side", "position"])
    op.create_table(
        "sentence_version", _id(),
        sa.Column("sentence_id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("op", sa.String(40), nullable=False),
        sa.Column("user", NAME, nullable=False),
        sa.Column("at", TS, nullable=False),
        _pk("sentence_version"), _pair_fk("sentence_version"),
        sa.ForeignKeyConstraint(["sentence_id"], ["sentence.id"], ondelete="CASCADE",
                                name="fk_sentence_version_sentence_id_sentence"), **auto)
    op.create_index("ix_sentence_version_sentence_id", "sentence_version", ["sentence_id"])
    op.create_table(
        "edit_log", _id(),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("user", NAME, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("op", sa.String(40), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("undoable", sa.Boolean(), nullable=False),
        sa.Column("undone", sa.Boolean(), nullable=False),
        sa.Column("redoable", sa.Boolean(), nullable=False),
        _pk("edit_log"), _pair_fk("edit_log"),
        sa.UniqueConstraint("pair_id", "seq", name="uq_edit_log_pair_id_seq"), **auto)
    op.create_table(
        "comment", _id(),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("bead_id", sa.Integer(), nullable=True),
        sa.Column("user", NAME, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _pk("comment"), _pair_fk("comment"), **auto)
    op.create_index("ix_comment_pair_id", "comment", ["pair_id"])
    op.create_table(
        "flag_resolution", _id(),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("bead_id", sa.Integer(), nullable=False),
        sa.Column("flag_type", sa.String(40), nullable=False),
        sa.Column("resolution", sa.String(20), nullable=False),
        sa.Column("user", NAME, nullable=False),
        sa.Column("at", TS, nullable=False),
        _pk("flag_resolution"), _pair_fk("flag_resolution"),
        sa.UniqueConstraint("pair_id", "bead_id", "flag_type",
                            name="uq_flag_resolution_pair_id_bead_id_flag_type"), **auto)


def downgrade() -> None:
    for table in ("flag_resolution", "comment", "edit_log", "sentence_version", "sentence",
                  "bead", "pair", "project"):
        op.drop_table(table)
