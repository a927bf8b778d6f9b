"""skills: the typing attempt of the Data Entry Speed Test (DEST)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 07:20:00
"""

import sqlalchemy as sa
from alembic import op

import trainer.core.db

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "typing_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("passage_key", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("passage_text", sa.Text(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("extra_minutes", sa.Integer(), nullable=False),
        sa.Column("started_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("deadline", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_at", trainer.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("text_step", sa.String(length=64), nullable=False),
        sa.Column("keys", sa.Integer(), nullable=False),
        sa.Column("pastes", sa.Integer(), nullable=False),
        sa.Column("finished_at", trainer.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("kdph", sa.Float(), nullable=True),
        sa.Column("wpm", sa.Float(), nullable=True),
        sa.Column("error_pct", sa.Float(), nullable=True),
        sa.Column("qualified", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_typing_attempt_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_typing_attempt")),
    )
    with op.batch_alter_table("typing_attempt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_typing_attempt_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("typing_attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_typing_attempt_user_id"))
    op.drop_table("typing_attempt")
