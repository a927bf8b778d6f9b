"""groups, hindi, generated items, pattern snapshot

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 19:17:26.498711
"""

import sqlalchemy as sa
from alembic import op

import trainer.core.db

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "item_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=120), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_group")),
        sa.UniqueConstraint("uid", name=op.f("uq_item_group_uid")),
    )
    op.create_table(
        "item_group_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("passage", sa.Text(), nullable=False),
        sa.Column("hindi_passage", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["item_group.id"], name=op.f("fk_item_group_version_group_id_item_group")
        ),
        sa.ForeignKeyConstraint(["topic_id"], ["topic.id"], name=op.f("fk_item_group_version_topic_id_topic")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_group_version")),
        sa.UniqueConstraint("group_id", "number", name=op.f("uq_item_group_version_group_id")),
    )
    with op.batch_alter_table("item_group_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_item_group_version_group_id"), ["group_id"], unique=False)

    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pattern", sa.JSON(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column("timed", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.alter_column(
            "pattern_code", existing_type=sa.VARCHAR(length=40), type_=sa.String(length=80), existing_nullable=False
        )

    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=20), server_default="static", nullable=False))

    with op.batch_alter_table("question_version", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hindi", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("as_of", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("group_version_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("group_position", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("generator", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("seed", sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f("ix_question_version_group_version_id"), ["group_version_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_question_version_group_version_id_item_group_version"),
            "item_group_version",
            ["group_version_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("question_version", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_question_version_group_version_id_item_group_version"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_question_version_group_version_id"))
        batch_op.drop_column("seed")
        batch_op.drop_column("generator")
        batch_op.drop_column("group_position")
        batch_op.drop_column("group_version_id")
        batch_op.drop_column("as_of")
        batch_op.drop_column("hindi")

    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_column("kind")

    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.alter_column(
            "pattern_code", existing_type=sa.String(length=80), type_=sa.VARCHAR(length=40), existing_nullable=False
        )
        batch_op.drop_column("timed")
        batch_op.drop_column("pattern")

    with op.batch_alter_table("item_group_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_item_group_version_group_id"))

    op.drop_table("item_group_version")
    op.drop_table("item_group")
