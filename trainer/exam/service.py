"""Attempt operations: find an attempt, record steps against its timed parts, submit, grade, close."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from trainer.auth.models import User
from trainer.bank.models import QuestionVersion
from trainer.core.errors import Conflict, NotFound
from trainer.exam import grading, timing
from trainer.exam.models import Attempt, Slot, Step
from trainer.exam.patterns import Pattern, get_pattern
from trainer.exam.steps import SLOT_KINDS, Kind, SlotState, StepRecord, fold
from trainer.progress.service import record_graded_attempt

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
    pattern = pattern_of(attempt)
    scribe = attempt.extra_minutes > 0
    extras = [timing.extra_minutes(p.minutes, scribe) for p in pattern.parts]
    return timing.part_windows(attempt.started_at, [p.minutes for p in pattern.parts], extras)


def get_attempt(
    session: Session, attempt_id: int, user: User, with_versions: bool = True, with_slots: bool = True
) -> Attempt:
    """The user's own attempt; another user's attempt is reported as missing, not as forbidden.

    A save needs neither the question texts nor all the slots: it reads the few it touches (`slots_at`).
    """
    options = []
    if with_slots:
        slots = selectinload(Attempt.slots)
        options.append(slots.selectinload(Slot.version).selectinload(QuestionVersion.topic) if with_versions else slots)
    attempt = session.get(Attempt, attempt_id, options=options)
    if attempt is None or attempt.user_id != user.id:
        raise NotFound("No such attempt.")
    return attempt


def slots_at(session: Session, attempt: Attempt, positions) -> dict[int, Slot]:
    """The attempt's slots at these positions (from memory when all slots are loaded already)."""
    wanted = {p for p in positions if isinstance(p, int)}
    if "slots" in attempt.__dict__:
        return {p: attempt.slots[p] for p in wanted if 0 <= p < len(attempt.slots)}
    if not wanted:
        return {}
    rows = session.scalars(select(Slot).where(Slot.attempt_id == attempt.id, Slot.position.in_(wanted)))
    return {slot.position: slot for slot in rows}


def plausible_time(client_time: datetime | None, server_time: datetime, started_at: datetime) -> datetime:
    """When an action happened: the page's own time (already corrected to the server clock) if plausible.

    Steps may reach the server in batches, seconds after they happened; the page's time keeps time-on-question
    and the order of actions from two tabs right. A time before the start or after the server received the step
    is not believed.
    """
    if client_time is None or client_time < started_at or client_time > server_time + CLIENT_CLOCK_TOLERANCE:
        return server_time
    return client_time


def step_records(session: Session, attempt: Attempt) -> list[StepRecord]:
    positions = {slot.id: slot.position for slot in attempt.slots}
    steps = session.scalars(select(Step).where(Step.attempt_id == attempt.id).order_by(Step.id))
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


def slot_states_for(session: Session, attempt: Attempt, slots: dict[int, Slot]) -> dict[int, SlotState]:
    """The folded state of a few slots, reading only their steps."""
    if not slots:
        return {}
    positions = {slot.id: position for position, slot in slots.items()}
    steps = session.execute(
        select(Step.id, Step.client_id, Step.kind, Step.slot_id, Step.value, Step.client_time, Step.server_time)
        .where(Step.attempt_id == attempt.id, Step.slot_id.in_(positions))
        .order_by(Step.id)
    )
    records = [
        StepRecord(sid, cid, kind, positions[slot], value, plausible_time(ct, st, attempt.started_at))
        for sid, cid, kind, slot, value, ct, st in steps
    ]
    states = fold(records, max(slots) + 1)
    return {p: states[p] for p in slots}


def slot_states(session: Session, attempt: Attempt) -> list[SlotState]:
    """The folded state of every slot (palette, saved answer, seconds on screen)."""
    end = attempt.finished_at or attempt.deadline
    return fold(step_records(session, attempt), len(attempt.slots), end)


@dataclass(frozen=True)
class ClientStep:
    """A step as the page sends it: its own id, what was done, where, and the option as shown."""

    client_id: str
    kind: str
    position: int | None
    choice: int | None
    client_time: datetime | None = None


@dataclass
class StepResult:
    """The server's answer to a batch: ids it holds now, ids it refused (with why), and practice feedback."""

    acked: list[str]
    refused: dict[str, str]
    checked: list[int]  # positions whose answer was just saved in practice mode
    slots: dict[int, Slot] = field(default_factory=dict)  # the slots the batch touched, by position


def _refusal(
    slots: dict[int, Slot], pattern: Pattern, step: ClientStep, open_parts: set[int], revealed: set[int]
) -> str | None:
    if step.kind not in SLOT_KINDS:
        return f"unknown action {step.kind!r}"
    slot = slots.get(step.position) if isinstance(step.position, int) else None
    if slot is None:
        return "that question is not in this paper"
    if step.choice is not None and not 0 <= step.choice < len(slot.option_order):
        return "that option is not in this question"
    part = pattern.part_of(slot.section)
    if part not in open_parts and not (open_parts and part < min(open_parts) and step.kind == Kind.VIEW):
        return "this section is closed" if not open_parts or part < min(open_parts) else "this section is not open yet"
    if step.position in revealed and step.kind != Kind.VIEW:
        return "this answer has been checked and can no longer be changed"
    return None


def record_steps(
    session: Session, attempt: Attempt, steps: list[ClientStep], now: datetime, grace_seconds: float
) -> StepResult:
    """Store new steps once each; refuse (and say why) those for closed or unopened sections."""
    if close_if_expired(session, attempt, now, grace_seconds) or attempt.state != IN_PROGRESS:
        raise Conflict("This test is over; answers can no longer be changed.")
    pattern = pattern_of(attempt)
    # During the grace after a part closes, both it (saves in flight) and the part that just opened take writes.
    parts = windows(attempt)
    open_parts = {timing.open_part(now, parts), timing.open_part(now, parts, grace_seconds)} - {None}
    ids = [s.client_id[:64] for s in steps]
    held = set(session.scalars(select(Step.client_id).where(Step.attempt_id == attempt.id, Step.client_id.in_(ids))))
    revealed = practice_checked(session, attempt) if attempt.mode == "practice" else set()
    slots = slots_at(session, attempt, [s.position for s in steps])
    result = StepResult([], {}, [], slots)
    for step in steps:
        client_id = step.client_id[:64]
        if client_id not in held:
            reason = _refusal(slots, pattern, step, open_parts, revealed)
            if reason:
                result.refused[client_id] = reason
                continue
            session.add(_to_row(attempt, slots[step.position], step, now))
            held.add(client_id)
            if attempt.mode == "practice" and step.kind in (Kind.SAVE, Kind.MARK) and step.choice is not None:
                revealed.add(step.position)
                result.checked.append(step.position)
        result.acked.append(client_id)
    session.flush()
    return result


def practice_checked(session: Session, attempt: Attempt) -> set[int]:
    """Positions whose answer has been saved, and so checked, in a practice attempt."""
    return {position for position, state in enumerate(slot_states(session, attempt)) if state.answer is not None}


def _to_row(attempt: Attempt, slot: Slot, step: ClientStep, now: datetime) -> Step:
    value = None
    if step.choice is not None and step.kind in (Kind.SAVE, Kind.MARK):
        value = slot.option_order[step.choice]
    return Step(
        attempt_id=attempt.id,
        slot_id=slot.id,
        client_id=step.client_id[:64],
        kind=step.kind,
        value=value,
        client_time=step.client_time,
        server_time=now,
    )


def close_if_expired(session: Session, attempt: Attempt, now: datetime, grace_seconds: float = 0) -> bool:
    """Close an abandoned attempt at its deadline (finish time = deadline); True if it was closed now."""
    if attempt.state != IN_PROGRESS or timing.accepts_write(now, attempt.deadline, grace_seconds):
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
    }
    record_graded_attempt(session, attempt, states, result.outcomes)
    session.flush()
    return True


def grade_attempt(attempt: Attempt, states: list[SlotState]) -> grading.Grade:
    keys = [grading.SlotKey(s.section, s.version.answer, s.marks_right, s.marks_wrong) for s in attempt.slots]
    return grading.grade(keys, [state.answer for state in states])


def attempts_of(session: Session, user: User) -> list[Attempt]:
    return list(session.scalars(select(Attempt).where(Attempt.user_id == user.id).order_by(Attempt.started_at.desc())))


def close_expired(session: Session, now: datetime, grace_seconds: float = 0) -> int:
    """Close every abandoned attempt whose deadline has passed; safe to run again (returns how many closed)."""
    cutoff = now - timedelta(seconds=grace_seconds)
    stale = session.scalars(select(Attempt).where(Attempt.state == IN_PROGRESS, Attempt.deadline < cutoff))
    return sum(close_if_expired(session, attempt, now, grace_seconds) for attempt in stale.all())
