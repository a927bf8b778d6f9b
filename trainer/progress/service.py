"""Progress: keep the per-topic summary in step with graded attempts, and read it back weakest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from trainer.core.db import insert_skipping_duplicates
from trainer.progress.analytics import TopicTally, weakest_first
from trainer.progress.mastery import decayed
from trainer.progress.models import TopicProgress
from trainer.progress.review_service import record_reviews
from trainer.progress.summaries import add_to_facility, record_summary


def record_graded_attempt(session: Session, attempt, states, outcomes) -> None:
    """Add one graded attempt's answers to the candidate's per-topic rows (older answers fading) and summarise it."""
    tallies: dict[int, TopicTally] = {}
    for slot, state, verdict in zip(attempt.slots, states, outcomes):
        tally = tallies.setdefault(slot.version.topic_id, TopicTally())
        tally.add(verdict, state.visited, state.seconds)
    rows = _progress_rows_locked(session, attempt.user_id, list(tallies))
    for topic_id, tally in tallies.items():
        row = rows[topic_id]
        row.attempted += tally.attempted
        row.correct += tally.correct
        row.seen += tally.seen
        row.seconds += tally.seconds
        row.last_seen = attempt.finished_at
        if tally.attempted:  # only an attempt that answered the topic makes older answers fade
            wrong = tally.attempted - tally.correct
            row.recent_right, row.recent_wrong = decayed(row.recent_right, row.recent_wrong, tally.correct, wrong)
    add_to_facility(session, {topic_id: (t.attempted, t.correct) for topic_id, t in tallies.items()})
    record_summary(session, attempt)
    record_reviews(session, attempt, states, outcomes)  # the mistake notebook (review_service.py)
    session.flush()


def _progress_rows_locked(session: Session, user_id: int, topic_ids: list[int]) -> dict[int, TopicProgress]:
    """The candidate's rows for these topics, created if missing and locked until the transaction ends.

    Two attempts of one candidate graded at the same moment (two tabs, the clock and a submit) must neither both
    create a row nor overwrite each other's counts: missing rows are inserted skipping any another transaction
    just made, then all are read FOR UPDATE (SQLite has one writer at a time anyway).
    """
    if not topic_ids:
        return {}
    blank = {"attempted": 0, "correct": 0, "seen": 0, "seconds": 0.0, "recent_right": 0.0, "recent_wrong": 0.0}
    statement = insert_skipping_duplicates(session, TopicProgress.__table__, ("user_id", "topic_id"))
    session.execute(statement, [{"user_id": user_id, "topic_id": topic_id, **blank} for topic_id in topic_ids])
    query = (
        select(TopicProgress)
        .where(TopicProgress.user_id == user_id, TopicProgress.topic_id.in_(topic_ids))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return {row.topic_id: row for row in session.scalars(query)}


@dataclass(frozen=True)
class TopicRow:
    section: str
    topic: str
    attempted: int
    correct: int
    accuracy: float | None
    avg_seconds: float | None
    last_seen: datetime | None


def topic_progress(session: Session, user_id: int) -> list[TopicRow]:
    """The candidate's topics, weakest first."""
    rows = session.scalars(
        select(TopicProgress).where(TopicProgress.user_id == user_id).options(selectinload(TopicProgress.topic))
    )
    return [
        TopicRow(r.topic.section, r.topic.name, r.attempted, r.correct, *stats, r.last_seen)
        for r, stats in weakest_first([(r, TopicTally(r.attempted, r.correct, r.seen, r.seconds)) for r in rows])
    ]
