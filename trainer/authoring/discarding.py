"""Discarding a draft: only its author (who wrote its first version) or an admin, and only while no attempt ever
showed it, so nothing that points at its versions (steps, statistics, reviews) is lost."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from trainer.auth.models import User
from trainer.authoring.groups import members_of, versions_of
from trainer.bank.models import ItemGroup, ItemGroupVersion, Question, QuestionVersion
from trainer.core.access import Role
from trainer.core.errors import Conflict, Forbidden
from trainer.core.wording import N_
from trainer.exam.models import Slot


def _may_discard(user: User, author_id: int | None, uid: str, status: str) -> None:
    if status == "published":
        raise Conflict(N_("%(uid)s is published: only a draft can be discarded (retire it instead)."), uid=uid)
    if status != "draft":
        raise Conflict(N_("%(uid)s is retired: only a draft can be discarded."), uid=uid)
    if user.role != Role.ADMIN and user.id != author_id:
        raise Forbidden(N_("Only the author of %(uid)s or an admin can discard it."), uid=uid)


def _never_shown(session: Session, question_ids: list[int], uid: str) -> None:
    shown = session.scalar(
        select(func.count(Slot.id))
        .join(QuestionVersion, QuestionVersion.id == Slot.version_id)
        .where(QuestionVersion.question_id.in_(question_ids))
    )
    if shown:
        raise Conflict(N_("%(uid)s was shown in attempts: retire it instead of discarding it."), uid=uid)


def discard_question(session: Session, question: Question, user: User) -> None:
    """Delete a draft question with every version. Forbidden for anyone but its author or an admin; Conflict if it
    is not a draft, is a question of a group (discard the group), or an attempt showed it."""
    first = question.versions[0] if question.versions else None
    _may_discard(user, first.author_id if first else None, question.uid, question.status)
    if any(v.group_version_id is not None for v in question.versions):
        raise Conflict(N_("%(uid)s belongs to a passage group: discard the group instead."), uid=question.uid)
    _never_shown(session, [question.id], question.uid)
    session.execute(delete(QuestionVersion).where(QuestionVersion.question_id == question.id))
    session.execute(delete(Question).where(Question.id == question.id))


def discard_group(session: Session, group: ItemGroup, user: User) -> None:
    """Delete a draft group, its versions and its questions (same rules as for a question)."""
    versions = versions_of(session, group)
    _may_discard(user, versions[0].author_id if versions else None, group.uid, group.status)
    members = [m.question for m in members_of(session, group)]
    ids = [q.id for q in members]
    _never_shown(session, ids, group.uid)
    session.execute(delete(QuestionVersion).where(QuestionVersion.question_id.in_(ids)))
    session.execute(delete(Question).where(Question.id.in_(ids)))
    session.execute(delete(ItemGroupVersion).where(ItemGroupVersion.group_id == group.id))
    session.execute(delete(ItemGroup).where(ItemGroup.id == group.id))
