"""The two qualifying modules of Tier-II Paper-I Section-III for the progress page: Computer Knowledge and the DEST."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.auth.models import User
from trainer.skills import computer
from trainer.skills.evaluation import allowance_for
from trainer.skills.models import TypingAttempt
from trainer.skills.service import IN_PROGRESS


@dataclass(frozen=True)
class Qualifying:
    computer: computer.Standing
    allowance: float  # the DEST's allowed error percentage for the candidate's category
    last_test: tuple | None  # (finished_at, kdph, error_pct, qualified, id) of the latest scored DEST test passage


def qualifying(session: Session, user: User) -> Qualifying:
    """Computer Knowledge's last graded modules and the latest DEST test passage; two queries."""
    last = session.execute(
        select(
            TypingAttempt.finished_at,
            TypingAttempt.kdph,
            TypingAttempt.error_pct,
            TypingAttempt.qualified,
            TypingAttempt.id,
        )
        .where(TypingAttempt.user_id == user.id, TypingAttempt.kind == "test", TypingAttempt.state != IN_PROGRESS)
        .order_by(TypingAttempt.finished_at.desc(), TypingAttempt.id.desc())
        .limit(1)
    ).first()
    return Qualifying(computer.standing(session, user), allowance_for(user.category), tuple(last) if last else None)
