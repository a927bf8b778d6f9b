"""Study next: topics ranked by the marks a candidate stands to gain, with the reason, and a weekly plan."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, TypeVar

from trainer.core.wording import ENGLISH, Wording
from trainer.progress.mastery import Mastery

TARGET_ACCURACY = 0.90  # the accuracy a well-prepared candidate reaches in a topic
GUESS = 0.25  # a blind guess among four options: what is left once a topic is entirely forgotten
STABILITY_DAYS = 30  # a topic's recall falls to 90% a month after it was last practised ...
FORGETTING = 19 / 81  # ... along FSRS's power forgetting curve R(t) = (1 + 19/81 · t/S)^−0.5
DRILLS_PER_WEEK = 3
PLAN_WEEKS = 4  # the plan spells out this many weeks; the weeks after repeat the pattern


@dataclass(frozen=True)
class TopicWeight:
    """What one question of a topic is worth in the target paper."""

    section: str
    key: str
    name: str
    questions: float  # typical questions per paper (taxonomy weight)
    marks_right: float
    marks_wrong: float  # taken away for a wrong answer (positive)
    name_hi: str = ""  # the name on Hindi pages (trainer.i18n.local_name)


@dataclass(frozen=True)
class Stake:
    topic: TopicWeight
    mastery: Mastery
    marks: float
    reason: str
    recall: float = 1.0  # the share of the mastery likely kept since the topic was last practised


def retrievability(idle_days: float | None) -> float:
    """How much of what was known is likely still recalled after `idle_days` without practice (1 if never seen)."""
    if idle_days is None or idle_days <= 0:
        return 1.0
    return (1 + FORGETTING * idle_days / STABILITY_DAYS) ** -0.5


def marks_at_stake(weight: TopicWeight, level: Mastery, recall: float = 1.0, target: float = TARGET_ACCURACY) -> float:
    """Expected questions × marks per question × (target accuracy − recalled mastery), never below zero.

    A question answered is worth +right when right and −wrong when wrong, so raising accuracy by Δ on a question
    gains Δ × (right + wrong) marks: that sum is the "marks per question" here. Mastery above a guess fades with
    the time since the topic was last practised (`recall`), so a topic left alone for months comes back up.
    """
    recalled = level.mean if level.mean <= GUESS else GUESS + (level.mean - GUESS) * recall
    gap = max(0.0, target - recalled)
    return weight.questions * (weight.marks_right + weight.marks_wrong) * gap


def reason(
    weight: TopicWeight,
    level: Mastery,
    marks: float,
    paper_name: str,
    idle_days: int | None = None,
    words: Wording = ENGLISH,
) -> str:
    """One sentence: how often the topic is asked, where the candidate stands, what there is to gain."""
    _, ngettext = words.gettext, words.ngettext
    asked = ngettext(
        "About %(count)s question per %(paper)s paper",
        "About %(count)s questions per %(paper)s paper",
        1 if weight.questions == 1 else 2,  # gettext picks the form from a whole number; 3.5 reads as plural
        count=f"{weight.questions:g}",
        paper=paper_name,
    )
    if level.answered == 0:
        where = _("not practised yet")
    elif not level.enough_data:
        where = _(
            "only %(answered)s answered so far (not enough data), estimate %(estimate)s",
            answered=level.answered,
            estimate=f"{level.mean:.0%}",
        )
    else:
        where = _(
            "your accuracy %(accuracy)s (%(low)s–%(high)s)",
            accuracy=f"{level.mean:.0%}",
            low=f"{level.low:.0%}",
            high=f"{level.high:.0%}",
        )
    if level.answered and idle_days is not None and retrievability(idle_days) < 0.9:
        where = _("%(where)s, last practised %(days)s days ago", where=where, days=idle_days)
    return _("%(asked)s; %(where)s; about %(marks)s marks to gain.", asked=asked, where=where, marks=f"{marks:.0f}")


def study_next(
    weights: list[TopicWeight],
    levels: dict[tuple[str, str], Mastery],
    default: Mastery,
    paper_name: str,
    idle: dict[tuple[str, str], int] | None = None,
    words: Wording = ENGLISH,
) -> list[Stake]:
    """Every topic the paper asks, most marks at stake first (ties: more often asked, then by name).

    `idle` gives the days since each topic was last practised (missing: just now).
    """
    stakes = []
    for weight in weights:
        if weight.questions <= 0:
            continue
        level = levels.get((weight.section, weight.key), default)
        days = (idle or {}).get((weight.section, weight.key))
        recall = retrievability(days)
        marks = marks_at_stake(weight, level, recall)
        stakes.append(Stake(weight, level, marks, reason(weight, level, marks, paper_name, days, words), recall))
    return sorted(stakes, key=lambda s: (-s.marks, -s.topic.questions, s.topic.name))


T = TypeVar("T")


@dataclass(frozen=True)
class Week(Generic[T]):
    """A week of the plan; `drills` are the topics as given (the page names them in its language, the JSON in
    English)."""

    starts: date
    ends: date
    mocks: int
    drills: tuple[T, ...]


def days_left(today: date, exam_date: date | None) -> int | None:
    """Whole days from today to the exam (0 on the day, negative once past); None without a date."""
    return None if exam_date is None else (exam_date - today).days


def mocks_per_week(days: int) -> int:
    """More full mocks as the exam nears: one a week far out, two in the last two months, three in the last 3 weeks."""
    if days > 60:
        return 1
    return 2 if days > 21 else 3


def weekly_plan(today: date, exam_date: date | None, drills: Sequence[T]) -> list[Week[T]]:
    """The next weeks up to the exam (at most PLAN_WEEKS): full mocks, and the top study-next topics to drill.

    Drills rotate through the list three a week, so every high-stake topic comes round; empty without a date or
    once the exam is past.
    """
    days = days_left(today, exam_date)
    if days is None or days < 0:
        return []
    weeks = []
    for n in range(min(PLAN_WEEKS, math.ceil((days + 1) / 7))):
        starts = today + timedelta(days=7 * n)
        ends = min(starts + timedelta(days=6), exam_date)
        chosen = tuple(
            drills[(n * DRILLS_PER_WEEK + i) % len(drills)] for i in range(min(DRILLS_PER_WEEK, len(drills)))
        )
        mocks = min(mocks_per_week((exam_date - starts).days), (ends - starts).days + 1)
        weeks.append(Week(starts, ends, mocks, chosen))
    return weeks
