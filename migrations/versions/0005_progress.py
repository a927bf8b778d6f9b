"""progress summaries: recency-weighted topic counts, topic facility, attempt summaries, study targets

The progress page reads only summary rows: topic_progress gains right/wrong counts that fade with each newer
attempt (mastery weighs recent answers more), topic_facility adds up every candidate's answers per topic (the
prior of each mastery estimate), attempt_summary keeps what the score history and the prediction
show of each graded attempt (so the page never loads an attempt's stored rules or steps), and study_target holds
the exam and date a candidate prepares for. Existing graded attempts are summarised here.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 17:30:00
"""

import sqlalchemy as sa
from alembic import op

import trainer.core.db

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("topic_progress", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recent_right", sa.Float(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("recent_wrong", sa.Float(), server_default="0", nullable=False))
    op.execute("UPDATE topic_progress SET recent_right = correct, recent_wrong = attempted - correct")

    summary = op.create_table(
        "attempt_summary",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("pattern_code", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("paper", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("started_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("max_marks", sa.Float(), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempt.id"], name=op.f("fk_attempt_summary_attempt_id_attempt")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_attempt_summary_user_id_user")),
        sa.PrimaryKeyConstraint("attempt_id", name=op.f("pk_attempt_summary")),
    )
    with op.batch_alter_table("attempt_summary", schema=None) as batch_op:
        batch_op.create_index("ix_attempt_summary_user_id_finished_at", ["user_id", "finished_at"], unique=False)
    _summarise_graded_attempts(summary)

    op.create_table(
        "topic_facility",
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("attempted", sa.Integer(), nullable=False),
        sa.Column("correct", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["topic_id"], ["topic.id"], name=op.f("fk_topic_facility_topic_id_topic")),
        sa.PrimaryKeyConstraint("topic_id", name=op.f("pk_topic_facility")),
    )
    op.execute(
        "INSERT INTO topic_facility (topic_id, attempted, correct) "
        "SELECT topic_id, SUM(attempted), SUM(correct) FROM topic_progress GROUP BY topic_id"
    )

    op.create_table(
        "study_target",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("paper", sa.String(length=20), nullable=False),
        sa.Column("exam_date", sa.Date(), nullable=True),
        sa.Column("updated_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_study_target_user_id_user")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_study_target")),
    )


def _summarise_graded_attempts(summary: sa.Table) -> None:
    """One summary row per attempt graded before this revision, from its stored rules and result."""
    attempt = sa.table(
        "attempt",
        sa.column("id"),
        sa.column("user_id"),
        sa.column("pattern_code"),
        sa.column("pattern", sa.JSON()),
        sa.column("mode"),
        sa.column("started_at", trainer.core.db.UTCDateTime(timezone=True)),
        sa.column("finished_at", trainer.core.db.UTCDateTime(timezone=True)),
        sa.column("score"),
        sa.column("result", sa.JSON()),
    )
    connection = op.get_bind()
    graded = connection.execute(
        sa.select(attempt).where(attempt.c.result.is_not(None), attempt.c.finished_at.is_not(None))
    )
    rows = []
    for a in graded:
        pattern, result = a.pattern or {}, a.result or {}
        names = {s["key"]: s["name"] for s in pattern.get("sections", [])}
        sections = {
            key: {
                "name": names.get(key, key),
                "right": s["right"],
                "wrong": s["wrong"],
                "blank": s["blank"],
                "score": s["score"],
                "max": s["max_marks"],
            }
            for key, s in (result.get("sections") or {}).items()
        }
        rows.append(
            {
                "attempt_id": a.id,
                "user_id": a.user_id,
                "pattern_code": a.pattern_code,
                "name": pattern.get("name", a.pattern_code),
                "paper": pattern.get("paper", ""),
                "kind": pattern.get("kind", "full"),
                "mode": a.mode,
                "started_at": a.started_at,
                "finished_at": a.finished_at,
                "score": a.score or 0.0,
                "max_marks": result.get("max", 0.0),
                "sections": sections,
            }
        )
    if rows:
        op.bulk_insert(summary, rows)


def downgrade() -> None:
    op.drop_table("study_target")
    op.drop_table("topic_facility")
    with op.batch_alter_table("attempt_summary", schema=None) as batch_op:
        batch_op.drop_index("ix_attempt_summary_user_id_finished_at")
    op.drop_table("attempt_summary")
    with op.batch_alter_table("topic_progress", schema=None) as batch_op:
        batch_op.drop_column("recent_wrong")
        batch_op.drop_column("recent_right")
