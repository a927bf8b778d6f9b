"""What the exam page reads of an attempt's slots: one statement, whatever the paper's length, and no key."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.bank.models import QuestionVersion
from trainer.exam.models import Slot
from trainer.exam.screen import fragments


@dataclass(frozen=True)
class ShownSlot:
    """One position of the paper as the candidate sees it: its version's stored HTML in its shown option order.

    Plain values, not ORM objects: building a hundred slots and versions as objects cost more than the rest of the
    page's reading together, and the key, which the page must not hold, is not read at all.
    """

    id: int
    position: int
    section: str
    option_order: list[int]
    group_version_id: int | None  # the shared text (passage, data set) it is asked with
    html: dict  # the version's fragments: stem, options (as written), explanation, hindi


def shown_slots(session: Session, attempt_id: int) -> list[ShownSlot]:
    """The attempt's slots in paper order, each with its version's stored HTML (rendered here only if missing)."""
    rows = session.execute(
        select(
            Slot.id,
            Slot.position,
            Slot.section,
            Slot.option_order,
            QuestionVersion.group_version_id,
            QuestionVersion.rendered,
            Slot.version_id,
        )
        .join(QuestionVersion, QuestionVersion.id == Slot.version_id)
        .where(Slot.attempt_id == attempt_id)
        .order_by(Slot.position)
    )
    return [
        ShownSlot(id, position, section, order, group, rendered or fragments(session.get(QuestionVersion, version)))
        for id, position, section, order, group, rendered, version in rows
    ]
