"""start: versions rendered once, the question's current-version pointer and draw position

question_version.rendered / item_group_version.rendered hold the sanitised HTML of every text, made by the bank's
renderer when a version is created (filled here for existing rows). question.current_version_id, topic_id and
draw_key let a draw read a short, indexed window of one topic instead of grouping every version of the bank.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 07:20:00
"""

import random

import sqlalchemy as sa
from alembic import op

from trainer.bank.rendering import render_passage, render_version

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

question = sa.table(
    "question",
    sa.column("id", sa.Integer),
    sa.column("current_version_id", sa.Integer),
    sa.column("topic_id", sa.Integer),
    sa.column("draw_key", sa.Float),
    sa.column("shuffle", sa.Boolean),
    sa.column("group_version_id", sa.Integer),
)
version = sa.table(
    "question_version",
    sa.column("id", sa.Integer),
    sa.column("question_id", sa.Integer),
    sa.column("topic_id", sa.Integer),
    sa.column("group_position", sa.Integer),
    sa.column("group_version_id", sa.Integer),
    sa.column("shuffle", sa.Boolean),
    sa.column("stem", sa.Text),
    sa.column("options", sa.JSON),
    sa.column("explanation", sa.Text),
    sa.column("hindi", sa.JSON),
    sa.column("rendered", sa.JSON),
)
group_version = sa.table(
    "item_group_version",
    sa.column("id", sa.Integer),
    sa.column("passage", sa.Text),
    sa.column("hindi_passage", sa.Text),
    sa.column("rendered", sa.JSON),
)


def upgrade() -> None:
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.add_column(sa.Column("current_version_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("topic_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("draw_key", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("shuffle", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column("group_version_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_question_current_version_id"), ["current_version_id"], unique=False)
        batch_op.create_index("ix_question_draw", ["kind", "status", "topic_id", "draw_key"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_question_topic_id_topic"), "topic", ["topic_id"], ["id"])
    with op.batch_alter_table("question_version", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rendered", sa.JSON(none_as_null=True), nullable=True))
    with op.batch_alter_table("item_group_version", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rendered", sa.JSON(none_as_null=True), nullable=True))
    fill()


def fill() -> None:
    """Render every stored version once and point every question at its newest version."""
    connection = op.get_bind()
    rows = connection.execute(sa.select(version).order_by(version.c.id)).mappings().all()
    newest = {}
    for row in rows:
        html = render_version(row["stem"], row["options"], row["explanation"], row["hindi"])
        connection.execute(sa.update(version).where(version.c.id == row["id"]).values(rendered=html))
        newest[row["question_id"]] = row
    rng = random.Random()
    for question_id, row in newest.items():
        key = None if row["group_position"] else rng.random()
        connection.execute(
            sa.update(question)
            .where(question.c.id == question_id)
            .values(
                current_version_id=row["id"],
                topic_id=row["topic_id"],
                draw_key=key,
                shuffle=row["shuffle"],
                group_version_id=row["group_version_id"],
            )
        )
    for row in connection.execute(sa.select(group_version)).mappings().all():
        html = render_passage(row["passage"], row["hindi_passage"] or "")
        connection.execute(sa.update(group_version).where(group_version.c.id == row["id"]).values(rendered=html))


def downgrade() -> None:
    with op.batch_alter_table("item_group_version", schema=None) as batch_op:
        batch_op.drop_column("rendered")
    with op.batch_alter_table("question_version", schema=None) as batch_op:
        batch_op.drop_column("rendered")
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_question_topic_id_topic"), type_="foreignkey")
        batch_op.drop_index("ix_question_draw")
        batch_op.drop_index(batch_op.f("ix_question_current_version_id"))
        batch_op.drop_column("group_version_id")
        batch_op.drop_column("shuffle")
        batch_op.drop_column("draw_key")
        batch_op.drop_column("topic_id")
        batch_op.drop_column("current_version_id")
