"""Batch operations: create, invite codes, join and leave, staff, and who may see which batch."""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from trainer.auth.models import User
from trainer.batches import invites
from trainer.batches.models import Batch, BatchMember, BatchStaff
from trainer.core.access import Role
from trainer.core.errors import DomainError, NotFound
from trainer.core.wording import N_

STAFF_ROLES = (Role.INSTRUCTOR.value, Role.ADMIN.value)
NO_SUCH_BATCH = N_("No such batch.")
STAFF_CANNOT_JOIN = N_("Instructor and admin accounts follow batches as staff and cannot join them as candidates.")


class InviteRefused(DomainError):
    """A typed or linked invite code that lets nobody in: unknown, or expired."""

    status = 404


def is_staff_role(user: User) -> bool:
    return user.role in STAFF_ROLES


def _unused_code(session: Session, rng: random.Random) -> str:
    while True:  # 60 random bits: a clash is all but impossible, but a unique column must never be hit
        code = invites.new_code(rng)
        if session.scalar(select(Batch.id).where(Batch.invite_code == code)) is None:
            return code


def create_batch(
    session: Session, owner: User, name: str, description: str, expires_at: datetime | None, now: datetime, rng
) -> Batch:
    """A new batch owned by `owner`, with a fresh invite code."""
    batch = Batch(
        name=name.strip(),
        description=description.strip(),
        invite_code=_unused_code(session, rng),
        invite_expires_at=expires_at,
        created_by_id=owner.id,
        created_at=now,
    )
    session.add(batch)
    session.flush()
    session.add(BatchStaff(batch_id=batch.id, user_id=owner.id, role="owner", added_at=now))
    session.flush()
    return batch


def regenerate_invite(session: Session, batch: Batch, expires_at: datetime | None, rng) -> Batch:
    """Give the batch a new invite code (the old code and link stop working) with a new expiry or none."""
    batch.invite_code = _unused_code(session, rng)
    batch.invite_expires_at = expires_at
    session.flush()
    return batch


def visible_batches(session: Session, user: User) -> list[tuple[Batch, int]]:
    """(batch, number of members) for every batch the user may open: an admin all, staff theirs, a candidate
    the ones they are in; newest first, in one query."""
    members = select(BatchMember.batch_id, func.count().label("n")).group_by(BatchMember.batch_id).subquery("members")
    query = select(Batch, func.coalesce(members.c.n, 0)).outerjoin(members, members.c.batch_id == Batch.id)
    if user.role != Role.ADMIN:
        link = BatchStaff if is_staff_role(user) else BatchMember
        query = query.join(link, (link.batch_id == Batch.id) & (link.user_id == user.id))
    return [(batch, n) for batch, n in session.execute(query.order_by(Batch.created_at.desc(), Batch.id.desc()))]


def staff_batch(session: Session, batch_id: int, user: User) -> Batch:
    """The batch, if the user follows it as staff (any batch for an admin); otherwise NotFound."""
    batch = session.get(Batch, batch_id)
    if batch is None or not (user.role == Role.ADMIN or _is_staff(session, batch_id, user.id)):
        raise NotFound(NO_SUCH_BATCH)
    return batch


def _is_staff(session: Session, batch_id: int, user_id: int) -> bool:
    return session.get(BatchStaff, (batch_id, user_id)) is not None


def viewable_batch(session: Session, batch_id: int, user: User) -> tuple[Batch, bool]:
    """(batch, whether the user sees it as staff): staff and admins as staff, members as members; else NotFound."""
    batch = session.get(Batch, batch_id)
    if batch is not None:
        if user.role == Role.ADMIN or _is_staff(session, batch_id, user.id):
            return batch, True
        if session.get(BatchMember, (batch_id, user.id)) is not None:
            return batch, False
    raise NotFound(NO_SUCH_BATCH)


def batch_by_code(session: Session, typed: str, now: datetime) -> Batch:
    """The batch whose invite code this is; raise InviteRefused saying why it lets nobody in."""
    code = invites.normalise(typed)
    batch = session.scalar(select(Batch).where(Batch.invite_code == code)) if code else None
    if batch is None:
        raise InviteRefused(
            N_(
                "That is not a batch's invite code. Check it with your instructor: it has 12 letters and digits, "
                "like K7QM-2XHD-9TRA."
            )
        )
    if invites.expired(batch.invite_expires_at, now):
        raise InviteRefused(
            N_("The invite code of %(batch)s expired on %(at)s. Ask your instructor for a new one."),
            batch=batch.name,
            at=batch.invite_expires_at,
        )
    return batch


def is_member(session: Session, batch: Batch, user: User) -> bool:
    return session.get(BatchMember, (batch.id, user.id)) is not None


def join(session: Session, user: User, batch: Batch, now: datetime) -> bool:
    """Add the candidate to the batch; False if they were in it already. Staff accounts cannot join as members."""
    if is_staff_role(user):
        raise DomainError(STAFF_CANNOT_JOIN)
    if is_member(session, batch, user):
        return False
    session.add(BatchMember(batch_id=batch.id, user_id=user.id, joined_at=now))
    session.flush()
    return True


def leave(session: Session, user: User, batch: Batch) -> bool:
    """Take the candidate out of the batch; False if they were not in it."""
    gone = session.execute(
        delete(BatchMember).where(BatchMember.batch_id == batch.id, BatchMember.user_id == user.id)
    ).rowcount
    session.flush()
    return bool(gone)


def remove_member(session: Session, batch: Batch, user_id: int) -> bool:
    """Staff take a candidate out of the batch; False if they were not in it."""
    gone = session.execute(
        delete(BatchMember).where(BatchMember.batch_id == batch.id, BatchMember.user_id == user_id)
    ).rowcount
    session.flush()
    return bool(gone)


def add_staff(session: Session, batch: Batch, email: str, now: datetime) -> User:
    """Make the instructor (or admin) with this e-mail a co-instructor of the batch; DomainError if there is none."""
    user = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None or not is_staff_role(user) or user.disabled_at is not None:
        raise DomainError(N_("No instructor account has the e-mail %(email)r."), email=email.strip()[:254])
    if not _is_staff(session, batch.id, user.id):
        session.add(BatchStaff(batch_id=batch.id, user_id=user.id, role="instructor", added_at=now))
        session.flush()
    return user


def staff_of(session: Session, batch: Batch) -> list[tuple[User, str]]:
    """(account, owner / instructor) of everyone following the batch as staff, owners first."""
    rows = session.execute(
        select(User, BatchStaff.role)
        .join(BatchStaff, BatchStaff.user_id == User.id)
        .where(BatchStaff.batch_id == batch.id)
        .order_by(BatchStaff.role.desc(), User.name)
    )
    return [(user, role) for user, role in rows]


def member_of(session: Session, batch: Batch, user_id: int) -> User:
    """A member's account, for the batch's staff; NotFound if the account is not in the batch."""
    user = session.scalar(
        select(User)
        .join(BatchMember, BatchMember.user_id == User.id)
        .where(BatchMember.batch_id == batch.id, User.id == user_id)
    )
    if user is None:
        raise NotFound(N_("No such member of this batch."))
    return user


def remove_staff(session: Session, batch: Batch, acting: User, user_id: int) -> User:
    """Take a co-instructor off the batch: its owner or an admin may, and a co-instructor may take themselves off.

    The owner stays (a batch always has someone to manage it); NotFound if the account does not follow the batch.
    """
    row = session.get(BatchStaff, (batch.id, user_id))
    if row is None:
        raise NotFound(N_("No such instructor of this batch."))
    if row.role == "owner":
        raise DomainError(N_("The batch's owner cannot be removed."))
    acting_row = session.get(BatchStaff, (batch.id, acting.id))
    if not (acting.role == Role.ADMIN or acting.id == user_id or (acting_row and acting_row.role == "owner")):
        raise DomainError(N_("Only the batch's owner (or an admin) can remove another co-instructor."))
    user = session.get(User, user_id)
    session.delete(row)
    session.flush()
    return user
