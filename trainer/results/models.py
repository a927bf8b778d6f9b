"""Results tables: score distributions per pattern and section, each candidate's counted attempt, cut-offs."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from trainer.core.db import Base

TOTAL = ""  # the section key of a pattern's whole-paper distribution


class ScoreBin(Base):
    """How many counted attempts scored exactly this many marks (in hundredths) on a pattern's section.

    Marks are multiples of 0.25, so hundredths are exact: one bin per distinct score, and ranks are exact.
    `seconds` is the time those candidates spent on the section in all, for the pace of the top 10%.
    """

    __tablename__ = "score_bin"

    pattern_code: Mapped[str] = mapped_column(String(80), primary_key=True)
    section: Mapped[str] = mapped_column(String(40), primary_key=True)  # TOTAL for the whole paper
    centimarks: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)


class FirstAttempt(Base):
    """The one attempt of a candidate at a pattern that counts in its distribution: the first graded strict one.

    The primary key makes two attempts graded at the same moment count once (the second insert does nothing).
    """

    __tablename__ = "first_attempt"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    pattern_code: Mapped[str] = mapped_column(String(80), primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), unique=True)


class Cutoff(Base):
    """A published cut-off: marks needed in one year, for one category, at one stage of one paper."""

    __tablename__ = "cutoff"
    __table_args__ = (UniqueConstraint("paper", "stage", "year", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    paper: Mapped[str] = mapped_column(String(20))  # a pattern's `paper`: tier1 / tier2
    stage: Mapped[str] = mapped_column(String(120))  # e.g. "Tier-I, all other posts"
    year: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(8))
    marks: Mapped[float] = mapped_column(Float)
    out_of: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(255), default="")
    note: Mapped[str] = mapped_column(String(255), default="")
