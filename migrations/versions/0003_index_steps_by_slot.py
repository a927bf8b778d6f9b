"""index steps by slot; drop the attempt indexes that the unique constraints already provide

A save reads the steps of the questions it touches (by slot) and inserts one step: every index on the step table
is one more to update on the busiest write. The unique constraints (attempt_id, client_id) on step and
(attempt_id, position) on slot already index attempt_id as their first column.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 21:30:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_step_slot_id"), ["slot_id"], unique=False)
        batch_op.drop_index(batch_op.f("ix_step_attempt_id"))
    with op.batch_alter_table("slot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_slot_attempt_id"))


def downgrade() -> None:
    with op.batch_alter_table("slot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_slot_attempt_id"), ["attempt_id"], unique=False)
    with op.batch_alter_table("step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_step_attempt_id"), ["attempt_id"], unique=False)
        batch_op.drop_index(batch_op.f("ix_step_slot_id"))
