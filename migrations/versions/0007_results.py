"""results: score distributions, counted first attempts, cut-offs

score_bin holds, per pattern and section (and "" for the whole paper), how many counted attempts scored each
distinct score, and the time they spent; first_attempt names the one attempt per candidate and pattern that
counts; cutoff holds previous years' cut-offs as data.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "score_bin",
        sa.Column("pattern_code", sa.String(length=80), nullable=False),
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("centimarks", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("pattern_code", "section", "centimarks", name=op.f("pk_score_bin")),
    )
    op.create_table(
        "first_attempt",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("pattern_code", sa.String(length=80), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempt.id"], name=op.f("fk_first_attempt_attempt_id_attempt")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_first_attempt_user_id_user")),
        sa.PrimaryKeyConstraint("user_id", "pattern_code", name=op.f("pk_first_attempt")),
        sa.UniqueConstraint("attempt_id", name=op.f("uq_first_attempt_attempt_id")),
    )
    op.create_table(
        "cutoff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("paper", sa.String(length=20), nullable=False),
        sa.Column("stage", sa.String(length=120), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=8), nullable=False),
        sa.Column("marks", sa.Float(), nullable=False),
        sa.Column("out_of", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("note", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cutoff")),
        sa.UniqueConstraint("paper", "stage", "year", "category", name=op.f("uq_cutoff_paper")),
    )


def downgrade() -> None:
    op.drop_table("cutoff")
    op.drop_table("first_attempt")
    op.drop_table("score_bin")
