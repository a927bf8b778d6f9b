"""The attempt summary written when an attempt is graded, and the reads of summaries the progress page makes."""

from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from trainer.core.db import insert_skipping_duplicates
from trainer.progress.models import AttemptSummary, TopicFacility

CHART_ATTEMPTS = 30  # the charts show this many most recent graded attempts
HISTORY_PAGE = 20  # score-history rows per page
PREDICTION_MOCKS = 5  # the prediction rests on this many most recent strict full Tier-I mocks


def record_summary(session: Session, attempt) -> AttemptSummary:
    """Keep what the score history, charts and prediction show of a just-graded attempt (its result is cached)."""
    pattern, result = attempt.pattern or {}, attempt.result or {}
    names = {s["key"]: s["name"] for s in pattern.get("sections", [])}
    sections = {
        key: {
            "name": names.get(key, key),
            "right": s["right"],
            "wrong": s["wrong"],
            "blank": s["blank"],
            "score": s["score"],
            "max": s["max_marks"],
        }
        for key, s in (result.get("sections") or {}).items()
    }
    summary = AttemptSummary(
        attempt_id=attempt.id,
        user_id=attempt.user_id,
        pattern_code=attempt.pattern_code,
        name=pattern.get("name", attempt.pattern_code)[:200],
        paper=pattern.get("paper", ""),
        kind=pattern.get("kind", "full"),
        mode=attempt.mode,
        started_at=attempt.started_at,
        finished_at=attempt.finished_at,
        score=result.get("total", attempt.score or 0.0),
        max_marks=result.get("max", 0.0),
        sections=sections,
    )
    session.add(summary)
    return summary


def add_to_facility(session: Session, answers: dict[int, tuple[int, int]]) -> None:
    """Add one attempt's (answered, right) per topic id to every candidate's totals, in two statements.

    Increments in SQL, topics in id order: concurrent gradings add up and wait for each other without deadlock.
    """
    answered = sorted((topic_id, a, c) for topic_id, (a, c) in answers.items() if a)
    if not answered:
        return
    table = TopicFacility.__table__
    session.execute(
        insert_skipping_duplicates(session, table, ("topic_id",)),
        [{"topic_id": t, "attempted": 0, "correct": 0} for t, _, _ in answered],
    )
    session.execute(
        update(table)
        .where(table.c.topic_id == bindparam("t"))
        .values(attempted=table.c.attempted + bindparam("a"), correct=table.c.correct + bindparam("c")),
        [{"t": t, "a": a, "c": c} for t, a, c in answered],
    )


def recent_summaries(session: Session, user_id: int, limit: int = CHART_ATTEMPTS) -> list[AttemptSummary]:
    """The candidate's most recent graded attempts, oldest first (one bounded query)."""
    rows = session.scalars(
        select(AttemptSummary)
        .where(AttemptSummary.user_id == user_id)
        .order_by(AttemptSummary.finished_at.desc(), AttemptSummary.attempt_id.desc())
        .limit(limit)
    ).all()
    return list(reversed(rows))


def history_page(session: Session, user_id: int, page: int) -> tuple[list[AttemptSummary], bool]:
    """One page of the score history, newest first, and whether an older page exists."""
    rows = session.scalars(
        select(AttemptSummary)
        .where(AttemptSummary.user_id == user_id)
        .order_by(AttemptSummary.finished_at.desc(), AttemptSummary.attempt_id.desc())
        .offset((page - 1) * HISTORY_PAGE)
        .limit(HISTORY_PAGE + 1)
    ).all()
    return list(rows[:HISTORY_PAGE]), len(rows) > HISTORY_PAGE


def recent_mock_scores(session: Session, user_id: int, paper: str = "tier1") -> list[AttemptSummary]:
    """The most recent strict full mocks of a paper, newest first."""
    return list(
        session.scalars(
            select(AttemptSummary)
            .where(
                AttemptSummary.user_id == user_id,
                AttemptSummary.paper == paper,
                AttemptSummary.kind == "full",
                AttemptSummary.mode == "strict",
            )
            .order_by(AttemptSummary.finished_at.desc())
            .limit(PREDICTION_MOCKS)
        )
    )
