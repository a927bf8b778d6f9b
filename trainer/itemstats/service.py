"""What the pages read: stored statistics only (a few rows per page, whatever the number of attempts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer.bank.models import Question, QuestionVersion, Topic
from trainer.bank.service import latest_version_ids
from trainer.core.wording import ENGLISH, Wording
from trainer.itemstats import analysis
from trainer.itemstats.models import ItemStat, ItemStatsRun

PAGE_SIZE = 50
PUBLISHED = "published"


@dataclass
class VersionStats:
    """One version's stored statistics, ready for a template."""

    number: int
    stat: ItemStat | None
    min_attempts: int

    @property
    def n(self) -> int:
        return self.stat.n if self.stat else 0

    @property
    def enough(self) -> bool:
        return self.n >= self.min_attempts

    @property
    def flag_words(self) -> list[str]:
        return self.flags_in()

    def flags_in(self, wording: Wording = ENGLISH) -> list[str]:
        """The flags as sentences in the wording's language (none until there are enough attempts)."""
        if not self.stat or not self.enough:
            return []
        return analysis.stored_flag_words(self.stat.flags, wording)


@dataclass
class Panel:
    """The statistics panel of a question page: its newest version's, and a line for each older version."""

    current: VersionStats
    earlier: list[VersionStats] = field(default_factory=list)
    refreshed_at: datetime | None = None


def panel(session: Session, question: Question, min_attempts: int) -> Panel:
    """Two queries: the question's stored statistics and when they were last refreshed."""
    by_version = {s.version_id: s for s in session.scalars(select(ItemStat).where(ItemStat.question_id == question.id))}
    versions = sorted(question.versions, key=lambda v: v.number, reverse=True)
    lines = [VersionStats(v.number, by_version.get(v.id), min_attempts) for v in versions]
    earlier = [line for line in lines[1:] if line.stat is not None]
    return Panel(lines[0], earlier, last_refreshed(session))


def last_refreshed(session: Session) -> datetime | None:
    return session.scalar(select(ItemStatsRun.refreshed_at).where(ItemStatsRun.id == 1))


@dataclass(frozen=True)
class FlaggedRow:
    uid: str
    number: int
    section: str
    topic: Topic  # named on the page in its language (trainer.i18n.local_name)
    stat: ItemStat

    @property
    def flag_words(self) -> list[str]:
        return self.flags_in()

    def flags_in(self, wording: Wording = ENGLISH) -> list[str]:
        return analysis.stored_flag_words(self.stat.flags, wording)


def flagged(session: Session, min_attempts: int, page: int = 1) -> tuple[list[FlaggedRow], int]:
    """Published questions whose newest version has enough responses and a flag, worst first; (page rows, total)."""
    latest = latest_version_ids()
    where = (
        ItemStat.n >= min_attempts,
        ItemStat.severity > 0,
        Question.status == PUBLISHED,
    )
    joined = (
        select(ItemStat, Question.uid, QuestionVersion.number, Topic)
        .join(latest, latest.c.version_id == ItemStat.version_id)
        .join(Question, Question.id == ItemStat.question_id)
        .join(QuestionVersion, QuestionVersion.id == ItemStat.version_id)
        .join(Topic, Topic.id == QuestionVersion.topic_id)
        .where(*where)
    )
    total = session.scalar(
        select(func.count())
        .select_from(ItemStat)
        .join(latest, latest.c.version_id == ItemStat.version_id)
        .join(Question, Question.id == ItemStat.question_id)
        .where(*where)
    )
    rows = session.execute(
        joined.order_by(ItemStat.severity.desc(), ItemStat.n.desc(), Question.uid)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return [FlaggedRow(uid, number, topic.section, topic, stat) for stat, uid, number, topic in rows], total or 0
