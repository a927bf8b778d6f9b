"""Fixtures of the institute tests: a bank to draw from, staff, and a frozen paper ready to schedule."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.factories import make_bank, make_user
from trainer.core.clock import utcnow
from trainer.institute import livemocks, papers

TIER1 = "tier1-2025"
SITE_ZONE = ZoneInfo("Asia/Kolkata")  # TRAINER_TIMEZONE's default, which the tests run with


def typed(moment: datetime) -> str:
    """A moment as a person types it into a date-and-time field: in the site's zone, to the minute."""
    return moment.astimezone(SITE_ZONE).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def staff(session):
    make_bank(session, per_section=40)
    return make_user(session, role="instructor", name="Ira Instructor")


def frozen_paper(session, staff, name="Shift paper", seed=1):
    paper = papers.new_paper(session, name, TIER1, staff, random.Random(seed))
    papers.draw(session, paper, paper.blueprint, random.Random(seed))
    return papers.freeze(session, paper, utcnow())


def open_mock(session, staff, paper_ids, **overrides):
    now = utcnow()
    values = {
        "title": "Sunday live mock",
        "opens_at": now - timedelta(minutes=5),
        "closes_at": now + timedelta(hours=1),
        "release_at": now + timedelta(hours=3),
        "paper_ids": tuple(paper_ids),
    } | overrides
    return livemocks.schedule(session, livemocks.Schedule(**values), staff, now - timedelta(minutes=10))
