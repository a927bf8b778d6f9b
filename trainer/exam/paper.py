"""Drawing a paper from the bank: candidates (questions, whole groups, generated items), slots, the attempt."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer.auth.models import User
from trainer.bank.generators import all_generators, generate
from trainer.bank.models import ItemGroupVersion, Question, QuestionVersion, Topic
from trainer.bank.service import add_version, latest_version, latest_version_ids
from trainer.bank.taxonomy import TopicDef
from trainer.core.errors import DomainError
from trainer.exam import drawing, timing
from trainer.exam.models import Attempt, Slot
from trainer.exam.patterns import Part, Pattern, SectionRule

GENERATED_PER_GENERATOR = 3  # fresh generated candidates offered per generator, per section drawn
DIFFICULTY_MIX = (("easy", 35), ("medium", 45), ("hard", 20))
UNTIMED_MINUTES = 7 * 24 * 60  # an untimed practice attempt is closed after a week


def seen_counts(session: Session, user_id: int) -> dict[int, int]:
    """How many times this candidate has been shown each question, over all their attempts."""
    rows = session.execute(
        select(QuestionVersion.question_id, func.count(Slot.id))
        .join(Slot, Slot.version_id == QuestionVersion.id)
        .join(Attempt, Attempt.id == Slot.attempt_id)
        .where(Attempt.user_id == user_id)
        .group_by(QuestionVersion.question_id)
    ).all()
    return dict(rows)


def stored_candidates(session: Session, rule: SectionRule, seen: dict[int, int]) -> list[drawing.Candidate]:
    """Published hand-written questions of the section's subject (newest versions); a group is one candidate."""
    latest = latest_version_ids()
    query = (
        select(
            QuestionVersion.question_id,
            QuestionVersion.id,
            Topic.key,
            QuestionVersion.shuffle,
            QuestionVersion.group_version_id,
            QuestionVersion.group_position,
        )
        .join(latest, latest.c.version_id == QuestionVersion.id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .join(Topic, Topic.id == QuestionVersion.topic_id)
        .where(Question.status == "published", Question.kind == "static", Topic.section == rule.subject)
    )
    if rule.topics:
        query = query.where(Topic.key.in_(rule.topics))
    singles, groups = [], defaultdict(list)
    for qid, vid, topic, shuffle, group_version, position in session.execute(query):
        if group_version is None:
            singles.append(drawing.Candidate(qid, vid, topic, seen.get(qid, 0), shuffle))
        else:
            groups[(group_version, topic)].append((position, qid, vid, shuffle))
    for (group_version, topic), members in groups.items():
        members.sort()
        singles.append(
            drawing.Candidate(
                None,
                None,
                topic,
                max(seen.get(m[1], 0) for m in members),
                size=len(members),
                unit=f"group:{group_version}",
                members=tuple((qid, vid, shuffle) for _, qid, vid, shuffle in members),
            )
        )
    return singles


def generated_candidates(rule: SectionRule, rng: random.Random, topics: set[str]) -> list[drawing.Candidate]:
    """A few fresh generated items per generator of the subject's known topics (never seen: each seed is new)."""
    candidates = []
    for gen in sorted(all_generators().values(), key=lambda g: g.key):
        if gen.section == rule.subject and gen.topic in topics and (not rule.topics or gen.topic in rule.topics):
            for _ in range(GENERATED_PER_GENERATOR):
                candidates.append(drawing.Candidate(None, None, gen.topic, unit=f"gen:{gen.key}:{rng.getrandbits(48)}"))
    return candidates


def topic_weights(session: Session, subject: str, paper: str) -> dict[str, float]:
    """Each topic's typical question count in this paper, from the taxonomy stored in the database."""
    topics = session.scalars(select(Topic).where(Topic.section == subject))
    return {t.key: TopicDef(t.section, t.key, t.name, t.weights).weight(paper) for t in topics}


def materialise(session: Session, unit: str, rng: random.Random, difficulty: str | None = None) -> QuestionVersion:
    """Store a drawn generated item as a question of its own, so grading and review can replay it.

    The difficulty is drawn from the usual mix unless given (a fixed paper's blueprint asks for one).

    Each item gets its own question (keyed by generator, seed and difficulty) rather than a new version of one
    shared question: candidates starting at the same moment then never race for the same version number.
    """
    _, key, seed = unit.split(":")
    gen = all_generators()[key]
    difficulty = difficulty or rng.choices([d for d, _ in DIFFICULTY_MIX], [w for _, w in DIFFICULTY_MIX])[0]
    uid = f"gen-{key}-{seed}-{difficulty}"
    question = session.scalar(select(Question).where(Question.uid == uid))
    if question is not None:
        return latest_version(session, question)
    question = Question(uid=uid, kind="generator", status="published")
    session.add(question)
    topic = session.scalar(select(Topic).where(Topic.section == gen.section, Topic.key == gen.topic))
    version = add_version(session, question, generate(gen, int(seed), difficulty), topic)
    version.generator, version.seed = key, int(seed)
    return version


def _slot_versions(session: Session, pick: drawing.Candidate, rng: random.Random) -> list[tuple[int, bool]]:
    """(version id, shuffle) for each slot a drawn candidate fills, in order."""
    if pick.unit.startswith("gen:"):
        version = materialise(session, pick.unit, rng)
        return [(version.id, True)]
    if pick.members:
        return [(vid, shuffle) for _, vid, shuffle in pick.members]
    return [(pick.version_id, pick.shuffle)]


def effective_pattern(pattern: Pattern, timed: bool) -> Pattern:
    """An untimed practice paper is one long part with every section, in the paper's order."""
    if timed:
        return pattern
    keys = tuple(s.key for s in pattern.ordered_sections())
    return replace(pattern, parts=(Part("all", "Practice", UNTIMED_MINUTES, keys),))


def start_attempt(
    session: Session,
    user: User,
    pattern: Pattern,
    now: datetime,
    rng: random.Random,
    mode: str = "strict",
    timed: bool = True,
    prefer: tuple[int, ...] = (),
) -> Attempt:
    """Draw a paper for the candidate and open an attempt with its deadline; raise DomainError if it can't.

    Questions in `prefer` (ids; e.g. a drill's earlier mistakes) are drawn ahead of unseen ones where they fit.
    """
    pattern = effective_pattern(pattern, timed)
    seen = seen_counts(session, user.id) | {question_id: -1 for question_id in prefer}
    extras = [timing.extra_minutes(p.minutes, user.scribe_eligible) if timed else 0 for p in pattern.parts]
    windows = timing.part_windows(now, [p.minutes for p in pattern.parts], extras)
    attempt = Attempt(
        user_id=user.id,
        pattern_code=pattern.code,
        pattern=pattern.to_dict(),
        mode=mode,
        timed=timed,
        started_at=now,
        extra_minutes=sum(extras),
        deadline=windows[-1][1],
    )
    session.add(attempt)
    for rule in pattern.ordered_sections():
        weights = topic_weights(session, rule.subject, pattern.paper)
        candidates = stored_candidates(session, rule, seen) + generated_candidates(rule, rng, set(weights))
        try:
            picks = drawing.draw_section(candidates, rule.questions, weights, rng, rule.name)
        except drawing.NotEnoughQuestions as exc:
            raise DomainError(f"This test cannot be drawn yet: {exc}.") from exc
        for pick in picks:
            for version_id, shuffle in _slot_versions(session, pick, rng):
                attempt.slots.append(
                    Slot(
                        position=len(attempt.slots),
                        section=rule.key,
                        version_id=version_id,
                        option_order=drawing.option_order(shuffle, rng),
                        marks_right=rule.marks_right,
                        marks_wrong=rule.marks_wrong,
                    )
                )
    session.flush()
    return attempt


def group_passages(session: Session, attempt: Attempt) -> dict[int, ItemGroupVersion]:
    """The shared texts (passages, data sets) the attempt's questions are asked with, by group version id."""
    ids = {s.version.group_version_id for s in attempt.slots if s.version.group_version_id}
    if not ids:
        return {}
    return {g.id: g for g in session.scalars(select(ItemGroupVersion).where(ItemGroupVersion.id.in_(ids)))}
