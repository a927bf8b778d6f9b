"""Count again, from the stored attempts, what grading keeps up to date: for a database graded before the results
tables existed, or after attempts were changed by hand. Scans every strict attempt: an operator's command."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from trainer.bank.models import QuestionVersion
from trainer.exam import service as exam
from trainer.exam.models import Attempt, Slot
from trainer.results.models import FirstAttempt, ScoreBin
from trainer.results.service import STRICT, counts_in_ranks, record_graded_attempt


def rebuild_distributions(session: Session) -> int:
    """Empty the distributions and add each candidate's first graded strict attempt at each pattern again.

    Returns how many attempts were counted. Flushes only: the caller commits, so the rebuild is all or nothing.
    """
    session.execute(delete(ScoreBin))
    session.execute(delete(FirstAttempt))
    rows = session.execute(
        select(Attempt.id, Attempt.user_id, Attempt.pattern_code)
        .where(Attempt.mode == STRICT, Attempt.state != exam.IN_PROGRESS, Attempt.result.is_not(None))
        .order_by(Attempt.finished_at, Attempt.id)
    ).all()
    seen: set[tuple[int, str]] = set()
    counted = 0
    versions = selectinload(Attempt.slots).selectinload(Slot.version).selectinload(QuestionVersion.topic)
    for attempt_id, user_id, pattern_code in rows:
        if (user_id, pattern_code) in seen:
            continue
        attempt = session.get(Attempt, attempt_id, options=[versions])
        if not counts_in_ranks(attempt):
            continue
        seen.add((user_id, pattern_code))
        states = exam.graded_states(session, attempt)
        counted += record_graded_attempt(session, attempt, states, exam.grade_attempt(attempt, states))
        session.expunge(attempt)  # one attempt's slots in memory at a time
    session.flush()
    return counted
