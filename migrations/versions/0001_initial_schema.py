"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27 19:00:05.395697
"""

import sqlalchemy as sa
from alembic import op

import trainer.core.db

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=120), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question")),
        sa.UniqueConstraint("uid", name=op.f("uq_question_uid")),
    )
    op.create_table(
        "topic",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("weight_source", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topic")),
        sa.UniqueConstraint("section", "key", name=op.f("uq_topic_section")),
    )
    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=8), nullable=False),
        sa.Column("scribe_eligible", sa.Boolean(), nullable=False),
        sa.Column("created_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user")),
        sa.UniqueConstraint("email", name=op.f("uq_user_email")),
    )
    op.create_table(
        "attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("pattern_code", sa.String(length=40), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("started_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("deadline", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("extra_minutes", sa.Integer(), nullable=False),
        sa.Column("finished_at", trainer.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_attempt_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempt")),
    )
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attempt_user_id"), ["user_id"], unique=False)

    op.create_table(
        "question_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("subtopic", sa.String(length=120), nullable=False),
        sa.Column("difficulty", sa.String(length=10), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("stem", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("answer", sa.Integer(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("shuffle", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["user.id"], name=op.f("fk_question_version_author_id_user")),
        sa.ForeignKeyConstraint(
            ["question_id"], ["question.id"], name=op.f("fk_question_version_question_id_question")
        ),
        sa.ForeignKeyConstraint(["topic_id"], ["topic.id"], name=op.f("fk_question_version_topic_id_topic")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_version")),
        sa.UniqueConstraint("question_id", "number", name=op.f("uq_question_version_question_id")),
    )
    with op.batch_alter_table("question_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_question_version_question_id"), ["question_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_question_version_topic_id"), ["topic_id"], unique=False)

    op.create_table(
        "topic_progress",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("attempted", sa.Integer(), nullable=False),
        sa.Column("correct", sa.Integer(), nullable=False),
        sa.Column("seen", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("last_seen", trainer.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["topic_id"], ["topic.id"], name=op.f("fk_topic_progress_topic_id_topic")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_topic_progress_user_id_user")),
        sa.PrimaryKeyConstraint("user_id", "topic_id", name=op.f("pk_topic_progress")),
    )
    op.create_table(
        "slot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=40), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("option_order", sa.JSON(), nullable=False),
        sa.Column("marks_right", sa.Float(), nullable=False),
        sa.Column("marks_wrong", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempt.id"], name=op.f("fk_slot_attempt_id_attempt")),
        sa.ForeignKeyConstraint(
            ["version_id"], ["question_version.id"], name=op.f("fk_slot_version_id_question_version")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slot")),
        sa.UniqueConstraint("attempt_id", "position", name=op.f("uq_slot_attempt_id")),
    )
    with op.batch_alter_table("slot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_slot_attempt_id"), ["attempt_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_slot_version_id"), ["version_id"], unique=False)

    op.create_table(
        "step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=True),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column("client_time", trainer.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("server_time", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempt.id"], name=op.f("fk_step_attempt_id_attempt")),
        sa.ForeignKeyConstraint(["slot_id"], ["slot.id"], name=op.f("fk_step_slot_id_slot")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_step")),
        sa.UniqueConstraint("attempt_id", "client_id", name=op.f("uq_step_attempt_id")),
    )
    with op.batch_alter_table("step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_step_attempt_id"), ["attempt_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_step_attempt_id"))

    op.drop_table("step")
    with op.batch_alter_table("slot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_slot_version_id"))
        batch_op.drop_index(batch_op.f("ix_slot_attempt_id"))

    op.drop_table("slot")
    op.drop_table("topic_progress")
    with op.batch_alter_table("question_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_version_topic_id"))
        batch_op.drop_index(batch_op.f("ix_question_version_question_id"))

    op.drop_table("question_version")
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attempt_user_id"))

    op.drop_table("attempt")
    op.drop_table("user")
    op.drop_table("topic")
    op.drop_table("question")
