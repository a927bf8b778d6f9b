"""A slot always names an attempt and a question version that exist, on both databases.

SQLite checks this with foreign keys; PostgreSQL with statement triggers (migration 0021), which cost a start's
hundred slots one check instead of a hundred row locks. Either way a breach is refused and nothing of it is kept.
"""

import random
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from tests.factories import make_bank, make_user
from trainer.bank.models import QuestionVersion
from trainer.exam import paper
from trainer.exam.models import Attempt, Slot
from trainer.exam.patterns import get_pattern

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def attempt(session):
    make_bank(session, per_section=30)
    started = paper.start_attempt(session, make_user(session), get_pattern("tier1-2025"), NOW, random.Random(3))
    session.commit()
    return started


def slot_count(session) -> int:
    return session.scalar(select(func.count(Slot.id)))


def some_slots(version_ids: list[int]) -> list[tuple]:
    return [(1000 + n, "quant", version, [0, 1, 2, 3], 2.0, 0.5) for n, version in enumerate(version_ids)]


def test_a_paper_naming_a_version_that_does_not_exist_is_refused_whole(session, attempt):
    real = session.scalars(select(QuestionVersion.id).limit(3)).all()
    missing = session.scalar(select(func.max(QuestionVersion.id))) + 1
    before = slot_count(session)
    with pytest.raises(IntegrityError):
        paper.insert_slots(session, attempt.id, some_slots([*real, missing]))
    session.rollback()
    assert slot_count(session) == before


def test_slots_of_an_attempt_that_does_not_exist_are_refused(session, attempt):
    real = session.scalars(select(QuestionVersion.id).limit(2)).all()
    before = slot_count(session)
    with pytest.raises(IntegrityError):
        paper.insert_slots(session, attempt.id + 1, some_slots(real))
    session.rollback()
    assert slot_count(session) == before


def test_a_version_or_an_attempt_a_slot_names_cannot_be_deleted(session, attempt):
    shown = session.scalar(select(Slot.version_id).where(Slot.attempt_id == attempt.id).limit(1))
    with pytest.raises(IntegrityError):
        session.execute(delete(QuestionVersion).where(QuestionVersion.id == shown))
        session.flush()
    session.rollback()
    with pytest.raises(IntegrityError):
        session.execute(delete(Attempt).where(Attempt.id == attempt.id))
        session.flush()
    session.rollback()
    assert session.get(QuestionVersion, shown) is not None and slot_count(session) == 100


def test_slots_naming_what_exists_are_written(session, attempt):
    shown = set(session.scalars(select(Slot.version_id)))
    spare = session.scalars(select(QuestionVersion.id).where(QuestionVersion.id.not_in(shown)).limit(2)).all()
    paper.insert_slots(session, attempt.id, some_slots(spare))
    session.commit()
    assert slot_count(session) == 102
    # Deleting what no slot names (a discarded draft) is tests/authoring/test_groups.py's.
