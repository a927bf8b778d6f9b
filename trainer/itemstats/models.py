"""Item-statistics tables: responses binned per question version, the statistics kept, and the refresh queue."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from trainer.core.db import Base, UTCDateTime


class ItemClaim(Base):
    """The one response of a candidate that counts for a version: from their first graded strict attempt with it.

    The primary key makes a second attempt (or the same attempt refreshed twice) add nothing.
    """

    __tablename__ = "item_claim"

    version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)


class ItemBin(Base):
    """How many counted responses to a version chose `answer` (-1: none) with these item and rest-of-test scores.

    Scores are kept in steps (`analysis.SCALE`, `analysis.REST_STEPS`), so a version has a few hundred bins at most,
    however many candidates answer it: a refresh reads a version's bins, never its attempts.
    """

    __tablename__ = "item_bin"

    version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"), primary_key=True)
    answer: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    item_key: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    rest_key: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer, default=0)


class ItemStat(Base):
    """A version's statistics as of the last refresh; pages read these rows only."""

    __tablename__ = "item_stat"

    version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"), primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    n: Mapped[int] = mapped_column(Integer)
    facility: Mapped[float | None] = mapped_column(Float)
    sd: Mapped[float | None] = mapped_column(Float)
    discrimination: Mapped[float | None] = mapped_column(Float)
    efficiency: Mapped[float | None] = mapped_column(Float)
    options: Mapped[list] = mapped_column(JSON, default=list)  # [{answer, is_key, count, overall, top, bottom}]
    flags: Mapped[list] = mapped_column(JSON, default=list)  # [{code, option}], worst first
    severity: Mapped[int] = mapped_column(Integer, default=0, index=True)  # analysis.severity; 0: no flag
    refreshed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ItemStatsPending(Base):
    """A graded strict attempt not yet counted: grading adds the row, `stats refresh` takes it away.

    This queue is the refresh's watermark: a refresh reads only these attempts, whatever order they committed in.
    """

    __tablename__ = "item_stats_pending"

    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), primary_key=True, autoincrement=False)


class ItemStatsRun(Base):
    """When statistics were last refreshed and how much that run did (one row: id 1)."""

    __tablename__ = "item_stats_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    refreshed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # attempts counted by the last run
    versions: Mapped[int] = mapped_column(Integer, default=0)  # versions whose statistics it recomputed
