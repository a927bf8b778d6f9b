"""session generation and disabled accounts

Every signed-in session carries the account's session generation; sign-out, "sign out everywhere", a password
change, a reset and an admin disabling the account raise it, so every cookie issued before stops working at once.
A disabled account (disabled_at set) cannot sign in and its sessions are ended.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 17:00:00
"""

import sqlalchemy as sa
from alembic import op

import trainer.core.db

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_generation", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("disabled_at", trainer.core.db.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("disabled_at")
        batch_op.drop_column("session_generation")
