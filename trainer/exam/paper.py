"""Drawing a paper from the bank: candidates (questions, whole groups, generated items), slots, the attempt."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from trainer.auth.models import User
from trainer.bank.generators import all_generators, generate
from trainer.bank.models import ItemGroupVersion, Question, QuestionVersion, Topic
from trainer.bank.service import add_version, latest_version
from trainer.bank.taxonomy import TopicDef
from trainer.core.errors import DomainError
from trainer.exam import drawing, timing
from trainer.exam.models import Attempt, Slot
from trainer.exam.patterns import Part, Pattern, SectionRule

GENERATED_PER_GENERATOR = 3  # pooled generated items offered per generator (beyond those seen), per section
UNTIMED_MINUTES = 7 * 24 * 60  # an untimed practice attempt is closed after a week


@dataclass(frozen=True)
class Shown:
    """A question the candidate has been shown before: how often, and what a draw needs of its current version."""

    count: int
    kind: str
    topic_id: int | None


def seen_questions(session: Session, user_id: int) -> dict[int, Shown]:
    """Every question this candidate has been shown, over all their attempts, in one statement."""
    shown = (
        select(QuestionVersion.question_id.label("question_id"), func.count(Slot.id).label("times"))
        .join(Slot, Slot.version_id == QuestionVersion.id)
        .join(Attempt, Attempt.id == Slot.attempt_id)
        .where(Attempt.user_id == user_id)
        .group_by(QuestionVersion.question_id)
        .subquery()
    )
    rows = session.execute(
        select(shown.c.question_id, shown.c.times, Question.kind, Question.topic_id).join(
            Question, Question.id == shown.c.question_id
        )
    )
    return {qid: Shown(times, kind, topic_id) for qid, times, kind, topic_id in rows}


def seen_counts(session: Session, user_id: int) -> dict[int, int]:
    """How many times this candidate has been shown each question, over all their attempts."""
    return {qid: shown.count for qid, shown in seen_questions(session, user_id).items()}


@dataclass(frozen=True)
class Window:
    """What to read of one topic: its published hand-written questions, or its pooled generated items."""

    kind: str  # "static" or "generator"
    topic_id: int
    size: int  # at most this many, from a random point of the topic's draw order onwards


def windows_for(
    pattern: Pattern,
    topics: list[Topic],
    seen: dict[int, Shown],
    generators: dict[tuple[str, str], int],
    full: bool = False,
) -> list[Window]:
    """The windows a paper needs: per topic, the unseen items a section may take from it, plus the seen ones.

    With `full`, as many as the section's count: a section never takes more than that from one topic, so the
    window gives the draw the same choice as the whole topic would. Otherwise about twice the topic's share by
    weight, which is nearly always enough (`Offer.enough` tells when it was not, and the draw reads again).
    """
    seen_in: Counter[tuple[str, int | None]] = Counter((s.kind, s.topic_id) for s in seen.values())
    sizes: dict[tuple[str, int], int] = {}
    for rule in pattern.ordered_sections():
        mine = [t for t in topics if t.section == rule.subject and (not rule.topics or t.key in rule.topics)]
        weights = {t.key: TopicDef(t.section, t.key, t.name, t.weights).weight(pattern.paper) for t in mine}
        share = drawing.apportion(rule.questions, weights, {t.key: rule.questions for t in mine})
        for topic in mine:
            offered = GENERATED_PER_GENERATOR * generators.get((topic.section, topic.key), 0)
            hand_written = rule.questions if full else min(rule.questions, 2 * share[topic.key] + 2)
            for kind, count in (("static", hand_written), ("generator", offered)):
                if count:
                    key = (kind, topic.id)
                    sizes[key] = max(sizes.get(key, 0), count + seen_in[key])
    return [Window(kind, topic_id, size) for (kind, topic_id), size in sorted(sizes.items())]


DIFFICULTY_MIX = (("easy", 35), ("medium", 45), ("hard", 20))  # a fixed paper's generated items, unless asked


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


WINDOW_PART = (
    "SELECT * FROM (SELECT id AS qid, current_version_id AS vid, topic_id AS tid, kind, draw_key, shuffle,"
    " group_version_id FROM question"
    " WHERE kind = :kind_{n} AND status = 'published' AND topic_id = :topic_{n} AND draw_key {op} :start"
    " ORDER BY draw_key LIMIT :size_{n}) AS window_{n}_{side}"
)


def read_windows(session: Session, windows: list[Window], start: float) -> list:
    """One statement: for each window, its questions from `start` on in draw order (wrapping round to the
    beginning), each an indexed range read of at most `size` rows of the question table alone.

    Written as SQL text: building the same union as ~200 SQLAlchemy subqueries cost more than running it.
    """
    if not windows:
        return []
    params = {"start": start}
    for n, window in enumerate(windows):
        params |= {f"kind_{n}": window.kind, f"topic_{n}": window.topic_id, f"size_{n}": window.size + 1}
    return session.execute(_windows_sql(len(windows)), params).all()


@lru_cache(maxsize=64)
def _windows_sql(count: int):
    """The statement for `count` windows (one per paper shape, so it is parsed and cached once)."""
    parts = [WINDOW_PART.format(n=n, op=op, side=side) for n in range(count) for op, side in ((">=", "a"), ("<", "b"))]
    return text(" UNION ALL ".join(parts))


def read_preferred(session: Session, question_ids: tuple[int, ...]) -> list:
    """The rows `read_windows` gives, for these published hand-written questions wherever they fall in draw order
    (a drill's earlier mistakes must be offered even when the random window missed them)."""
    if not question_ids:
        return []
    return session.execute(
        select(
            Question.id.label("qid"), Question.current_version_id.label("vid"), Question.topic_id.label("tid"),
            Question.kind, Question.draw_key, Question.shuffle, Question.group_version_id,
        ).where(Question.id.in_(sorted(set(question_ids))), Question.status == "published", Question.kind == "static")
    ).all()  # fmt: skip


def group_members(session: Session, group_version_ids: set[int]) -> dict[int, list]:
    """The published members of these groups in their current versions, by group version id, in order."""
    rows = session.execute(
        select(Question.id, QuestionVersion.id, QuestionVersion.shuffle, QuestionVersion.group_version_id)
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .where(QuestionVersion.group_version_id.in_(sorted(group_version_ids)), Question.status == "published")
        .order_by(QuestionVersion.group_position)
    )
    members: dict[int, list] = defaultdict(list)
    for qid, vid, shuffle, group_version in rows:
        members[group_version].append((qid, vid, shuffle))
    return members


@dataclass
class Offer:
    """What the windows offer a draw, by subject; and, per topic whose window may have left items unread, how many
    unseen hand-written candidates it offered."""

    by_subject: dict[str, list[drawing.Candidate]]
    cut: dict[tuple[str, str], int]

    def enough(self, drawn: list[tuple[SectionRule, list[drawing.Candidate]]]) -> bool:
        """True when the draw would have gone the same way with every window full: it never used up the unseen
        items of a cut window, and never fell back on seen items while a window of the subject was cut."""
        for rule, picks in drawn:
            taken = Counter(p.topic for p in picks if not p.unit.startswith("pool:"))
            for topic, count in taken.items():
                offered = self.cut.get((rule.subject, topic))
                if offered is not None and count >= offered and offered < rule.questions:
                    return False
            if any(p.seen > 0 for p in picks) and any(subject == rule.subject for subject, _ in self.cut):
                return False
        return True


def candidates_for(
    rows, windows: list[Window], start: float, members: dict, topics: dict[int, Topic], seen: dict, preferred=()
) -> Offer:
    """The Offer: each window's first `size` rows in draw order from `start`, plus the `preferred` rows wherever
    they fall; a group whole, a pooled item alone."""
    by_window: dict[tuple[str, int], list] = defaultdict(list)
    for row in rows:
        by_window[(row.kind, row.tid)].append(row)
    size = {(w.kind, w.topic_id): w.size for w in windows}
    found: dict[str, dict] = defaultdict(dict)
    cut: Counter[tuple[str, str]] = Counter()
    for (kind, topic_id), window_rows in by_window.items():
        topic = topics[topic_id]
        window_rows.sort(key=lambda r: (r.draw_key < start, r.draw_key))
        for row in window_rows[: size[(kind, topic_id)]]:
            candidate = _candidate(row, topic, members, seen)
            if candidate is None:
                continue
            found[topic.section][candidate.key] = candidate
            if kind == "static" and len(window_rows) > size[(kind, topic_id)]:  # one row more was read than used
                cut[(topic.section, topic.key)] += candidate.seen <= 0
    for row in preferred:
        topic = topics[row.tid]
        candidate = _candidate(row, topic, members, seen)
        if candidate is not None:
            found[topic.section][candidate.key] = candidate
    return Offer({subject: list(items.values()) for subject, items in found.items()}, dict(cut))


def _candidate(row, topic: Topic, members: dict, seen: dict) -> drawing.Candidate | None:
    """One row's candidate: a question alone, a pooled generated item, or a whole group (None if it has no member)."""
    if row.group_version_id is None:
        unit = f"pool:{row.qid}" if row.kind == "generator" else ""
        return drawing.Candidate(row.qid, row.vid, topic.key, seen.get(row.qid, 0), row.shuffle, unit=unit)
    group = tuple(members.get(row.group_version_id, ()))
    if not group:
        return None
    return drawing.Candidate(
        None, None, topic.key, max(seen.get(m[0], 0) for m in group), size=len(group),
        unit=f"group:{row.group_version_id}", members=group,
    )  # fmt: skip


def stored_candidates(session: Session, rule, seen: dict[int, int]) -> list[drawing.Candidate]:
    """Every hand-written candidate a section of `rule.subject` (and `rule.topics`) could draw; for checks and
    tools that ask what is drawable, not for a start (it reads the whole subject)."""
    topics = [t for t in session.scalars(select(Topic)) if t.section == rule.subject]
    windows = [Window("static", t.id, 2**31 - 1) for t in topics if not rule.topics or t.key in rule.topics]
    rows = read_windows(session, windows, 0.0)
    members = group_members(session, {row.group_version_id for row in rows if row.group_version_id is not None})
    return candidates_for(rows, windows, 0.0, members, {t.id: t for t in topics}, seen).by_subject.get(rule.subject, [])


def topic_weights(topics: list[Topic], subject: str, paper: str) -> dict[str, float]:
    """Each topic's typical question count in this paper, from the taxonomy stored in the database."""
    return {t.key: TopicDef(t.section, t.key, t.name, t.weights).weight(paper) for t in topics if t.section == subject}


def generator_counts() -> Counter[tuple[str, str]]:
    """How many generators write each (section, topic)."""
    return Counter((gen.section, gen.topic) for gen in all_generators().values())


def draw_paper(
    session: Session, user_id: int, pattern: Pattern, rng: random.Random, prefer: tuple[int, ...] = ()
) -> list[tuple[SectionRule, list[drawing.Candidate]]]:
    """Read what the draw needs and draw each section; raise DomainError if the bank cannot fill one. Writes nothing.

    Four statements, none reading a whole topic; in the rare draw that narrow windows could not serve as the whole
    bank would (a topic short of items, a candidate who has seen most of one), two more with full windows.
    """
    seen_rows = seen_questions(session, user_id)
    seen = {qid: shown.count for qid, shown in seen_rows.items()} | {question_id: -1 for question_id in prefer}
    topics = list(session.scalars(select(Topic)))
    preferred = read_preferred(session, prefer)
    for full in (False, True):
        windows = windows_for(pattern, topics, seen_rows, generator_counts(), full)
        start = rng.random()
        rows = read_windows(session, windows, start)
        groups = {row.group_version_id for row in [*rows, *preferred] if row.group_version_id is not None}
        members = group_members(session, groups)
        offer = candidates_for(rows, windows, start, members, {t.id: t for t in topics}, seen, preferred)
        try:
            drawn = [(rule, _draw(rule, offer, topics, pattern.paper, rng)) for rule in pattern.ordered_sections()]
        except drawing.NotEnoughQuestions as exc:
            if full or not offer.cut:
                raise DomainError(f"This test cannot be drawn yet: {exc}.") from exc
            continue
        if full or offer.enough(drawn):
            return drawn
    raise AssertionError("unreachable: the full windows' draw returns or raises")


def _draw(rule: SectionRule, offer: Offer, topics: list[Topic], paper: str, rng: random.Random):
    weights = topic_weights(topics, rule.subject, paper)
    candidates = [c for c in offer.by_subject.get(rule.subject, []) if not rule.topics or c.topic in rule.topics]
    return drawing.draw_section(candidates, rule.questions, weights, rng, rule.name)


def _slot_versions(pick: drawing.Candidate) -> list[tuple[int, bool]]:
    """(version id, shuffle) for each slot a drawn candidate fills, in order."""
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
    Everything is read first; then the attempt and all its slots are written in two statements, so a start holds
    the database's write lock (SQLite's is one for the whole file) only for a moment.
    """
    pattern = effective_pattern(pattern, timed)
    with session.no_autoflush:
        drawn = draw_paper(session, user.id, pattern, rng, prefer)
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
    session.flush()
    slots = []
    for rule, picks in drawn:
        for pick in picks:
            for version_id, shuffle in _slot_versions(pick):
                slots.append(
                    {
                        "attempt_id": attempt.id,
                        "position": len(slots),
                        "section": rule.key,
                        "version_id": version_id,
                        "option_order": drawing.option_order(shuffle, rng),
                        "marks_right": rule.marks_right,
                        "marks_wrong": rule.marks_wrong,
                    }
                )
    # One multi-row INSERT … VALUES: an executemany through psycopg sends a statement per row (pipelined), which
    # cost the server a parse and an execution per question.
    session.execute(insert(Slot).values(slots))
    return attempt


def group_passages(session: Session, attempt: Attempt) -> dict[int, ItemGroupVersion]:
    """The shared texts (passages, data sets) the attempt's questions are asked with, by group version id."""
    return passages_by_id(session, {s.version.group_version_id for s in attempt.slots})


def passages_by_id(session: Session, ids: set[int | None]) -> dict[int, ItemGroupVersion]:
    """These group versions (None, for a question asked alone, is left out), by id."""
    ids = ids - {None}
    if not ids:
        return {}
    return {g.id: g for g in session.scalars(select(ItemGroupVersion).where(ItemGroupVersion.id.in_(ids)))}
