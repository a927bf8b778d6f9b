"""Batch tables: the batch and its invite code, its staff, its members and its assignments."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from trainer.core.db import Base, UTCDateTime


class Batch(Base):
    """A group of candidates; candidates join with its invite code (or the link carrying it)."""

    __tablename__ = "batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(1000), default="")
    invite_code: Mapped[str] = mapped_column(String(32), unique=True)
    invite_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BatchStaff(Base):
    """An instructor (or admin) who follows the batch: its owner or a co-instructor."""

    __tablename__ = "batch_staff"

    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(20), default="instructor")  # owner / instructor
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BatchMember(Base):
    """A candidate in the batch, since `joined_at`."""

    __tablename__ = "batch_member"

    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True, index=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Assignment(Base):
    """A test set for the batch by a due date: a `kind` (see targets.py) and what it points at.

    `target` names the thing in the kind's own terms: "section/topic" for a drill, a pattern code for a test;
    a frozen paper or a live mock would store its id here as text.
    """

    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    target: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(String(500), default="")
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
