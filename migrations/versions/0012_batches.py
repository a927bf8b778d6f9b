"""batches: batches of candidates with invite codes, their staff and members, and assignments

batch holds a batch's name and its invite code (unique, optional expiry); batch_staff the instructors who follow
it (owner or co-instructor); batch_member the candidates in it; assignment a test set for the batch by a due date,
as a kind and a target (a drill's "section/topic", a test's pattern code; later a frozen paper or live mock id).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 07:10:00
"""

import sqlalchemy as sa
from alembic import op

import trainer.core.db

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    utc = trainer.core.db.UTCDateTime(timezone=True)
    op.create_table(
        "batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.String(length=1000), nullable=False),
        sa.Column("invite_code", sa.String(length=32), nullable=False),
        sa.Column("invite_expires_at", utc, nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", utc, nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], name=op.f("fk_batch_created_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batch")),
        sa.UniqueConstraint("invite_code", name=op.f("uq_batch_invite_code")),
    )
    for table, extra in (
        (
            "batch_staff",
            [sa.Column("role", sa.String(length=20), nullable=False), sa.Column("added_at", utc, nullable=False)],
        ),
        ("batch_member", [sa.Column("joined_at", utc, nullable=False)]),
    ):
        op.create_table(
            table,
            sa.Column("batch_id", sa.Integer(), nullable=False),
            sa.Column("user_id", sa.Integer(), nullable=False),
            *extra,
            sa.ForeignKeyConstraint(
                ["batch_id"], ["batch.id"], name=op.f(f"fk_{table}_batch_id_batch"), ondelete="CASCADE"
            ),
            sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f(f"fk_{table}_user_id_user")),
            sa.PrimaryKeyConstraint("batch_id", "user_id", name=op.f(f"pk_{table}")),
        )
        op.create_index(op.f(f"ix_{table}_user_id"), table, ["user_id"], unique=False)
    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("target", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("due_at", utc, nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", utc, nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["batch.id"], name=op.f("fk_assignment_batch_id_batch"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], name=op.f("fk_assignment_created_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
    )
    op.create_index(op.f("ix_assignment_batch_id"), "assignment", ["batch_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_assignment_batch_id"), table_name="assignment")
    op.drop_table("assignment")
    for table in ("batch_member", "batch_staff"):
        op.drop_index(op.f(f"ix_{table}_user_id"), table_name=table)
        op.drop_table(table)
    op.drop_table("batch")
