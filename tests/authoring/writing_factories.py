"""Factories for group authoring and web imports: a draft passage group, a stored upload."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from trainer.authoring import groups, uploads
from trainer.bank.models import Topic
from trainer.bank.parsing import GroupContent, QuestionContent
from trainer.core.clock import utcnow
from trainer.extensions import db

GIFT = """$CATEGORY: $course$/top/Maths Year 1/Percentages

::pct-1:: What is 10% of 50? {
=5 # A tenth of 50 is 5.
~10
~15
~20
}
"""


def member(n: int, section: str = "english", topic: str = "reading-comprehension", **changes) -> QuestionContent:
    values = dict(
        section=section, topic=topic, difficulty="medium", stem=f"Question {n} about the passage?",
        options=(f"alpha {n}", f"beta {n}", f"gamma {n}", f"delta {n}"), answer=n % 4,
        explanation=f"The passage says so in line {n}.", source="original",
    )  # fmt: skip
    return QuestionContent(**(values | changes))


def make_group(session, author_id: int | None = None, members: int = 2, topic: Topic | None = None):
    """A draft passage group with `members` questions, in the given topic (english/reading-comprehension made if
    missing)."""
    if topic is None:
        topic = session.scalar(select(Topic).where(Topic.section == "english", Topic.key == "reading-comprehension"))
    if topic is None:
        topic = Topic(section="english", key="reading-comprehension", name="Reading", weights={}, weight_source="t")
        session.add(topic)
        session.flush()
    content = GroupContent(topic.section, topic.key, "A short passage about rivers and the sea.", "original")
    contents = [member(n, topic.section, topic.key) for n in range(1, members + 1)]
    return groups.create_group(session, content, contents, author_id)


def group_uid(app, author_id: int | None = None) -> str:
    with app.app_context():
        group = make_group(db.session, author_id)
        db.session.commit()
        return group.uid


def upload_token(app, owner_id: int, name: str = "questions.gift", data: str = GIFT) -> str:
    """A GIFT file stored as the owner's upload; its token."""
    with app.app_context():
        root = Path(app.config["IMPORT_FOLDER"])
        return uploads.store(root, owner_id, name, "gift", data.encode(), utcnow()).token
