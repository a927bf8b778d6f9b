"""The batch dashboard's data: members × topics mastery, weakest topics, who is behind, assignments done.

A fixed number of queries whatever the number of members: every read joins the batch's member rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer.auth.models import User
from trainer.bank.models import Topic
from trainer.batches import analysis, behind
from trainer.batches.analysis import Cell, TopicStanding
from trainer.batches.assignments import done_by, facts_since, recent
from trainer.batches.models import Assignment, Batch, BatchMember
from trainer.core.clock import days_since
from trainer.core.wording import ENGLISH, Wording
from trainer.progress.dashboard import topic_weights
from trainer.progress.drill import PAPERS
from trainer.progress.mastery import PRIOR_MEAN, point_mastery, prior_mean
from trainer.progress.models import AttemptSummary, TopicFacility, TopicProgress
from trainer.progress.study import TopicWeight

MOCKS_READ = max(behind.FALLING_MOCKS, behind.RECENT_MOCKS)


@dataclass(frozen=True)
class MemberRow:
    user: User
    joined_at: datetime
    cells: list[Cell]
    level: float | None  # average of the last strict mocks, % of marks
    last_mock: datetime | None
    behind: list[str]
    accuracy: float | None


@dataclass(frozen=True)
class SectionComparison:
    section: str
    batch: float | None
    everyone: float | None


@dataclass(frozen=True)
class AssignmentRow:
    assignment: Assignment
    done: set[int]


@dataclass(frozen=True)
class Dashboard:
    batch: Batch
    paper: str
    paper_name: str
    topics: list[TopicWeight]  # the heat-map's columns, section by section
    members: list[MemberRow]
    standings: list[TopicStanding]  # one per column
    weakest: list[TopicStanding]
    median: float | None
    sections: list[SectionComparison]
    assignments: list[AssignmentRow]
    zone: tzinfo = UTC  # where the batch is: the CSV writes its dates there

    @property
    def behind(self) -> list[MemberRow]:
        return [m for m in self.members if m.behind]


def _members(session: Session, batch: Batch) -> list[tuple[User, datetime]]:
    rows = session.execute(
        select(User, BatchMember.joined_at)
        .join(BatchMember, BatchMember.user_id == User.id)
        .where(BatchMember.batch_id == batch.id, User.disabled_at.is_(None))
        .order_by(User.name, User.id)
    )
    return [(user, joined) for user, joined in rows]


def _progress_rows(session: Session, batch: Batch) -> dict[int, list]:
    """Each member's per-topic rows, as plain rows (thousands of them on a big batch: no ORM objects)."""
    p = TopicProgress
    rows = session.execute(
        select(p.user_id, p.topic_id, p.attempted, p.correct, p.recent_right, p.recent_wrong, p.last_seen)
        .join(BatchMember, BatchMember.user_id == p.user_id)
        .where(BatchMember.batch_id == batch.id)
    )
    found = defaultdict(list)
    for row in rows:
        found[row.user_id].append(row)
    return found


def _mocks(session: Session, batch: Batch) -> dict[int, list[behind.Mock]]:
    """Each member's most recent strict full mocks, newest first (a window query: MOCKS_READ per member)."""
    ranked = (
        select(
            AttemptSummary.user_id,
            AttemptSummary.finished_at,
            AttemptSummary.score,
            AttemptSummary.max_marks,
            func.row_number()
            .over(
                partition_by=AttemptSummary.user_id,
                order_by=(AttemptSummary.finished_at.desc(), AttemptSummary.attempt_id.desc()),
            )
            .label("n"),
        )
        .join(BatchMember, BatchMember.user_id == AttemptSummary.user_id)
        .where(BatchMember.batch_id == batch.id, AttemptSummary.kind == "full", AttemptSummary.mode == "strict")
        .subquery()
    )
    found = defaultdict(list)
    for user_id, finished, score, top, _ in session.execute(
        select(ranked).where(ranked.c.n <= MOCKS_READ).order_by(ranked.c.user_id, ranked.c.n)
    ):
        found[user_id].append(behind.Mock(finished, behind.percent(score, top)))
    return found


def dashboard(
    session: Session, batch: Batch, paper: str, now: datetime, words: Wording = ENGLISH, zone: tzinfo = UTC
) -> Dashboard:
    """Everything the batch dashboard (and its CSV) shows, for the paper whose topic weights rank the topics; the
    reasons a member is behind in `words` (the page passes the reader's, the CSV keeps English); days since a topic
    was practised counted in calendar days of `zone`, where the batch is."""
    paper = paper if paper in PAPERS else "tier1"
    members = _members(session, batch)
    progress = _progress_rows(session, batch)
    mocks = _mocks(session, batch)
    topic_rows = session.execute(
        select(Topic, TopicFacility).outerjoin(TopicFacility, TopicFacility.topic_id == Topic.id)
    ).all()
    topics = {t.id: t for t, _ in topic_rows}
    priors, facility, everyone = {}, {}, defaultdict(list)
    for topic, fac in topic_rows:
        key = (topic.section, topic.key)
        prior = prior_mean(fac.attempted, fac.correct) if fac is not None else PRIOR_MEAN
        priors[key] = point_mastery(0, 0, 0, prior)
        if fac is not None and fac.attempted:
            facility[key] = fac.correct / fac.attempted
            everyone[topic.section].append((fac.attempted, fac.correct))
    weights = sorted(
        (w for w in topic_weights([t for t, _ in topic_rows], paper) if w.questions > 0),
        key=lambda w: (w.section, w.name),
    )
    today = now.astimezone(zone).date()
    levels, idle, tallies = {}, {}, defaultdict(list)
    for user, _ in members:
        levels[user.id], idle[user.id] = {}, {}
        for row in progress.get(user.id, []):
            topic = topics[row.topic_id]
            key = (topic.section, topic.key)
            levels[user.id][key] = point_mastery(row.recent_right, row.recent_wrong, row.attempted, priors[key].mean)
            if row.last_seen is not None:
                idle[user.id][key] = days_since(row.last_seen, today, zone)
            tallies[(user.id, topic.section)].append((row.attempted, row.correct))
    standings = analysis.topic_standings(weights, levels, idle, priors, facility)
    median = behind.batch_median([behind.level(mocks.get(u.id, [])) for u, _ in members])
    sections = sorted({w.section for w in weights})
    rows = [
        MemberRow(
            user,
            joined,
            [analysis.cell(levels[user.id].get((w.section, w.key))) for w in weights],
            behind.level(mocks.get(user.id, [])),
            mocks[user.id][0].finished_at if mocks.get(user.id) else None,
            behind.reasons(mocks.get(user.id, []), median, now, words),
            analysis.accuracy([p for s in sections for p in tallies[(user.id, s)]]),
        )
        for user, joined in members
    ]
    comparisons = [
        SectionComparison(
            s, analysis.accuracy([p for u, _ in members for p in tallies[(u.id, s)]]), analysis.accuracy(everyone[s])
        )
        for s in sections
    ]
    listed = recent(session, batch)
    facts = facts_since(session, min(a.created_at for a in listed), batch_id=batch.id) if listed else []
    done = done_by(listed, facts)
    return Dashboard(
        batch,
        paper,
        PAPERS[paper],
        weights,
        rows,
        standings,
        analysis.weakest(standings),
        median,
        comparisons,
        [AssignmentRow(a, done[a.id]) for a in listed],
        zone,
    )
