"""The attempt service with explicit clocks: drawing, steps against the deadline, submitting, extra time."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import make_bank, make_question, make_topic, make_user
from trainer.core.errors import Conflict, DomainError, NotFound
from trainer.exam import paper, service
from trainer.exam.models import Step
from trainer.exam.patterns import get_pattern
from trainer.exam.service import ClientStep

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
GRACE = 10
TIER1 = "tier1-2025"


def start(session, user, now=T0, seed=1):
    return paper.start_attempt(session, user, get_pattern(TIER1), now, random.Random(seed))


def step_count(session, attempt) -> int:
    return session.scalar(select(func.count(Step.id)).where(Step.attempt_id == attempt.id))


def key_position(slot) -> int:
    """Where the correct option is shown on the candidate's screen."""
    return slot.option_order.index(slot.version.answer)


@pytest.fixture
def candidate(session):
    make_bank(session)
    return make_user(session)


def test_the_paper_has_25_distinct_questions_per_section_in_pattern_order(session, candidate):
    attempt = start(session, candidate)

    sections = [slot.section for slot in attempt.slots]
    assert Counter(sections) == {"reasoning": 25, "awareness": 25, "quant": 25, "english": 25}
    assert sections == sorted(sections, key=["reasoning", "awareness", "quant", "english"].index)
    question_ids = [slot.version.question_id for slot in attempt.slots]
    assert len(set(question_ids)) == 100
    assert [slot.position for slot in attempt.slots] == list(range(100))
    for slot in attempt.slots:
        assert slot.version.topic.section == slot.section


def test_slots_pin_the_version_shown_and_the_option_order(session, candidate):
    attempt = start(session, candidate)

    for slot in attempt.slots:
        assert slot.version_id == slot.version.question.versions[-1].id
        assert sorted(slot.option_order) == [0, 1, 2, 3]
        assert (slot.marks_right, slot.marks_wrong) == (2.0, 0.5)
    assert len({tuple(slot.option_order) for slot in attempt.slots}) > 1, "options were not shuffled"


def test_a_question_marked_not_to_shuffle_keeps_its_written_order(session):
    topic = make_topic(session, "reasoning", "syllogism")  # a topic no generator covers
    make_bank(session, sections=("awareness", "quant", "english"))
    for n in range(25):
        make_question(session, topic, f"fixed-{n}", shuffle=False, options=("1", "2", "3", "All of the above"))
    attempt = start(session, make_user(session))

    fixed = [slot for slot in attempt.slots if slot.section == "reasoning"]
    assert all(slot.option_order == [0, 1, 2, 3] for slot in fixed)


def test_a_step_sent_twice_is_stored_once(session, candidate):
    attempt = start(session, candidate)
    save = ClientStep("c-1", "save", 0, 2)

    first = service.record_steps(session, attempt, [ClientStep("v-1", "view", 0, None), save, save], T0, GRACE)
    again = service.record_steps(session, attempt, [save], T0 + timedelta(seconds=5), GRACE)

    assert first.acked == ["v-1", "c-1", "c-1"] and again.acked == ["c-1"]
    assert step_count(session, attempt) == 2


def test_saving_maps_the_shown_position_to_the_option_as_written(session, candidate):
    attempt = start(session, candidate)
    right, wrong = [s for s in attempt.slots if s.section == "quant" and s.option_order != [0, 1, 2, 3]][:2]
    steps = [
        ClientStep("r", "save", right.position, key_position(right)),
        ClientStep("w", "save", wrong.position, (key_position(wrong) + 1) % 4),
    ]

    service.record_steps(session, attempt, steps, T0 + timedelta(minutes=1), GRACE)
    stored = {s.client_id: s.value for s in session.scalars(select(Step).where(Step.attempt_id == attempt.id))}
    service.submit(session, attempt, T0 + timedelta(minutes=2), GRACE)

    assert stored["r"] == right.version.answer
    assert stored["w"] != wrong.version.answer
    assert attempt.score == 2.0 - 0.5
    quant = attempt.result["sections"]["quant"]
    assert (quant["right"], quant["wrong"], quant["blank"]) == (1, 1, 23)


def test_a_choice_outside_the_four_options_is_refused(session, candidate):
    attempt = start(session, candidate)

    result = service.record_steps(session, attempt, [ClientStep("x", "save", 0, 4)], T0, GRACE)
    assert result.acked == [] and result.refused == {"x": "that option is not in this question"}


def test_a_save_within_the_grace_period_still_counts(session, candidate):
    attempt = start(session, candidate)
    slot = attempt.slots[0]

    late = attempt.deadline + timedelta(seconds=GRACE - 1)
    service.record_steps(session, attempt, [ClientStep("s", "save", 0, key_position(slot))], late, GRACE)
    service.submit(session, attempt, late, GRACE)

    assert attempt.state == service.EXPIRED  # submitted because the time ran out: shown as such
    assert attempt.finished_at == attempt.deadline
    assert attempt.score == 2.0


def test_a_write_after_the_grace_period_is_refused_and_the_attempt_closed_at_its_deadline(session, candidate):
    attempt = start(session, candidate)
    service.record_steps(session, attempt, [ClientStep("early", "save", 0, key_position(attempt.slots[0]))], T0, 10)

    too_late = attempt.deadline + timedelta(seconds=GRACE + 1)
    with pytest.raises(Conflict):
        service.record_steps(session, attempt, [ClientStep("late", "save", 1, 0)], too_late, GRACE)

    assert attempt.state == service.EXPIRED
    assert attempt.finished_at == attempt.deadline
    assert attempt.score == 2.0  # the answer saved in time is graded
    assert step_count(session, attempt) == 1


def test_submitting_twice_changes_nothing(session, candidate):
    attempt = start(session, candidate)
    service.record_steps(session, attempt, [ClientStep("s", "save", 0, key_position(attempt.slots[0]))], T0, 10)

    service.submit(session, attempt, T0 + timedelta(minutes=30), GRACE)
    finished, result = attempt.finished_at, dict(attempt.result)
    service.submit(session, attempt, T0 + timedelta(minutes=40), GRACE)

    assert attempt.finished_at == finished == T0 + timedelta(minutes=30)
    assert attempt.result == result and attempt.score == 2.0
    kinds = session.scalars(select(Step.kind).where(Step.attempt_id == attempt.id)).all()
    assert kinds.count("submit") == 1


def test_a_scribe_eligible_candidate_gets_80_minutes(session):
    make_bank(session)
    attempt = start(session, make_user(session, scribe_eligible=True))

    assert attempt.extra_minutes == 20
    assert attempt.deadline - attempt.started_at == timedelta(minutes=80)


def test_other_candidates_cannot_load_an_attempt(session, candidate):
    attempt = start(session, candidate)
    other = make_user(session)

    with pytest.raises(NotFound):
        service.get_attempt(session, attempt.id, other)
    assert service.get_attempt(session, attempt.id, candidate) is attempt


def test_a_second_mock_shows_unseen_questions_first(session):
    make_bank(session, per_section=50)
    candidate = make_user(session)

    first = start(session, candidate, seed=1)
    service.submit(session, first, T0 + timedelta(minutes=60), GRACE)
    second = start(session, candidate, now=T0 + timedelta(hours=2), seed=1)

    seen = {slot.version.question_id for slot in first.slots}
    shown = {slot.version.question_id for slot in second.slots}
    assert len(seen) == len(shown) == 100
    assert seen.isdisjoint(shown)


def test_a_section_the_bank_cannot_fill_is_reported(session):
    make_bank(session, per_section=25, sections=("reasoning", "awareness", "quant"))
    make_bank(session, per_section=10, sections=("english",))

    with pytest.raises(DomainError, match="English Comprehension needs 25 questions"):
        start(session, make_user(session))
