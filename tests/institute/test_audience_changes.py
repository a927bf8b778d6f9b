"""Changing who a scheduled live mock is offered to: freely before its window, only more people while it is open,
never after; only by its scheduler or an admin, only to their own batches; audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.batches.helpers import make_batch, make_member
from tests.factories import make_user
from tests.institute.conftest import frozen_paper, open_mock
from trainer.audit.models import AuditEvent
from trainer.core.clock import utcnow
from trainer.core.errors import Conflict, DomainError, Forbidden
from trainer.institute import audience, livemocks
from trainer.institute.audience import BATCHES, EVERYONE


@pytest.fixture
def world(session, staff):
    """The scheduler's two batches with a member each, another instructor's batch, and a mock opening in an hour
    offered to the first batch."""
    now = utcnow()
    morning, evening = (
        make_batch(session, staff, "Morning batch", now),
        make_batch(session, staff, "Evening batch", now),
    )
    theirs = make_batch(session, None, "Weekend batch", now)
    mock = open_mock(session, staff, [frozen_paper(session, staff).id], audience=(morning.id,),
                     opens_at=now + timedelta(hours=1), closes_at=now + timedelta(hours=2),
                     release_at=now + timedelta(hours=5))  # fmt: skip
    return {
        "mock": mock,
        "morning": morning,
        "evening": evening,
        "theirs": theirs,
        "early": make_member(session, morning, now, name="Mira Morning"),
        "late": make_member(session, evening, now, name="Eva Evening"),
        "now": now,
    }


def offered(mock) -> list[int]:
    return sorted(link.batch_id for link in mock.audience)


def sees(session, mock, user) -> bool:
    return livemocks.visible_to(session, mock, user)


def test_before_the_window_opens_the_scheduler_moves_it_to_another_batch(session, staff, world):
    mock, now = world["mock"], world["now"]
    assert audience.offer_mock(session, mock, staff, BATCHES, [world["evening"].id], now)
    assert offered(mock) == [world["evening"].id]
    assert sees(session, mock, world["late"]) and not sees(session, mock, world["early"])

    assert audience.offer_mock(session, mock, staff, EVERYONE, [], now)
    assert offered(mock) == [] and sees(session, mock, make_user(session))
    assert not audience.offer_mock(session, mock, staff, EVERYONE, [], now)  # the same again changes nothing


def test_once_the_window_is_open_batches_can_be_added_but_nobody_taken_off(session, staff, world):
    mock = world["mock"]
    during = mock.opens_at + timedelta(minutes=1)
    with pytest.raises(Conflict, match="only add batches"):
        audience.offer_mock(session, mock, staff, BATCHES, [world["evening"].id], during)
    assert offered(mock) == [world["morning"].id]

    assert audience.offer_mock(session, mock, staff, BATCHES, [world["morning"].id, world["evening"].id], during)
    assert sees(session, mock, world["late"]) and sees(session, mock, world["early"])
    assert audience.offer_mock(session, mock, staff, EVERYONE, [], during)
    with pytest.raises(Conflict, match="only add batches"):  # from everyone back to batches would shut others out
        audience.offer_mock(session, mock, staff, BATCHES, [world["morning"].id, world["evening"].id], during)
    assert offered(mock) == []


def test_after_the_window_closes_the_audience_is_final(session, staff, world):
    mock = world["mock"]
    with pytest.raises(Conflict, match="closed at .* can no longer change"):
        audience.offer_mock(session, mock, staff, EVERYONE, [], mock.closes_at)
    assert offered(mock) == [world["morning"].id]


def test_only_the_scheduler_or_an_admin_may_change_it(session, staff, world):
    mock, now = world["mock"], world["now"]
    colleague = make_user(session, role="instructor")
    make_batch(session, colleague, "Colleague batch", now)
    for someone in (colleague, make_user(session)):
        with pytest.raises(Forbidden, match="Only the instructor who scheduled"):
            audience.offer_mock(session, mock, someone, EVERYONE, [], now)
    admin = make_user(session, role="admin")
    assert audience.offer_mock(session, mock, admin, BATCHES, [world["theirs"].id], now)
    assert offered(mock) == [world["theirs"].id]


def test_an_instructor_offers_only_to_their_own_batches_and_keeps_the_others_an_admin_chose(session, staff, world):
    mock, now = world["mock"], world["now"]
    with pytest.raises(DomainError, match="only to batches you follow"):
        audience.offer_mock(session, mock, staff, BATCHES, [world["theirs"].id], now)
    with pytest.raises(DomainError, match="Choose at least one batch"):
        audience.offer_mock(session, mock, staff, BATCHES, [], now)

    admin = make_user(session, role="admin")
    audience.offer_mock(session, mock, admin, BATCHES, [world["morning"].id, world["theirs"].id], now)
    audience.offer_mock(session, mock, staff, BATCHES, [world["evening"].id], now)
    assert offered(mock) == sorted([world["evening"].id, world["theirs"].id])


def test_each_change_is_audited_with_the_batches_before_and_after(session, staff, world):
    mock, now = world["mock"], world["now"]
    audience.offer_mock(session, mock, staff, BATCHES, [world["morning"].id, world["evening"].id], now)
    audience.offer_mock(session, mock, staff, BATCHES, [world["morning"].id, world["evening"].id], now)
    events = session.scalars(select(AuditEvent).where(AuditEvent.kind == "audience")).all()
    assert len(events) == 1
    event = events[0]
    assert (event.actor_id, event.object_type, event.object_id) == (staff.id, "live_mock", str(mock.id))
    assert event.summary == "Live mock “Sunday live mock” offered to Evening batch, Morning batch"
    assert event.detail == {"batches": [[world["morning"].id], sorted([world["morning"].id, world["evening"].id])]}


def test_a_change_of_a_papers_offer_is_audited_too(session, staff, world):
    paper = frozen_paper(session, staff, "Offered paper", seed=2)
    audience.offer_paper(session, paper, staff, BATCHES, [world["evening"].id])
    audience.offer_paper(session, paper, staff, EVERYONE, [])
    summaries = session.scalars(
        select(AuditEvent.summary).where(AuditEvent.object_type == "fixed_paper").order_by(AuditEvent.id)
    ).all()
    assert summaries == [
        "Paper “Offered paper” offered to Evening batch",
        "Paper “Offered paper” offered to all candidates",
    ]


def test_widening_is_judged_on_batch_sets_where_empty_means_everyone():
    assert audience.widens(frozenset({1}), frozenset({1, 2}))
    assert audience.widens(frozenset({1}), frozenset())
    assert audience.widens(frozenset(), frozenset())
    assert not audience.widens(frozenset(), frozenset({1}))
    assert not audience.widens(frozenset({1, 2}), frozenset({2, 3}))
