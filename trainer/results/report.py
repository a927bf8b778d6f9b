"""What the result page shows beyond the score: standing, cut-offs, where the marks went, pace, attempt-or-skip."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.exam.grading import verdict
from trainer.exam.patterns import Pattern, get_pattern, minutes_per_question
from trainer.i18n import local_name
from trainer.progress.models import TopicProgress
from trainer.results import breakdown, cutoffs, service
from trainer.results.cutoff_data import CutoffLine, compare
from trainer.results.distribution import Standing


@dataclass(frozen=True)
class SectionReport:
    key: str
    name: str
    score: float
    standing: Standing
    lost: breakdown.SectionBreakdown
    pace: breakdown.Pace
    advice: breakdown.GuessAdvice


@dataclass(frozen=True)
class CutoffComparison:
    label: str  # what is compared: "Total" or "Merit score (...)"
    score: float
    max_marks: float
    lines: list[CutoffLine]
    why_none: str = ""  # said instead of the lines when there are none


@dataclass(frozen=True)
class ResultReport:
    standings: service.Standings
    sections: list[SectionReport]
    cutoffs: CutoffComparison

    @property
    def guessing(self) -> list[breakdown.GuessAdvice]:
        """The attempt-or-skip advice of each distinct marking in the paper (one for Tier-I and Tier-II)."""
        return list(dict.fromkeys(s.advice for s in self.sections))


def section_numbers(attempt) -> list[int]:
    """Each slot's question number inside its section, as the result page numbers them."""
    counts: dict[str, int] = {}
    numbers = []
    for slot in attempt.slots:
        counts[slot.section] = counts.get(slot.section, 0) + 1
        numbers.append(counts[slot.section])
    return numbers


def known_topics(session: Session, user_id: int, topic_ids: set[int]) -> set[int]:
    """The topics (of those given) the candidate usually gets right, by `breakdown.likely_known`."""
    if not topic_ids:
        return set()
    rows = session.execute(
        select(TopicProgress.topic_id, TopicProgress.attempted, TopicProgress.correct).where(
            TopicProgress.user_id == user_id, TopicProgress.topic_id.in_(topic_ids)
        )
    )
    return {topic_id for topic_id, answered, correct in rows if breakdown.likely_known(answered, correct)}


def graded_questions(session: Session, attempt, states) -> list[breakdown.GradedQuestion]:
    blank_topics = {s.version.topic_id for s, st in zip(attempt.slots, states) if st.answer is None}
    known = known_topics(session, attempt.user_id, blank_topics)
    return [
        breakdown.GradedQuestion(
            number,
            slot.section,
            verdict(state.answer, slot.key, slot.dropped).value,
            slot.marks_right,
            slot.marks_wrong,
            state.seconds,
            local_name(slot.version.topic),
            slot.version.topic_id in known,
        )
        for slot, state, number in zip(attempt.slots, states, section_numbers(attempt))
    ]


def compare_cutoffs(session: Session, attempt, pattern: Pattern, category: str) -> CutoffComparison:
    """The score the paper's cut-offs apply to (merit sections, else the total) against each year's cut-off."""
    sections = attempt.result["sections"]
    if pattern.merit_sections:
        keys = [k for k in pattern.merit_sections if k in sections]
        label = _("Merit score (%(sections)s)", sections=" + ".join(pattern.section(k).name for k in keys))
    else:
        keys, label = list(sections), _("Total")
    score = sum(sections[k]["score"] for k in keys)
    top = sum(sections[k]["max_marks"] for k in keys)
    if pattern.kind != "full":
        why = _("Cut-offs are for the whole paper: a part of it is not compared.")
        return CutoffComparison(label, score, top, [], why)
    lines = compare(cutoffs.cutoffs_for(session, pattern.paper, category), score, top)
    why = (
        ""
        if lines
        else _(
            "No %(paper)s cut-offs for category %(category)s have been entered yet.",
            paper=pattern.paper,
            category=category,
        )
    )
    return CutoffComparison(label, score, top, lines, why)


def result_report(session: Session, attempt, pattern: Pattern, states, category: str) -> ResultReport:
    """Everything the result page adds to the score, from a few summary rows (never from other attempts)."""
    standings = service.standings(session, attempt)
    # An untimed practice paper runs on one week-long timer: time it against the real paper's clock instead.
    clock = pattern if attempt.timed else (get_pattern(attempt.pattern_code) or pattern)
    per_question = {s.key: minutes_per_question(clock, s.key) * 60 for s in pattern.sections}
    lost = breakdown.where_marks_went(graded_questions(session, attempt, states), per_question)
    reports = []
    for rule in pattern.ordered_sections():
        part = lost.get(rule.key, breakdown.SectionBreakdown(rule.key))
        budget = per_question[rule.key] * rule.questions
        mine = standings.by_section.get(rule.key, Standing(0))
        reports.append(
            SectionReport(
                rule.key,
                rule.name,
                attempt.result["sections"][rule.key]["score"],
                mine,
                part,
                breakdown.Pace(rule.key, part.seconds, budget, mine.top_seconds),
                breakdown.guess_advice(rule.marks_right, rule.marks_wrong, options_of(attempt, rule.key)),
            )
        )
    return ResultReport(standings, reports, compare_cutoffs(session, attempt, pattern, category))


def options_of(attempt, section: str) -> int:
    """How many options the section's questions offer (the most common count; 4 in every SSC paper)."""
    counts = [len(s.version.options) for s in attempt.slots if s.section == section]
    return max(set(counts), key=counts.count) if counts else 4
