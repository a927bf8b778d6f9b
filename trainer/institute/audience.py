"""Who a live mock or a frozen paper is offered to: every candidate, or only the members of chosen batches."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from trainer.audit.service import record as audit
from trainer.auth.models import User
from trainer.batches.models import Batch, BatchMember
from trainer.batches.service import is_staff_role, visible_batches
from trainer.core.access import Role
from trainer.core.errors import Conflict, DomainError, Forbidden
from trainer.core.wording import N_
from trainer.institute.models import FixedPaper, FixedPaperBatch, LiveMock, LiveMockBatch

EVERYONE, BATCHES, NOBODY = "all", "batches", "none"
NOT_THE_SCHEDULER = N_(
    "Only the instructor who scheduled this live mock, or an admin, can change who it is offered to."
)
CLOSED = N_("“%(mock)s” closed at %(at)s: who it was offered to can no longer change.")
ONLY_WIDER = N_(
    "“%(mock)s” opened at %(at)s and candidates may have started it, so nobody can be taken off it now: you can "
    "only add batches, or offer it to all candidates."
)


def choosable(session: Session, user: User) -> list[Batch]:
    """The batches a staff member may offer something to: an instructor the ones they follow, an admin all."""
    return [batch for batch, _members in visible_batches(session, user)] if is_staff_role(user) else []


def chosen(session: Session, user: User, batch_ids: Iterable[int]) -> list[int]:
    """The batch ids, checked: DomainError unless there is at least one and the user may offer to each."""
    ids = sorted(set(batch_ids))
    if not ids:
        raise DomainError(N_("Choose at least one batch, or offer it to all candidates."))
    allowed = {b.id for b in choosable(session, user)}
    if not set(ids) <= allowed:
        raise DomainError(N_("You can offer it only to batches you follow: choose among the batches listed."))
    return ids


def admits(session: Session, owner: InstrumentedAttribute, owner_id: int, user: User) -> bool:
    """Whether one live mock (or paper) is offered to the user: no batches chosen, or the user is in one (one query)."""
    rows = session.execute(_admitting(owner.class_, owner.key), {"owner_id": owner_id, "user_id": user.id}).all()
    return not rows or any(user_id is not None for (user_id,) in rows)


@cache  # built once per kind of owner: every live-mock start runs it, and building it cost more than running it
def _admitting(link: type, key: str) -> Select:
    """The user's membership (or None) in each batch linked to the owner; no rows when no batch is linked."""
    return (
        select(BatchMember.user_id)
        .select_from(link)
        .outerjoin(BatchMember, (BatchMember.batch_id == link.batch_id) & (BatchMember.user_id == bindparam("user_id")))
        .where(getattr(link, key) == bindparam("owner_id"))
    )


def mock_links(batch_ids: list[int]) -> list[LiveMockBatch]:
    return [LiveMockBatch(batch_id=b) for b in batch_ids]


def offer_paper(session: Session, paper: FixedPaper, user: User, whom: str, batch_ids: Iterable[int]) -> FixedPaper:
    """Offer a frozen paper as a mock to everyone, to chosen batches, or to nobody.

    Batches the user does not follow (another instructor's) keep their offer: nobody changes what they cannot see.
    Raises Conflict for a draft, DomainError for a choice of batches that is empty or not the user's. Each change
    is audited.
    """
    if whom != NOBODY and not paper.frozen:
        raise Conflict(N_("Only a frozen paper can be offered as a mock."))
    mine = {b.id for b in choosable(session, user)}
    before = (paper.offered, sorted(link.batch_id for link in paper.audience))
    keep = [link for link in paper.audience if link.batch_id not in mine]
    new = chosen(session, user, batch_ids) if whom == BATCHES else []
    paper.offered = whom == EVERYONE
    paper.audience = keep + [FixedPaperBatch(batch_id=b) for b in new]
    session.flush()
    after = (paper.offered, sorted(link.batch_id for link in paper.audience))
    if after != before:
        shown = "all candidates" if paper.offered else ", ".join(batch_names(session, paper.audience)) or "nobody"
        audit(session, user.id, "audience", ("fixed_paper", paper.id), f"Paper “{paper.name}” offered to {shown}",
              offered=[before[0], after[0]], batches=[before[1], after[1]])  # fmt: skip
    return paper


def widens(before: frozenset[int], after: frozenset[int]) -> bool:
    """Whether changing a live mock's batches (empty: everyone) from `before` to `after` takes nobody off it."""
    return not after or (bool(before) and before <= after)


def may_change(mock: LiveMock, user: User) -> bool:
    """Whether the user may change who a live mock is offered to: its scheduler, or an admin."""
    return user.role == Role.ADMIN or (user.role == Role.INSTRUCTOR and mock.created_by_id == user.id)


def offer_mock(
    session: Session, mock: LiveMock, user: User, whom: str, batch_ids: Iterable[int], now: datetime
) -> bool:
    """Change who a scheduled live mock is offered to: everyone, or chosen batches; returns whether it changed.

    Until the window opens anything may change. Once it is open, candidates may have started, so the audience may
    only grow (batches added, or everyone); once it has closed, it is final. The scheduler's batches that another
    instructor follows, and other instructors' batches, stay as they are (nobody changes what they cannot see).
    Raises Forbidden for anyone but the scheduler or an admin, Conflict for a change the window no longer allows,
    DomainError for a choice of batches that is empty or not the user's. Each change is audited.
    """
    if not may_change(mock, user):
        raise Forbidden(NOT_THE_SCHEDULER)
    if now >= mock.closes_at:
        raise Conflict(CLOSED, mock=mock.title, at=mock.closes_at)
    before = frozenset(link.batch_id for link in mock.audience)
    mine = {b.id for b in choosable(session, user)}
    new = set(chosen(session, user, batch_ids)) if whom == BATCHES else set()
    after = frozenset() if whom == EVERYONE else frozenset({b for b in before if b not in mine} | new)
    if after == before:
        return False
    if now >= mock.opens_at and not widens(before, after):
        raise Conflict(ONLY_WIDER, mock=mock.title, at=mock.opens_at)
    mock.audience = [link for link in mock.audience if link.batch_id in after] + mock_links(sorted(after - before))
    session.flush()
    shown = ", ".join(batch_names(session, mock.audience)) or "all candidates"
    audit(session, user.id, "audience", ("live_mock", mock.id), f"Live mock “{mock.title}” offered to {shown}",
          batches=[sorted(before), sorted(after)])  # fmt: skip
    return True


def offer_to_batch(session: Session, paper: FixedPaper, batch_id: int) -> None:
    """Make sure a batch's members may sit the paper (it is assigned to them)."""
    if not paper.offered and batch_id not in {link.batch_id for link in paper.audience}:
        paper.audience.append(FixedPaperBatch(batch_id=batch_id))
        session.flush()


def offered_papers(session: Session, user: User) -> list[FixedPaper]:
    """Frozen papers offered to the user as mocks: to everyone, or to a batch they are in."""
    to_batches = select(FixedPaperBatch.paper_id).join(
        BatchMember, (BatchMember.batch_id == FixedPaperBatch.batch_id) & (BatchMember.user_id == user.id)
    )
    query = select(FixedPaper).where(FixedPaper.offered | FixedPaper.id.in_(to_batches)).order_by(FixedPaper.id)
    return [p for p in session.scalars(query) if p.frozen]


def paper_admits(session: Session, paper: FixedPaper, user: User) -> bool:
    """Whether a candidate may sit the frozen paper: offered to everyone, or to a batch they are in."""
    if paper.offered:
        return True
    return bool(paper.audience) and admits(session, FixedPaperBatch.paper_id, paper.id, user)


def batch_names(session: Session, links: list) -> list[str]:
    """The names of the batches something is offered to (empty: offered to everyone), for staff pages."""
    ids = [link.batch_id for link in links]
    return list(session.scalars(select(Batch.name).where(Batch.id.in_(ids)).order_by(Batch.name))) if ids else []
