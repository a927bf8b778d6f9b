"""Batches made through the services, and members with a made-up history for dashboards at scale."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from tests.factories import make_user
from trainer.batches import service
from trainer.core.clock import utcnow
from trainer.exam.models import Attempt
from trainer.progress.models import AttemptSummary, TopicProgress


def make_batch(session, owner=None, name: str = "Morning batch", now: datetime | None = None, **kwargs):
    owner = owner or make_user(session, role="instructor", name="Ms Instructor")
    return service.create_batch(
        session, owner, name, kwargs.get("description", ""), kwargs.get("expires_at"), now or utcnow(), random.Random()
    )


def make_member(session, batch, now: datetime, **overrides):
    user = make_user(session, **overrides)
    service.join(session, user, batch, now)
    return user


def add_history(session, user, topics, now: datetime, percents=(60.0,), right: int = 6, wrong: int = 4) -> None:
    """Progress rows in each topic (`right`/`wrong` answers) and strict full mocks scoring `percents`, newest first,
    one a day from yesterday: what grading would have stored, written directly."""
    for topic in topics:
        session.add(
            TopicProgress(
                user_id=user.id,
                topic_id=topic.id,
                attempted=right + wrong,
                correct=right,
                seen=right + wrong,
                seconds=30.0 * (right + wrong),
                last_seen=now - timedelta(days=1),
                recent_right=float(right),
                recent_wrong=float(wrong),
            )
        )
    for n, percent in enumerate(percents):
        at = now - timedelta(days=1 + n)
        attempt = Attempt(
            user_id=user.id,
            pattern_code="tier1-2025",
            pattern={},
            mode="strict",
            state="submitted",
            started_at=at - timedelta(hours=1),
            deadline=at,
            finished_at=at,
            score=2 * percent,
        )
        session.add(attempt)
        session.flush()
        session.add(
            AttemptSummary(
                attempt_id=attempt.id,
                user_id=user.id,
                pattern_code="tier1-2025",
                name="SSC CGL Tier-I",
                paper="tier1",
                kind="full",
                mode="strict",
                started_at=attempt.started_at,
                finished_at=at,
                score=2 * percent,
                max_marks=200.0,
                sections={},
            )
        )
    session.flush()
