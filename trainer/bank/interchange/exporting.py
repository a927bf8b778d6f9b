"""Export the bank (or a filter) to one file in GIFT, Moodle XML or CSV, through each format's writer."""

from __future__ import annotations

from sqlalchemy.orm import Session

from trainer.bank.interchange.formats import module
from trainer.bank.interchange.items import Item
from trainer.bank.interchange.native import newest_versions

SUFFIX = {"gift": ".gift", "moodle-xml": ".xml", "csv": ".csv"}


def skipped_members(session: Session, section: str | None = None, topic: str | None = None) -> int:
    """How many questions of passage groups a file export leaves out (the native format keeps them)."""
    return sum(1 for row in newest_versions(session, section, topic) if row.version.group_version_id is not None)


def bank_items(session: Session, section: str | None = None, topic: str | None = None) -> list[Item]:
    """Each hand-written question's newest version as an interchange item (category `section/topic`), bar the
    questions of passage groups: GIFT, Moodle XML and CSV have no shared stem."""
    items = []
    for row in newest_versions(session, section, topic):
        v = row.version
        if v.group_version_id is not None:  # passages have no place in these formats: see skipped_members
            continue
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
                as_of=v.as_of.isoformat() if v.as_of else "",
                shuffle=v.shuffle,
                language=v.language,
            )
        )
    return items


def export_text(session: Session, fmt: str, section: str | None = None, topic: str | None = None) -> tuple[str, int]:
    """(file text, question count) of the bank in a file format."""
    items = bank_items(session, section, topic)
    return module(fmt).write(items), len(items)
