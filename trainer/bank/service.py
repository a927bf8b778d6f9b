"""Bank operations: load the taxonomy, import files atomically, add versions, count the bank."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer.bank.models import ItemGroup, ItemGroupVersion, Question, QuestionVersion, Topic
from trainer.bank.parsing import Problem, QuestionContent
from trainer.bank.rendering import render_passage, render_version
from trainer.bank.taxonomy import SectionDef, TaxonomyError, find_taxonomy, load_taxonomy
from trainer.bank.validation import BankCheck


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    unchanged: int = 0
    groups_changed: int = 0

    def __str__(self) -> str:
        return (
            f"{len(self.created)} new question(s), {len(self.new_versions)} new version(s), {self.unchanged} unchanged"
        )


class ImportRefused(ValueError):
    """The files have problems; nothing was imported."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s); nothing imported")
        self.problems = problems


def sync_taxonomy(session: Session, taxonomy: dict[str, SectionDef]) -> dict[tuple[str, str], Topic]:
    """Create or update a Topic row per taxonomy topic (name, weights, source); return them keyed by (section, topic).

    Every import runs it, so a corrected name or weight in taxonomy.yaml reaches the database with the next import.
    """
    existing = {(t.section, t.key): t for t in session.scalars(select(Topic))}
    for section in taxonomy.values():
        for topic in section.topics.values():
            row = existing.get((section.key, topic.key))
            if row is None:
                row = Topic(section=section.key, key=topic.key)
                session.add(row)
                existing[(section.key, topic.key)] = row
            row.name, row.name_hi = topic.name, topic.name_hi
            row.weights, row.weight_source = dict(topic.weights), topic.source
    session.flush()
    return existing


def refresh_topics(session: Session, root: Path) -> list[Problem]:
    """Bring topic names and weights up to date with the bank's taxonomy file; if it is malformed, change nothing
    and return its problems (file:line)."""
    try:
        taxonomy = load_taxonomy(find_taxonomy(root))
    except TaxonomyError as exc:
        return list(exc.problems)
    sync_taxonomy(session, taxonomy)
    return []


def latest_version_ids():
    """A subquery: question_id → id of its newest version (the stored pointer, no grouping)."""
    return (
        select(Question.id.label("question_id"), Question.current_version_id.label("version_id"))
        .where(Question.current_version_id.is_not(None))
        .subquery()
    )


def latest_version(session: Session, question: Question) -> QuestionVersion | None:
    return session.scalars(
        select(QuestionVersion)
        .where(QuestionVersion.question_id == question.id)
        .order_by(QuestionVersion.number.desc())
        .limit(1)
    ).first()


def add_version(
    session: Session,
    question: Question,
    content: QuestionContent,
    topic: Topic,
    author_id: int | None = None,
    group_version: ItemGroupVersion | None = None,
    group_position: int | None = None,
) -> QuestionVersion | None:
    """Append a version if the content (or the group text it is asked with) changed; None if unchanged.

    Every version is made by `next_version`: its texts are rendered once, and the question's pointer to its current
    version (with the topic and random draw position a draw reads) moves to it.
    """
    current = latest_version(session, question)
    version = next_version(question, current, content, topic, author_id, group_version, group_position)
    if version is None:
        return None
    session.add(version)
    session.flush()
    point_at(question, version)
    session.flush()
    return version


def next_version(
    question: Question,
    current: QuestionVersion | None,
    content: QuestionContent,
    topic: Topic,
    author_id: int | None = None,
    group_version: ItemGroupVersion | None = None,
    group_position: int | None = None,
) -> QuestionVersion | None:
    """The version after `current` (None: the first) holding `content`, not yet added to the session; None if the
    content and the group text it is asked with are unchanged."""
    digest = content.content_hash()
    group_id = group_version.id if group_version is not None else None
    if current is not None and (current.content_hash, current.group_version_id) == (digest, group_id):
        return None
    hindi = hindi_json(content.hindi)
    return QuestionVersion(
        question=question,
        number=(current.number + 1) if current else 1,
        topic=topic,
        subtopic=content.subtopic,
        difficulty=content.difficulty,
        language=content.language,
        stem=content.stem,
        options=list(content.options),
        answer=content.answer,
        explanation=content.explanation,
        source=content.source,
        shuffle=content.shuffle,
        content_hash=digest,
        author_id=author_id,
        hindi=hindi,
        as_of=date.fromisoformat(content.as_of) if content.as_of else None,
        group_version=group_version,
        group_position=group_position,
        rendered=render_version(content.stem, content.options, content.explanation, hindi),
    )


def point_at(question: Question, version: QuestionVersion) -> None:
    """Make `version` the question's current one; a group's later members get no draw position of their own."""
    question.current_version_id, question.topic_id = version.id, version.topic_id
    question.shuffle, question.group_version_id = version.shuffle, version.group_version_id
    if version.group_position:
        question.draw_key = None
    elif question.draw_key is None:
        question.draw_key = random.random()


def hindi_json(hindi: tuple | None) -> dict | None:
    if not hindi:
        return None
    stem, options, explanation = hindi
    return {"stem": stem, "options": list(options), "explanation": explanation}


def hindi_tuple(version: QuestionVersion) -> tuple | None:
    """The Hindi text of a stored version in the form QuestionContent carries it."""
    h = version.hindi
    return (h["stem"], tuple(h["options"]), h["explanation"]) if h else None


def import_groups(
    session: Session, check: BankCheck, topics: dict[tuple[str, str], Topic], report: ImportReport
) -> dict[str, ItemGroupVersion]:
    """Create or version every group; return the newest version of each by uid."""
    existing = {g.uid: g for g in session.scalars(select(ItemGroup))}
    newest: dict[str, ItemGroupVersion] = {}
    for uid, (content, status, _parsed) in check.groups.items():
        group = existing.get(uid) or ItemGroup(uid=uid)
        group.status = status
        session.add(group)
        current = (
            session.scalars(
                select(ItemGroupVersion)
                .where(ItemGroupVersion.group_id == group.id)
                .order_by(ItemGroupVersion.number.desc())
                .limit(1)
            ).first()
            if group.id
            else None
        )
        digest = content.content_hash()
        if current is None or current.content_hash != digest:
            current = ItemGroupVersion(
                group=group,
                number=(current.number + 1) if current else 1,
                topic=topics[(content.section, content.topic)],
                passage=content.passage,
                hindi_passage=content.hindi_passage,
                source=content.source,
                content_hash=digest,
                rendered=render_passage(content.passage, content.hindi_passage),
            )
            session.add(current)
            report.groups_changed += 1
        newest[uid] = current
    session.flush()
    return newest


def import_bank(session: Session, check: BankCheck, taxonomy: dict[str, SectionDef]) -> ImportReport:
    """Import checked files: new ids become questions, changed content a new version. Refuses any problem.

    A constant number of statements whatever the number of items: the newest versions are read in one query, and
    the new questions and versions are written in two flushes (batched inserts), not two flushes per item.
    """
    if check.problems:
        raise ImportRefused(check.problems)
    topics = sync_taxonomy(session, taxonomy)
    questions = {q.uid: q for q in session.scalars(select(Question))}
    latest = latest_version_ids()
    newest = {
        v.question_id: v
        for v in session.scalars(select(QuestionVersion).join(latest, latest.c.version_id == QuestionVersion.id))
    }
    report = ImportReport()
    groups = import_groups(session, check, topics, report)
    positions: Counter[str] = Counter()
    made: list[tuple[Question, QuestionVersion]] = []
    for uid, (content, status, _parsed) in check.questions.items():
        question = questions.get(uid)
        if question is None:
            question = Question(uid=uid, status=status)
            session.add(question)
            report.created.append(uid)
        elif question.status != status:
            question.status = status
        topic = topics[(content.section, content.topic)]
        group, position = None, None
        if content.group:
            group, position = groups[content.group], positions[content.group]
            positions[content.group] += 1
        current = newest.get(question.id) if question.id is not None else None
        version = next_version(question, current, content, topic, group_version=group, group_position=position)
        if version is None:
            report.unchanged += 1
            continue
        session.add(version)
        made.append((question, version))
        if uid not in report.created:
            report.new_versions.append(uid)
    session.flush()  # the versions get their ids, which the questions' pointers take
    for question, version in made:
        point_at(question, version)
    session.flush()
    return report


def bank_is_empty(session: Session) -> bool:
    return session.scalar(select(func.count(Question.id))) == 0


def retire_stale(session: Session, before: date) -> list[str]:
    """Retire published questions whose newest version states a fact checked before `before`; their uids."""
    latest = latest_version_ids()
    stale = session.scalars(
        select(Question)
        .join(latest, latest.c.question_id == Question.id)
        .join(QuestionVersion, QuestionVersion.id == latest.c.version_id)
        .where(Question.status == "published", QuestionVersion.as_of.is_not(None), QuestionVersion.as_of < before)
    ).all()
    for question in stale:
        question.status = "retired"
    session.flush()
    return sorted(q.uid for q in stale)
