"""A drill: a practice topic test of one topic, unseen questions first, a few earlier mistakes included."""

from __future__ import annotations

import random
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from trainer.auth.models import User
from trainer.bank.models import QuestionVersion, Topic
from trainer.core.errors import NotFound
from trainer.exam import paper
from trainer.exam.models import Attempt
from trainer.exam.patterns import Pattern, all_patterns, topic_pattern
from trainer.i18n import N_
from trainer.progress.review_models import ReviewCard

DRILL_QUESTIONS = 10
DRILL_MISTAKES = 3  # at most this many earlier mistakes, the rest unseen questions
PAPERS = {"tier1": N_("Tier-I"), "tier2": N_("Tier-II Paper-I")}  # translated where shown


def paper_pattern(paper_key: str) -> Pattern:
    """The current full pattern of a paper (the first listed in patterns.yaml)."""
    return next(p for p in all_patterns().values() if p.paper == paper_key)


def earlier_mistakes(session, user_id: int, topic_id: int, limit: int = DRILL_MISTAKES) -> tuple[int, ...]:
    """Questions of the topic the candidate got wrong before (their review cards), most lapses first."""
    rows = session.execute(
        select(ReviewCard.question_id)
        .join(QuestionVersion, QuestionVersion.question_id == ReviewCard.question_id)
        .where(ReviewCard.user_id == user_id, ReviewCard.lapses > 0, QuestionVersion.topic_id == topic_id)
        .group_by(ReviewCard.question_id, ReviewCard.lapses)
        .order_by(ReviewCard.lapses.desc(), ReviewCard.question_id)
        .limit(limit)
    )
    return tuple(row[0] for row in rows)


def start_drill(
    session, user: User, paper_key: str, section: str, topic_key: str, now: datetime, rng: random.Random
) -> Attempt:
    """Open a practice topic test of DRILL_QUESTIONS from one topic, marked and timed as the target paper.

    Raises NotFound for a topic the paper does not ask, DomainError when the bank cannot fill it.
    """
    topic = session.scalar(select(Topic).where(Topic.section == section, Topic.key == topic_key))
    base = paper_pattern(paper_key if paper_key in PAPERS else "tier1")
    rules = [s for s in base.sections if topic is not None and s.subject == topic.section]
    if not rules:
        raise NotFound(_("There is no such topic in your target paper."))
    pattern = topic_pattern(base, rules[0].key, (topic.key,), DRILL_QUESTIONS)
    mistakes = earlier_mistakes(session, user.id, topic.id)
    return paper.start_attempt(session, user, pattern, now, rng, mode="practice", timed=True, prefer=mistakes)
