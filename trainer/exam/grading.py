"""Grading: a pure function of the saved answers and each slot's key and marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    RIGHT = "right"
    WRONG = "wrong"
    BLANK = "blank"


@dataclass(frozen=True)
class SlotKey:
    section: str
    key: int  # the correct option's index as written
    marks_right: float
    marks_wrong: float  # positive: the marks taken away for a wrong answer
    dropped: bool = False  # dropped as ambiguous: full marks to every candidate, whatever they answered (as SSC does)


@dataclass
class SectionScore:
    right: int = 0
    wrong: int = 0
    blank: int = 0
    score: float = 0.0
    max_marks: float = 0.0


@dataclass
class Grade:
    total: float
    max_marks: float
    sections: dict[str, SectionScore] = field(default_factory=dict)
    outcomes: list[Outcome] = field(default_factory=list)


def outcome(answer: int | None, key: int) -> Outcome:
    """Right, wrong or blank for one saved answer ("Marked for Review" alone saves no answer)."""
    if answer is None:
        return Outcome.BLANK
    return Outcome.RIGHT if answer == key else Outcome.WRONG


def verdict(answer: int | None, key: int, dropped: bool = False) -> Outcome:
    """The outcome of one slot as graded: a dropped question counts as right for everyone."""
    return Outcome.RIGHT if dropped else outcome(answer, key)


def grade(keys: list[SlotKey], answers: list[int | None]) -> Grade:
    """Score every slot: +marks_right if right, −marks_wrong if wrong, 0 if blank; totals per section."""
    if len(keys) != len(answers):
        raise ValueError("one answer per slot is needed")
    result = Grade(total=0.0, max_marks=0.0)
    for slot, answer in zip(keys, answers):
        section = result.sections.setdefault(slot.section, SectionScore())
        judged = verdict(answer, slot.key, slot.dropped)
        marks = {Outcome.RIGHT: slot.marks_right, Outcome.WRONG: -slot.marks_wrong, Outcome.BLANK: 0.0}[judged]
        setattr(section, judged.value, getattr(section, judged.value) + 1)
        section.score += marks
        section.max_marks += slot.marks_right
        result.outcomes.append(judged)
    result.total = sum(s.score for s in result.sections.values())
    result.max_marks = sum(s.max_marks for s in result.sections.values())
    return result
