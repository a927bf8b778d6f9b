"""Typing attempts: start, keep the latest text the page sends, submit, score, close at the deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import format_time
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer.auth.models import User
from trainer.core.errors import Conflict, NotFound
from trainer.exam import timing
from trainer.i18n import zone_name
from trainer.skills.evaluation import evaluate
from trainer.skills.history import drill_text
from trainer.skills.models import TypingAttempt
from trainer.skills.passages import Passage, library

IN_PROGRESS, SUBMITTED, EXPIRED = "in_progress", "submitted", "expired"
MAX_TEXT = 20_000  # characters: ten times a DEST passage
MAX_STEP_ID = 64
# Faster than anyone types (about 14 keys a second sustained is a world record): text growing faster was pasted.
MAX_KEYS_PER_SECOND = 20
BURST = 40  # characters allowed on top, for a snapshot taken right after a quick flurry
CLIENT_CLOCK_TOLERANCE = timedelta(seconds=5)


class TestOver(Conflict):
    """The time (and the grace for text in flight) has run out: nothing more is accepted."""


@dataclass(frozen=True)
class Snapshot:
    """The typing box as the page saw it: its id (the page's), the text, when, and the page's counters."""

    step_id: str
    text: str
    at: datetime | None
    keys: int = 0
    pastes: int = 0


def start(session: Session, user: User, passage: Passage, now: datetime, kind: str | None = None) -> TypingAttempt:
    """A new attempt at the passage; scribe-eligible candidates get 20 minutes per hour extra (5 for the DEST)."""
    extra = timing.extra_minutes(passage.minutes, user.scribe_eligible)
    attempt = TypingAttempt(
        user_id=user.id,
        kind=kind or passage.kind,
        passage_key=passage.key,
        title=passage.title,
        passage_text=passage.text,
        minutes=passage.minutes,
        extra_minutes=extra,
        started_at=now,
        deadline=timing.deadline(now, passage.minutes, extra),
        state=IN_PROGRESS,
        text="",
        text_step="",
        keys=0,
        pastes=0,
    )
    session.add(attempt)
    session.flush()
    return attempt


def get_attempt(session: Session, attempt_id: int, user_id: int) -> TypingAttempt:
    """The user's own attempt; anyone else's is reported missing (404), never forbidden."""
    attempt = session.get(TypingAttempt, attempt_id)
    if attempt is None or attempt.user_id != user_id:
        raise NotFound(_("No such typing test."))
    return attempt


def ended_message(attempt: TypingAttempt) -> str:
    return _(
        "The time for this typing test ended at %(time)s %(zone)s: text sent after that is not accepted. The result "
        "uses the text saved by the deadline.",
        time=format_time(attempt.deadline, "HH:mm:ss"),
        zone=zone_name(attempt.deadline),
    )


def refusal(attempt: TypingAttempt, snapshot: Snapshot, at: datetime) -> str | None:
    """Why a snapshot cannot be kept, or None."""
    if len(snapshot.text) > MAX_TEXT:
        return f"the text is longer than {MAX_TEXT:,} characters"
    if len(snapshot.text.split()) > len(attempt.passage_text.split()):
        return "the text has more words than the passage (the space bar stops at the passage's word count)"
    since = attempt.text_at or attempt.started_at
    grown = len(snapshot.text) - len(attempt.text)
    if grown > BURST + MAX_KEYS_PER_SECOND * max(0.0, (at - since).total_seconds()):
        return f"{grown} characters appeared at once: pasted text is not accepted, type the passage"
    return None


def save_text(session: Session, attempt: TypingAttempt, snapshot: Snapshot, now: datetime, grace: float) -> str | None:
    """Keep the snapshot if it is newer than the text held; return why it was refused, or None.

    An older snapshot (sent late, or again) is acknowledged and changes nothing. Raises TestOver after the
    deadline plus the grace, having closed the attempt with the text it held then.
    """
    if attempt.state != IN_PROGRESS or not timing.accepts_write(now, attempt.deadline, grace):
        close_if_expired(session, attempt, now, grace)
        raise TestOver(ended_message(attempt))
    at = plausible_time(snapshot.at, now, attempt.started_at, attempt.deadline)
    if snapshot.step_id == attempt.text_step or (attempt.text_at is not None and at < attempt.text_at):
        return None
    reason = refusal(attempt, snapshot, at)
    if reason:
        return reason
    attempt.text, attempt.text_at, attempt.text_step = snapshot.text, at, snapshot.step_id
    attempt.keys = max(attempt.keys, min(snapshot.keys, 10 * MAX_TEXT))
    attempt.pastes = max(attempt.pastes, min(snapshot.pastes, 10_000))
    session.flush()
    return None


def plausible_time(client: datetime | None, now: datetime, started: datetime, deadline: datetime) -> datetime:
    """The page's time for the snapshot if it is believable (after the start, not after now), else now."""
    if client is None or client < started or client > now + CLIENT_CLOCK_TOLERANCE:
        return min(now, deadline)
    return min(client, now, deadline)


def submit(session: Session, attempt: TypingAttempt, now: datetime, grace: float, category: str) -> None:
    """Close and score the attempt; after the deadline plus the grace it is closed at the deadline (expired)."""
    if attempt.state != IN_PROGRESS:
        return
    if not timing.accepts_write(now, attempt.deadline, grace):
        close_if_expired(session, attempt, now, grace, category)
        return
    _score(attempt, min(now, attempt.deadline), SUBMITTED, category)
    session.flush()


def close_if_expired(
    session: Session, attempt: TypingAttempt, now: datetime, grace: float, category: str | None = None
) -> bool:
    """Close an attempt nobody submitted once its deadline and grace have passed; True if it was closed now."""
    if attempt.state != IN_PROGRESS or timing.accepts_write(now, attempt.deadline, grace):
        return False
    if category is None:
        category = session.get(User, attempt.user_id).category
    _score(attempt, attempt.deadline, EXPIRED, category)
    session.flush()
    return True


def _score(attempt: TypingAttempt, finished: datetime, state: str, category: str) -> None:
    seconds = (finished - attempt.started_at).total_seconds()
    result = evaluate(attempt.passage_text, attempt.text, seconds, attempt.minutes, category)
    attempt.state, attempt.finished_at = state, finished
    attempt.result = result.as_dict() | {"category": category}
    attempt.kdph, attempt.wpm, attempt.error_pct = result.kdph, result.wpm, result.error_pct
    attempt.qualified = result.qualified


def choose_passage(session: Session, user_id: int, key: str) -> Passage:
    """The passage called `key`; for "random", the test passage the candidate has typed least (then by id)."""
    passages = library()
    if key == "random":
        counts = dict(
            session.execute(
                select(TypingAttempt.passage_key, func.count())
                .where(TypingAttempt.user_id == user_id)
                .group_by(TypingAttempt.passage_key)
            ).all()
        )
        tests = [p for p in passages.values() if p.kind == "test"]
        return min(tests, key=lambda p: (counts.get(p.key, 0), p.key))
    if key not in passages:
        raise NotFound(_("There is no passage called %(key)s.", key=repr(key)))
    return passages[key]


def recent(session: Session, user_id: int, limit: int) -> list[TypingAttempt]:
    """The candidate's latest typing attempts, newest first."""
    query = (
        select(TypingAttempt)
        .where(TypingAttempt.user_id == user_id)
        .order_by(TypingAttempt.started_at.desc(), TypingAttempt.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def history(session: Session, user_id: int, limit: int) -> list[TypingAttempt]:
    """The candidate's last `limit` scored attempts, oldest first (the chart reads left to right)."""
    query = (
        select(TypingAttempt)
        .where(TypingAttempt.user_id == user_id, TypingAttempt.state != IN_PROGRESS)
        .order_by(TypingAttempt.finished_at.desc(), TypingAttempt.id.desc())
        .limit(limit)
    )
    return list(reversed(session.scalars(query).all()))


def start_drill(session: Session, user: User, words: list[str], now: datetime, rng) -> TypingAttempt:
    """A 5-minute drill passage of the candidate's most frequent error words."""
    if not words:
        raise Conflict(_("There are no error words to drill yet: type a passage first."))
    drill = Passage("drill", _("Drill of your error words"), "drill", 5, "drill", drill_text(words, rng))
    return start(session, user, drill, now)


def close_expired(session: Session, now: datetime, grace: float) -> int:
    """Close and score every typing attempt nobody submitted whose deadline and grace have passed; returns how many."""
    cutoff = now - timedelta(seconds=grace)
    stale = session.scalars(
        select(TypingAttempt).where(TypingAttempt.state == IN_PROGRESS, TypingAttempt.deadline < cutoff)
    ).all()
    owners = select(User.id, User.category).where(User.id.in_({a.user_id for a in stale}))
    categories = dict(session.execute(owners).all())
    return sum(close_if_expired(session, attempt, now, grace, categories[attempt.user_id]) for attempt in stale)


def export_rows(session: Session, user_id: int) -> list[dict]:
    """The candidate's typing attempts for "Download my data": the passage, what was typed, when, and the result."""
    attempts = session.scalars(
        select(TypingAttempt).where(TypingAttempt.user_id == user_id).order_by(TypingAttempt.id)
    ).all()
    return [
        {
            "id": a.id,
            "kind": a.kind,
            "passage": a.passage_key,
            "title": a.title,
            "passage_text": a.passage_text,
            "started_at": a.started_at.isoformat(),
            "deadline": a.deadline.isoformat(),
            "state": a.state,
            "text": a.text,
            "text_at": a.text_at.isoformat() if a.text_at else None,
            "keys": a.keys,
            "pastes_refused": a.pastes,
            "finished_at": a.finished_at.isoformat() if a.finished_at else None,
            "result": a.result,
        }
        for a in attempts
    ]
