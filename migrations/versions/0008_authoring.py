"""authoring: who approved a question's publication, and a change note per version

question.approved_by_id / approved_at record who published a question last (the second reader when
TRAINER_REQUIRE_SECOND_READER is on); question_version.change_note is the editor's note for each version.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 18:30:00
"""

import sqlalchemy as sa
from alembic import op

import trainer.core.db

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.add_column(sa.Column("approved_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("approved_at", trainer.core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_question_approved_by_id_user"), "user", ["approved_by_id"], ["id"])
    with op.batch_alter_table("question_version", schema=None) as batch_op:
        batch_op.add_column(sa.Column("change_note", sa.String(length=500), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("question_version", schema=None) as batch_op:
        batch_op.drop_column("change_note")
    with op.batch_alter_table("question", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_question_approved_by_id_user"), type_="foreignkey")
        batch_op.drop_column("approved_at")
        batch_op.drop_column("approved_by_id")
