"""Write an audit event from any feature's service, and read the log a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.audit.models import AuditEvent
from trainer.auth.models import User
from trainer.core.clock import utcnow
from trainer.core.wording import N_

KINDS = {  # translated where shown
    "edit": N_("Question written or edited"),
    "publish": N_("Question published"),
    "retire": N_("Question retired"),
    "restore": N_("Question restored to draft"),
    "import": N_("Bank import"),
    "report": N_("Problem report resolved"),
    "regrade": N_("Regrade"),
    "role": N_("Role changed"),
    "audience": N_("Live mock or paper offered to others"),
}
PAGE_SIZE = 50
MAX_LIMIT = 1000


def record(
    session: Session, actor_id: int | None, action: str, obj: tuple[str, object], summary: str, **detail
) -> AuditEvent:
    """Append one event of kind `action`: `obj` is (object type, id), `detail` any JSON-ready facts. Flushes only."""
    if action not in KINDS:
        raise ValueError(f"unknown audit kind {action!r}")
    object_type, object_id = obj
    event = AuditEvent(
        at=utcnow(),
        actor_id=actor_id,
        kind=action,
        object_type=object_type,
        object_id=str(object_id)[:120],
        summary=summary[:300],
        detail=detail,
    )
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class AuditPage:
    events: list[tuple[AuditEvent, str]]  # each event with its actor's e-mail ("command line" for none)
    before: int | None  # the id to pass for the next (older) page, None on the last page


def events_page(session: Session, kind: str = "", before: int | None = None, limit: int = PAGE_SIZE) -> AuditPage:
    """The newest events (of one kind if given) older than event `before`, with their actors: one query."""
    limit = max(1, min(limit, MAX_LIMIT))
    query = select(AuditEvent, User.email).outerjoin(User, User.id == AuditEvent.actor_id)
    if kind:
        query = query.where(AuditEvent.kind == kind)
    if before is not None:
        query = query.where(AuditEvent.id < before)
    rows = session.execute(query.order_by(AuditEvent.id.desc()).limit(limit + 1)).all()
    events = [(event, email or "command line") for event, email in rows[:limit]]
    return AuditPage(events, events[-1][0].id if len(rows) > limit else None)
