"""batch audiences: a live mock or frozen paper offered to chosen batches; which attempts sat which frozen paper

live_mock_batch and fixed_paper_batch replace live_mock.audience (a JSON list nobody could fill yet);
fixed_paper_sitting records the frozen paper an attempt sat, so a batch's assignment of a paper or a live mock can
tell who has done it. Existing live-mock sittings are filled in from their entries and shifts.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 11:30:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def _link(table: str, owner: str, owner_table: str) -> None:
    op.create_table(
        table,
        sa.Column(owner, sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            [owner], [f"{owner_table}.id"], name=op.f(f"fk_{table}_{owner}_{owner_table}"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["batch.id"], name=op.f(f"fk_{table}_batch_id_batch"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint(owner, "batch_id", name=op.f(f"pk_{table}")),
    )
    op.create_index(op.f(f"ix_{table}_batch_id"), table, ["batch_id"], unique=False)


def upgrade() -> None:
    _link("live_mock_batch", "live_mock_id", "live_mock")
    _link("fixed_paper_batch", "paper_id", "fixed_paper")
    op.create_table(
        "fixed_paper_sitting",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("paper_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"], ["attempt.id"], name=op.f("fk_fixed_paper_sitting_attempt_id_attempt"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["paper_id"], ["fixed_paper.id"], name=op.f("fk_fixed_paper_sitting_paper_id_fixed_paper")
        ),
        sa.PrimaryKeyConstraint("attempt_id", name=op.f("pk_fixed_paper_sitting")),
    )
    op.create_index(op.f("ix_fixed_paper_sitting_paper_id"), "fixed_paper_sitting", ["paper_id"], unique=False)
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "INSERT INTO fixed_paper_sitting (attempt_id, paper_id) SELECT e.attempt_id, s.paper_id "
            "FROM live_mock_entry e JOIN live_mock_shift s ON s.live_mock_id = e.live_mock_id AND s.number = e.shift "
            "WHERE e.attempt_id IS NOT NULL"
        )
    )
    batches = {row[0] for row in bind.execute(sa.text("SELECT id FROM batch"))}
    for mock_id, audience in bind.execute(sa.text("SELECT id, audience FROM live_mock")).all():
        ids = audience if isinstance(audience, list) else json.loads(audience or "[]")
        for batch_id in sorted({int(b) for b in ids} & batches):
            bind.execute(sa.text("INSERT INTO live_mock_batch (live_mock_id, batch_id) VALUES (:m, :b)"),
                         {"m": mock_id, "b": batch_id})  # fmt: skip
    with op.batch_alter_table("live_mock", schema=None) as batch_op:
        batch_op.drop_column("audience")


def downgrade() -> None:
    with op.batch_alter_table("live_mock", schema=None) as batch_op:
        batch_op.add_column(sa.Column("audience", sa.JSON(), nullable=True))
    bind = op.get_bind()
    audiences: dict[int, list[int]] = {}
    for mock_id, batch_id in bind.execute(sa.text("SELECT live_mock_id, batch_id FROM live_mock_batch")):
        audiences.setdefault(mock_id, []).append(batch_id)
    bind.execute(sa.text("UPDATE live_mock SET audience = '[]'"))
    for mock_id, ids in audiences.items():
        bind.execute(sa.text("UPDATE live_mock SET audience = :a WHERE id = :m"), {"a": json.dumps(ids), "m": mock_id})
    with op.batch_alter_table("live_mock", schema=None) as batch_op:
        batch_op.alter_column("audience", existing_type=sa.JSON(), nullable=False)
    op.drop_index(op.f("ix_fixed_paper_sitting_paper_id"), table_name="fixed_paper_sitting")
    op.drop_table("fixed_paper_sitting")
    for table in ("fixed_paper_batch", "live_mock_batch"):
        op.drop_index(op.f(f"ix_{table}_batch_id"), table_name=table)
        op.drop_table(table)
