"""Fixed papers: a draft to a blueprint, drawn from the bank, single questions swapped, then frozen for good."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from trainer.auth.models import User
from trainer.bank.generators import all_generators
from trainer.bank.models import ItemGroupVersion, Question, QuestionVersion, Topic
from trainer.bank.service import latest_version_ids
from trainer.core.errors import Conflict, DomainError, NotFound
from trainer.core.wording import ENGLISH, N_, Wording
from trainer.exam import drawing
from trainer.exam.paper import materialise, topic_weights
from trainer.exam.patterns import Pattern, SectionRule, get_pattern
from trainer.institute import building
from trainer.institute.building import DIFFICULTIES, Item
from trainer.institute.models import DRAFT, FROZEN, FixedPaper, FixedPaperItem

MAX_COUNT = 200  # no section of any pattern asks for more questions than this in one cell


def paper_or_404(session: Session, paper_id: int) -> FixedPaper:
    versions = selectinload(FixedPaper.items).selectinload(FixedPaperItem.version)
    options = [versions.selectinload(QuestionVersion.topic), versions.selectinload(QuestionVersion.question)]
    paper = session.get(FixedPaper, paper_id, options=options)
    if paper is None:
        raise NotFound(N_("No such paper."))
    return paper


def list_papers(session: Session) -> list[FixedPaper]:
    return list(session.scalars(select(FixedPaper).order_by(FixedPaper.pattern_code, FixedPaper.id)))


def pattern_of(paper: FixedPaper) -> Pattern:
    return Pattern.from_dict(paper.pattern)


def _stored_items(session: Session, rule: SectionRule, seen: dict[int, int]) -> tuple[list[Item], dict]:
    """Published hand-written questions of the section (newest versions) and a unit → [(version, shuffle)] map."""
    latest = latest_version_ids()
    rows = session.execute(
        select(
            QuestionVersion.question_id,
            QuestionVersion.id,
            Topic.key,
            QuestionVersion.difficulty,
            QuestionVersion.shuffle,
            QuestionVersion.group_version_id,
            QuestionVersion.group_position,
        )
        .join(latest, latest.c.version_id == QuestionVersion.id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .join(Topic, Topic.id == QuestionVersion.topic_id)
        .where(Question.status == "published", Question.kind == "static", Topic.section == rule.subject)
    )
    items, versions, groups = [], {}, defaultdict(list)
    for qid, vid, topic, difficulty, shuffle, group_version, position in rows:
        if group_version is None:
            items.append(Item(f"q:{qid}", topic, difficulty, 1, seen.get(qid, 0)))
            versions[f"q:{qid}"] = [(vid, shuffle)]
        else:
            groups[group_version].append((position, qid, vid, topic, difficulty, shuffle))
    for group_version, members in groups.items():
        members.sort()
        unit = f"group:{group_version}"
        topic = members[0][3]
        difficulty = Counter(m[4] for m in members).most_common(1)[0][0]
        items.append(Item(unit, topic, difficulty, len(members), max(seen.get(m[1], 0) for m in members)))
        versions[unit] = [(m[2], m[5]) for m in members]
    return items, versions


def _generated_items(rule: SectionRule, topics: set[str], rng: random.Random) -> list[Item]:
    """Enough fresh generated items of every difficulty to fill the section from any one generator."""
    return [
        Item(f"gen:{gen.key}:{rng.getrandbits(48)}", gen.topic, difficulty)
        for gen in sorted(all_generators().values(), key=lambda g: g.key)
        if gen.section == rule.subject and gen.topic in topics
        for difficulty in DIFFICULTIES
        for _ in range(rule.questions)
    ]


def section_items(session, rule, seen, rng) -> tuple[list[Item], dict]:
    stored, versions = _stored_items(session, rule, seen)
    topics = set(session.scalars(select(Topic.key).where(Topic.section == rule.subject)))
    return stored + _generated_items(rule, topics, rng), versions


def _availability(items: list[Item]) -> dict[building.Cell, int]:
    have: dict[building.Cell, int] = defaultdict(int)
    for item in items:
        have[(item.topic, item.difficulty)] += item.size
    return dict(have)


def new_paper(session: Session, name: str, pattern_code: str, user: User, rng: random.Random) -> FixedPaper:
    """A draft paper whose blueprint is prefilled from the taxonomy weights and what the bank holds."""
    pattern = get_pattern(pattern_code)
    if pattern is None:
        raise DomainError(N_("There is no pattern called %(pattern)s."), pattern=repr(pattern_code))
    blueprint = {}
    for rule in pattern.ordered_sections():
        items, _ = section_items(session, rule, {}, rng)
        weights = topic_weights(list(session.scalars(select(Topic))), rule.subject, pattern.paper)
        counts = building.prefill(rule.questions, weights, _availability(items))
        blueprint[rule.key] = _nested(counts)
    paper = FixedPaper(name=name, pattern_code=pattern.code, pattern=pattern.to_dict(), blueprint=blueprint,
                       created_by_id=user.id)  # fmt: skip
    session.add(paper)
    session.flush()
    return paper


def _nested(counts: dict[building.Cell, int]) -> dict[str, dict[str, int]]:
    nested: dict[str, dict[str, int]] = defaultdict(dict)
    for (topic, difficulty), n in sorted(counts.items()):
        nested[topic][difficulty] = n
    return dict(nested)


def check_blueprint(pattern: Pattern, blueprint: dict, words: Wording = ENGLISH) -> list[str]:
    """What is wrong with a blueprint, one message per section that does not add up to the pattern's count."""
    problems = []
    for rule in pattern.ordered_sections():
        cells = blueprint.get(rule.key, {})
        total = sum(n for by_difficulty in cells.values() for n in by_difficulty.values())
        if total != rule.questions:
            message = N_("%(section)s: the counts add up to %(total)s; the pattern asks for %(asked)s.")
            problems.append(words.gettext(message, section=rule.name, total=total, asked=rule.questions))
    return problems


def _editable(paper: FixedPaper) -> None:
    if paper.state != DRAFT:
        raise Conflict(N_("“%(paper)s” is frozen: its questions can no longer change. Draw a parallel paper instead."),
                       paper=paper.name)  # fmt: skip


def siblings_seen(session: Session, paper: FixedPaper) -> dict[int, int]:
    """How many other papers of the same pattern use each question: parallel shifts avoid each other's questions."""
    rows = session.execute(
        select(QuestionVersion.question_id, func.count(FixedPaperItem.id))
        .join(FixedPaperItem, FixedPaperItem.version_id == QuestionVersion.id)
        .join(FixedPaper, FixedPaper.id == FixedPaperItem.paper_id)
        .where(FixedPaper.pattern_code == paper.pattern_code, FixedPaper.id != paper.id)
        .group_by(QuestionVersion.question_id)
    )
    return dict(rows.all())


def draw(
    session: Session, paper: FixedPaper, blueprint: dict, rng: random.Random, words: Wording = ENGLISH
) -> list[str]:
    """Draw the whole paper to the blueprint (replacing any earlier draw); returns notes on cells filled otherwise
    (in `words`' language).

    Raises DomainError naming the section when the counts do not add up or the bank cannot fill it.
    """
    _editable(paper)
    pattern = pattern_of(paper)
    problems = check_blueprint(pattern, blueprint, words)
    if problems:
        raise DomainError(" ".join(problems))
    paper.blueprint = blueprint
    paper.items.clear()
    session.flush()
    seen, notes = siblings_seen(session, paper), []
    for rule in pattern.ordered_sections():
        items, versions = section_items(session, rule, seen, rng)
        counts = {(t, d): n for t, by in blueprint[rule.key].items() for d, n in by.items() if n}
        try:
            drawn = building.draw_cells(items, counts, rng, rule.name, words)
        except building.CannotFill as exc:
            raise DomainError(
                N_("This paper cannot be drawn: section %(section)s needs %(needed)s questions; the bank can give "
                   "%(available)s."), section=exc.section, needed=exc.needed, available=exc.available,
            ) from exc  # fmt: skip
        notes += [f"{rule.name}: {note}" for note in drawn.notes]
        for pick in drawn.picks:
            for version_id, shuffle, count in _versions_of(session, pick, versions, rng):
                _append(paper, rule, version_id, drawing.option_order(shuffle, rng, count))
    session.flush()
    return notes


def _versions_of(session, pick: Item, versions: dict, rng) -> list[tuple[int, bool, int]]:
    """(version id, shuffle, option count) of each position a picked item fills; a generated item is stored now."""
    if pick.unit.startswith("gen:"):
        version = materialise(session, pick.unit, rng, pick.difficulty)
        return [(version.id, True, len(version.options))]
    found = versions[pick.unit]
    counts = dict(session.execute(select(QuestionVersion.id, QuestionVersion.options).where(
        QuestionVersion.id.in_([v for v, _ in found]))).all())  # fmt: skip
    return [(vid, shuffle, len(counts[vid])) for vid, shuffle in found]


def _append(paper: FixedPaper, rule: SectionRule, version_id: int, order: list[int]) -> None:
    paper.items.append(
        FixedPaperItem(
            position=len(paper.items),
            section=rule.key,
            version_id=version_id,
            option_order=order,
            marks_right=rule.marks_right,
            marks_wrong=rule.marks_wrong,
        )  # fmt: skip
    )


def unit_of(item: FixedPaperItem) -> str:
    version = item.version
    if version.group_version_id is not None:
        return f"group:{version.group_version_id}"
    if version.generator:
        return f"gen:{version.generator}:{version.seed}"
    return f"q:{version.question_id}"


def swap(session: Session, paper: FixedPaper, position: int, rng: random.Random) -> FixedPaperItem:
    """Put another fitting question (a whole passage for a passage's question) in place of the one at `position`.

    Returns the new item at that position; raises DomainError if nothing else fits.
    """
    _editable(paper)
    if not 0 <= position < len(paper.items):
        raise DomainError(N_("This paper has no question %(number)s."), number=position + 1)
    old = paper.items[position]
    unit = unit_of(old)
    places = [i for i in paper.items if unit_of(i) == unit]
    rule = pattern_of(paper).section(old.section)
    items, versions = section_items(session, rule, siblings_seen(session, paper), rng)
    current = Item(unit, old.version.topic.key, old.version.difficulty, len(places))
    choice = building.swap_choice(items, current, {unit_of(i) for i in paper.items}, rng)
    if choice is None:
        raise DomainError(N_("Question %(number)s: the bank has no other %(topic)s question that fits."),
                          number=position + 1, topic=current.topic)  # fmt: skip
    for place, (version_id, shuffle, count) in zip(places, _versions_of(session, choice, versions, rng), strict=True):
        place.version_id, place.option_order = version_id, drawing.option_order(shuffle, rng, count)
    session.flush()
    for place in places:
        session.expire(place, ["version"])
    return old


def freeze(session: Session, paper: FixedPaper, now: datetime) -> FixedPaper:
    """Freeze a drawn draft: from now on its list of question versions never changes."""
    _editable(paper)
    if len(paper.items) != pattern_of(paper).question_count:
        raise DomainError(N_("Draw the paper before freezing it."))
    paper.state, paper.frozen_at = FROZEN, now
    session.flush()
    return paper


def parallel(
    session: Session, paper: FixedPaper, user: User, rng: random.Random, words: Wording = ENGLISH
) -> tuple[FixedPaper, list[str]]:
    """A new draft of the same pattern and blueprint, drawn avoiding the questions other papers of it use (its
    notes in `words`' language)."""
    twin = FixedPaper(name=f"{paper.name} (parallel)"[:120], pattern_code=paper.pattern_code, pattern=paper.pattern,
                      blueprint=paper.blueprint, created_by_id=user.id)  # fmt: skip
    session.add(twin)
    session.flush()
    return twin, draw(session, twin, paper.blueprint, rng, words)


def blueprint_grid(session: Session, paper: FixedPaper) -> list[dict]:
    """Per section: every topic (the Topic row, for its name), the blueprint's counts and what the bank holds per
    difficulty."""
    generated = {(g.section, g.topic) for g in all_generators().values()}
    grid = []
    for rule in pattern_of(paper).ordered_sections():
        stored, _ = _stored_items(session, rule, {})
        have = _availability(stored)
        asked = paper.blueprint.get(rule.key, {})
        topics = session.scalars(select(Topic).where(Topic.section == rule.subject).order_by(Topic.name))
        rows = [
            {"key": t.key, "topic": t, "generated": (rule.subject, t.key) in generated,
             "cells": {d: (asked.get(t.key, {}).get(d, 0), have.get((t.key, d), 0)) for d in DIFFICULTIES}}
            for t in topics
        ]  # fmt: skip
        grid.append({"rule": rule, "rows": rows})
    return grid


def passages_of(session: Session, paper: FixedPaper) -> dict[int, ItemGroupVersion]:
    """The shared texts (passages, data sets) of the paper's questions, by group version id."""
    ids = {i.version.group_version_id for i in paper.items if i.version.group_version_id}
    if not ids:
        return {}
    return {g.id: g for g in session.scalars(select(ItemGroupVersion).where(ItemGroupVersion.id.in_(ids)))}
