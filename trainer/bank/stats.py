"""What the bank holds: hand-written items by section, topic, difficulty and language; generators; groups."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer.bank.generators import all_generators
from trainer.bank.models import ItemGroup, ItemGroupVersion, Question, QuestionVersion, Topic
from trainer.bank.service import latest_version_ids


def bank_stats(session: Session) -> dict:
    """Counts of published hand-written questions (newest versions), generator topics and groups."""
    latest = latest_version_ids()
    rows = session.execute(
        select(Topic.section, Topic.key, QuestionVersion.difficulty, QuestionVersion.hindi.is_not(None))
        .join(latest, latest.c.version_id == QuestionVersion.id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .join(Topic, Topic.id == QuestionVersion.topic_id)
        .where(Question.status == "published", Question.kind == "static")
    ).all()
    generators: dict[str, list[str]] = defaultdict(list)
    for gen in all_generators().values():
        generators[f"{gen.section}/{gen.topic}"].append(gen.key)
    groups = session.execute(
        select(Topic.section, Topic.key, func.count(func.distinct(ItemGroup.id)))
        .join(ItemGroupVersion, ItemGroupVersion.topic_id == Topic.id)
        .join(ItemGroup, ItemGroup.id == ItemGroupVersion.group_id)
        .where(ItemGroup.status == "published")
        .group_by(Topic.section, Topic.key)
    ).all()
    return {
        "total": len(rows),
        "by_section": dict(sorted(Counter(r[0] for r in rows).items())),
        "by_topic": dict(sorted(Counter(f"{r[0]}/{r[1]}" for r in rows).items())),
        "by_difficulty": dict(sorted(Counter(r[2] for r in rows).items())),
        "by_language": {"en": len(rows), "hi": sum(1 for r in rows if r[3])},
        "without_hindi": dict(sorted(Counter(f"{r[0]}/{r[1]}" for r in rows if not r[3]).items())),
        "generators": len(all_generators()),
        "generator_topics": {topic: sorted(keys) for topic, keys in sorted(generators.items())},
        "groups": {f"{section}/{key}": count for section, key, count in sorted(groups)},
    }
