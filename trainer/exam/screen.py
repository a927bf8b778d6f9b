"""What the exam page and the result page show, built from an attempt.

Everything the exam page receives before submission comes from here, and none of it holds a key, except the
practice-mode feedback for a question whose answer the candidate has just saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from trainer.bank.models import ItemGroupVersion, QuestionVersion
from trainer.bank.rendering import render_passage, render_version
from trainer.exam.grading import Outcome
from trainer.exam.grading import verdict as graded_verdict
from trainer.exam.letters import as_shown
from trainer.exam.models import Attempt, Slot
from trainer.exam.page_markup import option_labels
from trainer.exam.patterns import Pattern
from trainer.exam.steps import SlotState
from trainer.i18n import N_

if TYPE_CHECKING:
    from trainer.exam.saving import TouchedSlot
    from trainer.exam.shown import ShownSlot


class ScreenQuestion(NamedTuple):
    """One question as the candidate sees it during the test: text, options in shown order, saved state.

    A named tuple, immutable as a frozen dataclass but about five times cheaper to build: a page builds a hundred."""

    position: int
    number: int  # 1-based within its section
    section: str
    stem_html: str
    options_html: list[str]
    choice: int | None  # saved answer as a shown position
    palette: str
    passage: int | None  # the group version whose shared text goes with it
    hindi_stem_html: str = ""
    hindi_options_html: tuple[str, ...] = ()

    @property
    def option_labels(self) -> bytes:
        """The radio buttons, as UTF-8 HTML: assembled in Python because a template loop over 400 options is slow."""
        return option_labels(self.position, self.options_html, self.hindi_options_html, self.choice)


def shown_choice(slot: Slot | ShownSlot, answer: int | None) -> int | None:
    """Map an answer (index as written) to the position it is shown at."""
    return None if answer is None else slot.option_order.index(answer)


def _numbers(slots: list[Slot] | list[ShownSlot]) -> list[int]:
    counts: dict[str, int] = {}
    numbers = []
    for slot in slots:
        counts[slot.section] = counts.get(slot.section, 0) + 1
        numbers.append(counts[slot.section])
    return numbers


def fragments(version: QuestionVersion) -> dict:
    """The version's stored HTML (made when it was created); rendered here only for a row that somehow lacks it."""
    return version.rendered or render_version(version.stem, version.options, version.explanation, version.hindi)


def screen_questions(attempt: Attempt, slots: list[ShownSlot], states: list[SlotState]) -> list[ScreenQuestion]:
    pattern_languages = {s["key"]: s.get("languages", ["en", "hi"]) for s in attempt.pattern.get("sections", [])}
    questions = []
    for slot, state, number in zip(slots, states, _numbers(slots)):
        html = slot.html
        hindi = html["hindi"] if "hi" in pattern_languages.get(slot.section, ["en", "hi"]) else None
        questions.append(
            ScreenQuestion(
                position=slot.position,
                number=number,
                section=slot.section,
                stem_html=html["stem"],
                options_html=[html["options"][i] for i in slot.option_order],
                choice=shown_choice(slot, state.answer),
                palette=state.palette.value,
                passage=slot.group_version_id,
                hindi_stem_html=hindi["stem"] if hindi else "",
                hindi_options_html=tuple(hindi["options"][i] for i in slot.option_order) if hindi else (),
            )
        )
    return questions


def passages(groups: dict[int, ItemGroupVersion]) -> dict[int, dict[str, str]]:
    """Rendered shared texts by group version id: English, and Hindi where there is one."""
    return passage_texts({gid: g.rendered or render_passage(g.passage, g.hindi_passage) for gid, g in groups.items()})


def passage_texts(stored: dict[int, dict]) -> dict[int, dict[str, str]]:
    """Shared texts' stored HTML ({"passage", "hindi_passage"} by group version id) as the pages name it."""
    return {gid: {"html": html["passage"], "hindi_html": html["hindi_passage"]} for gid, html in stored.items()}


PALETTE_LABELS = {  # the palette's states, in the legend's order; translated where shown (screen_text.py)
    "not_visited": N_("Not Visited"),
    "not_answered": N_("Not Answered"),
    "answered": N_("Answered"),
    "marked": N_("Marked for Review"),
    "answered_marked": N_("Answered & Marked for Review"),
}
LOCK_LABELS = (N_("(closed)"), N_("(opens later)"))  # a tab of another timed part: before it, after it


@dataclass(frozen=True)
class FirstView:
    """What the exam page shows before its script runs, as the script would set it, so nothing moves on load."""

    position: int  # the question shown first: the first of the open part
    section: str
    part_name: str  # "" unless the paper has several timed parts
    time_left: str  # HH:MM:SS of the open part
    tab_counts: dict[str, str]  # answered/total per section
    locks: dict[str, str]  # one of LOCK_LABELS (untranslated) for sections of other timed parts, else ""
    palette_counts: list[tuple[str, str, int]]  # (state, untranslated label, count) in the open section
    has_hindi: bool = False  # some question of the paper has a Hindi version (else the language switch is off)


def first_view(
    attempt: Attempt,
    pattern: Pattern,
    questions: list[ScreenQuestion],
    windows: list[tuple[datetime, datetime]],
    now,
    label: Callable[[str], str] = str,
) -> FirstView:
    """The page's state at load: the open part's first question, its section's tab, counts and palette.

    `label` shows a part's name in the interface language."""
    open_part = next((i for i, (opens, closes) in enumerate(windows) if opens <= now < closes), -1)
    part_of = {key: i for i, part in enumerate(pattern.parts) for key in part.sections}
    first = next((q for q in questions if not attempt.timed or part_of[q.section] == open_part), questions[0])
    locks = {}
    for rule in pattern.ordered_sections():
        part = part_of[rule.key]
        locked = attempt.timed and part != open_part
        locks[rule.key] = LOCK_LABELS[0 if part < open_part else 1] if locked else ""
    left = max(0, int((windows[open_part][1] - now).total_seconds())) if open_part >= 0 else 0
    in_section = [q for q in questions if q.section == first.section]
    return FirstView(
        position=first.position,
        section=first.section,
        part_name=f"{label(pattern.parts[open_part].name)}:" if len(pattern.parts) > 1 and open_part >= 0 else "",
        time_left=f"{left // 3600:02d}:{left % 3600 // 60:02d}:{left % 60:02d}",
        tab_counts={
            r.key: f"{sum(q.choice is not None for q in questions if q.section == r.key)}/"
            f"{sum(q.section == r.key for q in questions)}"
            for r in pattern.ordered_sections()
        },
        locks=locks,
        palette_counts=[(k, label, sum(q.palette == k for q in in_section)) for k, label in PALETTE_LABELS.items()],
        has_hindi=any(q.hindi_stem_html for q in questions),
    )


def client_state_for(slots: dict[int, TouchedSlot], states: dict[int, SlotState]) -> list[dict]:
    """The same per-question state, for a few positions only."""
    return [
        {
            "position": p,
            "section": slots[p].section,
            "choice": shown_choice(slots[p], state.answer),
            "palette": state.palette.value,
        }
        for p, state in states.items()
    ]


def client_state(attempt: Attempt, states: list[SlotState]) -> list[dict]:
    """Per question: position, section, saved choice (as shown) and palette state. No key, no explanation."""
    return [
        {
            "position": slot.position,
            "section": slot.section,
            "choice": shown_choice(slot, state.answer),
            "palette": state.palette.value,
        }
        for slot, state in zip(attempt.slots, states)
    ]


def page_data(
    attempt: Attempt,
    pattern: Pattern,
    questions,
    windows: list[tuple[datetime, datetime]],
    now: datetime,
    states: list[SlotState],
    label: Callable[[str], str] = str,
) -> dict:
    """The JSON the exam page starts from: clock, parts, sections, and each question's state.

    `label` shows a part's or section's name in the interface language."""
    return {
        "attempt": attempt.id,
        "mode": attempt.mode,
        "timed": attempt.timed,
        "deadline": attempt.deadline.isoformat(),
        "serverNow": now.isoformat(),
        "parts": [
            {
                "id": p.key,
                "name": label(p.name),
                "sections": list(p.sections),
                "opens": opens.isoformat(),
                "closes": closes.isoformat(),
            }
            for p, (opens, closes) in zip(pattern.parts, windows)
        ],
        "sections": [{"id": s.key, "name": label(s.name)} for s in pattern.ordered_sections()],
        "questions": [  # what client_state() gives, taken from the questions already built
            {"position": q.position, "section": q.section, "choice": q.choice, "palette": q.palette} for q in questions
        ],
        "feedback": practice_feedback(attempt, states, [i for i, s in enumerate(states) if s.answer is not None])
        if attempt.mode == "practice"
        else [],
    }


def practice_feedback(attempt: Attempt, states: list[SlotState], positions: list[int]) -> list[dict]:
    """Practice mode only: right or wrong, the key (as shown) and the explanation, for answers just saved."""
    if attempt.mode != "practice":
        return []
    feedback = []
    for position in positions:
        slot, state = attempt.slots[position], states[position]
        version = slot.version
        html = fragments(version)
        feedback.append(
            {
                "position": position,
                "right": state.answer == slot.key,  # a regrade's correction counts from then on
                "key": shown_choice(slot, slot.key),
                "explanation": as_shown(html["explanation"], slot.option_order),  # beside the shuffled options
                "hindiExplanation": as_shown(html["hindi"]["explanation"], slot.option_order) if html["hindi"] else "",
            }
        )
    return feedback


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
    passage: int | None
    hindi_explanation_html: str = ""
    dropped: bool = False  # dropped as ambiguous by a regrade: full marks to everyone
    position: int = 0  # the slot's place in the paper


def review_questions(attempt: Attempt, states: list[SlotState], section: str | None = None) -> list[ReviewQuestion]:
    """The attempt's questions for review, in paper order; only `section`'s when one is given."""
    review = []
    for slot, state, number in zip(attempt.slots, states, _numbers(attempt.slots)):
        if section is not None and slot.section != section:
            continue
        version = slot.version
        html = fragments(version)
        verdict = graded_verdict(state.answer, slot.key, slot.dropped)
        marks = {Outcome.RIGHT: slot.marks_right, Outcome.WRONG: -slot.marks_wrong, Outcome.BLANK: 0.0}[verdict]
        review.append(
            ReviewQuestion(
                number=number,
                section=slot.section,
                topic=version.topic.name,
                stem_html=html["stem"],
                options_html=list(html["options"]),
                chosen=state.answer,
                key=slot.key,
                verdict=verdict,
                marks=marks,
                seconds=state.seconds,
                palette=state.palette.value,
                explanation_html=html["explanation"],
                passage=version.group_version_id,
                hindi_explanation_html=html["hindi"]["explanation"] if html["hindi"] else "",
                dropped=slot.dropped,
                position=slot.position,
            )
        )
    return review


@dataclass(frozen=True)
class QualifyingLine:
    name: str
    score: float
    max_marks: float
    needed: float
    reached: bool


def result_summary(pattern: Pattern, result: dict, category: str) -> dict:
    """Merit score (where the paper has one) and each qualifying group's minimum for the candidate's category."""
    sections = result["sections"]
    percent = pattern.qualifying_percent.get(category)
    lines = []
    for group in pattern.qualifying_groups if percent is not None else ():
        present = [k for k in group if k in sections]
        if not present:
            continue
        score = sum(sections[k]["score"] for k in present)
        top = sum(sections[k]["max_marks"] for k in present)
        names = " + ".join(pattern.section(k).name for k in present)
        lines.append(QualifyingLine(names, score, top, top * percent / 100, score >= top * percent / 100))
    merit = None
    if pattern.merit_sections:
        keys = [k for k in pattern.merit_sections if k in sections]
        merit = (sum(sections[k]["score"] for k in keys), sum(sections[k]["max_marks"] for k in keys))
    return {"qualifying": lines, "merit": merit, "percent": percent}
