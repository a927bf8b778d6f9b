"""Where the marks went, the attempt-or-skip line and the "usually right" rule, worked by hand, without Flask."""

from __future__ import annotations

import pytest

from trainer.results.breakdown import GradedQuestion, Pace, guess_advice, likely_known, where_marks_went

PER_QUESTION = {"quant": 36.0, "english": 36.0}  # Tier-I: 60 minutes / 100 questions


def q(number, outcome, seconds=30.0, section="quant", known=False, topic="Percentage"):
    return GradedQuestion(number, section, outcome, 2.0, 0.5, seconds, topic, known)


def test_a_hand_worked_section():
    questions = [
        q(1, "right", 20),
        q(2, "wrong", 10),  # a quick wrong answer: a likely guess
        q(3, "wrong", 80),  # slow and wrong: a time sink as well (80 > 2 × 36)
        q(4, "blank", 5, known=True, topic="Geometry"),  # left blank in a topic usually right
        q(5, "blank", 5),  # blank in a topic not known: not listed
        q(6, "right", 72),  # exactly twice the time: not a sink
        q(1, "wrong", 14.9, section="english"),
    ]

    result = where_marks_went(questions, PER_QUESTION)

    quant = result["quant"]
    assert quant.wrong == [2, 3]
    assert quant.lost_to_wrong == 1.0
    assert (quant.quick_wrong, quant.quick_wrong_marks) == ([2], 0.5)
    assert (quant.known_blanks, quant.known_blank_marks) == ([(4, "Geometry")], 2.0)
    assert quant.time_sinks == [(3, 80)]
    assert quant.seconds == 20 + 10 + 80 + 5 + 5 + 72
    english = result["english"]
    assert (english.wrong, english.quick_wrong, english.lost_to_wrong) == ([1], [1], 0.5)


def test_all_right_loses_nothing_and_no_answers_loses_only_known_blanks():
    assert where_marks_went([q(n, "right") for n in range(1, 4)], PER_QUESTION)["quant"].lost_to_wrong == 0
    blank = where_marks_went([q(n, "blank", 0) for n in range(1, 4)], PER_QUESTION)["quant"]
    assert (blank.wrong, blank.known_blanks, blank.time_sinks) == ([], [], [])
    assert where_marks_went([], PER_QUESTION) == {}


def test_all_wrong_loses_the_negative_marks_of_every_question():
    part = where_marks_went([q(n, "wrong", 40) for n in range(1, 26)], PER_QUESTION)["quant"]

    assert part.lost_to_wrong == 12.5
    assert part.quick_wrong == []


@pytest.mark.parametrize(
    ("right", "wrong", "options", "break_even", "blind"),
    [
        (2, 0.5, 4, 0.2, 0.125),  # Tier-I, as exam-facts works it out
        (3, 1, 4, 0.25, 0.0),  # Tier-II: a blind guess is worth nothing on average
        (1, 0, 4, 0.0, 0.25),  # no negative marking: always attempt
    ],
)
def test_attempt_or_skip_from_the_marking(right, wrong, options, break_even, blind):
    advice = guess_advice(right, wrong, options)

    assert advice.break_even == pytest.approx(break_even)
    assert advice.blind_value == pytest.approx(blind)


def test_the_sentence_says_the_break_even():
    assert (
        guess_advice(2, 0.5)
        .sentence()
        .startswith("On a 4-option question at +2/−0.5, attempting pays when you are more than 20% sure")
    )


@pytest.mark.parametrize(
    ("answered", "correct", "known"),
    [(4, 4, False), (5, 4, True), (5, 3, False), (10, 7, False), (10, 8, True), (0, 0, False)],
)
def test_a_topic_is_usually_right_with_a_smoothed_accuracy_of_70_percent_over_5_answers(answered, correct, known):
    assert likely_known(answered, correct) is known


def test_pace_over_the_budget():
    assert Pace("quant", 901, 900, None).over_budget
    assert not Pace("quant", 900, 900, 700).over_budget
