"""reports: candidates' problem reports and their resolution, regrades with their log, the audit log

slot.regraded_key / slot.dropped keep what a regrade changed about how a slot is graded.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 06:58:15.272799
"""

import sqlalchemy as sa
from alembic import op

import trainer.core.db

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.String(length=120), nullable=False),
        sa.Column("summary", sa.String(length=300), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["user.id"], name=op.f("fk_audit_event_actor_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index("ix_audit_event_kind_id", ["kind", "id"], unique=False)

    op.create_table(
        "regrade",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=1000), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["by_id"], ["user.id"], name=op.f("fk_regrade_by_id_user")),
        sa.ForeignKeyConstraint(["question_id"], ["question.id"], name=op.f("fk_regrade_question_id_question")),
        sa.ForeignKeyConstraint(
            ["version_id"], ["question_version.id"], name=op.f("fk_regrade_version_id_question_version")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regrade")),
    )
    with op.batch_alter_table("regrade", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_regrade_question_id"), ["question_id"], unique=False)

    op.create_table(
        "regrade_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regrade_id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("old_key", sa.Integer(), nullable=True),
        sa.Column("new_key", sa.Integer(), nullable=True),
        sa.Column("old_score", sa.Float(), nullable=False),
        sa.Column("new_score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempt.id"], name=op.f("fk_regrade_entry_attempt_id_attempt")),
        sa.ForeignKeyConstraint(["regrade_id"], ["regrade.id"], name=op.f("fk_regrade_entry_regrade_id_regrade")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_regrade_entry_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regrade_entry")),
    )
    with op.batch_alter_table("regrade_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_regrade_entry_attempt_id"), ["attempt_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_regrade_entry_regrade_id"), ["regrade_id"], unique=False)

    op.create_table(
        "report_resolution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("regrade_id", sa.Integer(), nullable=True),
        sa.Column("by_id", sa.Integer(), nullable=False),
        sa.Column("at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["by_id"], ["user.id"], name=op.f("fk_report_resolution_by_id_user")),
        sa.ForeignKeyConstraint(
            ["question_id"], ["question.id"], name=op.f("fk_report_resolution_question_id_question")
        ),
        sa.ForeignKeyConstraint(["regrade_id"], ["regrade.id"], name=op.f("fk_report_resolution_regrade_id_regrade")),
        sa.ForeignKeyConstraint(
            ["version_id"], ["question_version.id"], name=op.f("fk_report_resolution_version_id_question_version")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_resolution")),
    )
    with op.batch_alter_table("report_resolution", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_resolution_question_id"), ["question_id"], unique=False)

    op.create_table(
        "problem_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("text", sa.String(length=1000), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("created_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", trainer.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempt.id"], name=op.f("fk_problem_report_attempt_id_attempt")),
        sa.ForeignKeyConstraint(["question_id"], ["question.id"], name=op.f("fk_problem_report_question_id_question")),
        sa.ForeignKeyConstraint(
            ["resolution_id"], ["report_resolution.id"], name=op.f("fk_problem_report_resolution_id_report_resolution")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_problem_report_user_id_user")),
        sa.ForeignKeyConstraint(
            ["version_id"], ["question_version.id"], name=op.f("fk_problem_report_version_id_question_version")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_problem_report")),
    )
    with op.batch_alter_table("problem_report", schema=None) as batch_op:
        batch_op.create_index("ix_problem_report_question_id_state", ["question_id", "state"], unique=False)
        batch_op.create_index(batch_op.f("ix_problem_report_user_id"), ["user_id"], unique=False)
        batch_op.create_index(
            "uq_problem_report_open",
            ["user_id", "version_id"],
            unique=True,
            sqlite_where=sa.text("state = 'open'"),
            postgresql_where=sa.text("state = 'open'"),
        )

    with op.batch_alter_table("slot", schema=None) as batch_op:
        batch_op.add_column(sa.Column("regraded_key", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("dropped", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("slot", schema=None) as batch_op:
        batch_op.drop_column("dropped")
        batch_op.drop_column("regraded_key")

    with op.batch_alter_table("problem_report", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_problem_report_open", sqlite_where=sa.text("state = 'open'"), postgresql_where=sa.text("state = 'open'")
        )
        batch_op.drop_index(batch_op.f("ix_problem_report_user_id"))
        batch_op.drop_index("ix_problem_report_question_id_state")

    op.drop_table("problem_report")
    with op.batch_alter_table("report_resolution", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_resolution_question_id"))

    op.drop_table("report_resolution")
    with op.batch_alter_table("regrade_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_regrade_entry_regrade_id"))
        batch_op.drop_index(batch_op.f("ix_regrade_entry_attempt_id"))

    op.drop_table("regrade_entry")
    with op.batch_alter_table("regrade", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_regrade_question_id"))

    op.drop_table("regrade")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_kind_id")

    op.drop_table("audit_event")
