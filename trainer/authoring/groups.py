"""Passage groups written on the web: create, edit (a new group version re-versions its questions), duplicate,
publish / retire / restore the group with its questions, and restore an old version of the shared text.

A group's identity is ItemGroup; each change of its shared text is an ItemGroupVersion, and each question asked
with it gets a new QuestionVersion pointing at that group version (attempts keep the versions they showed)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from trainer.audit.service import record as audit
from trainer.authoring import service, workflow
from trainer.authoring.diffing import FieldDiff, word_diff
from trainer.bank.models import ItemGroup, ItemGroupVersion, Question, QuestionVersion, Topic
from trainer.bank.parsing import GroupContent, QuestionContent
from trainer.bank.service import add_version, latest_version_ids
from trainer.core.clock import utcnow
from trainer.core.errors import Conflict, DomainError, NotFound
from trainer.core.wording import N_


@dataclass(frozen=True)
class Member:
    question: Question
    version: QuestionVersion


def get_group(session: Session, uid: str) -> ItemGroup:
    group = session.scalar(select(ItemGroup).where(ItemGroup.uid == uid))
    if group is None:
        raise NotFound(N_("No passage group with id %(uid)r."), uid=uid)
    return group


def versions_of(session: Session, group: ItemGroup) -> list[ItemGroupVersion]:
    """The group's versions, oldest first."""
    query = select(ItemGroupVersion).where(ItemGroupVersion.group_id == group.id).order_by(ItemGroupVersion.number)
    return list(session.scalars(query.options(selectinload(ItemGroupVersion.topic))))


def members_of(session: Session, group: ItemGroup) -> list[Member]:
    """The questions asked with the group now (their newest version is in it), in the order they are asked."""
    latest = latest_version_ids()
    rows = session.execute(
        select(Question, QuestionVersion)
        .join(latest, latest.c.question_id == Question.id)
        .join(QuestionVersion, QuestionVersion.id == latest.c.version_id)
        .join(ItemGroupVersion, ItemGroupVersion.id == QuestionVersion.group_version_id)
        .where(ItemGroupVersion.group_id == group.id)
        .order_by(QuestionVersion.group_position, Question.uid)
        .options(selectinload(QuestionVersion.topic))
    )
    return [Member(question, version) for question, version in rows]


def _topic(session: Session, content: GroupContent) -> Topic:
    topic = session.scalar(select(Topic).where(Topic.section == content.section, Topic.key == content.topic))
    if topic is None:
        raise DomainError(N_("Unknown topic %(topic)s."), topic=f"{content.section}/{content.topic}")
    return topic


def _new_group_version(session, group, content: GroupContent, number: int, author_id: int, note: str):
    version = ItemGroupVersion(
        group=group, number=number, topic=_topic(session, content), passage=content.passage,
        hindi_passage=content.hindi_passage, source=content.source, content_hash=content.content_hash(),
        author_id=author_id, change_note=note,
    )  # fmt: skip
    session.add(version)
    session.flush()
    return version


def new_group_uid(session: Session, section: str, topic: str) -> str:
    """e.g. `english-reading-comprehension-group-web-0001`: one past the highest such id."""
    prefix = f"{section}-{topic}-group-web-"
    taken = session.scalars(select(ItemGroup.uid).where(ItemGroup.uid.startswith(prefix, autoescape=True)))
    numbers = [int(uid[len(prefix) :]) for uid in taken if uid[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def create_group(
    session: Session, content: GroupContent, members: list[QuestionContent], author_id: int, note: str = ""
) -> ItemGroup:
    """A new draft group with its first version and a draft question per member, in order."""
    group = ItemGroup(uid=new_group_uid(session, content.section, content.topic), status="draft")
    session.add(group)
    note = note.strip() or "Written on the web."
    version = _new_group_version(session, group, content, 1, author_id, note)
    _save_members(session, [], members, group, version, author_id, note)
    return group


def _save_members(session, current: list[Member], contents, group, version, author_id: int, note: str) -> int:
    """New versions of the group's questions where their text (or the group version) changed, new questions for
    the extra entries; the number of questions changed or added."""
    changed = 0
    for position, content in enumerate(contents):
        content = QuestionContent(**{**content.__dict__, "group": group.uid})
        if position < len(current):
            question = current[position].question
        else:
            question = Question(uid=service.new_uid(session, content.section, content.topic), status=group.status)
            session.add(question)
        made = add_version(session, question, content, version.topic, author_id, version, position)
        if made is not None:
            made.change_note = note
            changed += 1
    return changed


def save_group(
    session: Session, group: ItemGroup, content: GroupContent, members: list[QuestionContent], author_id: int, note=""
) -> tuple[int | None, int]:
    """Save an edit: (the new group version's number, or None if the shared text is unchanged; questions changed)."""
    current = members_of(session, group)
    if len(members) < len(current):
        raise Conflict(N_("Questions are removed one at a time with Remove on the group's page, not by the editor."))
    newest = versions_of(session, group)[-1]
    number = None
    if content.content_hash() != newest.content_hash:
        newest = _new_group_version(session, group, content, newest.number + 1, author_id, note.strip())
        number = newest.number
    return number, _save_members(session, current, members, group, newest, author_id, note.strip())


MIN_MEMBERS = 2  # a group of one question is a plain question with a long stem


def remove_member(session: Session, group: ItemGroup, uid: str, author_id: int) -> ItemGroupVersion:
    """Take question `uid` out of the group: a new group version asked with the other questions (renumbered in
    order), and the question becomes a standalone draft, kept in the bank to be edited or retired. Attempts keep
    the versions they showed. Returns the new group version; NotFound if `uid` is not asked with the group now,
    Conflict if the group would be left with fewer than two questions."""
    members = members_of(session, group)
    removed = next((m for m in members if m.question.uid == uid), None)
    if removed is None and not uid:
        raise NotFound(N_("Choose one of the questions of %(group)s."), group=group.uid)
    if removed is None:
        raise NotFound(
            N_("%(uid)s is not a question of %(group)s: choose one of its questions."), uid=uid, group=group.uid
        )
    if len(members) <= MIN_MEMBERS:
        raise Conflict(
            N_("%(uid)s has only %(count)s questions: retire the group instead of removing one."),
            uid=group.uid,
            count=len(members),
        )
    newest = versions_of(session, group)[-1]
    note = f"Removed {uid} (now a standalone draft)."
    version = _new_group_version(session, group, group_content(newest), newest.number + 1, author_id, note)
    kept = [m for m in members if m is not removed]
    _save_members(session, kept, [service.content_of(m.version) for m in kept], group, version, author_id, note)
    alone = add_version(session, removed.question, service.content_of(removed.version, standalone=True),
                        removed.version.topic, author_id)  # fmt: skip
    alone.change_note = f"Removed from the passage group {group.uid}."
    # Written to be read with the passage, it may not stand alone ("According to the passage..."): an instructor
    # reads it again before it can be drawn on its own.
    removed.question.status = "draft"
    audit(session, author_id, "edit", ("group", group.uid), f"Removed {uid} from {group.uid}: version {version.number}",
          question=uid, group_version=version.number, question_version=alone.number)  # fmt: skip
    session.flush()
    return version


def change_status(session: Session, group: ItemGroup, action: str, user_id: int, second_reader: bool) -> str:
    """Publish, retire or restore the group and every question asked with it; the new status. Conflict if the
    action does not apply now, or (second-reader rule) the user wrote the newest text of the group or a question."""
    if action not in workflow.TRANSITIONS:
        raise Conflict(N_("Unknown action %(action)r."), action=action)
    allowed, target = workflow.TRANSITIONS[action]
    if group.status not in allowed:
        raise workflow.refusal(group.uid, group.status, action)
    members = members_of(session, group)
    if action == "publish" and second_reader:
        authors = {versions_of(session, group)[-1].author_id} | {m.version.author_id for m in members}
        if user_id in authors:
            raise Conflict(N_("You wrote part of %(uid)s: another instructor must read and publish it."), uid=group.uid)
    now = utcnow()
    group.status = target
    for member in members:
        member.question.status = target
        if action == "publish":
            member.question.approved_by_id, member.question.approved_at = user_id, now
    session.flush()
    return target


def duplicate(session: Session, group: ItemGroup, author_id: int) -> ItemGroup:
    """A new draft group with the newest shared text and a copy of each question."""
    newest = versions_of(session, group)[-1]
    content = group_content(newest)
    members = [service.content_of(m.version) for m in members_of(session, group)]
    return create_group(session, content, members, author_id, f"Duplicated from {group.uid}.")


def group_content(version: ItemGroupVersion) -> GroupContent:
    return GroupContent(
        version.topic.section, version.topic.key, version.passage, version.source, version.hindi_passage
    )


def restore_version(session: Session, group: ItemGroup, number: int, author_id: int) -> int:
    """The shared text of an old version as a new version (its questions keep their newest text); its number."""
    versions = versions_of(session, group)
    old = next((v for v in versions if v.number == number), None)
    if old is None:
        raise NotFound(N_("%(uid)s has no version %(number)s."), uid=group.uid, number=number)
    if old.content_hash == versions[-1].content_hash:
        raise Conflict(
            N_("Version %(number)s has the same text as the newest version: nothing to restore."), number=number
        )
    members = [service.content_of(m.version) for m in members_of(session, group)]
    made, _changed = save_group(session, group, group_content(old), members, author_id, f"Restored version {number}.")
    return made


def diff(old: ItemGroupVersion, new: ItemGroupVersion) -> list[FieldDiff]:
    """Word-level differences of two versions' topic, source and shared texts."""
    fields = [
        (N_("Topic"), f"{old.topic.section}/{old.topic.key}", f"{new.topic.section}/{new.topic.key}"),
        (N_("Source"), old.source, new.source),
        (N_("Shared text"), old.passage, new.passage),
        (N_("Shared text (Hindi)"), old.hindi_passage, new.hindi_passage),
    ]
    return [FieldDiff(label, word_diff(a, b)) for label, a, b in fields]
