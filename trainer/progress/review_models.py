"""The mistake notebook's table: one review card per candidate and question, with its FSRS state and due time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from trainer.core.clock import utcnow
from trainer.core.db import Base, UTCDateTime


class ReviewCard(Base):
    """A question the candidate got wrong or guessed: due for review when `due` has passed.

    It points at the question (the stable identity), not at a version: a review shows the newest published version,
    and a retired question leaves the queue.
    """

    __tablename__ = "review_card"
    __table_args__ = (
        UniqueConstraint("user_id", "question_id"),
        Index("ix_review_card_user_id_due", "user_id", "due"),  # "Review today (N)": due ≤ now, one range scan
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    card: Mapped[dict] = mapped_column(JSON)  # fsrs.Card.to_dict()
    due: Mapped[datetime] = mapped_column(UTCDateTime)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviews: Mapped[int] = mapped_column(Integer, default=0)  # answers that rated the card
    lapses: Mapped[int] = mapped_column(Integer, default=0)  # of which wrong (or marked and left blank)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
