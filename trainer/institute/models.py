"""Institute tables: fixed papers (a frozen list of question versions) and live mocks with their shifts and results."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.bank.models import QuestionVersion
from trainer.core.clock import utcnow
from trainer.core.db import Base, UTCDateTime

DRAFT, FROZEN = "draft", "frozen"


class FixedPaper(Base):
    """A paper built once for a pattern: drafted to a blueprint, then frozen so every sitting shows the same items."""

    __tablename__ = "fixed_paper"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    pattern_code: Mapped[str] = mapped_column(String(80))
    pattern: Mapped[dict] = mapped_column(JSON)  # the rules as they were when the paper was made
    blueprint: Mapped[dict] = mapped_column(JSON, default=dict)  # {section: {topic: {difficulty: count}}}
    state: Mapped[str] = mapped_column(String(10), default=DRAFT)
    offered: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # a mock for everyone
    # else a mock for the members of these batches (FixedPaperBatch rows); neither: not offered
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    frozen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    items: Mapped[list[FixedPaperItem]] = relationship(
        back_populates="paper", order_by="FixedPaperItem.position", cascade="all, delete-orphan"
    )
    audience: Mapped[list[FixedPaperBatch]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    @property
    def frozen(self) -> bool:
        return self.state == FROZEN


class FixedPaperBatch(Base):
    """A batch a frozen paper is offered to as a mock: its members see it on their tests page."""

    __tablename__ = "fixed_paper_batch"

    paper_id: Mapped[int] = mapped_column(ForeignKey("fixed_paper.id", ondelete="CASCADE"), primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), primary_key=True, index=True)


class FixedPaperSitting(Base):
    """An attempt that sat a frozen paper (offered, assigned or as a live mock's shift): what "done it" looks up."""

    __tablename__ = "fixed_paper_sitting"

    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"), primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("fixed_paper.id"), index=True)


class FixedPaperItem(Base):
    """One position of a fixed paper: the question version, its option order and marks, as every sitting shows it."""

    __tablename__ = "fixed_paper_item"
    __table_args__ = (UniqueConstraint("paper_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("fixed_paper.id"))  # indexed by the unique (paper, position)
    position: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(String(40))
    version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"), index=True)
    option_order: Mapped[list] = mapped_column(JSON)
    marks_right: Mapped[float] = mapped_column(Float)
    marks_wrong: Mapped[float] = mapped_column(Float)

    paper: Mapped[FixedPaper] = relationship(back_populates="items")
    version: Mapped[QuestionVersion] = relationship()


class LiveMock(Base):
    """A scheduled sitting of one or more frozen papers (shifts) in a window, ranked together at release time.

    Offered to everyone, or only to the members of the batches in `audience` (LiveMockBatch rows).
    """

    __tablename__ = "live_mock"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    release_at: Mapped[datetime] = mapped_column(UTCDateTime)
    show_names: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # else initials
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    summary: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))  # topper, average, per section

    shifts: Mapped[list[LiveMockShift]] = relationship(
        order_by="LiveMockShift.number", cascade="all, delete-orphan", lazy="selectin"
    )
    audience: Mapped[list[LiveMockBatch]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class LiveMockBatch(Base):
    """A batch a live mock is offered to: only the members of its batches see and start it."""

    __tablename__ = "live_mock_batch"

    live_mock_id: Mapped[int] = mapped_column(ForeignKey("live_mock.id", ondelete="CASCADE"), primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), primary_key=True, index=True)


class LiveMockShift(Base):
    """A frozen paper sat as one shift of a live mock (numbered from 1)."""

    __tablename__ = "live_mock_shift"

    live_mock_id: Mapped[int] = mapped_column(ForeignKey("live_mock.id"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("fixed_paper.id"), index=True)

    paper: Mapped[FixedPaper] = relationship(lazy="selectin")


class LiveMockEntry(Base):
    """A candidate's place in a live mock: the shift they sit and their attempt. One per candidate and mock."""

    __tablename__ = "live_mock_entry"
    __table_args__ = (UniqueConstraint("live_mock_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    live_mock_id: Mapped[int] = mapped_column(ForeignKey("live_mock.id"))  # indexed by the unique (mock, user)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    shift: Mapped[int] = mapped_column(Integer)
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("attempt.id"), unique=True)


class LiveMockResult(Base):
    """One candidate's released standing: raw and normalised marks, rank and percentile, and per section."""

    __tablename__ = "live_mock_result"
    __table_args__ = (Index("ix_live_mock_result_rank", "live_mock_id", "rank"),)

    live_mock_id: Mapped[int] = mapped_column(ForeignKey("live_mock.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"))
    shift: Mapped[int] = mapped_column(Integer)
    raw: Mapped[float] = mapped_column(Float)
    normalised: Mapped[float] = mapped_column(Float)
    rank: Mapped[int] = mapped_column(Integer)
    percentile: Mapped[float] = mapped_column(Float)
    sections: Mapped[dict] = mapped_column(JSON)  # {section: {"raw", "normalised", "rank"}}
