"""Live mocks and frozen papers offered to chosen batches, and assigned to a batch (services, no HTTP)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from tests.batches.helpers import make_batch, make_member
from tests.factories import make_user
from tests.institute.conftest import frozen_paper, open_mock
from tests.institute.test_livemocks import answer
from trainer.batches import assignments
from trainer.core.clock import utcnow
from trainer.core.errors import Conflict, DomainError, NotFound
from trainer.exam.models import Attempt
from trainer.institute import audience, livemocks
from trainer.institute.models import LiveMockEntry

IST = ZoneInfo("Asia/Kolkata")  # the site's default zone: choices name times as candidates in India read them


@pytest.fixture
def classes(session, staff):
    """The instructor's batch with a member, another instructor's batch with a member, and a candidate in none."""
    now = utcnow()
    mine = make_batch(session, staff, "Morning batch", now)
    theirs = make_batch(session, None, "Evening batch", now)
    return {
        "mine": mine,
        "theirs": theirs,
        "member": make_member(session, mine, now, name="Mira Member"),
        "other": make_member(session, theirs, now, name="Eve Evening"),
        "outsider": make_user(session, name="Otto Outsider"),
    }


def attempts_of(session, user) -> int:
    return session.scalar(select(func.count()).select_from(Attempt).where(Attempt.user_id == user.id))


def test_a_mock_for_a_batch_is_seen_and_started_only_by_its_members(session, staff, classes):
    paper = frozen_paper(session, staff)
    mock = open_mock(session, staff, [paper.id], audience=(classes["mine"].id,))
    now = utcnow()

    assert [e["mock"].id for e in livemocks.for_candidate(session, classes["member"], now)] == [mock.id]
    for name in ("other", "outsider"):
        assert livemocks.for_candidate(session, classes[name], now) == []
        with pytest.raises(NotFound, match="No such live mock"):
            livemocks.start(session, mock.id, classes[name], now)
        assert attempts_of(session, classes[name]) == 0
    assert session.scalar(select(func.count()).select_from(LiveMockEntry)) == 0

    attempt_id = livemocks.start(session, mock.id, classes["member"], now)
    assert session.get(Attempt, attempt_id).user_id == classes["member"].id
    assert livemocks.visible_to(session, mock, classes["member"]) and not livemocks.visible_to(
        session, mock, classes["outsider"]
    )


def test_a_mock_for_everyone_is_still_seen_by_everyone(session, staff, classes):
    mock = open_mock(session, staff, [frozen_paper(session, staff).id])
    for name in ("member", "other", "outsider"):
        assert [e["mock"].id for e in livemocks.for_candidate(session, classes[name], utcnow())] == [mock.id]


def test_an_instructor_offers_only_to_their_own_batches_and_an_admin_to_any(session, staff, classes):
    paper = frozen_paper(session, staff)
    with pytest.raises(DomainError, match="only to batches you follow"):
        open_mock(session, staff, [paper.id], audience=(classes["mine"].id, classes["theirs"].id))
    admin = make_user(session, role="admin")
    both = (classes["mine"].id, classes["theirs"].id)
    mock = open_mock(session, admin, [paper.id], audience=both)
    assert sorted(link.batch_id for link in mock.audience) == sorted(both)
    assert [b.name for b in audience.choosable(session, staff)] == ["Morning batch"]
    assert audience.choosable(session, classes["member"]) == []


def test_a_paper_offered_to_a_batch_is_offered_to_its_members_only(session, staff, classes):
    paper = frozen_paper(session, staff)
    audience.offer_paper(session, paper, staff, audience.BATCHES, [classes["mine"].id])

    assert [p.id for p in audience.offered_papers(session, classes["member"])] == [paper.id]
    assert audience.offered_papers(session, classes["outsider"]) == []
    assert audience.paper_admits(session, paper, classes["member"])
    assert not audience.paper_admits(session, paper, classes["other"])

    audience.offer_paper(session, paper, staff, audience.NOBODY, [])
    assert audience.offered_papers(session, classes["member"]) == []
    with pytest.raises(DomainError, match="Choose at least one batch"):
        audience.offer_paper(session, paper, staff, audience.BATCHES, [])


def test_an_instructor_changing_the_offer_leaves_other_instructors_batches_alone(session, staff, classes):
    paper = frozen_paper(session, staff)
    admin = make_user(session, role="admin")
    audience.offer_paper(session, paper, admin, audience.BATCHES, [classes["mine"].id, classes["theirs"].id])

    audience.offer_paper(session, paper, staff, audience.NOBODY, [])

    assert [link.batch_id for link in paper.audience] == [classes["theirs"].id]
    assert audience.paper_admits(session, paper, classes["other"])
    assert not audience.paper_admits(session, paper, classes["member"])


def test_a_draft_paper_cannot_be_offered_to_a_batch(session, staff, classes):
    paper = frozen_paper(session, staff)
    paper.state = "draft"
    with pytest.raises(Conflict, match="Only a frozen paper"):
        audience.offer_paper(session, paper, staff, audience.BATCHES, [classes["mine"].id])


def test_an_assigned_paper_is_offered_to_the_batch_and_done_by_a_graded_sitting(session, staff, classes):
    paper, now = frozen_paper(session, staff), utcnow()
    batch, member = classes["mine"], classes["member"]
    due = now + timedelta(days=3)
    made = assignments.assign(session, batch, staff, "paper", str(paper.id), due, "", now)

    assert made.title == paper.name and audience.paper_admits(session, paper, member)
    assert not audience.paper_admits(session, paper, classes["outsider"])
    assert [(a.id, done) for a, _b, done in assignments.mine(session, member, now)] == [(made.id, False)]

    sitting = livemocks.open_sitting(session, member, (paper.id, paper.frozen_at), now)
    assert assignments.done_by([made], assignments.facts_since(session, now, batch_id=batch.id)) == {made.id: set()}
    answer(session, sitting, 3, now)  # graded: now it counts

    assert assignments.done_by([made], assignments.facts_since(session, now, batch_id=batch.id)) == {
        made.id: {member.id}
    }
    assert [(a.id, done) for a, _b, done in assignments.mine(session, member, now)] == [(made.id, True)]


def test_a_live_mock_is_assigned_only_to_a_batch_it_is_offered_to_and_done_by_a_graded_sitting(session, staff, classes):
    paper, now = frozen_paper(session, staff), utcnow()
    admin = make_user(session, role="admin")
    elsewhere = open_mock(session, admin, [paper.id], title="Evening mock", audience=(classes["theirs"].id,))
    due = now + timedelta(days=3)
    with pytest.raises(DomainError, match="offered only to other batches"):
        assignments.assign(session, classes["mine"], staff, "live_mock", str(elsewhere.id), due, "", now)
    mock = open_mock(session, staff, [paper.id], audience=(classes["mine"].id,))
    opens, closes = mock.opens_at.astimezone(IST), mock.closes_at.astimezone(IST)
    assert [title for _id, title in assignments.live_mock_choices(session, classes["mine"], now)] == [
        f"Sunday live mock ({opens:%d %b %H:%M}–{closes:%d %b %H:%M} IST)"
    ]

    made = assignments.assign(session, classes["mine"], staff, "live_mock", str(mock.id), due, "", now)
    answer(session, livemocks.start(session, mock.id, classes["member"], now), 2, now)

    facts = assignments.facts_since(session, now, batch_id=classes["mine"].id)
    assert assignments.done_by([made], facts) == {made.id: {classes["member"].id}}


def test_a_closed_live_mock_cannot_be_assigned(session, staff, classes):
    now = utcnow()
    mock = open_mock(session, staff, [frozen_paper(session, staff).id])
    mock.closes_at = now - timedelta(minutes=1)
    with pytest.raises(DomainError, match="has closed"):
        assignments.assign(session, classes["mine"], staff, "live_mock", str(mock.id), now + timedelta(days=1), "", now)
