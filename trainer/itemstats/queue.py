"""Grading's one call into item statistics: note a graded strict attempt for the next `stats refresh`."""

from __future__ import annotations

from sqlalchemy.orm import Session

from trainer.core.db import insert_skipping_duplicates
from trainer.itemstats.models import ItemStatsPending

STRICT = "strict"


def note_graded(session: Session, attempt) -> None:
    """Queue a just-graded strict attempt (practice never counts); one cheap insert in the grading transaction."""
    if attempt.mode != STRICT:
        return
    statement = insert_skipping_duplicates(session, ItemStatsPending.__table__, ("attempt_id",))
    session.execute(statement, {"attempt_id": attempt.id})
