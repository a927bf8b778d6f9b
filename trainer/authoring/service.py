"""Authoring operations: search the bank, load a question with its history, save an edit as a version."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from trainer.bank.models import Question, QuestionVersion, Topic
from trainer.bank.parsing import QuestionContent
from trainer.bank.service import add_version, latest_version_ids
from trainer.core.errors import DomainError, NotFound

PAGE_SIZE = 50


@dataclass(frozen=True)
class BankFilter:
    section: str = ""
    topic: str = ""
    difficulty: str = ""
    text: str = ""
    page: int = 1


def search_questions(session: Session, f: BankFilter) -> tuple[list[QuestionVersion], int]:
    """The newest version of each question matching the filter (one page), and the number of matches."""
    latest = latest_version_ids()
    query = (
        select(QuestionVersion)
        .join(latest, latest.c.version_id == QuestionVersion.id)
        .join(Topic, Topic.id == QuestionVersion.topic_id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .where(Question.kind == "static")  # generated items are the generators' output, not bank entries
    )
    if f.section:
        query = query.where(Topic.section == f.section)
    if f.topic:
        query = query.where(Topic.key == f.topic)
    if f.difficulty:
        query = query.where(QuestionVersion.difficulty == f.difficulty)
    if f.text:
        like = f"%{f.text.lower()}%"
        query = query.where(or_(func.lower(QuestionVersion.stem).like(like), func.lower(Question.uid).like(like)))
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    page = query.options(selectinload(QuestionVersion.question), selectinload(QuestionVersion.topic))
    offset = (max(f.page, 1) - 1) * PAGE_SIZE
    rows = session.scalars(page.order_by(Question.uid).limit(PAGE_SIZE).offset(offset)).all()
    return list(rows), total or 0


def get_question(session: Session, uid: str) -> Question:
    question = session.scalar(select(Question).where(Question.uid == uid))
    if question is None:
        raise NotFound(f"No question with id {uid!r}.")
    return question


def topics_by_section(session: Session) -> dict[str, list[Topic]]:
    grouped: dict[str, list[Topic]] = {}
    for topic in session.scalars(select(Topic).order_by(Topic.section, Topic.name)):
        grouped.setdefault(topic.section, []).append(topic)
    return grouped


def save_edit(
    session: Session,
    question: Question,
    content: QuestionContent,
    status: str,
    author_id: int,
    current: QuestionVersion | None = None,
) -> QuestionVersion | None:
    """Save an instructor's edit: a new version if the content changed (None if nothing changed)."""
    topic = session.scalar(select(Topic).where(Topic.section == content.section, Topic.key == content.topic))
    if topic is None:
        raise DomainError(f"Unknown topic {content.section}/{content.topic}.")
    question.status = status
    group = current.group_version if current is not None else None
    position = current.group_position if current is not None else None
    return add_version(
        session, question, content, topic, author_id=author_id, group_version=group, group_position=position
    )


def new_uid(session: Session, section: str, topic: str) -> str:
    """A stable id for a question written on the web, e.g. `quant-percentage-web-0001`, not used before."""
    prefix = f"{section}-{topic}-web-"
    taken = set(session.scalars(select(Question.uid).where(Question.uid.like(f"{prefix}%"))))
    number = len(taken) + 1
    while f"{prefix}{number:04d}" in taken:
        number += 1
    return f"{prefix}{number:04d}"


def create_question(session: Session, content: QuestionContent, author_id: int) -> Question:
    """A new draft question whose first version is `content`, written through the bank's own `add_version`."""
    topic = session.scalar(select(Topic).where(Topic.section == content.section, Topic.key == content.topic))
    if topic is None:
        raise DomainError(f"Unknown topic {content.section}/{content.topic}.")
    question = Question(uid=new_uid(session, content.section, content.topic), status="draft")
    session.add(question)
    add_version(session, question, content, topic, author_id=author_id)
    return question
