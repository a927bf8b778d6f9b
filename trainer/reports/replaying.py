"""Replaying graded attempts for a regrade: each attempt's steps folded into the answers its grade counted, and
the mistake notebook's cards for a regraded question made again from every answer to it as now graded."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from trainer.bank.models import QuestionVersion
from trainer.exam.grading import verdict
from trainer.exam.models import Attempt, Slot, Step
from trainer.exam.service import IN_PROGRESS, plausible_time
from trainer.exam.steps import StepRecord, fold
from trainer.progress.review_service import budgets, rebuild_cards
from trainer.progress.reviews import GradedAnswer

USERS_AT_ONCE = 200  # candidates whose cards are made again in one pass


def graded_states(session: Session, attempts: list[Attempt]) -> dict[int, list]:
    """Each attempt's steps replayed (one query for the chunk), answers as its grade counted them."""
    records: dict[int, list[StepRecord]] = defaultdict(list)
    positions = {slot.id: slot.position for a in attempts for slot in a.slots}
    started = {a.id: a.started_at for a in attempts}
    columns = (Step.id, Step.attempt_id, Step.slot_id, Step.client_id, Step.kind, Step.value, Step.client_time,
               Step.server_time)  # rows, not objects: a chunk holds tens of thousands of steps  # fmt: skip
    for s in session.execute(select(*columns).where(Step.attempt_id.in_(list(started))).order_by(Step.id)):
        when = plausible_time(s.client_time, s.server_time, started[s.attempt_id])
        records[s.attempt_id].append(StepRecord(s.id, s.client_id, s.kind, positions.get(s.slot_id), s.value, when))
    states = {}
    for attempt in attempts:
        folded = fold(records[attempt.id], len(attempt.slots), attempt.finished_at or attempt.deadline)
        answers = (attempt.result or {}).get("answers")
        if answers is not None and len(answers) == len(folded):  # what the grade counted (exam.graded_states)
            for state, answer in zip(folded, answers, strict=True):
                state.answer = answer
        states[attempt.id] = folded
    return states


def follow_cards(session: Session, question_id: int, user_ids: set[int]) -> None:
    """Make the candidates' review cards for the question again from all their graded answers to it, graded as the
    slots now say (corrected key or dropped): run after a regrade changed whether some of their answers were right.
    """
    ordered = sorted(user_ids)
    for start in range(0, len(ordered), USERS_AT_ONCE):
        batch = ordered[start : start + USERS_AT_ONCE]
        shown = (
            select(Slot.attempt_id)
            .join(QuestionVersion, QuestionVersion.id == Slot.version_id)
            .where(QuestionVersion.question_id == question_id)
        )
        attempts = session.scalars(
            select(Attempt)
            .where(Attempt.user_id.in_(batch), Attempt.id.in_(shown), Attempt.state != IN_PROGRESS)
            .where(Attempt.result.is_not(None))
            .order_by(Attempt.finished_at, Attempt.id)  # the order grading rated the cards in
            .options(selectinload(Attempt.slots).selectinload(Slot.version))
        ).all()
        states = graded_states(session, attempts)
        answers: dict[int, list] = defaultdict(list)
        for attempt in attempts:
            per_section = budgets(attempt)
            for slot, state in zip(attempt.slots, states[attempt.id], strict=True):
                if slot.version.question_id != question_id:
                    continue
                outcome = verdict(state.answer, slot.key, slot.dropped)
                graded = GradedAnswer(str(outcome), state.marked, state.seconds, per_section.get(slot.section))
                answers[attempt.user_id].append((attempt.finished_at, graded))
        rebuild_cards(session, question_id, {user_id: answers[user_id] for user_id in batch})
