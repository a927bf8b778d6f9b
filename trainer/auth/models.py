"""The user account."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from trainer.core.clock import utcnow
from trainer.core.db import Base, UTCDateTime

CATEGORIES = ("UR", "OBC", "EWS", "SC", "ST")


class User(UserMixin, Base):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default="candidate")
    category: Mapped[str] = mapped_column(String(8), default="UR")
    scribe_eligible: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Every signed-in session carries the generation it was opened under; raising it ends them all at once.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # The interface language the account chose with the header switch ("en", "hi"); None: follow the browser.
    locale: Mapped[str | None] = mapped_column(String(8), default=None)

    @property
    def is_active(self) -> bool:
        """Flask-Login's flag: a disabled account cannot sign in."""
        return self.disabled_at is None

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
