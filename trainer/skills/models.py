"""The typing attempt: the passage as shown, the deadline, the latest text the server holds, the result once scored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from trainer.core.db import Base, UTCDateTime


class TypingAttempt(Base):
    """One sitting of a DEST passage (a test, a warm-up or a drill of the candidate's error words)."""

    __tablename__ = "typing_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # test / warmup / drill
    passage_key: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    passage_text: Mapped[str] = mapped_column(Text)  # as shown: a passage file edited later changes nothing here
    minutes: Mapped[int] = mapped_column(Integer)
    extra_minutes: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deadline: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(20), default="in_progress")  # in_progress / submitted / expired
    # The latest text, when the page says it was typed (corrected to the server's clock), and the page's id for it.
    text: Mapped[str] = mapped_column(Text, default="")
    text_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    text_step: Mapped[str] = mapped_column(String(64), default="")
    keys: Mapped[int] = mapped_column(Integer, default=0)  # keys pressed, corrections included (the page counts)
    pastes: Mapped[int] = mapped_column(Integer, default=0)  # pastes and drops refused by the page
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    result: Mapped[dict | None] = mapped_column(JSON)
    # Copied out of `result` for the history chart, which then reads no JSON.
    kdph: Mapped[float | None] = mapped_column(Float)
    wpm: Mapped[float | None] = mapped_column(Float)
    error_pct: Mapped[float | None] = mapped_column(Float)
    qualified: Mapped[bool | None] = mapped_column(Boolean)
