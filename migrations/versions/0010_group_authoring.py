"""group authoring: who wrote each version of a passage group, and a change note per version

item_group_version.author_id / change_note give groups written on the web the history single questions have.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 07:15:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("item_group_version", schema=None) as batch_op:
        batch_op.add_column(sa.Column("author_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("change_note", sa.String(length=500), server_default="", nullable=False))
        batch_op.create_foreign_key(batch_op.f("fk_item_group_version_author_id_user"), "user", ["author_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("item_group_version", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_item_group_version_author_id_user"), type_="foreignkey")
        batch_op.drop_column("change_note")
        batch_op.drop_column("author_id")
