"""Export the bank (or a filter) to one file in GIFT, Moodle XML or CSV, through each format's writer."""

from __future__ import annotations

from sqlalchemy.orm import Session

from trainer.bank.interchange.formats import module
from trainer.bank.interchange.items import Item
from trainer.bank.interchange.native import newest_versions

SUFFIX = {"gift": ".gift", "moodle-xml": ".xml", "csv": ".csv"}


def bank_items(session: Session, section: str | None = None, topic: str | None = None) -> list[Item]:
    """Each hand-written question's newest version as an interchange item (category `section/topic`)."""
    items = []
    for row in newest_versions(session, section, topic):
        v = row.version
        hindi = (v.hindi["stem"], list(v.hindi["options"]), v.hindi["explanation"]) if v.hindi else None
        items.append(
            Item(
                path="",
                line=0,
                stem=v.stem,
                options=list(v.options),
                answer=v.answer,
                explanation=v.explanation,
                uid=row.question.uid,
                category=f"{v.topic.section}/{v.topic.key}",
                section=v.topic.section,
                topic=v.topic.key,
                difficulty=v.difficulty,
                source=v.source,
                subtopic=v.subtopic,
                hindi=hindi,
            )  # fmt: skip
        )
    return items


def export_text(session: Session, fmt: str, section: str | None = None, topic: str | None = None) -> tuple[str, int]:
    """(file text, question count) of the bank in a file format."""
    items = bank_items(session, section, topic)
    return module(fmt).write(items), len(items)
