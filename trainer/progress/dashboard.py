"""Everything the progress page and GET /api/v1/progress show, from summary rows in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from trainer.auth.models import User
from trainer.bank.models import Topic
from trainer.bank.taxonomy import TopicDef
from trainer.core.clock import days_since
from trainer.core.wording import ENGLISH, Wording
from trainer.progress.analytics import Prediction, predict
from trainer.progress.cutoffs import Cutoff, latest_cutoff
from trainer.progress.drill import PAPERS, paper_pattern
from trainer.progress.mastery import PRIOR_MEAN, Mastery, mastery, prior_mean
from trainer.progress.models import StudyTarget, TopicFacility, TopicProgress
from trainer.progress.study import Stake, TopicWeight, Week, days_left, study_next, weekly_plan
from trainer.progress.summaries import recent_mock_scores, recent_summaries
from trainer.progress.trends import Trends, day_label, trends

STUDY_NEXT_SHOWN = 5


@dataclass(frozen=True)
class TopicLevel:
    section: str
    key: str
    name: str
    mastery: Mastery
    attempted: int
    correct: int
    avg_seconds: float | None
    last_seen: datetime | None
    name_hi: str = ""  # the name on Hindi pages (trainer.i18n.local_name)


@dataclass(frozen=True)
class Target:
    paper: str
    paper_name: str
    exam_date: date | None
    days_left: int | None
    plan: list[Week[TopicWeight]]


@dataclass(frozen=True)
class Forecast:
    prediction: Prediction | None
    cutoff: Cutoff | None
    chance: float | None
    category: str
    mocks: int


@dataclass(frozen=True)
class Progress:
    topics: list[TopicLevel]
    study_next: list[Stake]
    trends: Trends
    forecast: Forecast
    target: Target


def topic_levels(session: Session, user_id: int) -> tuple[list[TopicLevel], list[Topic], dict]:
    """Every topic with the candidate's mastery, in one query.

    Returns the topics the candidate has seen, weakest first; all topics; and the mastery of every topic by
    (section, key), each estimate starting from the topic's facility over all candidates.
    """
    rows = session.execute(
        select(Topic, TopicProgress, TopicFacility)
        .outerjoin(TopicProgress, and_(TopicProgress.topic_id == Topic.id, TopicProgress.user_id == user_id))
        .outerjoin(TopicFacility, TopicFacility.topic_id == Topic.id)
        .order_by(Topic.section, Topic.key)
    ).all()
    levels, every = [], {}
    for topic, row, facility in rows:
        prior = prior_mean(facility.attempted, facility.correct) if facility is not None else PRIOR_MEAN
        if row is None:
            every[(topic.section, topic.key)] = mastery(0, 0, 0, prior)
            continue
        level = mastery(row.recent_right, row.recent_wrong, row.attempted, prior)
        every[(topic.section, topic.key)] = level
        seconds = row.seconds / row.seen if row.seen else None
        levels.append(
            TopicLevel(
                topic.section,
                topic.key,
                topic.name,
                level,
                row.attempted,
                row.correct,
                seconds,
                row.last_seen,
                topic.name_hi,
            )  # fmt: skip
        )
    levels.sort(key=lambda t: (t.attempted == 0, t.mastery.mean, -t.attempted, t.section, t.name))
    return levels, [topic for topic, _, _ in rows], every


def topic_weights(topics: list[Topic], paper: str) -> list[TopicWeight]:
    """What a question of each topic is worth in the paper: its typical count there and the section's marks."""
    pattern = paper_pattern(paper)
    marks = {s.subject: (s.marks_right, s.marks_wrong) for s in reversed(pattern.sections)}
    return [
        TopicWeight(
            t.section,
            t.key,
            t.name,
            TopicDef(t.section, t.key, t.name, t.weights).weight(paper),
            *marks[t.section],
            name_hi=t.name_hi,
        )
        for t in topics
        if t.section in marks
    ]


def forecast(session: Session, user: User) -> Forecast:
    """The predicted Tier-I score from recent strict mocks and the chance of clearing the latest cut-off."""
    mocks = recent_mock_scores(session, user.id, "tier1")
    pattern = paper_pattern("tier1")
    lowest = -sum(s.questions * s.marks_wrong for s in pattern.sections)
    prediction = predict([m.score for m in mocks], pattern.max_marks, lowest)
    cutoff = latest_cutoff(session, "tier1", user.category, pattern.max_marks)
    chance = prediction.chance_above(cutoff.marks) if prediction and cutoff else None
    return Forecast(prediction, cutoff, chance, user.category, len(mocks))


def progress(
    session: Session,
    user: User,
    today: date,
    words: Wording = ENGLISH,
    label: Callable[[datetime], str] = day_label,
    zone: tzinfo = UTC,
) -> Progress:
    """The candidate's whole progress page: mastery, study next, trends, prediction, target and plan.

    `today` is the date in `zone`, where the candidate is; days since a topic was practised, and the dates under the
    charts, are dates in that zone too. Sentences come in `words` and chart dates from `label` (the page passes the
    reader's; the JSON keeps English).
    """
    levels, topics, by_topic = topic_levels(session, user.id)
    target_row = session.get(StudyTarget, user.id)
    paper = target_row.paper if target_row is not None and target_row.paper in PAPERS else "tier1"
    idle = {(t.section, t.key): days_since(t.last_seen, today, zone) for t in levels if t.last_seen is not None}
    paper_name = words.gettext(PAPERS[paper])
    ranked = study_next(topic_weights(topics, paper), by_topic, mastery(0, 0, 0), paper_name, idle, words)
    exam_date = target_row.exam_date if target_row is not None else None
    plan = weekly_plan(today, exam_date, [s.topic for s in ranked[: STUDY_NEXT_SHOWN * 2]])
    target = Target(paper, paper_name, exam_date, days_left(today, exam_date), plan)
    return Progress(
        levels,
        ranked[:STUDY_NEXT_SHOWN],
        trends(recent_summaries(session, user.id), lambda when: label(when.astimezone(zone)), words),
        forecast(session, user),
        target,
    )


def target_paper(session: Session, user_id: int) -> str:
    """The paper the candidate prepares for: their target's, Tier-I when none is set."""
    row = session.get(StudyTarget, user_id)
    return row.paper if row is not None and row.paper in PAPERS else "tier1"


def set_target(session: Session, user: User, paper: str, exam_date: date | None, now) -> StudyTarget:
    """Store the exam the candidate prepares for (tier1 / tier2) and its date."""
    row = session.get(StudyTarget, user.id)
    if row is None:
        row = StudyTarget(user_id=user.id)
        session.add(row)
    row.paper, row.exam_date, row.updated_at = paper, exam_date, now
    session.flush()
    return row
