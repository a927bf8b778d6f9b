"""review cards: the mistake notebook on an FSRS schedule

One row per candidate and question answered wrong or marked for review (a guess), holding the fsrs card state as
JSON and its due time; "Review today (N)" counts the candidate's cards due by now through the (user, due) index.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 17:45:00
"""

import sqlalchemy as sa
from alembic import op

import trainer.core.db

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("card", sa.JSON(), nullable=False),
        sa.Column("due", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_review", trainer.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("lapses", sa.Integer(), nullable=False),
        sa.Column("created_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["question_id"], ["question.id"], name=op.f("fk_review_card_question_id_question")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_review_card_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_card")),
        sa.UniqueConstraint("user_id", "question_id", name=op.f("uq_review_card_user_id")),
    )
    with op.batch_alter_table("review_card", schema=None) as batch_op:
        batch_op.create_index("ix_review_card_user_id_due", ["user_id", "due"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_card_question_id"), ["question_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("review_card", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_card_question_id"))
        batch_op.drop_index("ix_review_card_user_id_due")
    op.drop_table("review_card")
