"""The mistake notebook: cards made and rated when an attempt is graded, the due count, and review sessions."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from fsrs import Rating
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, selectinload

from trainer.auth.models import User
from trainer.bank.models import Question, QuestionVersion
from trainer.core.db import insert_skipping_duplicates
from trainer.core.errors import DomainError
from trainer.exam import drawing, timing
from trainer.exam.models import Attempt, Slot
from trainer.exam.patterns import Pattern, get_pattern, minutes_per_question
from trainer.progress.review_models import ReviewCard
from trainer.progress.review_paper import REVIEW_CODE, review_pattern
from trainer.progress.reviews import GradedAnswer, as_utc, enters_notebook, rating, replay, review

REVIEW_SESSION_SIZE = 25  # the most overdue cards one session takes; the rest wait for the next


class NothingToReview(DomainError):
    """No card is due: there is no review session to start."""

    status = 409


def budgets(attempt: Attempt) -> dict[str, float | None]:
    """Seconds the attempt's paper gives one question of each section; None throughout for an untimed attempt."""
    pattern = Pattern.from_dict(attempt.pattern) if attempt.pattern else get_pattern(attempt.pattern_code)
    if pattern is None or not attempt.timed:
        return {}
    return {rule.key: minutes_per_question(pattern, rule.key) * 60 for rule in pattern.sections}


def record_reviews(session: Session, attempt: Attempt, states, outcomes) -> None:
    """Rate the cards of a graded attempt's questions; a question answered wrong or marked gets a card if it had none.

    `states` are the slots' folded states (marked, seconds) and `outcomes` their grades, in slot order. The review is
    dated when the attempt finished.
    """
    per_section = budgets(attempt)
    answers = {}
    for slot, state, outcome in zip(attempt.slots, states, outcomes, strict=True):
        answer = GradedAnswer(str(outcome), state.marked, state.seconds, per_section.get(slot.section))
        if rating(answer) is not None:
            answers[slot.version.question_id] = answer
    if not answers:
        return
    _open_cards(session, attempt, [q for q, answer in answers.items() if enters_notebook(answer)])
    cards = {
        card.question_id: card
        for card in session.scalars(
            select(ReviewCard)
            .where(ReviewCard.user_id == attempt.user_id, ReviewCard.question_id.in_(answers))
            .with_for_update()  # two attempts graded at once rate a shared card one after the other
        )
    }
    for question_id, answer in answers.items():
        card = cards.get(question_id)
        if card is None:  # a right answer to a question that is not in the notebook
            continue
        grade = rating(answer)
        state = review(card.card, question_id, grade, attempt.finished_at)
        card.card, card.due, card.last_review = state.card, state.due, state.last_review
        card.reviews += 1
        card.lapses += int(grade == Rating.Again)
    session.flush()


def _open_cards(session: Session, attempt: Attempt, question_ids: list[int]) -> None:
    """Make an empty card (reviewed next) for each question not yet in the candidate's notebook.

    INSERT ... ON CONFLICT DO NOTHING: a card another attempt's grading made a moment ago is kept, not an error.
    """
    if not question_ids:
        return
    rows = [
        {
            "user_id": attempt.user_id,
            "question_id": question_id,
            "card": {},  # no review yet: the one about to be applied is its first
            "due": attempt.finished_at,
            "reviews": 0,
            "lapses": 0,
            "created_at": attempt.finished_at,
        }
        for question_id in question_ids
    ]
    statement = insert_skipping_duplicates(session, ReviewCard.__table__, ("user_id", "question_id"))
    session.execute(statement, rows)


def rebuild_cards(session: Session, question_id: int, answers: dict[int, list[tuple[datetime, GradedAnswer]]]) -> None:
    """Make each candidate's card for the question again from all their graded answers to it (user id → answers in
    grading order), as a regrade that changed what counts right needs: a card no answer calls for now is deleted,
    one an answer now wrong calls for is made. Flushes only."""
    if not answers:
        return
    cards = {
        card.user_id: card
        for card in session.scalars(
            select(ReviewCard)
            .where(ReviewCard.question_id == question_id, ReviewCard.user_id.in_(answers))
            .order_by(ReviewCard.user_id)
            .with_for_update()
        )
    }
    for user_id, graded in sorted(answers.items()):
        card, made = cards.get(user_id), replay(question_id, graded)
        if made is None:
            if card is not None:
                session.delete(card)
            continue
        if card is None:
            card = ReviewCard(user_id=user_id, question_id=question_id)
            session.add(card)
        card.card, card.due, card.last_review = made.state.card, made.state.due, made.state.last_review
        card.reviews, card.lapses, card.created_at = made.reviews, made.lapses, made.created_at
    session.flush()


def _due(columns, user_id: int, now: datetime):
    """SELECT `columns` of the candidate's cards due by `now` whose question is still published (a range scan of
    the index on (user, due); a retired question has left the queue)."""
    return (
        select(columns)
        .select_from(ReviewCard)
        .join(Question, Question.id == ReviewCard.question_id)
        .where(ReviewCard.user_id == user_id, ReviewCard.due <= now, Question.status == "published")
    )


def reviews_due(session: Session, user_id: int, now: datetime) -> int:
    """How many of the candidate's cards are due at `now`: one query."""
    return session.scalar(_due(func.count(), user_id, now)) or 0


@dataclass(frozen=True)
class Notebook:
    """The candidate's mistake notebook at a glance: cards due now, cards in all, and the next due time."""

    due: int
    total: int
    next_due: datetime | None
    session_size: int = REVIEW_SESSION_SIZE


def notebook(session: Session, user_id: int, now: datetime) -> Notebook:
    """Due, total and next due of the candidate's cards of published questions, in one query."""
    due_now = ReviewCard.due <= now
    row = session.execute(
        select(
            func.count(case((due_now, 1))),
            func.count(),
            func.min(case((~due_now, ReviewCard.due))),
        )
        .select_from(ReviewCard)
        .join(Question, Question.id == ReviewCard.question_id)
        .where(ReviewCard.user_id == user_id, Question.status == "published")
    ).one()
    return Notebook(row[0], row[1], as_utc(row[2]) if row[2] is not None else None)


def due_versions(session: Session, user_id: int, now: datetime, limit: int = REVIEW_SESSION_SIZE):
    """The newest version of each due card's question, most overdue first, at most `limit`."""
    due = _due(ReviewCard.question_id, user_id, now).order_by(ReviewCard.due, ReviewCard.id).limit(limit)
    question_ids = list(session.scalars(due))
    newest = (
        select(func.max(QuestionVersion.id))
        .where(QuestionVersion.question_id.in_(question_ids))
        .group_by(QuestionVersion.question_id)
    )
    versions = session.scalars(
        select(QuestionVersion).where(QuestionVersion.id.in_(newest)).options(selectinload(QuestionVersion.topic))
    )
    order = {question_id: place for place, question_id in enumerate(question_ids)}
    return sorted(versions, key=lambda version: order[version.question_id])


def open_review(session: Session, user_id: int, now: datetime) -> Attempt | None:
    """The candidate's review session still open (not submitted, time left), if any."""
    from trainer.exam.service import IN_PROGRESS  # exam.service imports this module when it loads

    return session.scalars(
        select(Attempt)
        .where(Attempt.user_id == user_id, Attempt.pattern_code == REVIEW_CODE, Attempt.state == IN_PROGRESS)
        .where(Attempt.deadline > now)
        .order_by(Attempt.id.desc())
        .limit(1)
    ).first()


def start_review(session: Session, user: User, now: datetime, rng: random.Random) -> Attempt:
    """Open a practice attempt made of the candidate's due cards; raise NothingToReview when none is due.

    A review session still open is returned instead of a second one. Grading it rates each card like any graded
    attempt does (`record_reviews`).
    """
    still_open = open_review(session, user.id, now)
    if still_open is not None:
        return still_open
    versions = due_versions(session, user.id, now)
    if not versions:
        raise NothingToReview(_("Nothing is due for review now: your mistake notebook is up to date."))
    pattern = review_pattern([version.topic.section for version in versions])
    attempt = _practice_attempt(user, pattern, now)
    session.add(attempt)
    for rule in pattern.ordered_sections():
        in_section = [version for version in versions if version.topic.section == rule.subject]
        for version in rng.sample(in_section, len(in_section)):
            attempt.slots.append(
                Slot(
                    position=len(attempt.slots),
                    section=rule.key,
                    version_id=version.id,
                    option_order=drawing.option_order(version.shuffle, rng),
                    marks_right=rule.marks_right,
                    marks_wrong=rule.marks_wrong,
                )
            )
    session.flush()
    return attempt


def _practice_attempt(user: User, pattern: Pattern, now: datetime) -> Attempt:
    """A timed practice attempt on `pattern` starting now, with the candidate's extra time (scribe)."""
    extras = [timing.extra_minutes(part.minutes, user.scribe_eligible) for part in pattern.parts]
    windows = timing.part_windows(now, [part.minutes for part in pattern.parts], extras)
    return Attempt(
        user_id=user.id,
        pattern_code=pattern.code,
        pattern=pattern.to_dict(),
        mode="practice",
        timed=True,
        started_at=now,
        extra_minutes=sum(extras),
        deadline=windows[-1][1],
    )
