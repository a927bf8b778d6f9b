"""attempt listing indexes: a candidate's newest attempts, and those in progress, without reading all of theirs

The tests page lists the attempts in progress and the 20 newest. With only attempt.user_id indexed, the database
read and ordered every attempt the candidate had made to find them. (user_id, started_at) gives the newest in
order and serves every look-up by user; (user_id, state) finds the few in progress. The single-column index on
user_id is dropped: the first replaces it.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 07:10:00
"""

from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_attempt_user_started", "attempt", ["user_id", "started_at"])
    op.create_index("ix_attempt_user_state", "attempt", ["user_id", "state"])
    op.drop_index("ix_attempt_user_id", table_name="attempt")


def downgrade() -> None:
    op.create_index("ix_attempt_user_id", "attempt", ["user_id"])
    op.drop_index("ix_attempt_user_state", table_name="attempt")
    op.drop_index("ix_attempt_user_started", table_name="attempt")
