"""Graded strict attempts at a fixed list of question versions, with chosen answers, queued as grading queues them."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from trainer.auth.models import User
from trainer.exam.models import Attempt, Slot
from trainer.itemstats.queue import note_graded

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
LETTERS = "ABCD"
_minutes = itertools.count(1)
_candidates = itertools.count(1)


def candidate(session) -> User:
    """A candidate who never signs in (no password hashing: statistics need hundreds of them)."""
    user = User(email=f"sitter{next(_candidates)}@example.com", name="Sitter", password_hash="!")
    session.add(user)
    session.flush()
    return user


def graded(session, user, versions, answers: str, mode="strict", right=1.0, wrong=0.0, finished=None) -> Attempt:
    """An attempt graded with one letter per version ("-": blank); every question +right/−wrong."""
    chosen = [None if letter == "-" else LETTERS.index(letter) for letter in answers]
    marks = [0.0 if c is None else (right if c == v.answer else -wrong) for v, c in zip(versions, chosen, strict=True)]
    finished = finished or T0 + timedelta(minutes=next(_minutes))
    attempt = Attempt(
        user_id=user.id,
        pattern_code="fixed-paper",
        pattern={"kind": "full"},
        mode=mode,
        state="submitted",
        started_at=finished - timedelta(minutes=30),
        deadline=finished + timedelta(minutes=30),
        finished_at=finished,
        score=sum(marks),
        result={"total": sum(marks), "max": right * len(versions), "sections": {}, "answers": chosen},
    )
    session.add(attempt)
    session.flush()
    for position, version in enumerate(versions):
        session.add(
            Slot(
                attempt_id=attempt.id,
                position=position,
                section=version.topic.section,
                version_id=version.id,
                option_order=[0, 1, 2, 3],
                marks_right=right,
                marks_wrong=wrong,
            )
        )
    session.flush()
    note_graded(session, attempt)
    return attempt
