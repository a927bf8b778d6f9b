"""The mistake notebook's service: cards from graded attempts, the due count, and review sessions."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.factories import count_queries, make_question, make_topic, make_user
from trainer.bank.models import Question
from trainer.bank.parsing import QuestionContent
from trainer.bank.service import add_version
from trainer.exam import paper, saving, service
from trainer.exam.patterns import get_pattern, topic_pattern
from trainer.exam.saving import ClientStep
from trainer.progress.review_models import ReviewCard
from trainer.progress.review_service import (
    Notebook,
    NothingToReview,
    due_versions,
    notebook,
    reviews_due,
    start_review,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
UIDS = [f"quant-q{n}" for n in range(5)]


@pytest.fixture
def bank(session):
    topic = make_topic(session, "quant", "quant-t0")  # no generator writes this topic
    questions = {uid: make_question(session, topic, uid) for uid in UIDS}
    session.flush()
    return questions


def quant_test():
    return topic_pattern(get_pattern("tier1-2025"), "quant", ("quant-t0",), 5)


def sit(session, user, attempt, start: datetime, plan: dict[str, str], seconds: float = 20) -> datetime:
    """View each question in turn and act on it by plan (R right, W wrong, M marked and right, X marked blank,
    anything else left blank), `seconds` on each; submit; return the finish time."""
    now = start
    for slot in attempt.slots:
        action = plan.get(slot.version.question.uid, "-")
        key = slot.option_order.index(slot.version.answer)
        steps = [ClientStep(f"v{slot.position}", "view", slot.position, None)]
        if action in "RWM":
            kind = "mark" if action == "M" else "save"
            steps.append(ClientStep(f"a{slot.position}", kind, slot.position, key if action != "W" else (key + 1) % 4))
        elif action == "X":
            steps.append(ClientStep(f"a{slot.position}", "mark", slot.position, None))
        saving.save_steps(session, attempt.id, (user.id, user.session_generation), steps, now, 0)
        now += timedelta(seconds=seconds)
    service.submit(session, attempt, now, 0)
    return now


def mock(session, user, start: datetime, plan: dict[str, str], mode: str = "strict", seconds: float = 20):
    attempt = paper.start_attempt(session, user, quant_test(), start, random.Random(3), mode=mode)
    return attempt, sit(session, user, attempt, start, plan, seconds)


def cards(session, user) -> dict[str, ReviewCard]:
    rows = session.execute(select(Question.uid, ReviewCard).join(Question).where(ReviewCard.user_id == user.id)).all()
    return dict(rows)


def test_wrong_and_marked_answers_become_cards_due_at_once_right_and_blank_ones_do_not(session, bank):
    user = make_user(session)
    _, finished = mock(session, user, T0, {"quant-q0": "W", "quant-q1": "M", "quant-q2": "R", "quant-q3": "X"})

    notebook = cards(session, user)
    assert sorted(notebook) == ["quant-q0", "quant-q1", "quant-q3"]
    assert all(card.due == finished and card.reviews == 1 for card in notebook.values())
    assert (notebook["quant-q0"].lapses, notebook["quant-q1"].lapses, notebook["quant-q3"].lapses) == (1, 0, 1)
    assert notebook["quant-q0"].card["card_id"] == bank["quant-q0"].id
    assert reviews_due(session, user.id, finished) == 3
    assert reviews_due(session, user.id, finished - timedelta(seconds=1)) == 0


def test_a_later_attempt_rates_existing_cards_right_moves_them_out_wrong_keeps_them_due(session, bank):
    user = make_user(session)
    mock(session, user, T0, {"quant-q0": "W", "quant-q1": "W"})
    later = T0 + timedelta(hours=3)
    _, finished = mock(session, user, later, {"quant-q0": "R", "quant-q1": "W", "quant-q2": "R"})

    notebook = cards(session, user)
    assert sorted(notebook) == ["quant-q0", "quant-q1"]  # a right answer alone makes no card
    assert notebook["quant-q0"].reviews == 2 and notebook["quant-q0"].lapses == 1
    assert notebook["quant-q0"].due >= finished + timedelta(days=1)
    assert notebook["quant-q1"].due == finished and notebook["quant-q1"].lapses == 2
    assert reviews_due(session, user.id, finished) == 1


def test_someone_elses_cards_are_not_counted(session, bank):
    first, second = make_user(session), make_user(session)
    _, finished = mock(session, first, T0, {"quant-q0": "W"})

    assert reviews_due(session, first.id, finished) == 1
    assert reviews_due(session, second.id, finished) == 0


def test_a_retired_question_leaves_the_queue(session, bank):
    user = make_user(session)
    _, finished = mock(session, user, T0, {"quant-q0": "W", "quant-q1": "W"})
    bank["quant-q0"].status = "retired"
    session.flush()

    assert reviews_due(session, user.id, finished) == 1
    assert [v.question.uid for v in due_versions(session, user.id, finished)] == ["quant-q1"]


def test_the_due_count_is_one_query(session, bank):
    user = make_user(session)
    _, finished = mock(session, user, T0, {uid: "W" for uid in UIDS})
    session.flush()

    with count_queries(session.get_bind()) as statements:
        assert reviews_due(session, user.id, finished) == 5
    assert len(statements) == 1


def test_a_review_session_is_a_practice_paper_of_the_due_questions_newest_versions(session, bank):
    user = make_user(session)
    _, finished = mock(session, user, T0, {"quant-q0": "W", "quant-q3": "M"})
    topic = bank["quant-q0"].versions[0].topic
    edited = QuestionContent("quant", "quant-t0", "easy", "Edited stem?", ("a", "b", "c", "d"), 1, "Why.", "test")
    newest = add_version(session, bank["quant-q0"], edited, topic)

    review = start_review(session, user, finished + timedelta(minutes=5), random.Random(1))

    assert review.mode == "practice" and review.timed and review.pattern_code == "review"
    assert sorted(slot.version.question.uid for slot in review.slots) == ["quant-q0", "quant-q3"]
    assert newest.id in {slot.version_id for slot in review.slots}
    assert service.pattern_of(review).minutes == 2  # Tier-I's time per question, 0.6 minutes each
    assert [s.marks_right for s in review.slots] == [2.0, 2.0]


def test_grading_a_review_session_rates_each_card(session, bank):
    user = make_user(session)
    _, finished = mock(session, user, T0, {"quant-q0": "W", "quant-q1": "W"})
    start = finished + timedelta(hours=1)
    review = start_review(session, user, start, random.Random(1))
    done = sit(session, user, review, start, {"quant-q0": "R", "quant-q1": "W"}, seconds=10)

    notebook = cards(session, user)
    assert notebook["quant-q0"].reviews == 2 and notebook["quant-q0"].due >= done + timedelta(days=1)
    assert notebook["quant-q1"].lapses == 2 and notebook["quant-q1"].due == done
    assert reviews_due(session, user.id, done) == 1


def test_nothing_due_means_no_review_session(session, bank):
    user = make_user(session)
    with pytest.raises(NothingToReview, match="Nothing is due"):
        start_review(session, user, T0, random.Random(1))


def test_the_notebook_at_a_glance_counts_due_and_all_cards_and_says_when_the_next_is_due(session, bank):
    user = make_user(session)
    assert notebook(session, user.id, T0) == Notebook(0, 0, None)
    mock(session, user, T0, {"quant-q0": "W", "quant-q1": "W"})
    _, finished = mock(session, user, T0 + timedelta(hours=2), {"quant-q0": "R"})

    glance = notebook(session, user.id, finished)
    assert (glance.due, glance.total) == (1, 2)
    assert glance.next_due == cards(session, user)["quant-q0"].due and glance.next_due.tzinfo is UTC


def test_review_today_twice_resumes_the_open_session_rather_than_starting_another(session, bank):
    user = make_user(session)
    _, finished = mock(session, user, T0, {"quant-q0": "W"})
    first = start_review(session, user, finished, random.Random(1))

    assert start_review(session, user, finished + timedelta(seconds=30), random.Random(2)) is first
    service.submit(session, first, finished + timedelta(seconds=40), 0)  # left blank: still due
    assert start_review(session, user, finished + timedelta(minutes=1), random.Random(3)).id != first.id
