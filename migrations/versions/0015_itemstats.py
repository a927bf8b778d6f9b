"""itemstats: per-version response bins, stored item statistics, the refresh queue and its last run

Graded strict attempts already in the database are queued, so the first `stats refresh` counts them.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 07:30:00
"""

import sqlalchemy as sa
from alembic import op

import trainer.core.db

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "item_claim",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempt.id"], name=op.f("fk_item_claim_attempt_id_attempt")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_item_claim_user_id_user")),
        sa.ForeignKeyConstraint(
            ["version_id"], ["question_version.id"], name=op.f("fk_item_claim_version_id_question_version")
        ),
        sa.PrimaryKeyConstraint("version_id", "user_id", name=op.f("pk_item_claim")),
    )
    op.create_index(op.f("ix_item_claim_attempt_id"), "item_claim", ["attempt_id"], unique=False)
    op.create_table(
        "item_bin",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("item_key", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("rest_key", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"], ["question_version.id"], name=op.f("fk_item_bin_version_id_question_version")
        ),
        sa.PrimaryKeyConstraint("version_id", "answer", "item_key", "rest_key", name=op.f("pk_item_bin")),
    )
    op.create_table(
        "item_stat",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("facility", sa.Float(), nullable=True),
        sa.Column("sd", sa.Float(), nullable=True),
        sa.Column("discrimination", sa.Float(), nullable=True),
        sa.Column("efficiency", sa.Float(), nullable=True),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("refreshed_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["question_id"], ["question.id"], name=op.f("fk_item_stat_question_id_question")),
        sa.ForeignKeyConstraint(
            ["version_id"], ["question_version.id"], name=op.f("fk_item_stat_version_id_question_version")
        ),
        sa.PrimaryKeyConstraint("version_id", name=op.f("pk_item_stat")),
    )
    op.create_index(op.f("ix_item_stat_question_id"), "item_stat", ["question_id"], unique=False)
    op.create_index(op.f("ix_item_stat_severity"), "item_stat", ["severity"], unique=False)
    op.create_table(
        "item_stats_pending",
        sa.Column("attempt_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempt.id"], name=op.f("fk_item_stats_pending_attempt_id_attempt")),
        sa.PrimaryKeyConstraint("attempt_id", name=op.f("pk_item_stats_pending")),
    )
    op.create_table(
        "item_stats_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("refreshed_at", trainer.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("versions", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_stats_run")),
    )
    op.execute(
        "INSERT INTO item_stats_pending (attempt_id) "
        "SELECT id FROM attempt WHERE mode = 'strict' AND result IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_table("item_stats_run")
    op.drop_table("item_stats_pending")
    op.drop_index(op.f("ix_item_stat_severity"), table_name="item_stat")
    op.drop_index(op.f("ix_item_stat_question_id"), table_name="item_stat")
    op.drop_table("item_stat")
    op.drop_table("item_bin")
    op.drop_index(op.f("ix_item_claim_attempt_id"), table_name="item_claim")
    op.drop_table("item_claim")
