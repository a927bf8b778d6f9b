"""The regrade arithmetic alone: no app, no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.exam.grading import Outcome, SlotKey, grade
from trainer.progress.mastery import DECAY, decayed
from trainer.reports.regrade import (
    BinMove,
    Correction,
    bin_moves,
    counted_right,
    faded,
    mapped_key,
    merge_moves,
    regrade,
    right_delta,
)

OPTIONS = ("12", "15", "18", "20")
TIER1 = [SlotKey("quant", 1, 2.0, 0.5), SlotKey("quant", 0, 2.0, 0.5), SlotKey("english", 2, 2.0, 0.5)]


def test_the_corrected_key_keeps_its_letter_when_only_the_key_moved():
    assert mapped_key(OPTIONS, OPTIONS, 2) == 2


def test_the_corrected_key_follows_its_text_when_the_new_version_reordered_the_options():
    assert mapped_key(OPTIONS, ("20", "18", "15", "12"), 1) == 2  # "18" was shown as C


def test_a_reworded_right_option_falls_back_to_its_letter():
    assert mapped_key(OPTIONS, ("12", "15", "18 only", "20"), 2) == 2


def test_a_key_beyond_the_shown_options_is_refused():
    with pytest.raises(ValueError, match="not an option"):
        mapped_key(OPTIONS[:3], ("a", "b", "c", "d"), 3)


def test_a_corrected_key_turns_a_right_answer_wrong_and_a_wrong_one_right():
    answers = [1, 2, None]  # right under the old key B, wrong (C) under the old key A, blank
    result = regrade(TIER1, answers, [Correction(0, key=2), Correction(1, key=2)])

    assert result.before.total == 2.0 - 0.5
    assert result.after.total == -0.5 + 2.0
    assert result.after.sections["quant"].right == 1 and result.after.sections["quant"].wrong == 1
    assert result.after.sections["english"].blank == 1
    assert not result.changed  # the total and the section counts are the same, by chance


def test_dropping_a_question_gives_full_marks_whatever_was_answered():
    for answer in (0, 1, None):
        result = regrade(TIER1, [answer, None, None], [Correction(0, dropped=True)])
        assert result.after.outcomes[0] == Outcome.RIGHT
        assert result.after.total == 2.0


def test_the_regrade_is_the_grading_function_applied_to_the_corrected_keys():
    corrected = [SlotKey("quant", 3, 2.0, 0.5), TIER1[1], TIER1[2]]
    answers = [3, 0, 2]
    assert regrade(TIER1, answers, [Correction(0, key=3)]).after == grade(corrected, answers)


def test_progress_counts_a_dropped_question_right_only_for_those_who_answered_it():
    assert counted_right(1, 0, dropped=True)
    assert not counted_right(None, 0, dropped=True)
    assert right_delta(None, SlotKey("q", 0, 2, 0.5), SlotKey("q", 0, 2, 0.5, dropped=True)) == 0
    assert right_delta(1, SlotKey("q", 0, 2, 0.5), SlotKey("q", 0, 2, 0.5, dropped=True)) == 1
    assert right_delta(0, SlotKey("q", 0, 2, 0.5), SlotKey("q", 1, 2, 0.5)) == -1


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=0, max_size=6))
def test_a_faded_change_equals_grading_the_history_again(later):
    """Changing one attempt's right/wrong split and fading it by the later attempts gives exactly the counts that
    folding the corrected history from the start gives."""
    history = [(2, 1)] + later  # (right, wrong) per attempt answering the topic; the first one is corrected

    def fold(attempts):
        r = w = 0.0
        for right, wrong in attempts:
            r, w = decayed(r, w, right, wrong)
        return r, w

    before = fold(history)
    corrected = [(3, 0)] + later  # one wrong answer became right
    after = fold(corrected)
    shift = faded(1, len(later))  # every later attempt answered the topic
    assert after[0] == pytest.approx(before[0] + shift)
    assert after[1] == pytest.approx(before[1] - shift)
    assert faded(1, 2) == pytest.approx(DECAY**2)


def test_a_counted_attempt_moves_between_bins_only_where_its_score_changed():
    moves = bin_moves({"": 87.5, "quant": 50.0, "english": 0.0}, {"": 85.0, "quant": 47.5, "english": 0.0},
                      {"": 600.0, "quant": 300.0, "english": 300.0})  # fmt: skip
    assert moves == [
        BinMove("", 8750, -1, -600.0),
        BinMove("", 8500, 1, 600.0),
        BinMove("quant", 5000, -1, -300.0),
        BinMove("quant", 4750, 1, 300.0),
    ]


def test_moves_into_the_same_bin_add_up_and_cancel():
    merged = merge_moves([BinMove("", 100, -1, -5.0), BinMove("", 100, 1, 5.0), BinMove("", 200, 1, 5.0)])
    assert merged == [BinMove("", 200, 1, 5.0)]
