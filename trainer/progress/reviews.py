"""The mistake notebook's schedule: an FSRS rating from one graded answer, and a review card's next state.

Pure: cards go in and out as the `fsrs` package's JSON dictionaries, times are parameters (aware UTC).
A wrong answer is Again; a right answer is Good, Hard when it was slow or only a guess (marked for review), Easy
when it was fast and not marked. A question answered wrong or marked for review enters the notebook; a question
already in it is rated by every later answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State

RIGHT, WRONG, BLANK = "right", "wrong", "blank"
FAST_SHARE = 0.5  # a right answer in at most half the paper's time per question is fast: Easy
SLOW_SHARE = 2.0  # over twice the paper's time per question is slow (a time sink): Hard

# A wrong answer leaves the card due at once (one learning step of zero): it stays in today's reviews until it is
# answered right, and only a right answer moves it out by FSRS's interval, in days. No fuzz: the schedule a
# candidate sees is reproducible.
SCHEDULER = Scheduler(learning_steps=(timedelta(0),), relearning_steps=(timedelta(0),), enable_fuzzing=False)


@dataclass(frozen=True)
class GradedAnswer:
    """One question as graded: right, wrong or blank; marked for review; seconds on screen; the paper's budget."""

    outcome: str
    marked: bool = False
    seconds: float = 0.0
    budget_seconds: float | None = None  # the paper's time per question; None for an untimed attempt


def rating(answer: GradedAnswer) -> Rating | None:
    """The FSRS rating an answer gives its card, or None when it says nothing (a blank left unmarked).

    A marked blank is Again: the candidate flagged it and did not know it. Without a clock (untimed practice)
    time says nothing, so a right answer is Good (Hard if marked).
    """
    if answer.outcome == WRONG or (answer.outcome == BLANK and answer.marked):
        return Rating.Again
    if answer.outcome != RIGHT:
        return None
    if answer.marked:
        return Rating.Hard
    budget = answer.budget_seconds
    if budget is None or budget <= 0:
        return Rating.Good
    if answer.seconds > SLOW_SHARE * budget:
        return Rating.Hard
    if answer.seconds <= FAST_SHARE * budget:
        return Rating.Easy
    return Rating.Good


def enters_notebook(answer: GradedAnswer) -> bool:
    """A question without a card gets one when it was answered wrong or marked for review (a guess)."""
    return answer.outcome == WRONG or answer.marked


@dataclass(frozen=True)
class CardState:
    """A card after a review: its FSRS state as JSON, when it is due, and whether this review was a lapse."""

    card: dict
    due: datetime
    last_review: datetime


def as_utc(moment: datetime) -> datetime:
    """The same instant with the `datetime.UTC` zone FSRS insists on; a naive time is refused."""
    if moment.tzinfo is None:
        raise ValueError("review times must be aware (UTC)")
    return moment.astimezone(UTC)


def review(card: dict | None, card_id: int, grade: Rating, when: datetime) -> CardState:
    """The card after one review at `when` (a new card when `card` is None).

    A review dated before the card's last one (an old attempt closed late) is taken as happening at the last one,
    so the schedule never runs backwards.
    """
    when = as_utc(when)
    current = Card.from_dict(card) if card else Card(card_id=card_id, state=State.Learning, due=when)
    if current.last_review is not None and when < current.last_review:
        when = current.last_review
    updated, _log = SCHEDULER.review_card(current, grade, review_datetime=when)
    return CardState(updated.to_dict(), updated.due, when)


def retrievability(card: dict, now: datetime) -> float:
    """The chance, by FSRS, that the candidate recalls the answer at `now` (0 for a card never reviewed)."""
    return SCHEDULER.get_card_retrievability(Card.from_dict(card), as_utc(now))


@dataclass(frozen=True)
class ReplayedCard:
    """A card rebuilt from every graded answer to its question: its state, counts and when it was made."""

    state: CardState
    reviews: int
    lapses: int
    created_at: datetime


def replay(card_id: int, answers: list[tuple[datetime, GradedAnswer]]) -> ReplayedCard | None:
    """The card the candidate's answers (in the order they were graded, each with its time) make, or None when
    none of them put the question in the notebook: the same rules grading applies one answer at a time."""
    state, reviews, lapses, created = None, 0, 0, None
    for when, answer in answers:
        grade = rating(answer)
        if grade is None or (state is None and not enters_notebook(answer)):
            continue
        created = created or when
        state = review(state.card if state else None, card_id, grade, when)
        reviews += 1
        lapses += int(grade == Rating.Again)
    return ReplayedCard(state, reviews, lapses, created) if state else None
