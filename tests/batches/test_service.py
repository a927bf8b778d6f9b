"""Batch services in an app context: who sees which batch, invite codes, joining and leaving, staff."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from tests.batches.helpers import make_batch, make_member
from tests.factories import make_user
from trainer.batches import invites, service
from trainer.core.clock import utcnow
from trainer.core.errors import DomainError, NotFound


def test_a_new_batch_has_an_owner_and_a_code_its_staff_and_admins_see(session):
    owner = make_user(session, role="instructor", name="Owner")
    other = make_user(session, role="instructor")
    admin = make_user(session, role="admin")
    batch = make_batch(session, owner, "  Evening batch ")

    assert batch.name == "Evening batch"
    assert len(batch.invite_code) == invites.LENGTH
    assert [(u.name, role) for u, role in service.staff_of(session, batch)] == [("Owner", "owner")]
    assert [b.id for b, _ in service.visible_batches(session, owner)] == [batch.id]
    assert service.visible_batches(session, other) == []
    assert [(b.id, n) for b, n in service.visible_batches(session, admin)] == [(batch.id, 0)]
    assert service.staff_batch(session, batch.id, admin) is batch
    with pytest.raises(NotFound):
        service.staff_batch(session, batch.id, other)


def test_a_candidate_joins_by_a_code_typed_loosely_and_sees_only_their_batches(session):
    now = utcnow()
    batch, elsewhere = make_batch(session), make_batch(session, name="Other")
    candidate = make_user(session)
    typed = invites.shown(batch.invite_code).lower().replace("-", " ")

    found = service.batch_by_code(session, typed, now)
    assert found is batch
    assert service.join(session, candidate, found, now) is True
    assert service.join(session, candidate, found, now) is False  # twice: still one membership

    assert [(b.id, n) for b, n in service.visible_batches(session, candidate)] == [(batch.id, 1)]
    assert service.viewable_batch(session, batch.id, candidate) == (batch, False)
    with pytest.raises(NotFound):
        service.viewable_batch(session, elsewhere.id, candidate)
    with pytest.raises(NotFound):
        service.staff_batch(session, batch.id, candidate)


def test_a_wrong_code_and_an_expired_code_say_what_is_wrong(session):
    now = utcnow()
    batch = make_batch(session, expires_at=now - timedelta(minutes=1))

    with pytest.raises(service.InviteRefused, match="not a batch's invite code.*12 letters and digits"):
        service.batch_by_code(session, "NOPE-NOPE-NOPE", now)
    with pytest.raises(service.InviteRefused, match="not a batch's invite code"):
        service.batch_by_code(session, "", now)
    with pytest.raises(service.InviteRefused, match=r"Morning batch expired on .* Ask your instructor for a new one"):
        service.batch_by_code(session, batch.invite_code, now)


def test_a_new_code_replaces_the_old_one(session):
    now = utcnow()
    batch = make_batch(session)
    old = batch.invite_code

    service.regenerate_invite(session, batch, now + timedelta(days=3), random.Random())

    assert batch.invite_code != old
    assert service.batch_by_code(session, batch.invite_code, now) is batch
    with pytest.raises(service.InviteRefused):
        service.batch_by_code(session, old, now)
    with pytest.raises(service.InviteRefused, match="expired"):
        service.batch_by_code(session, batch.invite_code, now + timedelta(days=4))


def test_staff_accounts_cannot_join_as_candidates(session):
    batch = make_batch(session)
    for role in ("instructor", "admin"):
        with pytest.raises(DomainError, match="follow batches as staff"):
            service.join(session, make_user(session, role=role), batch, utcnow())


def test_leaving_and_being_removed(session):
    now = utcnow()
    batch = make_batch(session)
    leaver, removed = make_member(session, batch, now), make_member(session, batch, now)

    assert service.leave(session, leaver, batch) is True
    assert service.leave(session, leaver, batch) is False
    assert service.remove_member(session, batch, removed.id) is True
    for user in (leaver, removed):
        with pytest.raises(NotFound):
            service.viewable_batch(session, batch.id, user)
        with pytest.raises(NotFound):
            service.member_of(session, batch, user.id)


def test_a_co_instructor_follows_several_batches(session):
    now = utcnow()
    co = make_user(session, role="instructor", email="Co@Example.com", name="Co")
    first, second = make_batch(session), make_batch(session, name="Second")

    for batch in (first, second):
        assert service.add_staff(session, batch, "  co@example.COM ", now) is co
    service.add_staff(session, first, "co@example.com", now)  # twice: still one staff row

    assert {b.id for b, _ in service.visible_batches(session, co)} == {first.id, second.id}
    assert [(u.name, role) for u, role in service.staff_of(session, first)][1] == ("Co", "instructor")
    with pytest.raises(DomainError, match="No instructor account has the e-mail 'nobody@example.com'"):
        service.add_staff(session, first, "nobody@example.com", now)
    candidate = make_user(session)
    with pytest.raises(DomainError, match="No instructor account"):
        service.add_staff(session, first, candidate.email, now)


def test_co_instructors_are_removed_by_the_owner_or_themselves_and_the_owner_stays(session):
    now = utcnow()
    owner = make_user(session, role="instructor")
    batch = make_batch(session, owner)
    first = service.add_staff(session, batch, make_user(session, role="instructor").email, now)
    second = service.add_staff(session, batch, make_user(session, role="instructor").email, now)

    with pytest.raises(DomainError, match="Only the batch's owner"):
        service.remove_staff(session, batch, first, second.id)
    assert service.remove_staff(session, batch, owner, second.id) is second
    assert service.remove_staff(session, batch, first, first.id) is first
    with pytest.raises(DomainError, match="owner cannot be removed"):
        service.remove_staff(session, batch, make_user(session, role="admin"), owner.id)
    with pytest.raises(NotFound):
        service.remove_staff(session, batch, owner, first.id)
    assert [u.id for u, _ in service.staff_of(session, batch)] == [owner.id]
    with pytest.raises(NotFound):
        service.staff_batch(session, batch.id, first)
