"""Attempt operations: find an attempt, record steps against its timed parts, submit, grade, close."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import cache, lru_cache

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import Session, selectinload

from trainer.auth.models import User
from trainer.bank.models import QuestionVersion
from trainer.core.db import get_by_id
from trainer.core.errors import NotFound
from trainer.exam import grading, timing
from trainer.exam.models import Attempt, Slot, Step
from trainer.exam.patterns import Pattern, get_pattern
from trainer.exam.steps import Kind, SlotState, StepRecord, fold
from trainer.itemstats.queue import note_graded
from trainer.progress.service import record_graded_attempt
from trainer.results import service as results

IN_PROGRESS, SUBMITTED, EXPIRED = "in_progress", "submitted", "expired"
CLIENT_CLOCK_TOLERANCE = timedelta(seconds=5)


def pattern_or_404(code: str) -> Pattern:
    pattern = get_pattern(code)
    if pattern is None:
        raise NotFound(f"There is no test called {code!r}.")
    return pattern


def pattern_of(attempt: Attempt) -> Pattern:
    """The rules the attempt started with (its snapshot), whatever the pattern data says today."""
    return Pattern.from_dict(attempt.pattern) if attempt.pattern else pattern_or_404(attempt.pattern_code)


def windows(attempt: Attempt) -> list[tuple[datetime, datetime]]:
    """When each timed part of the attempt is open (extra time split over the parts as it was granted)."""
    return pattern_windows(pattern_of(attempt), attempt.started_at, attempt.extra_minutes)


def pattern_windows(pattern: Pattern, started_at: datetime, extra_minutes: int) -> list[tuple[datetime, datetime]]:
    """The same, from the attempt's rules, start and extra time (a save has these without an Attempt object)."""
    extras = [timing.extra_minutes(p.minutes, extra_minutes > 0) for p in pattern.parts]
    return timing.part_windows(started_at, [p.minutes for p in pattern.parts], extras)


def get_attempt(
    session: Session,
    attempt_id: int,
    user: User,
    with_versions: bool = True,
    with_slots: bool = True,
    reload: bool = False,
) -> Attempt:
    """The user's own attempt; another user's attempt is reported as missing, not as forbidden.

    `reload` reads an attempt already in the session again, with all of it (what was loaded is replaced). A save
    does not come here: it reads only what it needs, in one query (`saving.save_steps`).
    """
    if not (with_slots or reload):
        attempt = get_by_id(session, Attempt, attempt_id)  # the exam page's read
    else:
        options = []
        if with_slots:
            slots = selectinload(Attempt.slots)
            versions = slots.selectinload(Slot.version).selectinload(QuestionVersion.topic)
            options.append(versions if with_versions else slots)
        attempt = session.get(Attempt, attempt_id, options=options, populate_existing=reload)
    if attempt is None or attempt.user_id != user.id:
        raise NotFound("No such attempt.")
    return attempt


def overdue(attempt: Attempt, now: datetime, grace_seconds: float = 0) -> bool:
    """True if the attempt is still open although its time (and the grace) ran out: it is to be closed."""
    return attempt.state == IN_PROGRESS and not timing.accepts_write(now, attempt.deadline, grace_seconds)


def plausible_time(client_time: datetime | None, server_time: datetime, started_at: datetime) -> datetime:
    """When an action happened: the page's own time (already corrected to the server clock) if plausible.

    Steps may reach the server in batches, seconds after they happened; the page's time keeps time-on-question
    and the order of actions from two tabs right. A time before the start or after the server received the step
    is not believed.
    """
    if client_time is None or client_time < started_at or client_time > server_time + CLIENT_CLOCK_TOLERANCE:
        return server_time
    return client_time


@lru_cache(maxsize=1)
def _steps_statement() -> Select:
    """The steps of attempt :attempt_id in the order stored: built once (every exam page and result page reads it)."""
    return select(Step).where(Step.attempt_id == bindparam("attempt_id")).order_by(Step.id)


def step_records(session: Session, attempt: Attempt, slots: Sequence[Slot] | None = None) -> list[StepRecord]:
    positions = {slot.id: slot.position for slot in (attempt.slots if slots is None else slots)}
    steps = session.scalars(_steps_statement(), {"attempt_id": attempt.id})
    return [
        StepRecord(
            s.id,
            s.client_id,
            s.kind,
            positions.get(s.slot_id),
            s.value,
            plausible_time(s.client_time, s.server_time, attempt.started_at),
        )
        for s in steps
    ]


def slot_states(session: Session, attempt: Attempt, slots: Sequence[Slot] | None = None) -> list[SlotState]:
    """The folded state of every slot (palette, saved answer, seconds on screen).

    `slots` (anything with a slot's id and position, in paper order) spares reading `attempt.slots`.
    """
    slots = attempt.slots if slots is None else slots
    end = attempt.finished_at or attempt.deadline
    return fold(step_records(session, attempt, slots), len(slots), end)


def close_if_expired(session: Session, attempt: Attempt, now: datetime, grace_seconds: float = 0) -> bool:
    """Close an abandoned attempt at its deadline (finish time = deadline); True if it was closed now."""
    if not overdue(attempt, now, grace_seconds):
        return False
    return finish(session, attempt, attempt.deadline, EXPIRED)


def submit(session: Session, attempt: Attempt, now: datetime, grace_seconds: float) -> Attempt:
    """Submit and grade; a second submit, or one after the clock closed the attempt, changes nothing."""
    if close_if_expired(session, attempt, now, grace_seconds) or attempt.state != IN_PROGRESS:
        return attempt
    finished_at = min(now, attempt.deadline)
    # A submit that arrives after the deadline (inside the grace) is the page submitting because time ran out.
    state = SUBMITTED if now < attempt.deadline else EXPIRED
    session.add(
        Step(attempt_id=attempt.id, client_id=f"submit-{attempt.id}", kind=Kind.SUBMIT, server_time=finished_at)
    )
    session.flush()
    finish(session, attempt, finished_at, state)
    return attempt


def finish(session: Session, attempt: Attempt, finished_at: datetime, state: str) -> bool:
    """Grade the attempt from its steps, cache the result and refresh the candidate's progress.

    The attempt is claimed with a conditional update first, so two concurrent submits (two tabs, a tab and the
    cron job) grade it once; returns False when another request got there first.
    """
    claimed = session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.state == IN_PROGRESS)
        .values(state=state, finished_at=finished_at)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        session.refresh(attempt)
        return False
    attempt.state, attempt.finished_at = state, finished_at
    states = slot_states(session, attempt)
    result = grade_attempt(attempt, states)
    attempt.score = result.total
    attempt.result = {
        "total": result.total,
        "max": result.max_marks,
        "sections": {key: vars(score) for key, score in result.sections.items()},
        "answers": [state.answer for state in states],  # what the grade counted, as written (None: no answer)
    }
    record_graded_attempt(session, attempt, states, result.outcomes)
    results.record_graded_attempt(session, attempt, states, result)  # ranks: the first strict attempt only
    note_graded(session, attempt)  # item statistics: counted by the next `stats refresh`
    session.flush()
    return True


def graded_states(session: Session, attempt: Attempt) -> list[SlotState]:
    """A finished attempt's slots as graded: time on screen from the steps, each answer exactly as the grade counted it.

    A save that raced the submit can be stored a moment after the grading read; the result must not show an
    answer the score did not count. (Attempts graded before answers were kept show the steps' fold.)
    """
    states = slot_states(session, attempt)
    answers = (attempt.result or {}).get("answers")
    if answers is not None and len(answers) == len(states):
        for state, answer in zip(states, answers, strict=True):
            state.answer = answer
    return states


def grade_attempt(attempt: Attempt, states: list[SlotState]) -> grading.Grade:
    keys = [grading.SlotKey(s.section, s.key, s.marks_right, s.marks_wrong, s.dropped) for s in attempt.slots]
    return grading.grade(keys, [state.answer for state in states])


def attempts_of(session: Session, user: User, limit: int) -> list[Attempt]:
    """The user's attempts in progress, then the newest others; at most `limit` in all (a page lists a bounded
    number, however many tests the candidate has taken: the score history pages through the rest). Two index
    ranges (migration 0022), so nothing reads the rest of their history."""
    busy = list(session.scalars(_in_progress(), {"user_id": user.id}))
    newest = session.scalars(_newest(), {"user_id": user.id, "limit": limit})
    return (busy + [a for a in newest if a.state != IN_PROGRESS])[:limit]


@cache
def _in_progress() -> Select:
    return (
        select(Attempt)
        .where(Attempt.user_id == bindparam("user_id"), Attempt.state == IN_PROGRESS)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    )


@cache
def _newest() -> Select:
    return (
        select(Attempt)
        .where(Attempt.user_id == bindparam("user_id"))
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
        .limit(bindparam("limit"))
    )


def close_expired(session: Session, now: datetime, grace_seconds: float = 0) -> int:
    """Close every abandoned attempt whose deadline has passed; safe to run again (returns how many closed)."""
    cutoff = now - timedelta(seconds=grace_seconds)
    stale = session.scalars(select(Attempt).where(Attempt.state == IN_PROGRESS, Attempt.deadline < cutoff))
    return sum(close_if_expired(session, attempt, now, grace_seconds) for attempt in stale.all())
