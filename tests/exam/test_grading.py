"""Marks as the candidate sees them: each palette state × right/wrong/blank, folded from steps, then graded."""

from datetime import UTC, datetime, timedelta

import pytest

from trainer.exam.grading import Outcome, SlotKey, grade
from trainer.exam.patterns import get_pattern
from trainer.exam.steps import PALETTE_LABELS, Kind, StepRecord, fold

T0 = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)
KEY = 2  # option C is right
RIGHT, WRONG = 2, 0


def steps(*actions: tuple[str, int | None], position: int = 0, start: int = 0) -> list[StepRecord]:
    """Steps for one slot, a second apart, in the order given."""
    return [
        StepRecord(start + n, f"c{start + n}", kind, position, value, T0 + timedelta(seconds=start + n))
        for n, (kind, value) in enumerate(actions)
    ]


VIEW = (Kind.VIEW, None)

# (what the candidate did, palette label shown, outcome, marks)
TABLE = [
    ("never opened", [], "Not Visited", Outcome.BLANK, 0.0),
    ("opened, moved on", [VIEW], "Not Answered", Outcome.BLANK, 0.0),
    ("Save & Next with nothing chosen", [VIEW, (Kind.SAVE, None)], "Not Answered", Outcome.BLANK, 0.0),
    ("saved right, then cleared", [VIEW, (Kind.SAVE, RIGHT), (Kind.CLEAR, None)], "Not Answered", Outcome.BLANK, 0.0),
    ("saved wrong, then cleared", [VIEW, (Kind.SAVE, WRONG), (Kind.CLEAR, None)], "Not Answered", Outcome.BLANK, 0.0),
    ("saved right", [VIEW, (Kind.SAVE, RIGHT)], "Answered", Outcome.RIGHT, 2.0),
    ("saved wrong", [VIEW, (Kind.SAVE, WRONG)], "Answered", Outcome.WRONG, -0.5),
    ("marked with nothing chosen", [VIEW, (Kind.MARK, None)], "Marked for Review", Outcome.BLANK, 0.0),
    ("marked right, cleared", [VIEW, (Kind.MARK, RIGHT), (Kind.CLEAR, None)], "Marked for Review", Outcome.BLANK, 0.0),
    ("marked wrong, cleared", [VIEW, (Kind.MARK, WRONG), (Kind.CLEAR, None)], "Marked for Review", Outcome.BLANK, 0.0),
    ("marked right", [VIEW, (Kind.MARK, RIGHT)], "Answered & Marked for Review", Outcome.RIGHT, 2.0),
    ("marked wrong", [VIEW, (Kind.MARK, WRONG)], "Answered & Marked for Review", Outcome.WRONG, -0.5),
    ("saved wrong, then marked right", [VIEW, (Kind.SAVE, WRONG), (Kind.MARK, RIGHT)], "Answered & Marked for Review",
     Outcome.RIGHT, 2.0),
    ("marked right, then saved wrong", [VIEW, (Kind.MARK, RIGHT), (Kind.SAVE, WRONG)], "Answered", Outcome.WRONG, -0.5),
]  # fmt: skip


@pytest.mark.parametrize(
    ("actions", "label", "verdict", "marks"), [row[1:] for row in TABLE], ids=[r[0] for r in TABLE]
)
def test_each_palette_state_scores_as_the_exam_does(actions, label, verdict, marks):
    [state] = fold(steps(*actions), slot_count=1)
    result = grade([SlotKey("quant", KEY, 2.0, 0.5)], [state.answer])
    assert PALETTE_LABELS[state.palette] == label
    assert result.outcomes == [verdict]
    assert result.total == marks
    assert result.max_marks == 2.0


def test_tier1_paper_totals_per_section_and_maximum():
    pattern = get_pattern("tier1-2025")
    keys = [SlotKey(rule.key, KEY, rule.marks_right, rule.marks_wrong) for rule in pattern.sections for _ in range(25)]
    # reasoning: 20 right, 4 wrong, 1 blank; awareness: untouched; quant: all right; english: all wrong, marked.
    plan = {
        "reasoning": [(Kind.SAVE, RIGHT)] * 20 + [(Kind.SAVE, WRONG)] * 4 + [(Kind.MARK, None)],
        "awareness": [None] * 25,
        "quant": [(Kind.SAVE, RIGHT)] * 25,
        "english": [(Kind.MARK, WRONG)] * 25,
    }
    records: list[StepRecord] = []
    actions = [action for rule in pattern.sections for action in plan[rule.key]]
    for position, action in enumerate(actions):
        if action is not None:
            records += steps(VIEW, action, position=position, start=len(records))
    states = fold(records, slot_count=len(keys))

    result = grade(keys, [s.answer for s in states])

    assert [(key, s.right, s.wrong, s.blank, s.score, s.max_marks) for key, s in result.sections.items()] == [
        ("reasoning", 20, 4, 1, 38.0, 50.0),
        ("awareness", 0, 0, 25, 0.0, 50.0),
        ("quant", 25, 0, 0, 50.0, 50.0),
        ("english", 0, 25, 0, -12.5, 50.0),
    ]
    assert result.total == 75.5
    assert result.max_marks == pattern.max_marks == 200.0


def test_grading_refuses_a_paper_with_a_missing_answer_slot():
    with pytest.raises(ValueError, match="one answer per slot"):
        grade([SlotKey("quant", 0, 2.0, 0.5)] * 2, [0])
