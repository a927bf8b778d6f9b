"""The mistake notebook's schedule, without an app: ratings from right/wrong and time, due dates after a review."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from fsrs import Rating

from trainer.progress.review_paper import review_pattern
from trainer.progress.reviews import (
    BLANK,
    RIGHT,
    WRONG,
    GradedAnswer,
    enters_notebook,
    rating,
    replay,
    retrievability,
    review,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
BUDGET = 36.0  # Tier-I: 60 minutes for 100 questions


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (GradedAnswer(WRONG, seconds=10, budget_seconds=BUDGET), Rating.Again),
        (GradedAnswer(WRONG, marked=True, seconds=100, budget_seconds=BUDGET), Rating.Again),
        (GradedAnswer(BLANK, marked=True, seconds=5, budget_seconds=BUDGET), Rating.Again),
        (GradedAnswer(BLANK, seconds=5, budget_seconds=BUDGET), None),
        (GradedAnswer(RIGHT, seconds=30, budget_seconds=BUDGET), Rating.Good),
        (GradedAnswer(RIGHT, seconds=18, budget_seconds=BUDGET), Rating.Easy),  # half the time: fast
        (GradedAnswer(RIGHT, marked=True, seconds=10, budget_seconds=BUDGET), Rating.Hard),  # fast but a guess
        (GradedAnswer(RIGHT, seconds=72, budget_seconds=BUDGET), Rating.Good),  # twice the time: not yet slow
        (GradedAnswer(RIGHT, seconds=73, budget_seconds=BUDGET), Rating.Hard),
        (GradedAnswer(RIGHT, seconds=3, budget_seconds=None), Rating.Good),  # untimed: time says nothing
        (GradedAnswer(RIGHT, seconds=300, budget_seconds=None), Rating.Good),
    ],
)
def test_rating_follows_right_wrong_time_and_the_mark(answer, expected):
    assert rating(answer) == expected


def test_wrong_and_marked_answers_enter_the_notebook_right_ones_do_not():
    assert enters_notebook(GradedAnswer(WRONG))
    assert enters_notebook(GradedAnswer(RIGHT, marked=True))
    assert enters_notebook(GradedAnswer(BLANK, marked=True))
    assert not enters_notebook(GradedAnswer(RIGHT, seconds=20, budget_seconds=BUDGET))
    assert not enters_notebook(GradedAnswer(BLANK))


def test_a_new_mistake_is_due_at_once_and_a_right_review_moves_it_out_by_days():
    mistake = review(None, 7, Rating.Again, T0)
    assert mistake.due == T0 and mistake.last_review == T0
    assert mistake.card["card_id"] == 7

    later = T0 + timedelta(hours=2)
    good = review(mistake.card, 7, Rating.Good, later)
    assert good.due >= later + timedelta(days=1)


def test_good_moves_the_due_date_forward_and_again_brings_it_back():
    card = review(review(None, 1, Rating.Again, T0).card, 1, Rating.Good, T0 + timedelta(hours=1))
    second = review(card.card, 1, Rating.Good, card.due)
    assert second.due - card.due > card.due - (T0 + timedelta(hours=1))  # the interval grows

    lapse = review(second.card, 1, Rating.Again, second.due)
    assert lapse.due == second.due  # due again at once, not days away
    relearnt = review(lapse.card, 1, Rating.Good, second.due + timedelta(minutes=5))
    assert relearnt.due > second.due + timedelta(days=1)


def test_easy_schedules_further_than_good_and_good_further_than_hard():
    base = review(None, 1, Rating.Again, T0)
    when = T0 + timedelta(days=1)
    dues = {grade: review(base.card, 1, grade, when).due for grade in (Rating.Hard, Rating.Good, Rating.Easy)}
    assert dues[Rating.Hard] <= dues[Rating.Good] < dues[Rating.Easy]


def test_a_review_dated_before_the_last_one_never_moves_the_schedule_backwards():
    card = review(None, 1, Rating.Again, T0)
    late = review(card.card, 1, Rating.Good, T0 - timedelta(days=3))
    assert late.last_review == T0
    assert late.due > T0


def test_the_card_round_trips_through_json_and_any_utc_zone_is_accepted():
    other_utc = timezone(timedelta(0))
    card = review(None, 3, Rating.Again, T0.astimezone(other_utc))
    assert card.due.tzinfo is UTC
    assert 0 < retrievability(review(card.card, 3, Rating.Good, T0).card, T0 + timedelta(days=5)) < 1
    with pytest.raises(ValueError, match="aware"):
        review(None, 3, Rating.Again, T0.replace(tzinfo=None))


def test_a_review_paper_has_a_section_per_subject_with_a_real_papers_marks_and_time():
    pattern = review_pattern(["quant", "english", "quant", "computer"])

    assert [(s.key, s.questions, s.marks_right, s.marks_wrong) for s in pattern.sections] == [
        ("computer", 1, 3.0, 1.0),  # only Tier-II asks computer knowledge
        ("english", 1, 2.0, 0.5),
        ("quant", 2, 2.0, 0.5),
    ]
    assert len(pattern.parts) == 1 and pattern.kind == "review"
    # Tier-I gives 0.6 minutes a question; Tier-II's Section-III 15 minutes for 20 questions (0.75)
    assert pattern.minutes == 3  # ceil(0.75 + 0.6 + 1.2)
    with pytest.raises(ValueError):
        review_pattern([])


def test_replaying_answers_makes_the_card_grading_made_one_answer_at_a_time():
    t0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    wrong, right = GradedAnswer(WRONG), GradedAnswer(RIGHT)
    first = review(None, 7, Rating.Again, t0)
    second = review(first.card, 7, Rating.Good, t0 + timedelta(days=1))

    made = replay(7, [(t0 - timedelta(days=1), right), (t0, wrong), (t0 + timedelta(days=1), right)])

    assert made.state == second  # the right answer before the first mistake made no card and rated nothing
    assert (made.reviews, made.lapses, made.created_at) == (2, 1, t0)
    assert replay(7, [(t0, right), (t0, GradedAnswer(BLANK))]) is None  # nothing here calls for a review
