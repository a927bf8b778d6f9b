"""Sit a paper in a test: answer each slot by a plan (R right, W wrong, - blank) with a chosen time per question."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from trainer.exam import paper, saving, service
from trainer.exam.patterns import get_pattern, topic_pattern
from trainer.exam.saving import ClientStep

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
GRACE = 10


def right(slot) -> int:
    """Where the key is shown on the candidate's screen."""
    return slot.option_order.index(slot.version.answer)


def start(session, user, code="tier1-2025", now=T0, mode="strict", seed=1):
    """An open attempt; code "topic-test" is a 10-question quant topic test of Tier-I."""
    pattern = topic_pattern(get_pattern("tier1-2025"), "quant", ("quant-t0", "quant-t1"), 10)
    pattern = pattern if code == "topic-test" else get_pattern(code)
    return paper.start_attempt(session, user, pattern, now, random.Random(seed), mode=mode)


def answer(session, attempt, plan, seconds=10.0, now=T0, submit=True):
    """View every question in turn for `seconds` (a number, or a function of the slot), answer by `plan(slot)`."""
    for slot in attempt.slots:
        steps = [ClientStep(f"v{slot.position}", "view", slot.position, None)]
        action = plan(slot)
        if action != "-":
            choice = right(slot) if action == "R" else (right(slot) + 1) % 4
            steps.append(ClientStep(f"s{slot.position}", "save", slot.position, choice))
        saving.save_steps(session, attempt.id, (attempt.user_id, 0), steps, now, GRACE)
        now += timedelta(seconds=seconds(slot) if callable(seconds) else seconds)
    if submit:
        service.submit(session, attempt, now, GRACE)
    return attempt


def sit(session, user, plan, code="tier1-2025", mode="strict", seconds=10.0, seed=1):
    """Start, answer and submit a paper; returns the graded attempt."""
    return answer(session, start(session, user, code, mode=mode, seed=seed), plan, seconds)


def by_section(**plans):
    """A plan from one letter per section ("R", "W" or "-"); sections not named are left blank."""
    return lambda slot: plans.get(slot.section, "-")
