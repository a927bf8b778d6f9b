"""What the exam page and the result page show, built from an attempt (the page data never holds a key)."""

from __future__ import annotations

from dataclasses import dataclass

from trainer.bank.rendering import render, render_inline
from trainer.exam.grading import Outcome, outcome
from trainer.exam.models import Attempt, Slot
from trainer.exam.patterns import Pattern
from trainer.exam.steps import SlotState


@dataclass(frozen=True)
class ScreenQuestion:
    """One question as the candidate sees it during the test: text, options in shown order, saved state."""

    position: int
    number: int  # 1-based within its section
    section: str
    stem_html: str
    options_html: list[str]
    choice: int | None  # saved answer as a shown position
    palette: str


def shown_choice(slot: Slot, answer: int | None) -> int | None:
    """Map an answer (index as written) to the position it is shown at."""
    return None if answer is None else slot.option_order.index(answer)


def screen_questions(attempt: Attempt, states: list[SlotState]) -> list[ScreenQuestion]:
    numbers: dict[str, int] = {}
    questions = []
    for slot, state in zip(attempt.slots, states):
        numbers[slot.section] = numbers.get(slot.section, 0) + 1
        version = slot.version
        questions.append(
            ScreenQuestion(
                position=slot.position,
                number=numbers[slot.section],
                section=slot.section,
                stem_html=render(version.stem),
                options_html=[render_inline(version.options[i]) for i in slot.option_order],
                choice=shown_choice(slot, state.answer),
                palette=state.palette.value,
            )
        )
    return questions


def client_state(questions: list[ScreenQuestion]) -> list[dict]:
    """The per-question state sent as JSON to the page: saved choice and palette state only."""
    return [{"position": q.position, "section": q.section, "choice": q.choice, "palette": q.palette} for q in questions]


@dataclass(frozen=True)
class ReviewQuestion:
    """One question on the result page: the candidate's answer beside the key and the explanation.

    Options are listed in the order they were written, because explanations refer to them by that letter;
    during the test they may have been shown shuffled.
    """

    number: int
    section: str
    topic: str
    stem_html: str
    options_html: list[str]
    chosen: int | None  # index as written
    key: int  # index as written
    verdict: Outcome
    marks: float
    seconds: float
    palette: str
    explanation_html: str


def review_questions(attempt: Attempt, states: list[SlotState]) -> list[ReviewQuestion]:
    numbers: dict[str, int] = {}
    review = []
    for slot, state in zip(attempt.slots, states):
        numbers[slot.section] = numbers.get(slot.section, 0) + 1
        version = slot.version
        verdict = outcome(state.answer, version.answer)
        marks = {Outcome.RIGHT: slot.marks_right, Outcome.WRONG: -slot.marks_wrong, Outcome.BLANK: 0.0}[verdict]
        review.append(
            ReviewQuestion(
                number=numbers[slot.section],
                section=slot.section,
                topic=version.topic.name,
                stem_html=render(version.stem),
                options_html=[render_inline(text) for text in version.options],
                chosen=state.answer,
                key=version.answer,
                verdict=verdict,
                marks=marks,
                seconds=state.seconds,
                palette=state.palette.value,
                explanation_html=render(version.explanation),
            )
        )
    return review


def qualifying(pattern: Pattern, category: str, total: float) -> tuple[float, bool] | None:
    """The category's minimum marks for this paper and whether the total reaches it."""
    percent = pattern.qualifying_percent.get(category)
    if percent is None:
        return None
    needed = pattern.max_marks * percent / 100
    return needed, total >= needed
