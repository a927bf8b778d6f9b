"""slot references checked once per statement on PostgreSQL, not once per row

A start writes a hundred slots in one statement. As foreign keys, their two references were checked row by row:
a hundred look-ups of the same new attempt, and a hundred versions each locked FOR KEY SHARE, which writes a WAL
record and dirties the version's page, and makes a MultiXact wherever two starts at once drew the same question.
Measured on a fresh candidate's Tier-I start: the slot INSERT took 3.6 ms in PostgreSQL, 2.3 of them in the checks.
The same guarantee is now kept by statement triggers (trainer/schema.py, STATEMENT_CHECKED_KEYS): after an INSERT
into slot, every attempt and version it names must exist; after a DELETE from attempt or question_version, no slot
may name a removed row. Either breach is a foreign-key violation (SQLSTATE 23503), as before. Unlike a foreign key,
the triggers take no row locks: a version deleted by one transaction while another writes a slot naming it could
both commit. Nothing deletes an attempt, and only drafts no attempt has shown are ever deleted (discarding), which
no draw can pick. SQLite keeps its foreign keys (checked in C, without row locks).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 03:40:00
"""

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

SLOT_KEYS = (
    ("fk_slot_attempt_id_attempt", "attempt_id", "attempt"),
    ("fk_slot_version_id_question_version", "version_id", "question_version"),
)

CREATE = """
CREATE OR REPLACE FUNCTION slot_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  attempts integer[];
  versions integer[];
BEGIN
  SELECT array_agg(DISTINCT attempt_id), array_agg(DISTINCT version_id) INTO attempts, versions FROM inserted_slot;
  IF attempts IS NULL THEN
    RETURN NULL;
  END IF;
  IF (SELECT count(*) FROM attempt WHERE id = ANY(attempts)) <> cardinality(attempts) THEN
    RAISE foreign_key_violation USING MESSAGE = 'a slot names an attempt that does not exist',
      TABLE = 'slot', CONSTRAINT = 'fk_slot_attempt_id_attempt';
  END IF;
  IF (SELECT count(*) FROM question_version WHERE id = ANY(versions)) <> cardinality(versions) THEN
    RAISE foreign_key_violation USING MESSAGE = 'a slot names a question version that does not exist',
      TABLE = 'slot', CONSTRAINT = 'fk_slot_version_id_question_version';
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION slot_targets_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'attempt' THEN
    IF EXISTS (SELECT 1 FROM removed JOIN slot ON slot.attempt_id = removed.id) THEN
      RAISE foreign_key_violation USING MESSAGE = 'a slot still names this attempt',
        TABLE = 'slot', CONSTRAINT = 'fk_slot_attempt_id_attempt';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM removed JOIN slot ON slot.version_id = removed.id) THEN
    RAISE foreign_key_violation USING MESSAGE = 'a slot still names this question version',
      TABLE = 'slot', CONSTRAINT = 'fk_slot_version_id_question_version';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER slot_references_exist AFTER INSERT ON slot REFERENCING NEW TABLE AS inserted_slot
  FOR EACH STATEMENT EXECUTE FUNCTION slot_references_exist();
CREATE TRIGGER slot_targets_kept AFTER DELETE ON attempt REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION slot_targets_kept();
CREATE TRIGGER slot_targets_kept AFTER DELETE ON question_version REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION slot_targets_kept();
"""

DROP = """
DROP TRIGGER IF EXISTS slot_references_exist ON slot;
DROP TRIGGER IF EXISTS slot_targets_kept ON attempt;
DROP TRIGGER IF EXISTS slot_targets_kept ON question_version;
DROP FUNCTION IF EXISTS slot_references_exist();
DROP FUNCTION IF EXISTS slot_targets_kept();
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, _, _ in SLOT_KEYS:
        op.drop_constraint(name, "slot", type_="foreignkey")
    op.execute(CREATE)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(DROP)
    for name, column, table in SLOT_KEYS:
        op.create_foreign_key(name, "slot", table, [column], ["id"])
