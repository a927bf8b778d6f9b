"""Computer Knowledge (Tier-II Paper-I, Section-III, Module-I): its qualifying standing, and the shortcut drill."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.auth.models import User
from trainer.exam import paper
from trainer.exam.models import Attempt
from trainer.exam.patterns import Part, get_pattern, topic_pattern

PAPER = "tier2-paper1"
SECTION = "computer"
# The papers whose graded strict attempts hold a Computer Knowledge section (full papers and the sectional test).
PAPERS = ("tier2-paper1", "tier2-paper1-2026", "tier2-paper1:computer", "tier2-paper1-2026:computer")
DRILL_TOPICS = ("shortcuts", "ms-word", "ms-excel", "ms-powerpoint")
DRILL_QUESTIONS = 10
DRILL_SECONDS_EACH = 20  # a flash drill: less than half the 45 seconds a question the real module gives


@dataclass(frozen=True)
class ModuleScore:
    finished_at: datetime
    score: float
    max_marks: float
    minimum: float

    @property
    def qualified(self) -> bool:
        return self.score >= self.minimum


@dataclass(frozen=True)
class Standing:
    percent: float  # the category's minimum, per cent of the module's marks
    scores: list[ModuleScore]  # newest first


def standing(session: Session, user: User, limit: int = 5) -> Standing:
    """The candidate's last graded strict Computer Knowledge modules against the minimum for their category."""
    percent = get_pattern(PAPER).qualifying_percent.get(user.category, 20)
    rows = session.execute(
        select(Attempt.finished_at, Attempt.result)
        .where(
            Attempt.user_id == user.id,
            Attempt.pattern_code.in_(PAPERS),
            Attempt.mode == "strict",
            Attempt.result.is_not(None),
        )
        .order_by(Attempt.finished_at.desc(), Attempt.id.desc())
        .limit(limit)
    ).all()
    scores = []
    for finished_at, result in rows:
        section = (result or {}).get("sections", {}).get(SECTION)
        if section:
            top = section["max_marks"]
            scores.append(ModuleScore(finished_at, section["score"], top, top * percent / 100))
    return Standing(percent, scores)


def drill_pattern():
    """Ten questions on shortcuts and MS Office, 20 seconds each, marked as Tier-II marks them."""
    base = topic_pattern(get_pattern(PAPER), SECTION, DRILL_TOPICS, DRILL_QUESTIONS)
    minutes = max(1, round(DRILL_QUESTIONS * DRILL_SECONDS_EACH / 60))
    rule = base.sections[0]
    return replace(
        base,
        name="Shortcut drill — keyboard shortcuts and MS Office",
        description=f"{DRILL_QUESTIONS} flash questions in {minutes} minutes; the answer after each one.",
        parts=(Part(rule.key, rule.name, minutes, (rule.key,)),),
    )


def start_drill(session: Session, user: User, now: datetime, rng: random.Random) -> Attempt:
    """A practice attempt of the shortcut drill: timed, the answer and explanation shown after each question."""
    return paper.start_attempt(session, user, drill_pattern(), now, rng, mode="practice", timed=True)
