"""Loads what the bank-health page shows, in a fixed number of aggregate queries whatever the bank's size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer.authoring.health import REVIEW_AFTER_DAYS, PatternSupply, TopicSupply, pattern_supply, scarcest_first
from trainer.bank.models import ItemGroup, ItemGroupVersion, Question, QuestionVersion, Topic
from trainer.bank.service import latest_version_ids
from trainer.bank.similarity import near_duplicates
from trainer.bank.stats import bank_stats
from trainer.bank.taxonomy import TopicDef
from trainer.exam.patterns import all_patterns


@dataclass(frozen=True)
class StaleItem:
    uid: str
    topic: Topic
    as_of: date


@dataclass(frozen=True)
class BankHealth:
    topics: list[TopicSupply]  # scarcest first
    papers: tuple[str, ...]
    patterns: list[PatternSupply]
    without_hindi: dict[str, int]  # "section/topic" → published items without a Hindi version
    english_only: tuple[str, ...]  # sections no pattern asks in Hindi
    stale: list[StaleItem]
    stale_before: date
    near_duplicates: list[tuple[str, str, float]]
    compared: int  # items and passages compared for near-duplicates


def _published_latest():
    """A select of the uids of published hand-written items, joined to their newest version, to build on."""
    latest = latest_version_ids()
    return (
        select(Question.uid)
        .join(latest, latest.c.question_id == Question.id)
        .join(QuestionVersion, QuestionVersion.id == latest.c.version_id)
        .where(Question.status == "published", Question.kind == "static")
    )


def stale_items(session: Session, before: date) -> list[StaleItem]:
    """Published items whose newest version states a fact last checked before `before`, oldest first."""
    rows = session.execute(
        _published_latest()
        .add_columns(Topic, QuestionVersion.as_of)
        .join(Topic, Topic.id == QuestionVersion.topic_id)
        .where(QuestionVersion.as_of.is_not(None), QuestionVersion.as_of < before)
        .order_by(QuestionVersion.as_of, Question.uid)
    ).all()
    return [StaleItem(uid, topic, as_of) for uid, topic, as_of in rows]


def duplicate_pairs(session: Session) -> tuple[list[tuple[str, str, float]], int]:
    """Near-duplicate pairs among published single items and among group passages (the import gate's rule).

    Two queries; the comparison is in memory, roughly linear in the bank (shingles are indexed).
    """
    singles = session.execute(
        _published_latest()
        .add_columns(QuestionVersion.stem, QuestionVersion.options)
        .where(QuestionVersion.group_version_id.is_(None))
        .order_by(Question.uid)
    ).all()
    newest_group = select(func.max(ItemGroupVersion.id).label("id")).group_by(ItemGroupVersion.group_id).subquery()
    passages = session.execute(
        select(ItemGroup.uid, ItemGroupVersion.passage)
        .join(newest_group, newest_group.c.id == ItemGroupVersion.id)
        .join(ItemGroup, ItemGroup.id == ItemGroupVersion.group_id)
        .where(ItemGroup.status == "published")
        .order_by(ItemGroup.uid)
    ).all()
    texts = [(uid, f"{stem} {' '.join(str(o) for o in options)}") for uid, stem, options in singles]
    return near_duplicates(texts) + near_duplicates([tuple(row) for row in passages]), len(texts) + len(passages)


def supply(session: Session, stats: dict) -> tuple[list[TopicSupply], list[PatternSupply]]:
    """Each topic's supply (scarcest first) and, per exam pattern, papers drawable without repeating an item."""
    patterns = sorted(all_patterns().values(), key=lambda p: p.code)
    papers = tuple(sorted({p.paper for p in patterns}))
    topics = scarcest_first(
        [
            TopicSupply(
                t.section,
                t.key,
                t.name,
                stats["by_topic"].get(f"{t.section}/{t.key}", 0),
                {paper: TopicDef(t.section, t.key, t.name, t.weights).weight(paper) for paper in papers},
                f"{t.section}/{t.key}" in stats["generator_topics"],
                t.name_hi,
            )
            for t in session.scalars(select(Topic))
        ]
    )
    supplies = [
        pattern_supply(p.code, p.name, p.paper, {s.subject: s.topics for s in p.sections}, topics) for p in patterns
    ]
    return topics, supplies


def bank_health(session: Session, today: date) -> BankHealth:
    """Supply per topic and per pattern, items without Hindi, facts due for review and near-duplicate pairs."""
    stats = bank_stats(session)
    topics, supplies = supply(session, stats)
    patterns = sorted(all_patterns().values(), key=lambda p: p.code)
    papers = tuple(sorted({p.paper for p in patterns}))
    english_only = tuple(
        sorted(
            {s.subject for p in patterns for s in p.sections}
            - {s.subject for p in patterns for s in p.sections if "hi" in s.languages}
        )
    )
    without_hindi = {
        topic: count for topic, count in stats["without_hindi"].items() if topic.split("/")[0] not in english_only
    }
    before = today - timedelta(days=REVIEW_AFTER_DAYS)
    pairs, compared = duplicate_pairs(session)
    return BankHealth(
        topics, papers, supplies, without_hindi, english_only, stale_items(session, before), before, pairs, compared
    )
