"""Drawing a paper from the bank: candidates (questions, whole groups, generated items), slots, the attempt."""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache, lru_cache

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session, make_transient_to_detached

from trainer.auth.models import User
from trainer.bank import drawindex
from trainer.bank.drawindex import TopicRow, Window, WindowRead
from trainer.bank.generators import all_generators, generate
from trainer.bank.models import ItemGroupVersion, Question, QuestionVersion, Topic
from trainer.bank.service import add_version, latest_version
from trainer.bank.taxonomy import TopicDef
from trainer.core.errors import DomainError
from trainer.exam import drawing, seen, timing
from trainer.exam.models import Attempt, Slot
from trainer.exam.patterns import Part, Pattern, SectionRule

GENERATED_PER_GENERATOR = 3  # pooled generated items offered per generator (beyond those seen), per section
UNTIMED_MINUTES = 7 * 24 * 60  # an untimed practice attempt is closed after a week


def windows_for(
    pattern: Pattern,
    topics: Sequence[TopicRow],
    by_id: dict[int, float],
    generators: dict[tuple[str, str], int],
    wide: Container[tuple[str, str]] = (),
) -> list[Window]:
    """The windows a paper needs: per topic, how many of its least-seen items a section may take from it
    (`by_id`: each topic's weight in the paper, by topic id).

    For a (section, topic) in `wide`, as many as the section's count: a section never takes more than that from one
    topic, so the window gives the draw the same choice as the whole topic would. Otherwise about twice the topic's
    share by weight, which is nearly always enough (`Offer.short` tells when it was not, and the draw widens it).
    """
    sizes: dict[tuple[str, int], int] = {}
    for rule in pattern.ordered_sections():
        mine = [t for t in topics if t.section == rule.subject and (not rule.topics or t.key in rule.topics)]
        weights = {t.key: by_id[t.id] for t in mine}
        share = drawing.apportion(rule.questions, weights, {t.key: rule.questions for t in mine})
        for topic in mine:
            offered = GENERATED_PER_GENERATOR * generators.get((topic.section, topic.key), 0)
            wanted = 2 * share[topic.key] + 2
            hand_written = rule.questions if (topic.section, topic.key) in wide else min(rule.questions, wanted)
            for kind, count in (("static", hand_written), ("generator", offered)):
                if count:
                    key = (kind, topic.id)
                    sizes[key] = max(sizes.get(key, 0), count)
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


@dataclass
class Offer:
    """What the windows offer a draw, by subject; and, per topic whose window left rows out, how many hand-written
    candidates it offered."""

    by_subject: dict[str, list[drawing.Candidate]]
    cut: dict[tuple[str, str], int]

    def short(self, drawn: list[tuple[SectionRule, list[drawing.Candidate]]]) -> set[tuple[str, str]]:
        """The (subject, topic) windows the draw emptied although they left rows out: with those windows wider it
        might have gone another way. Empty when it took fewer candidates from each such window than it offered (a
        window offers its topic's least-seen rows, so a draw that left some behind never wanted the rows after them;
        and a draw falls back on seen rows only once every unseen one offered is taken, which empties a window that
        had more)."""
        emptied = set()
        for rule, picks in drawn:
            taken = Counter(p.topic for p in picks if not p.unit.startswith("pool:"))
            for topic, count in taken.items():
                offered = self.cut.get((rule.subject, topic))
                if offered is not None and count >= offered and offered < rule.questions:
                    emptied.add((rule.subject, topic))
        return emptied


def candidates_for(
    reads: list[WindowRead], members: dict, topics: dict[int, TopicRow], seen: dict, preferred=(), fresh=None
) -> Offer:
    """The Offer: what each window read, plus the `preferred` rows wherever they fall; a group whole, a pooled
    item alone. `fresh` (a dict kept with the draw index) holds the candidates of rows nobody has seen, made once
    per process rather than once per row per start: candidates are immutable, and most rows a start reads are
    unseen by its candidate."""
    found: dict[str, dict] = defaultdict(dict)
    cut: Counter[tuple[str, str]] = Counter()
    fresh = {} if fresh is None else fresh
    for read in reads:
        topic = topics[read.window.topic_id]
        for row in read.rows:
            if row.group_version_id is None and row.qid not in seen:
                candidate = fresh.get(row.vid)
                if candidate is None:
                    candidate = fresh.setdefault(row.vid, _candidate(row, topic, members, seen))
            else:
                candidate = _candidate(row, topic, members, seen)
            if candidate is None:
                continue
            found[topic.section][candidate.key] = candidate
            if read.cut and read.window.kind == "static":
                cut[(topic.section, topic.key)] += 1
    for row in preferred:
        topic = topics[row.tid]
        candidate = _candidate(row, topic, members, seen)
        if candidate is not None:
            found[topic.section][candidate.key] = candidate
    return Offer({subject: list(items.values()) for subject, items in found.items()}, dict(cut))


def _candidate(row, topic: TopicRow, members: dict, seen: dict) -> drawing.Candidate | None:
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
    tools that ask what is drawable."""
    index = drawindex.current(session)
    topics = [t for t in index.topics if t.section == rule.subject]
    windows = [Window("static", t.id, 2**31 - 1) for t in topics if not rule.topics or t.key in rule.topics]
    reads = index.window_rows(windows, 0.0)
    members = index.group_members({row.group_version_id for read in reads for row in read.rows})
    return candidates_for(reads, members, {t.id: t for t in topics}, seen).by_subject.get(rule.subject, [])


def topic_weights(topics: Iterable[Topic | TopicRow], subject: str, paper: str) -> dict[str, float]:
    """Each topic's typical question count in this paper, from the taxonomy stored in the database."""
    return {t.key: TopicDef(t.section, t.key, t.name, t.weights).weight(paper) for t in topics if t.section == subject}


@cache
def generator_counts() -> Counter[tuple[str, str]]:
    """How many generators write each (section, topic): generators are code, so counted once per process."""
    return Counter((gen.section, gen.topic) for gen in all_generators().values())


def draw_paper(
    session: Session,
    user_id: int,
    pattern: Pattern,
    rng: random.Random,
    prefer: tuple[int, ...] = (),
    history: seen.Seen | None = None,
) -> list[tuple[SectionRule, list[drawing.Candidate]]]:
    """Read what the draw needs and draw each section; raise DomainError if the bank cannot fill one. Writes nothing.

    The bank's stamp and what the candidate has seen (`history`, read here unless given: one or two statements),
    whatever the bank's size: the bank itself comes from the process's prepared index (trainer/bank/drawindex.py).
    Each section draws from a window of each topic (its least-seen items from a random point of the draw order on);
    where a window proved too narrow to serve as the whole topic would (a topic short of items, a candidate who has
    seen most of one), the draw is made again with that window widened.
    """
    history = seen.read(session, user_id) if history is None else history
    shown = history.counts | {question_id: -1 for question_id in prefer}
    index = drawindex.current(session)
    topics = {t.id: t for t in index.topics}
    preferred = index.preferred(prefer)
    sections, weights = pattern.ordered_sections(), index.weights(pattern.paper)
    wide: set[tuple[str, str]] = set()
    while True:
        windows = _windows(index, pattern, weights, wide)
        reads = index.window_rows(windows, rng.random(), shown)
        groups = {row.group_version_id for row in [*preferred, *(row for read in reads for row in read.rows)]}
        offer = candidates_for(reads, index.group_members(groups), topics, shown, preferred, index.memo("candidates"))
        try:
            drawn = [(rule, _draw(rule, offer, index.topics, weights, rng)) for rule in sections]
        except drawing.NotEnoughQuestions as exc:
            if not set(offer.cut) - wide:
                raise DomainError(f"This test cannot be drawn yet: {exc}.") from exc
            wide |= set(offer.cut)
            continue
        short = offer.short(drawn)
        if not short:
            return drawn
        wide |= short  # never empty of new topics: a wide window offers the section's count, which `short` skips


def _windows(index: drawindex.DrawIndex, pattern: Pattern, weights: dict[int, float], wide: set) -> list[Window]:
    """`windows_for`, kept with the index for a paper's usual windows (none widened): the same for every start of
    that paper until the bank changes, and working them out cost a fifth of a millisecond."""
    if wide:
        return windows_for(pattern, index.topics, weights, generator_counts(), wide)
    key = (pattern.paper, tuple(pattern.ordered_sections()))
    memo = index.memo("windows")
    found = memo.get(key)
    if found is None:
        found = memo.setdefault(key, windows_for(pattern, index.topics, weights, generator_counts()))
    return found


def _draw(rule: SectionRule, offer: Offer, topics: Sequence[TopicRow], by_id: dict[int, float], rng: random.Random):
    weights = {t.key: by_id[t.id] for t in topics if t.section == rule.subject}
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
    Everything is read first; then the attempt and all its slots are written in two statements (and, every few
    attempts, the candidate's seen summary in a third), so a start holds the database's write lock (SQLite's is
    one for the whole file) only for a moment.
    """
    pattern = effective_pattern(pattern, timed)
    with session.no_autoflush:
        history = seen.read(session, user.id)
        drawn = draw_paper(session, user.id, pattern, rng, prefer, history)
    extras = [timing.extra_minutes(p.minutes, user.scribe_eligible) if timed else 0 for p in pattern.parts]
    windows = timing.part_windows(now, [p.minutes for p in pattern.parts], extras)
    values = {"user_id": user.id, "pattern_code": pattern.code, "pattern": pattern.to_dict(), "mode": mode,
              "timed": timed, "state": "in_progress", "started_at": now, "extra_minutes": sum(extras),
              "deadline": windows[-1][1]}  # fmt: skip
    attempt = _insert_attempt(session, values)
    slots = []
    for rule, picks in drawn:
        for pick in picks:
            for version_id, shuffle in _slot_versions(pick):
                order = drawing.option_order(shuffle, rng)
                slots.append((len(slots), rule.key, version_id, order, rule.marks_right, rule.marks_wrong))
    insert_slots(session, attempt.id, slots)
    seen.store(session, user.id, history)  # last: the fold is a write too
    return attempt


INSERT_ATTEMPT = insert(Attempt.__table__).returning(Attempt.__table__.c.id)  # an attempt row; its id back


def _insert_attempt(session: Session, values: dict) -> Attempt:
    """Insert the attempt row (one INSERT … RETURNING id) and hand it back as the session's object, built from the
    values it was given: the ORM's own INSERT … RETURNING of the whole row cost twice as much, and the unit of
    work's flush more. Columns not given (the result, its time) load when first read, as after a commit."""
    attempt = Attempt(id=session.execute(INSERT_ATTEMPT, values).scalar_one(), **values)
    make_transient_to_detached(attempt)
    session.add(attempt)
    return attempt


SLOT_FIELDS = ("position", "section", "version_id", "option_order", "marks_right", "marks_wrong")
# PostgreSQL: the slots travel as one array per column, so the statement's text is the same whatever the paper's
# length: parsed once per connection (psycopg prepares it), where a multi-row VALUES was compiled by SQLAlchemy,
# converted by psycopg and parsed by the server anew for every start.
UNNEST_SLOTS = text(
    "INSERT INTO slot (attempt_id, position, section, version_id, option_order, marks_right, marks_wrong)"
    " SELECT :attempt_id, s.position, s.section, s.version_id, CAST(s.option_order AS json), s.marks_right,"
    " s.marks_wrong FROM unnest(CAST(:position AS integer[]), CAST(:section AS varchar[]),"
    " CAST(:version_id AS integer[]), CAST(:option_order AS text[]), CAST(:marks_right AS double precision[]),"
    " CAST(:marks_wrong AS double precision[])) AS s(position, section, version_id, option_order, marks_right,"
    " marks_wrong)"
)


@lru_cache(maxsize=256)
def _order_text(order: tuple[int, ...]) -> str:
    """An option order as stored (JSON): a paper's hundred orders are a few of the 24 a four-option question has."""
    return json.dumps(list(order))


def insert_slots(session: Session, attempt_id: int, slots: list[tuple]) -> None:
    """Write an attempt's slots, each (position, section, version id, option order, marks right, marks wrong),
    in one statement (SQLite: one executemany, which its driver runs as a loop in C)."""
    if session.get_bind().dialect.name == "postgresql":
        columns = {field: [slot[n] for slot in slots] for n, field in enumerate(SLOT_FIELDS)}
        columns["option_order"] = [_order_text(tuple(order)) for order in columns["option_order"]]
        texts = {"section", "option_order"}
        arrays = {field: _array_literal(values, field in texts) for field, values in columns.items()}
        session.execute(UNNEST_SLOTS, {"attempt_id": attempt_id, **arrays})
    else:
        session.execute(insert(Slot), [{"attempt_id": attempt_id, **dict(zip(SLOT_FIELDS, slot))} for slot in slots])


def _array_literal(values: list, quoted: bool) -> str:
    """A PostgreSQL array literal of these numbers or (`quoted`) strings, for a CAST in the statement: psycopg's own
    dumping of six hundred-element lists, element by element in Python, cost twice the rest of the insert."""
    if not quoted:
        return "{" + ",".join(map(str, values)) + "}"
    return "{" + ",".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values) + "}"


def group_passages(session: Session, attempt: Attempt) -> dict[int, ItemGroupVersion]:
    """The shared texts (passages, data sets) the attempt's questions are asked with, by group version id."""
    return passages_by_id(session, {s.version.group_version_id for s in attempt.slots})


def passages_by_id(session: Session, ids: set[int | None]) -> dict[int, ItemGroupVersion]:
    """These group versions (None, for a question asked alone, is left out), by id."""
    ids = ids - {None}
    if not ids:
        return {}
    return {g.id: g for g in session.scalars(select(ItemGroupVersion).where(ItemGroupVersion.id.in_(ids)))}
