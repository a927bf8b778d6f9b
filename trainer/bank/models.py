"""Bank tables: topics, questions (stable identity) and their immutable versions."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    insert,
    true,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from trainer.core.clock import utcnow
from trainer.core.db import Base, UTCDateTime


class Topic(Base):
    """A taxonomy node: a topic of one section, with its typical weight per paper and the weight's source."""

    __tablename__ = "topic"
    __table_args__ = (UniqueConstraint("section", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    section: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(120))
    name_hi: Mapped[str] = mapped_column(String(120), default="", server_default="")  # "": show the English name
    weights: Mapped[dict] = mapped_column(JSON, default=dict)
    weight_source: Mapped[str] = mapped_column(String(255), default="")


class Question(Base):
    """The stable identity of an item: what statistics, reports and histories point at."""

    __tablename__ = "question"
    # A draw reads a short window of one topic's drawable questions in random-key order, never the whole bank.
    __table_args__ = (Index("ix_question_draw", "kind", "status", "topic_id", "draw_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(120), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="published")
    kind: Mapped[str] = mapped_column(String(20), default="static", server_default="static")  # or "generator"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Who published it last, and when (with TRAINER_REQUIRE_SECOND_READER, never the last version's author).
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The newest version and what a draw needs of it, kept by `bank.service.add_version` (the only writer of
    # versions): the draw joins this pointer instead of grouping all versions. No foreign-key constraint: the two
    # tables would point at each other.
    current_version_id: Mapped[int | None] = mapped_column(Integer, index=True)
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"))
    # A random position, fixed at creation; None for a group member after the first (the group is drawn whole).
    draw_key: Mapped[float | None] = mapped_column(Float)
    # Copied from the current version too: reading them there costs a draw more than all else (wide rows).
    shuffle: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    group_version_id: Mapped[int | None] = mapped_column(Integer)

    versions: Mapped[list[QuestionVersion]] = relationship(back_populates="question", order_by="QuestionVersion.number")


class QuestionVersion(Base):
    """Immutable content of one question at one time; an edit adds a version, attempts pin the one shown."""

    __tablename__ = "question_version"
    __table_args__ = (UniqueConstraint("question_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), index=True)
    subtopic: Mapped[str] = mapped_column(String(120), default="")
    difficulty: Mapped[str] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(5), default="en")
    stem: Mapped[str] = mapped_column(Text)
    options: Mapped[list] = mapped_column(JSON)
    answer: Mapped[int] = mapped_column(Integer)  # index into options, as written
    explanation: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(255))
    shuffle: Mapped[bool] = mapped_column(Boolean, default=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    change_note: Mapped[str] = mapped_column(String(500), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    hindi: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))  # {"stem", "options", "explanation"}
    as_of: Mapped[date | None] = mapped_column(Date)
    group_version_id: Mapped[int | None] = mapped_column(ForeignKey("item_group_version.id"), index=True)
    group_position: Mapped[int | None] = mapped_column(Integer)
    generator: Mapped[str | None] = mapped_column(String(80))
    seed: Mapped[int | None] = mapped_column(BigInteger)
    # The sanitised HTML of every text above, made once by `rendering.render_version` when the version is created.
    rendered: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))

    question: Mapped[Question] = relationship(back_populates="versions")
    topic: Mapped[Topic] = relationship()
    group_version: Mapped[ItemGroupVersion | None] = relationship()


class ItemGroup(Base):
    """The stable identity of a shared stem: a reading passage, a cloze text, a data set."""

    __tablename__ = "item_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(120), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="published")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ItemGroupVersion(Base):
    """Immutable text of a group; its member questions' versions point at the one they were asked with."""

    __tablename__ = "item_group_version"
    __table_args__ = (UniqueConstraint("group_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("item_group.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"))
    passage: Mapped[str] = mapped_column(Text)
    hindi_passage: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(255))
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # None: loaded from the bank files
    change_note: Mapped[str] = mapped_column(String(500), default="", server_default="")
    rendered: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))  # {"passage", "hindi_passage"} as HTML

    group: Mapped[ItemGroup] = relationship()
    topic: Mapped[Topic] = relationship()


class BankState(Base):
    """One row: a random stamp replaced whenever the drawable bank changes (a question or topic is added, edited,
    published, retired or removed), so each app process can keep a prepared copy of what a draw reads and know
    with one primary-key read whether it is still current (trainer/bank/drawindex.py)."""

    __tablename__ = "bank_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    stamp: Mapped[int] = mapped_column(BigInteger)


def restamp(session) -> None:
    """Mark the drawable bank as changed: every process's prepared draw index is reloaded at its next draw.

    Called after every flush that adds, changes or deletes a question or topic (below). Bulk statements bypass
    that; the only ones on questions (trainer/authoring/discarding.py) delete drafts, which no draw reads.
    """
    table = BankState.__table__
    connection = session.connection()
    stamp = secrets.randbits(62)
    if connection.execute(update(table).where(table.c.id == 1).values(stamp=stamp)).rowcount == 0:
        connection.execute(insert(table).values(id=1, stamp=stamp))  # the row was removed (tests empty tables)


def _bank_changed(session) -> bool:
    watched = (Question, Topic)
    if any(isinstance(obj, watched) for obj in (*session.new, *session.deleted)):
        return True
    return any(isinstance(obj, watched) and session.is_modified(obj) for obj in session.dirty)


@event.listens_for(Session, "after_flush")
def _restamp_after_changes(session, _context) -> None:
    if _bank_changed(session):
        restamp(session)
