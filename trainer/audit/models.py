"""The audit table: one row per recorded action, never updated or deleted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column

from trainer.core.clock import utcnow
from trainer.core.db import Base, UTCDateTime


class AuditEvent(Base):
    """Who did what to which object, when, with the details as JSON (append-only)."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_kind_id", "kind", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # None: the command line
    kind: Mapped[str] = mapped_column(String(30))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(String(300))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _append_only(_mapper, _connection, target: AuditEvent) -> None:
    raise PermissionError(f"The audit log is append-only: event {target.id} cannot be changed or deleted.")
