"""The schema the migrations build is the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from trainer.extensions import db
from trainer.schema import compared, metadata


def test_migrations_build_exactly_the_models_schema(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": compared(connection.dialect.name)}
        )
        differences = compare_metadata(context, metadata())
    assert differences == []


def test_the_seen_summary_migration_counts_the_history_candidates_already_have(session):
    import random
    from datetime import UTC, datetime

    from alembic import command
    from sqlalchemy import func, select

    from tests.factories import make_bank, make_user, shown_counts
    from trainer.exam import paper, seen
    from trainer.exam.models import Attempt, SeenSummary
    from trainer.exam.patterns import get_pattern
    from trainer.schema import alembic_config, upgrade

    make_bank(session, per_section=30)
    users = [make_user(session) for _ in range(2)]
    for n in range(3):
        for user in users:
            paper.start_attempt(session, user, get_pattern("tier1-2025"), datetime(2026, 1, 5, tzinfo=UTC),
                                random.Random(n))  # fmt: skip
    session.commit()
    session.remove()
    command.downgrade(alembic_config(db.engine), "0019")  # as a site updated from before the summary was kept
    upgrade(db.engine)
    for user in users:
        shown = shown_counts(session, user.id)
        summary = session.get(SeenSummary, user.id)
        assert seen.unpack(summary.counts) == shown and len(shown) > 100
        assert summary.through_attempt == session.scalar(select(func.max(Attempt.id)).where(Attempt.user_id == user.id))
        assert seen.read(session, user.id).counts == shown
