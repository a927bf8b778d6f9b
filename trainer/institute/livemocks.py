"""Live mocks: schedule one over frozen papers, start a candidate's sitting in a few inserts, list what is coming."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Insert, Integer, Select, bindparam, insert, select, update
from sqlalchemy.orm import Session

from trainer.auth.models import User
from trainer.batches.models import BatchMember
from trainer.core.db import insert_skipping_duplicates
from trainer.core.errors import Conflict, DomainError, NotFound
from trainer.core.wording import N_
from trainer.exam import timing
from trainer.exam.models import Slot
from trainer.exam.paper import INSERT_ATTEMPT
from trainer.exam.patterns import Pattern
from trainer.institute import audience
from trainer.institute.models import (
    FixedPaper,
    FixedPaperItem,
    FixedPaperSitting,
    LiveMock,
    LiveMockBatch,
    LiveMockEntry,
    LiveMockShift,
)

MAX_SHIFTS = 6
NO_SUCH_MOCK = N_("No such live mock.")


class NotOpen(Conflict):
    """A start outside the live mock's window: nothing is created."""


@dataclass(frozen=True)
class Schedule:
    title: str
    opens_at: datetime
    closes_at: datetime
    release_at: datetime
    paper_ids: tuple[int, ...]
    show_names: bool = False
    audience: tuple[int, ...] = ()  # batch ids (the scheduler's own; an admin's any); empty: everyone


def longest_sitting(papers: list[FixedPaper]) -> timedelta:
    """The most time a sitting can take: the longest paper with scribe extra time."""
    minutes = max(sum(p.minutes + timing.extra_minutes(p.minutes, True) for p in Pattern.from_dict(x.pattern).parts)
                  for x in papers)  # fmt: skip
    return timedelta(minutes=minutes)


def _papers(session: Session, paper_ids: tuple[int, ...]) -> list[FixedPaper]:
    if not paper_ids:
        raise DomainError(N_("Choose at least one frozen paper (each paper is one shift)."))
    if len(set(paper_ids)) != len(paper_ids) or len(paper_ids) > MAX_SHIFTS:
        raise DomainError(N_("Choose each paper once, and at most %(most)s papers."), most=MAX_SHIFTS)
    papers = [session.get(FixedPaper, pid) for pid in paper_ids]
    if any(p is None or not p.frozen for p in papers):
        raise DomainError(N_("Only frozen papers can be sat in a live mock: freeze the paper first."))
    if len({p.pattern_code for p in papers}) != 1:
        raise DomainError(N_("The shifts of one live mock must all be papers of the same pattern."))
    return papers


def schedule(session: Session, plan: Schedule, user: User, now: datetime) -> LiveMock:
    """A new live mock; raises DomainError saying which time or paper is wrong."""
    papers = _papers(session, plan.paper_ids)
    batch_ids = audience.chosen(session, user, plan.audience) if plan.audience else []
    if not plan.title.strip():
        raise DomainError(N_("Give the live mock a title."))
    if plan.closes_at <= plan.opens_at:
        raise DomainError(N_("The window must close after it opens."))
    if plan.closes_at <= now:
        raise DomainError(N_("The window closes in the past: choose a later closing time."))
    earliest = plan.closes_at + longest_sitting(papers)
    if plan.release_at < earliest:
        raise DomainError(
            N_("Results can be released from %(at)s on: the window's close plus the paper's time (with scribe "
               "extra time), when every sitting is over."), at=earliest,
        )  # fmt: skip
    mock = LiveMock(title=plan.title.strip(), opens_at=plan.opens_at, closes_at=plan.closes_at,
                    release_at=plan.release_at, show_names=plan.show_names, audience=audience.mock_links(batch_ids),
                    created_by_id=user.id)  # fmt: skip
    mock.shifts = [LiveMockShift(number=n, paper_id=p.id) for n, p in enumerate(papers, start=1)]
    session.add(mock)
    session.flush()
    return mock


def mock_or_404(session: Session, mock_id: int) -> LiveMock:
    mock = session.get(LiveMock, mock_id)
    if mock is None:
        raise NotFound(NO_SUCH_MOCK)
    return mock


def list_mocks(session: Session) -> list[LiveMock]:
    return list(session.scalars(select(LiveMock).order_by(LiveMock.opens_at.desc())))


def shift_for(mock_id: int, user_id: int, shifts: int) -> int:
    """The shift (1..shifts) a candidate sits: fixed by who they are, spread evenly over the shifts."""
    digest = hashlib.sha256(f"{mock_id}:{user_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % shifts + 1


def visible_to(session: Session, mock: LiveMock, user: User) -> bool:
    """Whether the mock is offered to the user: to everyone, or to a batch they are in."""
    return audience.admits(session, LiveMockBatch.live_mock_id, mock.id, user)


def for_candidate(session: Session, user: User, now: datetime, recent: timedelta = timedelta(days=30)) -> list[dict]:
    """Live mocks the candidate can see: not yet closed, or closed lately (results); with their own entry."""
    rows = session.execute(_visible_mocks(), {"since": now - recent, "user_id": user.id}).all()
    return [
        {
            "mock": m,
            "attempt_id": attempt_id,
            "open": m.opens_at <= now < m.closes_at,
            "upcoming": now < m.opens_at,
            "released": now >= m.release_at,
        }  # fmt: skip
        for m, attempt_id in rows
    ]


@cache  # every candidate's tests page runs it: one statement, built once, where there were three or four
def _visible_mocks() -> Select:
    """Live mocks closing after :since that :user_id may see (offered to no batch, or to one of theirs), in order of
    opening, each with the candidate's attempt at it (or None)."""
    user_id = bindparam("user_id")
    linked = select(LiveMockBatch.batch_id).where(LiveMockBatch.live_mock_id == LiveMock.id)
    theirs = linked.join(
        BatchMember, (BatchMember.batch_id == LiveMockBatch.batch_id) & (BatchMember.user_id == user_id)
    )
    return (
        select(LiveMock, LiveMockEntry.attempt_id)
        .outerjoin(LiveMockEntry, (LiveMockEntry.live_mock_id == LiveMock.id) & (LiveMockEntry.user_id == user_id))
        .where(LiveMock.closes_at > bindparam("since", type_=LiveMock.closes_at.type))
        .where(~linked.exists() | theirs.exists())
        .order_by(LiveMock.opens_at, LiveMock.id)
    )


# (frozen paper id, frozen at) -> its rules. A frozen paper never changes; the time in the key keeps a paper of
# another database that reused the id (tests rebuild theirs) from being taken for it.
_PATTERNS: dict[tuple[int, datetime], dict] = {}

SLOT_COLUMNS = ("position", "section", "version_id", "option_order", "marks_right", "marks_wrong")


def frozen_pattern(session: Session, paper_id: int, frozen_at: datetime) -> dict:
    """A frozen paper's rules as a start needs them, read once per process."""
    key = (paper_id, frozen_at)
    if key not in _PATTERNS:
        _PATTERNS[key] = session.scalar(select(FixedPaper.pattern).where(FixedPaper.id == paper_id))
    return _PATTERNS[key]


def open_sitting(session: Session, user: User, paper: tuple[int, datetime], now: datetime) -> int:
    """Open a strict attempt on a frozen paper (id, frozen at): an attempt row and its slots; returns the attempt id.

    The slots are copied from the paper's items inside the database (INSERT … SELECT): one short statement whatever
    the paper's length, instead of a row per question sent from here (100 single-row INSERTs through psycopg's
    pipeline on a Tier-I paper, the largest part of a start's cost on both sides of the connection).
    """
    pattern_data = frozen_pattern(session, *paper)
    pattern = Pattern.from_dict(pattern_data)
    extras = [timing.extra_minutes(p.minutes, user.scribe_eligible) for p in pattern.parts]
    windows = timing.part_windows(now, [p.minutes for p in pattern.parts], extras)
    attempt_id = session.execute(
        INSERT_ATTEMPT,
        {"user_id": user.id, "pattern_code": pattern.code, "pattern": pattern_data, "mode": "strict", "timed": True,
         "state": "in_progress", "started_at": now, "extra_minutes": sum(extras), "deadline": windows[-1][1]},
    ).scalar_one()  # fmt: skip
    session.execute(_COPY_SLOTS, {"sitting": attempt_id, "paper": paper[0]})
    session.execute(_INSERT_SITTING, {"attempt_id": attempt_id, "paper_id": paper[0]})
    return attempt_id


def start(session: Session, mock_id: int, user: User, now: datetime) -> int:
    """The candidate's attempt at a live mock: made at the first start in the window, the same one after that.

    Raises NotOpen (nothing created) before the window opens or after it closes for someone who never started,
    NotFound for a mock that does not exist or is not offered to them (offered to batches they are not in).
    """
    mock = session.execute(_MOCK, {"mock_id": mock_id}).first()
    if mock is None or not audience.admits(session, LiveMockBatch.live_mock_id, mock_id, user):
        raise NotFound(NO_SUCH_MOCK)
    if not mock.opens_at <= now < mock.closes_at:
        existing = _entry_attempt(session, mock_id, user.id)
        if existing is not None:
            return existing
        if now < mock.opens_at:
            message, at = (
                N_("“%(mock)s” opens at %(at)s. Come back then: the Start button works from that minute."),
                mock.opens_at,
            )
        else:
            message, at = N_("“%(mock)s” closed at %(at)s. It can no longer be started; its results appear on "
                             "your tests page at release time."), mock.closes_at  # fmt: skip
        raise NotOpen(message, mock=mock.title, at=at)
    shifts = {number: (paper_id, frozen_at) for number, paper_id, frozen_at in session.execute(
        _SHIFTS, {"mock_id": mock_id}
    )}  # fmt: skip
    shift = shift_for(mock_id, user.id, len(shifts))
    values = {"live_mock_id": mock_id, "user_id": user.id, "shift": shift, "attempt_id": None}
    if session.execute(_claim(session), values).first() is None:
        return _entry_attempt(session, mock_id, user.id)  # the candidate's other tab or double click got here first
    attempt_id = open_sitting(session, user, shifts[shift], now)
    session.execute(_SET_ENTRY_ATTEMPT, {"mock_id": mock_id, "candidate": user.id, "sitting": attempt_id})
    return attempt_id


def _entry_attempt(session: Session, mock_id: int, user_id: int) -> int | None:
    return session.scalar(_ENTRY_ATTEMPT, {"mock_id": mock_id, "user_id": user_id})


# The statements of a start, built once: building and keying them anew cost about a tenth of a start's CPU.
_MOCK = select(LiveMock.opens_at, LiveMock.closes_at, LiveMock.title).where(LiveMock.id == bindparam("mock_id"))
_SHIFTS = (
    select(LiveMockShift.number, LiveMockShift.paper_id, FixedPaper.frozen_at)
    .join(FixedPaper, FixedPaper.id == LiveMockShift.paper_id)
    .where(LiveMockShift.live_mock_id == bindparam("mock_id"))
)
_ENTRY = LiveMockEntry.__table__
_ENTRY_ATTEMPT = select(_ENTRY.c.attempt_id).where(
    _ENTRY.c.live_mock_id == bindparam("mock_id"), _ENTRY.c.user_id == bindparam("user_id")
)
_SET_ENTRY_ATTEMPT = (
    update(_ENTRY)
    .where(_ENTRY.c.live_mock_id == bindparam("mock_id"), _ENTRY.c.user_id == bindparam("candidate"))
    .values(attempt_id=bindparam("sitting"))
)  # (an UPDATE's parameters may not be named as its table's columns)
_COPY_SLOTS = insert(Slot.__table__).from_select(
    ("attempt_id", *SLOT_COLUMNS),
    select(bindparam("sitting", type_=Integer), *(getattr(FixedPaperItem, c) for c in SLOT_COLUMNS)).where(
        FixedPaperItem.paper_id == bindparam("paper")
    ),
)
_INSERT_SITTING = insert(FixedPaperSitting.__table__)


@cache
def _claimed(claim: Insert) -> Insert:
    return claim.returning(_ENTRY.c.id)


def _claim(session: Session) -> Insert:
    """The candidate's entry, unless they have one: INSERT … ON CONFLICT DO NOTHING RETURNING id (None: they had)."""
    return _claimed(insert_skipping_duplicates(session, _ENTRY, ("live_mock_id", "user_id")))


def held_until(session: Session, attempt_id: int, now: datetime) -> LiveMock | None:
    """The live mock whose results (and so this sitting's key and solutions) are still held back, if any: while
    others may still be sitting the paper, nobody's answers page gives the key away."""
    return session.scalars(
        select(LiveMock)
        .join(LiveMockEntry, LiveMockEntry.live_mock_id == LiveMock.id)
        .where(LiveMockEntry.attempt_id == attempt_id, LiveMock.release_at > now)
    ).first()
