"""institute: fixed papers and live mocks

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 07:00:00
"""

import sqlalchemy as sa
from alembic import op

import trainer.core.db

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fixed_paper",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("pattern_code", sa.String(length=80), nullable=False),
        sa.Column("pattern", sa.JSON(), nullable=False),
        sa.Column("blueprint", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("offered", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("frozen_at", trainer.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], name=op.f("fk_fixed_paper_created_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fixed_paper")),
    )
    op.create_table(
        "live_mock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("opens_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("closes_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("release_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("show_names", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("released_at", trainer.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("summary", sa.JSON(none_as_null=True), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], name=op.f("fk_live_mock_created_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_mock")),
    )
    with op.batch_alter_table("live_mock", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_live_mock_opens_at"), ["opens_at"], unique=False)

    op.create_table(
        "live_mock_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("live_mock_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("shift", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempt.id"], name=op.f("fk_live_mock_entry_attempt_id_attempt")),
        sa.ForeignKeyConstraint(
            ["live_mock_id"], ["live_mock.id"], name=op.f("fk_live_mock_entry_live_mock_id_live_mock")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_live_mock_entry_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_mock_entry")),
        sa.UniqueConstraint("attempt_id", name=op.f("uq_live_mock_entry_attempt_id")),
        sa.UniqueConstraint("live_mock_id", "user_id", name=op.f("uq_live_mock_entry_live_mock_id")),
    )
    with op.batch_alter_table("live_mock_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_live_mock_entry_user_id"), ["user_id"], unique=False)

    op.create_table(
        "live_mock_result",
        sa.Column("live_mock_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("shift", sa.Integer(), nullable=False),
        sa.Column("raw", sa.Float(), nullable=False),
        sa.Column("normalised", sa.Float(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("percentile", sa.Float(), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempt.id"], name=op.f("fk_live_mock_result_attempt_id_attempt")),
        sa.ForeignKeyConstraint(
            ["live_mock_id"], ["live_mock.id"], name=op.f("fk_live_mock_result_live_mock_id_live_mock")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_live_mock_result_user_id_user")),
        sa.PrimaryKeyConstraint("live_mock_id", "user_id", name=op.f("pk_live_mock_result")),
    )
    with op.batch_alter_table("live_mock_result", schema=None) as batch_op:
        batch_op.create_index("ix_live_mock_result_rank", ["live_mock_id", "rank"], unique=False)

    op.create_table(
        "live_mock_shift",
        sa.Column("live_mock_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("paper_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["live_mock_id"], ["live_mock.id"], name=op.f("fk_live_mock_shift_live_mock_id_live_mock")
        ),
        sa.ForeignKeyConstraint(["paper_id"], ["fixed_paper.id"], name=op.f("fk_live_mock_shift_paper_id_fixed_paper")),
        sa.PrimaryKeyConstraint("live_mock_id", "number", name=op.f("pk_live_mock_shift")),
    )
    with op.batch_alter_table("live_mock_shift", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_live_mock_shift_paper_id"), ["paper_id"], unique=False)

    op.create_table(
        "fixed_paper_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("paper_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("option_order", sa.JSON(), nullable=False),
        sa.Column("marks_right", sa.Float(), nullable=False),
        sa.Column("marks_wrong", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["fixed_paper.id"], name=op.f("fk_fixed_paper_item_paper_id_fixed_paper")
        ),
        sa.ForeignKeyConstraint(
            ["version_id"], ["question_version.id"], name=op.f("fk_fixed_paper_item_version_id_question_version")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fixed_paper_item")),
        sa.UniqueConstraint("paper_id", "position", name=op.f("uq_fixed_paper_item_paper_id")),
    )
    with op.batch_alter_table("fixed_paper_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fixed_paper_item_version_id"), ["version_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("fixed_paper_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fixed_paper_item_version_id"))

    op.drop_table("fixed_paper_item")
    with op.batch_alter_table("live_mock_shift", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_live_mock_shift_paper_id"))

    op.drop_table("live_mock_shift")
    with op.batch_alter_table("live_mock_result", schema=None) as batch_op:
        batch_op.drop_index("ix_live_mock_result_rank")

    op.drop_table("live_mock_result")
    with op.batch_alter_table("live_mock_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_live_mock_entry_user_id"))

    op.drop_table("live_mock_entry")
    with op.batch_alter_table("live_mock", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_live_mock_opens_at"))

    op.drop_table("live_mock")
    op.drop_table("fixed_paper")
