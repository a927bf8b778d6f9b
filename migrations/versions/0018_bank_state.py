"""bank state: a stamp replaced whenever the drawable bank changes, so app processes can keep a prepared draw index

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 02:00:00
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "bank_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stamp", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_state")),
    )
    op.bulk_insert(table, [{"id": 1, "stamp": secrets.randbits(62)}])


def downgrade() -> None:
    op.drop_table("bank_state")
