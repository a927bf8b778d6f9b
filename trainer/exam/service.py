"""Attempt operations: draw and start a paper, record steps against the deadline, submit and grade."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from trainer.auth.models import User
from trainer.bank.models import Question, QuestionVersion, Topic
from trainer.bank.service import latest_version_ids
from trainer.bank.taxonomy import TopicDef
from trainer.core.errors import Conflict, DomainError, NotFound
from trainer.exam import drawing, grading, timing
from trainer.exam.models import Attempt, Slot, Step
from trainer.exam.patterns import Pattern, get_pattern
from trainer.exam.steps import SLOT_KINDS, Kind, SlotState, StepRecord, fold
from trainer.progress.service import record_graded_attempt

IN_PROGRESS, SUBMITTED, EXPIRED = "in_progress", "submitted", "expired"


def pattern_or_404(code: str) -> Pattern:
    pattern = get_pattern(code)
    if pattern is None:
        raise NotFound(f"There is no test called {code!r}.")
    return pattern


def seen_counts(session: Session, user_id: int) -> dict[int, int]:
    """How many times this candidate has been shown each question, over all their attempts."""
    rows = session.execute(
        select(QuestionVersion.question_id, func.count(Slot.id))
        .join(Slot, Slot.version_id == QuestionVersion.id)
        .join(Attempt, Attempt.id == Slot.attempt_id)
        .where(Attempt.user_id == user_id)
        .group_by(QuestionVersion.question_id)
    ).all()
    return dict(rows)


def draw_candidates(session: Session, subject: str, seen: dict[int, int]) -> list[drawing.Candidate]:
    """Published questions of a subject, each with its newest version."""
    latest = latest_version_ids()
    rows = session.execute(
        select(QuestionVersion.question_id, QuestionVersion.id, Topic.key, QuestionVersion.shuffle)
        .join(latest, latest.c.version_id == QuestionVersion.id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .join(Topic, Topic.id == QuestionVersion.topic_id)
        .where(Question.status == "published", Topic.section == subject)
    ).all()
    return [drawing.Candidate(qid, vid, topic, seen.get(qid, 0), shuffle) for qid, vid, topic, shuffle in rows]


def topic_weights(session: Session, subject: str, paper: str) -> dict[str, float]:
    """Each topic's typical question count in this paper, from the taxonomy stored in the database."""
    topics = session.scalars(select(Topic).where(Topic.section == subject))
    return {t.key: TopicDef(t.section, t.key, t.name, t.weights).weight(paper) for t in topics}


def start_attempt(session: Session, user: User, pattern: Pattern, now: datetime, rng: random.Random) -> Attempt:
    """Draw a paper for the candidate and open an attempt with its deadline; raise DomainError if it can't."""
    seen = seen_counts(session, user.id)
    extra = timing.extra_minutes(pattern.minutes, user.scribe_eligible)
    attempt = Attempt(
        user_id=user.id,
        pattern_code=pattern.code,
        started_at=now,
        extra_minutes=extra,
        deadline=timing.deadline(now, pattern.minutes, extra),
    )
    session.add(attempt)
    position = 0
    for rule in pattern.sections:
        weights = topic_weights(session, rule.subject, pattern.paper)
        try:
            picks = drawing.draw_section(
                draw_candidates(session, rule.subject, seen), rule.questions, weights, rng, rule.name
            )
        except drawing.NotEnoughQuestions as exc:
            raise DomainError(f"This test cannot be drawn yet: {exc}.") from exc
        for pick in picks:
            attempt.slots.append(
                Slot(
                    position=position,
                    section=rule.key,
                    version_id=pick.version_id,
                    option_order=drawing.option_order(pick.shuffle, rng),
                    marks_right=rule.marks_right,
                    marks_wrong=rule.marks_wrong,
                )
            )
            position += 1
    session.flush()
    return attempt


def get_attempt(session: Session, attempt_id: int, user: User) -> Attempt:
    """The user's own attempt; another user's attempt is reported as missing, not as forbidden."""
    attempt = session.get(Attempt, attempt_id, options=[selectinload(Attempt.slots).selectinload(Slot.version)])
    if attempt is None or attempt.user_id != user.id:
        raise NotFound("No such attempt.")
    return attempt


CLIENT_CLOCK_TOLERANCE = timedelta(seconds=5)


def step_time(step: Step, started_at: datetime) -> datetime:
    """When an action happened: the page's own time (already corrected to the server clock) if plausible.

    Steps may reach the server in batches, seconds after they happened; the page's time keeps time-on-question
    right. A time before the start or after the server received the step is not believed.
    """
    at = step.client_time
    if at is None or at < started_at or at > step.server_time + CLIENT_CLOCK_TOLERANCE:
        return step.server_time
    return at


def step_records(session: Session, attempt: Attempt) -> list[StepRecord]:
    positions = {slot.id: slot.position for slot in attempt.slots}
    steps = session.scalars(select(Step).where(Step.attempt_id == attempt.id).order_by(Step.id))
    return [
        StepRecord(s.id, s.client_id, s.kind, positions.get(s.slot_id), s.value, step_time(s, attempt.started_at))
        for s in steps
    ]


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


def _to_row(attempt: Attempt, step: ClientStep, now: datetime) -> Step:
    if step.kind not in SLOT_KINDS:
        raise DomainError(f"Unknown action {step.kind!r}.")
    if step.position is None or not 0 <= step.position < len(attempt.slots):
        raise DomainError("That question is not in this paper.")
    slot = attempt.slots[step.position]
    value = None
    if step.choice is not None and step.kind in (Kind.SAVE, Kind.MARK):
        if not 0 <= step.choice < len(slot.option_order):
            raise DomainError("That option is not in this question.")
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


def record_steps(
    session: Session, attempt: Attempt, steps: list[ClientStep], now: datetime, grace_seconds: float
) -> list[str]:
    """Store new steps once each, in order; return the ids now held. Refuse writes after the deadline."""
    close_if_expired(session, attempt, now, grace_seconds)
    if attempt.state != IN_PROGRESS:
        raise Conflict("This test is over; answers can no longer be changed.")
    ids = [s.client_id[:64] for s in steps]
    held = set(session.scalars(select(Step.client_id).where(Step.attempt_id == attempt.id, Step.client_id.in_(ids))))
    for step in steps:
        if step.client_id[:64] not in held:
            session.add(_to_row(attempt, step, now))
            held.add(step.client_id[:64])
    session.flush()
    return ids


def close_if_expired(session: Session, attempt: Attempt, now: datetime, grace_seconds: float = 0) -> bool:
    """Close an abandoned attempt at its deadline (finish time = deadline); True if it was closed now."""
    if attempt.state != IN_PROGRESS or timing.accepts_write(now, attempt.deadline, grace_seconds):
        return False
    finish(session, attempt, attempt.deadline, EXPIRED)
    return True


def submit(session: Session, attempt: Attempt, now: datetime, grace_seconds: float) -> Attempt:
    """Submit and grade; a second submit, or one after the clock closed the attempt, changes nothing."""
    if close_if_expired(session, attempt, now, grace_seconds) or attempt.state != IN_PROGRESS:
        return attempt
    finished_at = min(now, attempt.deadline)
    session.add(
        Step(attempt_id=attempt.id, client_id=f"submit-{attempt.id}", kind=Kind.SUBMIT, server_time=finished_at)
    )
    session.flush()
    finish(session, attempt, finished_at, SUBMITTED)
    return attempt


def finish(session: Session, attempt: Attempt, finished_at: datetime, state: str) -> None:
    """Grade the attempt from its steps, cache the result and refresh the candidate's progress."""
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


def grade_attempt(attempt: Attempt, states: list[SlotState]) -> grading.Grade:
    keys = [grading.SlotKey(s.section, s.version.answer, s.marks_right, s.marks_wrong) for s in attempt.slots]
    return grading.grade(keys, [state.answer for state in states])


def attempts_of(session: Session, user: User) -> list[Attempt]:
    return list(session.scalars(select(Attempt).where(Attempt.user_id == user.id).order_by(Attempt.started_at.desc())))
