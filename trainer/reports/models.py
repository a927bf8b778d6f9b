"""Report tables: a candidate's report on a question version, a resolution, a regrade and its per-attempt log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.core.clock import utcnow
from trainer.core.db import Base, UTCDateTime
from trainer.core.wording import N_

REASONS = {  # translated where shown
    "wrong_key": N_("The answer key is wrong"),
    "ambiguous": N_("More than one answer fits (ambiguous)"),
    "typo": N_("Typo or formatting mistake"),
    "outdated": N_("Outdated (facts have changed)"),
    "hindi": N_("The Hindi text differs from the English"),
    "other": N_("Something else"),
}
# What became of a report, as its author reads it (the staff's choices are reports.service.RESOLUTIONS).
OUTCOMES = {
    "dismissed": N_("No change needed"),
    "fixed": N_("Fixed by the newest version"),
    "dropped": N_("Dropped as ambiguous: full marks to every candidate"),
}
OPEN, RESOLVED = "open", "resolved"


class ProblemReport(Base):
    """One candidate's report on the version of a question they were shown; at most one open per version."""

    __tablename__ = "problem_report"
    __table_args__ = (
        Index(
            "uq_problem_report_open",
            "user_id",
            "version_id",
            unique=True,
            sqlite_where=text("state = 'open'"),
            postgresql_where=text("state = 'open'"),
        ),
        Index("ix_problem_report_question_id_state", "question_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"))
    version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"))
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("attempt.id"))
    position: Mapped[int | None] = mapped_column(Integer)  # the slot it was reported from
    reason: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(1000), default="")
    state: Mapped[str] = mapped_column(String(12), default=OPEN)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolution_id: Mapped[int | None] = mapped_column(ForeignKey("report_resolution.id"))

    resolution: Mapped[ReportResolution | None] = relationship()


class ReportResolution(Base):
    """How staff closed a question's open reports: dismissed (with a note), fixed by a version, or dropped."""

    __tablename__ = "report_resolution"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # dismissed / fixed / dropped
    note: Mapped[str] = mapped_column(String(1000), default="")
    version_id: Mapped[int | None] = mapped_column(ForeignKey("question_version.id"))  # the fixing version
    regrade_id: Mapped[int | None] = mapped_column(ForeignKey("regrade.id"))
    by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Regrade(Base):
    """One regrade of a question's graded attempts: against a corrected key, or dropping it (full marks)."""

    __tablename__ = "regrade"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # key / drop
    version_id: Mapped[int | None] = mapped_column(ForeignKey("question_version.id"))  # whose key now grades
    reason: Mapped[str] = mapped_column(String(1000), default="")
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # attempts regraded
    changed: Mapped[int] = mapped_column(Integer, default=0)  # of which the score changed


class RegradeEntry(Base):
    """The regrade log: one attempt's question graded again, with the key before and after and both scores."""

    __tablename__ = "regrade_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    regrade_id: Mapped[int] = mapped_column(ForeignKey("regrade.id"), index=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    position: Mapped[int] = mapped_column(Integer)
    old_key: Mapped[int | None] = mapped_column(Integer)
    new_key: Mapped[int | None] = mapped_column(Integer)  # None: dropped
    old_score: Mapped[float] = mapped_column(Float)
    new_score: Mapped[float] = mapped_column(Float)

    regrade: Mapped[Regrade] = relationship()
