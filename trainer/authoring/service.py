"""Authoring operations: search the bank, load a question with its history, save an edit as a version."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from trainer.audit.service import record as audit
from trainer.auth.models import User
from trainer.bank.models import Question, QuestionVersion, Topic
from trainer.bank.parsing import QuestionContent
from trainer.bank.service import add_version, hindi_tuple, latest_version, latest_version_ids
from trainer.bank.similarity import THRESHOLD, shingles
from trainer.core.errors import Conflict, DomainError, NotFound
from trainer.core.wording import N_

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
        raise NotFound(N_("No question with id %(uid)r."), uid=uid)
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
    note: str = "",
) -> QuestionVersion | None:
    """Save an instructor's edit: a new version with its change note if the content changed (None if not)."""
    topic = session.scalar(select(Topic).where(Topic.section == content.section, Topic.key == content.topic))
    if topic is None:
        raise DomainError(N_("Unknown topic %(topic)s."), topic=f"{content.section}/{content.topic}")
    question.status = status
    group = current.group_version if current is not None else None
    position = current.group_position if current is not None else None
    version = add_version(
        session, question, content, topic, author_id=author_id, group_version=group, group_position=position
    )
    if version is not None:
        version.change_note = note.strip()
        _audit_version(session, author_id, question, version, "Edited")
    return version


def _audit_version(session: Session, author_id: int | None, question: Question, version, what: str) -> None:
    audit(session, author_id, "edit", ("question", question.uid), f"{what} {question.uid}: version {version.number}",
          version=version.number, content_hash=version.content_hash, note=version.change_note)  # fmt: skip


def new_uid(session: Session, section: str, topic: str) -> str:
    """A stable id for a question written on the web, e.g. `quant-percentage-web-0001`: one past the highest."""
    prefix = f"{section}-{topic}-web-"
    taken = session.scalars(select(Question.uid).where(Question.uid.startswith(prefix, autoescape=True)))
    numbers = [int(uid[len(prefix) :]) for uid in taken if uid[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def create_question(session: Session, content: QuestionContent, author_id: int, note: str = "") -> Question:
    """A new draft question whose first version is `content`, written through the bank's own `add_version`."""
    topic = session.scalar(select(Topic).where(Topic.section == content.section, Topic.key == content.topic))
    if topic is None:
        raise DomainError(N_("Unknown topic %(topic)s."), topic=f"{content.section}/{content.topic}")
    question = Question(uid=new_uid(session, content.section, content.topic), status="draft")
    session.add(question)
    version = add_version(session, question, content, topic, author_id=author_id)
    version.change_note = note.strip() or "Written on the web."
    _audit_version(session, author_id, question, version, "Wrote")
    return question


def content_of(version: QuestionVersion, standalone: bool = False) -> QuestionContent:
    """The content a stored version was made from (outside its group if `standalone`)."""
    group = version.group_version.group.uid if version.group_version and not standalone else ""
    return QuestionContent(
        section=version.topic.section, topic=version.topic.key, difficulty=version.difficulty, stem=version.stem,
        options=tuple(version.options), answer=version.answer, explanation=version.explanation,
        source=version.source, language=version.language, subtopic=version.subtopic, shuffle=version.shuffle,
        hindi=hindi_tuple(version), group=group, as_of=version.as_of.isoformat() if version.as_of else "",
    )  # fmt: skip


def duplicate(session: Session, question: Question, author_id: int) -> Question:
    """A new draft question with the newest version's content (outside any group), under a new uid."""
    source = latest_version(session, question)
    return create_question(session, content_of(source, standalone=True), author_id, f"Duplicated from {question.uid}.")


def names_of(session: Session, question: Question) -> dict[int, str]:
    """Names of the people who wrote the question's versions or approved it, by user id."""
    ids = {v.author_id for v in question.versions} | {question.approved_by_id}
    rows = session.execute(select(User.id, User.name).where(User.id.in_(ids - {None})))
    return {user_id: name for user_id, name in rows}


def get_version(question: Question, number: int) -> QuestionVersion:
    found = next((v for v in question.versions if v.number == number), None)
    if found is None:
        raise NotFound(N_("%(uid)s has no version %(number)s."), uid=question.uid, number=number)
    return found


def restore_version(session: Session, question: Question, number: int, author_id: int) -> QuestionVersion:
    """Bring back an old version's content as a new version (asked in the group the question is in now)."""
    old, current = get_version(question, number), latest_version(session, question)
    group = current.group_version.group.uid if current.group_version else ""
    content = replace(content_of(old, standalone=True), group=group)
    version = add_version(
        session, question, content, old.topic, author_id, current.group_version, current.group_position
    )
    if version is None:
        raise Conflict(
            N_("Version %(number)s has the same content as the newest version: nothing to restore."), number=number
        )
    version.change_note = f"Restored version {number}."
    _audit_version(session, author_id, question, version, f"Restored version {number} of")
    return version


@dataclass(frozen=True)
class NearDuplicate:
    version: QuestionVersion
    score: float


def near_duplicates_of(session: Session, content: QuestionContent, question_id: int | None) -> list[NearDuplicate]:
    """Other bank questions whose newest text shares most word runs with this content (the near-duplicate gate's
    measure: word trigrams of stem and options, at its threshold), most similar first."""
    mine = shingles(f"{content.stem} {' '.join(content.options)}")
    latest = latest_version_ids()
    query = (
        select(QuestionVersion)
        .join(latest, latest.c.version_id == QuestionVersion.id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .where(Question.kind == "static", QuestionVersion.group_version_id.is_(None))
        .options(selectinload(QuestionVersion.question))
    )
    if question_id is not None:
        query = query.where(Question.id != question_id)
    found = []
    for version in session.scalars(query):
        theirs = shingles(f"{version.stem} {' '.join(version.options)}")
        score = len(mine & theirs) / len(mine | theirs) if mine or theirs else 0.0
        if score >= THRESHOLD:
            found.append(NearDuplicate(version, round(score, 3)))
    return sorted(found, key=lambda d: -d.score)
