"""A live mock's release: normalise and rank every graded sitting, store the standings, read the leaderboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from trainer.auth.models import User
from trainer.core.errors import NotFound
from trainer.core.wording import N_
from trainer.exam import service as exam
from trainer.exam.models import Attempt
from trainer.institute import normalising
from trainer.institute.models import LiveMock, LiveMockEntry, LiveMockResult

PAGE_SIZE = 50


def close_overdue(session: Session, mock: LiveMock, now: datetime) -> int:
    """Grade the sittings abandoned before their deadline (closed at it), so release counts them."""
    stale = session.scalars(
        select(Attempt)
        .join(LiveMockEntry, LiveMockEntry.attempt_id == Attempt.id)
        .where(LiveMockEntry.live_mock_id == mock.id, Attempt.state == exam.IN_PROGRESS)
    ).all()
    return sum(exam.close_if_expired(session, attempt, now) for attempt in stale)


def sittings(session: Session, mock_id: int) -> list[normalising.Sitting]:
    """Every graded sitting of the live mock: who, shift, marks in all and per section."""
    rows = session.execute(
        select(LiveMockEntry.user_id, LiveMockEntry.shift, Attempt.result)
        .join(Attempt, Attempt.id == LiveMockEntry.attempt_id)
        .where(LiveMockEntry.live_mock_id == mock_id, Attempt.result.is_not(None))
    )
    return [
        normalising.Sitting(user_id, shift, result["total"], {k: s["score"] for k, s in result["sections"].items()})
        for user_id, shift, result in rows
    ]


def release(session: Session, mock: LiveMock, now: datetime) -> normalising.Release:
    """Compute and store the standings (replacing earlier ones: the same sittings give the same numbers)."""
    close_overdue(session, mock, now)
    result = normalising.release(sittings(session, mock.id))
    attempts = dict(session.execute(
        select(LiveMockEntry.user_id, LiveMockEntry.attempt_id).where(LiveMockEntry.live_mock_id == mock.id)
    ).all())  # fmt: skip
    session.execute(delete(LiveMockResult).where(LiveMockResult.live_mock_id == mock.id))
    rows = [
        {"live_mock_id": mock.id, "user_id": p.who, "attempt_id": attempts[p.who], "shift": p.shift,
         "raw": p.overall.raw, "normalised": p.overall.normalised, "rank": p.overall.rank,
         "percentile": p.overall.percentile, "sections": {k: vars(place) for k, place in p.sections.items()}}
        for p in result.placed
    ]  # fmt: skip
    if rows:
        session.execute(insert(LiveMockResult), rows)
    mock.summary = {key: vars(s) for key, s in result.summary.items()}
    mock.released_at = now
    session.flush()
    return result


def release_if_due(session: Session, mock: LiveMock, now: datetime) -> bool:
    """Release once, at the first look after the release time; True if this call released it.

    The claim is a conditional update, so two first looks at the same moment release once.
    """
    if mock.released_at is not None or now < mock.release_at:
        return False
    claimed = session.execute(
        update(LiveMock).where(LiveMock.id == mock.id, LiveMock.released_at.is_(None)).values(released_at=now)
        .execution_options(synchronize_session=False)
    )  # fmt: skip
    if claimed.rowcount != 1:
        session.refresh(mock)
        return False
    release(session, mock, now)
    return True


def initials(name: str) -> str:
    return " ".join(f"{word[0].upper()}." for word in name.split()) or "—"


@dataclass(frozen=True)
class Row:
    rank: int
    name: str
    shift: int
    raw: float
    normalised: float
    percentile: float
    mine: bool


@dataclass(frozen=True)
class Board:
    rows: list[Row]
    mine: LiveMockResult | None
    page: int
    pages: int
    candidates: int


def leaderboard(session: Session, mock: LiveMock, user: User, page: int = 1) -> Board:
    """One page of the released standings (names or initials, as the mock says), and the user's own result."""
    if mock.released_at is None:
        raise NotFound(N_("The results of this live mock are not out yet."))
    total = session.scalar(select(func.count()).where(LiveMockResult.live_mock_id == mock.id)) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    found = session.execute(
        select(LiveMockResult, User.name)
        .join(User, User.id == LiveMockResult.user_id)
        .where(LiveMockResult.live_mock_id == mock.id)
        .order_by(LiveMockResult.rank, LiveMockResult.user_id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    rows = [
        Row(
            r.rank,
            name if mock.show_names else initials(name),
            r.shift,
            r.raw,
            r.normalised,
            r.percentile,
            r.user_id == user.id,
        )  # fmt: skip
        for r, name in found
    ]
    mine = session.get(LiveMockResult, (mock.id, user.id))
    return Board(rows, mine, page, pages, total)
