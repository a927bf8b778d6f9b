"""Everything kept about a candidate, as one JSON document written piece by piece.

The document is streamed: the profile, progress and review cards first, then the attempts a page at a time (each
page's questions and steps read in two queries), so the memory a download takes stays the same however many
attempts the candidate has. The password hash is never part of it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.auth.models import User
from trainer.bank.models import Question, QuestionVersion, Topic
from trainer.exam.models import Attempt, Slot, Step
from trainer.progress.models import StudyTarget, TopicProgress
from trainer.progress.review_models import ReviewCard
from trainer.skills.service import export_rows as typing_export

FORMAT = "aso-trainer-my-data/1"
ATTEMPTS_PER_PAGE = 50


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def profile(user: User) -> dict:
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "category": user.category,
        "scribe_eligible": user.scribe_eligible,
        "created_at": _time(user.created_at),
    }


def study_target(session: Session, user_id: int) -> dict | None:
    target = session.get(StudyTarget, user_id)
    if target is None:
        return None
    exam_date = target.exam_date.isoformat() if target.exam_date else None
    return {"paper": target.paper, "exam_date": exam_date, "updated_at": _time(target.updated_at)}


def progress_rows(session: Session, user_id: int) -> list[dict]:
    rows = session.execute(
        select(TopicProgress, Topic.section, Topic.key)
        .join(Topic, Topic.id == TopicProgress.topic_id)
        .where(TopicProgress.user_id == user_id)
        .order_by(Topic.section, Topic.key)
    )
    return [
        {
            "section": section,
            "topic": key,
            "attempted": row.attempted,
            "correct": row.correct,
            "seen": row.seen,
            "seconds": row.seconds,
            "recent_right": row.recent_right,
            "recent_wrong": row.recent_wrong,
            "last_seen": _time(row.last_seen),
        }
        for row, section, key in rows
    ]


def review_cards(session: Session, user_id: int) -> list[dict]:
    rows = session.execute(
        select(ReviewCard, Question.uid)
        .join(Question, Question.id == ReviewCard.question_id)
        .where(ReviewCard.user_id == user_id)
        .order_by(ReviewCard.due, ReviewCard.id)
    )
    return [
        {
            "question": uid,
            "due": _time(card.due),
            "last_review": _time(card.last_review),
            "reviews": card.reviews,
            "lapses": card.lapses,
            "fsrs_card": card.card,
        }
        for card, uid in rows
    ]


def attempt_pages(session: Session, user_id: int, per_page: int | None = None) -> Iterator[list[dict]]:
    """The candidate's attempts, oldest first, `per_page` at a time, each with its questions and steps."""
    per_page = per_page or ATTEMPTS_PER_PAGE
    after = 0
    while True:
        attempts = session.scalars(
            select(Attempt).where(Attempt.user_id == user_id, Attempt.id > after).order_by(Attempt.id).limit(per_page)
        ).all()
        if not attempts:
            return
        yield _with_slots_and_steps(session, attempts)
        after = attempts[-1].id  # the session's identity map holds rows weakly: a read page can be collected


def _with_slots_and_steps(session: Session, attempts: list[Attempt]) -> list[dict]:
    ids = [attempt.id for attempt in attempts]
    slots, positions = defaultdict(list), {}
    for slot, number, uid in session.execute(
        select(Slot, QuestionVersion.number, Question.uid)
        .join(QuestionVersion, QuestionVersion.id == Slot.version_id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .where(Slot.attempt_id.in_(ids))
        .order_by(Slot.attempt_id, Slot.position)
    ):
        positions[slot.id] = slot.position
        slots[slot.attempt_id].append(
            {
                "position": slot.position,
                "section": slot.section,
                "question": uid,
                "version": number,
                "option_order": slot.option_order,
                "marks_right": slot.marks_right,
                "marks_wrong": slot.marks_wrong,
            }
        )
    steps = defaultdict(list)
    for step in session.scalars(select(Step).where(Step.attempt_id.in_(ids)).order_by(Step.attempt_id, Step.id)):
        steps[step.attempt_id].append(
            {
                "kind": step.kind,
                "position": positions.get(step.slot_id),
                "option": step.value,  # index in the question's options as written, not as shown
                "client_time": _time(step.client_time),
                "server_time": _time(step.server_time),
            }
        )
    return [_attempt(attempt, slots[attempt.id], steps[attempt.id]) for attempt in attempts]


def _attempt(attempt: Attempt, slots: list[dict], steps: list[dict]) -> dict:
    return {
        "id": attempt.id,
        "test": (attempt.pattern or {}).get("name", attempt.pattern_code),
        "pattern_code": attempt.pattern_code,
        "mode": attempt.mode,
        "timed": attempt.timed,
        "state": attempt.state,
        "started_at": _time(attempt.started_at),
        "deadline": _time(attempt.deadline),
        "extra_minutes": attempt.extra_minutes,
        "finished_at": _time(attempt.finished_at),
        "score": attempt.score,
        "result": attempt.result,
        "questions": slots,
        "steps": steps,
    }


def export_chunks(session: Session, user: User, now: datetime) -> Iterator[str]:
    """The candidate's data as pieces of one JSON document (join them to have it whole)."""
    head = {
        "format": FORMAT,
        "exported_at": now.isoformat(),
        "profile": profile(user),
        "study_target": study_target(session, user.id),
        "progress": progress_rows(session, user.id),
        "reviews": review_cards(session, user.id),
        "typing_tests": typing_export(session, user.id),  # the DEST passages typed (trainer/skills)
    }
    user_id = user.id
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "attempts": ['
    first = True
    for page in attempt_pages(session, user_id):
        for attempt in page:
            yield ("" if first else ", ") + json.dumps(attempt, ensure_ascii=False)
            first = False
    yield "]}"


def export_document(session: Session, user: User, now: datetime) -> dict:
    """The whole document as a dict (tests, and callers that want it in memory)."""
    return json.loads("".join(export_chunks(session, user, now)))
