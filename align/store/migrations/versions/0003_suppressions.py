"""Suppressions: per project, the QA flags reviewers marked false positive, keyed by a hash
of the flag type and the bead's normalised texts (``align.store.edit.suppress``).

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suppressions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("flag_type", sa.String(40), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=True),
        sa.Column("src_text", sa.Text(), nullable=False),
        sa.Column("tgt_text", sa.Text(), nullable=False),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_suppressions"),
        sa.UniqueConstraint("project_id", "key", name="uq_suppressions_project_id_key"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE",
                                name="fk_suppressions_project_id_project"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("suppressions")
