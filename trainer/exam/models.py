"""Attempt tables: an attempt, its slots (the paper as shown) and the append-only steps."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.bank.models import QuestionVersion
from trainer.core.db import Base, UTCDateTime


class Attempt(Base):
    """One candidate sitting one paper; the deadline is stored, the result cached once graded."""

    __tablename__ = "attempt"
    # A candidate's newest attempts in order, and those in progress, without reading all of theirs (the tests page);
    # the first serves every look-up by user.
    __table_args__ = (
        Index("ix_attempt_user_started", "user_id", "started_at"),
        Index("ix_attempt_user_state", "user_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    pattern_code: Mapped[str] = mapped_column(String(80))
    pattern: Mapped[dict] = mapped_column(JSON, default=dict)  # the rules as they were when it started
    mode: Mapped[str] = mapped_column(String(20), default="strict")  # strict (mock) / practice
    timed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    state: Mapped[str] = mapped_column(String(20), default="in_progress")  # in_progress/submitted/expired
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deadline: Mapped[datetime] = mapped_column(UTCDateTime)
    extra_minutes: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[float | None] = mapped_column(Float)
    result: Mapped[dict | None] = mapped_column(JSON)

    slots: Mapped[list[Slot]] = relationship(back_populates="attempt", order_by="Slot.position")


class Slot(Base):
    """One position of the paper: the exact version shown, the option order shown, and its marks."""

    __tablename__ = "slot"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"))  # indexed by the unique (attempt, position)
    position: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(String(40))
    version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"), index=True)
    option_order: Mapped[list] = mapped_column(JSON)  # shown position -> index in version.options
    marks_right: Mapped[float] = mapped_column(Float)
    marks_wrong: Mapped[float] = mapped_column(Float)
    # Set by a regrade (trainer/reports): the corrected key as an index in this version's options, or the question
    # dropped as ambiguous (full marks). Unset, the version's own key grades the slot.
    regraded_key: Mapped[int | None] = mapped_column(Integer)
    dropped: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    attempt: Mapped[Attempt] = relationship(back_populates="slots")
    version: Mapped[QuestionVersion] = relationship()

    @property
    def key(self) -> int:
        """The key this slot is graded against: the version's, or the one a regrade corrected it to."""
        return self.version.answer if self.regraded_key is None else self.regraded_key


class Step(Base):
    """An append-only record of one candidate action; the client's id makes re-sent saves harmless."""

    __tablename__ = "step"
    __table_args__ = (UniqueConstraint("attempt_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"))  # indexed by the unique (attempt, client id)
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("slot.id"), index=True)  # a save reads its slots' steps
    client_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[int | None] = mapped_column(Integer)  # option index in version.options, not as shown
    client_time: Mapped[datetime | None] = mapped_column(UTCDateTime)
    server_time: Mapped[datetime] = mapped_column(UTCDateTime)


class SeenSummary(Base):
    """What a candidate has been shown, folded through one of their attempts (trainer/exam/seen.py): per question,
    how many times, packed as little-endian 32-bit pairs (question id, times)."""

    __tablename__ = "seen_summary"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    through_attempt: Mapped[int] = mapped_column(Integer)  # the candidate's attempts up to this id are counted
    counts: Mapped[bytes] = mapped_column(LargeBinary)
