"""Summary of a candidate's answers per topic, refreshed whenever one of their attempts is graded."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trainer.bank.models import Topic
from trainer.core.db import Base, UTCDateTime


class TopicProgress(Base):
    __tablename__ = "topic_progress"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"), primary_key=True)
    attempted: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int] = mapped_column(Integer, default=0)
    seen: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime)

    topic: Mapped[Topic] = relationship()
