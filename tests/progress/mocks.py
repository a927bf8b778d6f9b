"""Graded mocks made fast through the services: every question viewed and answered in one batch, then submitted."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from tests.factories import TIER1_SECTIONS, make_question, make_topic
from trainer.auth.models import User
from trainer.exam import paper, saving, service
from trainer.exam.patterns import get_pattern
from trainer.exam.saving import ClientStep

T0 = datetime(2026, 2, 1, 10, 0, tzinfo=UTC)
GRACE = 10
# Tier-I-like weights, so study next has a ranking to make: topic i of a section is asked 5 - i times
WEIGHTS = [{"tier1": str(5 - i), "tier2": str(5 - i)} for i in range(5)]


def make_weighted_bank(session, per_topic: int = 12) -> None:
    """Five weighted topics of `per_topic` questions in each Tier-I section."""
    for section in TIER1_SECTIONS:
        for i in range(5):
            name = f"{section.title()} topic {i}"
            topic = make_topic(session, section, f"{section}-t{i}", name=name, weights=WEIGHTS[i])
            for n in range(per_topic):
                make_question(session, topic, f"{section}-t{i}-q{n}", answer=n % 4)
    session.flush()


def graded_mock(session, user: User, at: datetime, wrong: set[str] = frozenset(), seed: int = 5, code="tier1-2025"):
    """Sit a strict mock: answer every question, wrongly in the `wrong` sections, rightly elsewhere; submit."""
    attempt = paper.start_attempt(session, user, get_pattern(code), at, random.Random(seed))
    steps = []
    for slot in attempt.slots:
        key = slot.option_order.index(slot.version.answer)
        choice = (key + 1) % 4 if slot.section in wrong else key
        steps.append(ClientStep(f"v{slot.position}", "view", slot.position, None))
        steps.append(ClientStep(f"s{slot.position}", "save", slot.position, choice))
    saving.save_steps(session, attempt.id, (user.id, 0), steps, at + timedelta(minutes=1), GRACE)
    service.submit(session, attempt, at + timedelta(minutes=30), GRACE)
    return attempt
