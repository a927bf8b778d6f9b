"""Deleting an account: personal data removed, answers kept anonymised for the questions' statistics.

The account row is scrubbed rather than removed: its e-mail, name and password go, its category and scribe
entitlement go back to the defaults, and it is disabled with its sessions ended. The attempts, slots and steps
stay pointed at that row, which now says nothing about anyone, so item statistics, score distributions and
"first attempt per candidate" rules still count them as one (unknown) candidate's; re-owning them to one shared
placeholder would merge every deleted candidate into one. Progress rows, review cards and the study target are
deleted. Any open attempt is graded first, so nothing can be added to it afterwards.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash

from trainer.auth.models import User
from trainer.auth.service import DELETED_PASSWORD, end_sessions
from trainer.core.access import Role
from trainer.core.errors import DomainError
from trainer.exam import service as exam_service
from trainer.exam.models import Attempt, SeenSummary
from trainer.i18n import N_
from trainer.progress.models import StudyTarget, TopicProgress
from trainer.progress.review_models import ReviewCard

DELETED_NAME = "Deleted account"


def deleted_email(user_id: int) -> str:
    """The scrubbed row's e-mail: unique, and in the reserved .invalid domain, so nobody can own it."""
    return f"deleted-{user_id}@deleted.invalid"


def close_open_attempts(session: Session, user: User, now: datetime) -> int:
    """Grade every attempt of the user still in progress (at now, or at its deadline if that passed)."""
    open_attempts = session.scalars(
        select(Attempt).where(Attempt.user_id == user.id, Attempt.state == exam_service.IN_PROGRESS)
    ).all()
    for attempt in open_attempts:
        exam_service.submit(session, attempt, now, 0)
    return len(open_attempts)


def delete_account(session: Session, user: User, password: str, now: datetime) -> None:
    """Delete the user's personal data and disable the account; raise DomainError for a wrong password or for the
    only admin (who would leave the site without one)."""
    if not check_password_hash(user.password_hash, password):
        raise DomainError(N_("That is not your password; your account was not deleted."))
    if user.role == Role.ADMIN:
        admins = session.scalar(select(func.count(User.id)).where(User.role == Role.ADMIN, User.disabled_at.is_(None)))
        if admins <= 1:
            raise DomainError(N_("You are the only admin: make another account admin before deleting yours."))
    close_open_attempts(session, user, now)
    for model in (ReviewCard, TopicProgress, StudyTarget, SeenSummary):
        session.execute(delete(model).where(model.user_id == user.id))
    user.email = deleted_email(user.id)
    user.name = DELETED_NAME
    user.password_hash = DELETED_PASSWORD
    user.role = Role.CANDIDATE
    user.category = "UR"
    user.scribe_eligible = False
    user.disabled_at = now
    end_sessions(session, user)
