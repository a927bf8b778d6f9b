"""seen summary: what each candidate has been shown, folded, so a start does not count every slot they ever had

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 05:00:00
"""

import sys
from array import array
from itertools import groupby

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "seen_summary",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("through_attempt", sa.Integer(), nullable=False),
        sa.Column("counts", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_seen_summary_user_id_user")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_seen_summary")),
    )
    # Every candidate's showings so far, in the packing of trainer/exam/seen.py (kept here as it is today).
    rows = op.get_bind().execute(
        sa.text(
            "SELECT attempt.user_id, question_version.question_id, count(slot.id), max(attempt.id)"
            " FROM slot JOIN attempt ON attempt.id = slot.attempt_id"
            " JOIN question_version ON question_version.id = slot.version_id"
            " GROUP BY attempt.user_id, question_version.question_id"
            " ORDER BY attempt.user_id, question_version.question_id"
        )
    )
    summaries = []
    for user_id, counts in groupby(rows, key=lambda row: row[0]):
        counts = list(counts)
        flat = array("i", (n for _, question_id, times, _ in counts for n in (question_id, times)))
        if sys.byteorder == "big":
            flat.byteswap()
        through = max(last for *_, last in counts)
        summaries.append({"user_id": user_id, "through_attempt": through, "counts": flat.tobytes()})
    if summaries:
        op.bulk_insert(table, summaries)


def downgrade() -> None:
    op.drop_table("seen_summary")
