"""Progress summaries kept in step with graded attempts, and the candidate's study target."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.bank.models import Topic
from trainer.core.db import Base, UTCDateTime


class TopicProgress(Base):
    """A candidate's answers in one topic: lifetime counts, and counts that fade with each newer attempt."""

    __tablename__ = "topic_progress"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), primary_key=True)
    attempted: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int] = mapped_column(Integer, default=0)
    seen: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Right and wrong answers with older attempts' counts decayed (mastery weighs recent answers more).
    recent_right: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    recent_wrong: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")

    topic: Mapped[Topic] = relationship()


class TopicFacility(Base):
    """Every candidate's answers in one topic added up: the topic's facility, the prior of each mastery estimate."""

    __tablename__ = "topic_facility"

    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), primary_key=True)
    attempted: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int] = mapped_column(Integer, default=0)


class AttemptSummary(Base):
    """What the progress page shows of one graded attempt, so it never reads the attempt's rules or steps."""

    __tablename__ = "attempt_summary"
    __table_args__ = (Index("ix_attempt_summary_user_id_finished_at", "user_id", "finished_at"),)

    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    pattern_code: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(200))
    paper: Mapped[str] = mapped_column(String(20))  # tier1 / tier2
    kind: Mapped[str] = mapped_column(String(20))  # full / sectional / topic
    mode: Mapped[str] = mapped_column(String(20))  # strict / practice
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime)
    score: Mapped[float] = mapped_column(Float)
    max_marks: Mapped[float] = mapped_column(Float)
    # section key -> {"name", "right", "wrong", "blank", "score", "max"}
    sections: Mapped[dict] = mapped_column(JSON, default=dict)


class StudyTarget(Base):
    """The exam a candidate is preparing for and its date."""

    __tablename__ = "study_target"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    paper: Mapped[str] = mapped_column(String(20))  # tier1 / tier2
    exam_date: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
