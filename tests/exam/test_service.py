"""The attempt service with explicit clocks: drawing, steps against the deadline, submitting, extra time."""

from __future__ import annotations

import random
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import make_bank, make_question, make_topic, make_user
from trainer.core.errors import Conflict, DomainError, NotFound
from trainer.exam import paper, saving, service
from trainer.exam.models import Step
from trainer.exam.patterns import get_pattern
from trainer.exam.saving import ClientStep
from trainer.extensions import db

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
GRACE = 10
TIER1 = "tier1-2025"


def start(session, user, now=T0, seed=1):
    return paper.start_attempt(session, user, get_pattern(TIER1), now, random.Random(seed))


def store(session, attempt, steps, now, grace=GRACE):
    return saving.save_steps(session, attempt.id, (attempt.user_id, 0), steps, now, grace)


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

    first = store(session, attempt, [ClientStep("v-1", "view", 0, None), save, save], T0, GRACE)
    again = store(session, attempt, [save], T0 + timedelta(seconds=5), GRACE)

    assert first.acked == ["v-1", "c-1", "c-1"] and again.acked == ["c-1"]
    assert step_count(session, attempt) == 2


def test_a_step_another_tab_stored_a_moment_ago_is_acknowledged_not_stored_again(session, candidate):
    attempt = start(session, candidate)
    store(session, attempt, [ClientStep("c-1", "save", 0, 2)], T0, GRACE)
    # The save reads the steps of the questions it touches; a step with the same id stored elsewhere, as by a
    # second tab between this save's read and its insert, is skipped by the insert rather than failing the batch.
    result = store(session, attempt, [ClientStep("c-1", "save", 1, 2), ClientStep("c-2", "save", 1, 3)], T0, GRACE)

    assert result.acked == ["c-1", "c-2"]
    assert step_count(session, attempt) == 2


def test_two_tabs_sending_the_same_steps_at_the_same_time_store_each_step_once(session, candidate):
    attempt = start(session, candidate)
    session.commit()  # both tabs see the attempt
    steps = [ClientStep(f"s-{n}", "save", n % 5, n % 4) for n in range(30)]
    both_ready, errors = threading.Barrier(2), []

    def tab():  # each thread has a session (and a connection) of its own, as two requests would
        try:
            both_ready.wait()
            for step in steps:
                result = saving.save_steps(db.session, attempt.id, (attempt.user_id, 0), [step], T0, GRACE)
                db.session.commit()
                assert result.acked == [step.client_id]
        except Exception as exc:  # raised again below, in the test's own thread
            errors.append(exc)
        finally:
            db.session.remove()

    tabs = [threading.Thread(target=tab) for _ in range(2)]
    for thread in tabs:
        thread.start()
    for thread in tabs:
        thread.join()

    assert errors == []
    assert step_count(session, attempt) == 30


def test_the_saves_reply_folds_what_was_stored_before_and_now(session, candidate):
    attempt = start(session, candidate)
    slot = attempt.slots[3]
    store(session, attempt, [ClientStep("v", "view", 3, None), ClientStep("m", "mark", 3, 1)], T0, GRACE)

    result = store(session, attempt, [ClientStep("s", "save", 3, 2)], T0 + timedelta(seconds=30), GRACE)

    assert result.states[3].answer == slot.option_order[2] and not result.states[3].marked
    target, slots = saving.read_for_save(session, attempt.id, [3, 99, 500])
    assert (target.started_at, target.deadline) == (attempt.started_at, attempt.deadline)
    assert target.started_at.tzinfo is not None and target.pattern.code == TIER1
    assert sorted(slots) == [3, 99]  # position 500 is not in the paper
    assert [s.client_id for s in slots[3].steps] == ["v", "m", "s"]
    assert slots[3].steps[-1].server_time == T0 + timedelta(seconds=30)
    assert slots[3].option_order == slot.option_order and slots[99].steps == []


def test_a_save_on_another_candidates_attempt_is_not_found_and_stores_nothing(session, candidate):
    attempt = start(session, candidate)
    other = make_user(session)

    with pytest.raises(NotFound):
        saving.save_steps(session, attempt.id, (other.id, 0), [ClientStep("x", "save", 0, 1)], T0, GRACE)
    assert step_count(session, attempt) == 0


def test_saving_maps_the_shown_position_to_the_option_as_written(session, candidate):
    attempt = start(session, candidate)
    right, wrong = [s for s in attempt.slots if s.section == "quant" and s.option_order != [0, 1, 2, 3]][:2]
    steps = [
        ClientStep("r", "save", right.position, key_position(right)),
        ClientStep("w", "save", wrong.position, (key_position(wrong) + 1) % 4),
    ]

    store(session, attempt, steps, T0 + timedelta(minutes=1), GRACE)
    stored = {s.client_id: s.value for s in session.scalars(select(Step).where(Step.attempt_id == attempt.id))}
    service.submit(session, attempt, T0 + timedelta(minutes=2), GRACE)

    assert stored["r"] == right.version.answer
    assert stored["w"] != wrong.version.answer
    assert attempt.score == 2.0 - 0.5
    quant = attempt.result["sections"]["quant"]
    assert (quant["right"], quant["wrong"], quant["blank"]) == (1, 1, 23)


def test_a_choice_outside_the_four_options_is_refused(session, candidate):
    attempt = start(session, candidate)

    result = store(session, attempt, [ClientStep("x", "save", 0, 4)], T0, GRACE)
    assert result.acked == [] and result.refused == {"x": "that option is not in this question"}


@pytest.mark.parametrize("position", [100, -1, 10**12, "3", None])
def test_a_step_for_a_question_not_in_the_paper_is_refused(session, candidate, position):
    attempt = start(session, candidate)

    result = store(session, attempt, [ClientStep("x", "save", position, 0)], T0, GRACE)
    assert result.acked == [] and result.refused == {"x": "that question is not in this paper"}


def test_a_save_within_the_grace_period_still_counts(session, candidate):
    attempt = start(session, candidate)
    slot = attempt.slots[0]

    late = attempt.deadline + timedelta(seconds=GRACE - 1)
    store(session, attempt, [ClientStep("s", "save", 0, key_position(slot))], late, GRACE)
    service.submit(session, attempt, late, GRACE)

    assert attempt.state == service.EXPIRED  # submitted because the time ran out: shown as such
    assert attempt.finished_at == attempt.deadline
    assert attempt.score == 2.0


def test_a_write_after_the_grace_period_is_refused_and_the_attempt_closed_at_its_deadline(session, candidate):
    attempt = start(session, candidate)
    store(session, attempt, [ClientStep("early", "save", 0, key_position(attempt.slots[0]))], T0, 10)

    too_late = attempt.deadline + timedelta(seconds=GRACE + 1)
    with pytest.raises(Conflict):
        store(session, attempt, [ClientStep("late", "save", 1, 0)], too_late, GRACE)
    assert service.close_if_expired(session, attempt, too_late, GRACE)  # what the save route does next

    assert attempt.state == service.EXPIRED
    assert attempt.finished_at == attempt.deadline
    assert attempt.score == 2.0  # the answer saved in time is graded
    assert step_count(session, attempt) == 1


def test_the_result_shows_each_answer_as_graded_even_when_a_save_raced_the_submit(session, candidate):
    attempt = start(session, candidate)
    slot = attempt.slots[0]
    store(session, attempt, [ClientStep("s", "save", 0, key_position(slot))], T0, GRACE)
    service.submit(session, attempt, T0 + timedelta(minutes=5), GRACE)
    # A save that read the attempt just before the submit claimed it, stored a moment after the grading read:
    wrong = (slot.version.answer + 1) % 4
    late = T0 + timedelta(minutes=5, seconds=1)
    session.add(Step(attempt_id=attempt.id, slot_id=slot.id, client_id="x", kind="save", value=wrong, server_time=late))
    session.flush()

    assert service.slot_states(session, attempt)[0].answer == wrong  # what the steps alone would now show
    assert service.graded_states(session, attempt)[0].answer == slot.version.answer  # what the score counted
    assert attempt.score == 2.0


def test_submitting_twice_changes_nothing(session, candidate):
    attempt = start(session, candidate)
    store(session, attempt, [ClientStep("s", "save", 0, key_position(attempt.slots[0]))], T0, 10)

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
