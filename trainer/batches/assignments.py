"""Assignments: set a drill, a test, a frozen paper or a live mock for a batch, list them for members and staff,
start one, tell who did it."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from trainer.auth.models import User
from trainer.bank.models import Topic
from trainer.bank.sections import section_name
from trainer.batches.models import Assignment, Batch, BatchMember
from trainer.batches.service import viewable_batch
from trainer.batches.targets import DRILL, KINDS, LIVE_MOCK, PAPER, TEST, AttemptFact, done
from trainer.core.errors import DomainError, NotFound
from trainer.core.wording import ENGLISH, N_, Wording
from trainer.exam.models import Attempt
from trainer.exam.patterns import all_patterns, get_pattern, test_name
from trainer.i18n import local_name, window
from trainer.institute import audience
from trainer.institute.models import FixedPaper, FixedPaperSitting, LiveMock, LiveMockBatch, LiveMockEntry
from trainer.progress.drill import start_drill
from trainer.progress.models import AttemptSummary

SHOWN = 10  # the dashboard follows the batch's most recent assignments
KEEP_DAYS = 30  # a member's tests page lists assignments due up to this many days ago
NO_SUCH_ASSIGNMENT = N_("No such assignment.")
DRILL_TITLE = N_("Drill: %(topic)s")  # stored in English; shown through shown_title in the reader's language


def shown_title(assignment: Assignment, words: Wording = ENGLISH) -> str:
    """The assignment's name in the wording's language: a test's made from its code, a drill's around its topic's
    name (the stored title is English); a paper's or live mock's own name as it is."""
    if assignment.kind == TEST:
        return test_name(assignment.target, assignment.title, words)
    drill_prefix = DRILL_TITLE.split("%", 1)[0]
    if assignment.kind == DRILL and assignment.title.startswith(drill_prefix):
        return words.gettext(DRILL_TITLE, topic=assignment.title.removeprefix(drill_prefix))
    return assignment.title


def title_of(session: Session, kind: str, target: str) -> str:
    """The assignment's name as members see it; DomainError if the target is not one this kind can start."""
    if kind == DRILL:
        section, _, key = target.partition("/")
        topic = session.scalar(select(Topic).where(Topic.section == section, Topic.key == key))
        if topic is None:
            raise DomainError(N_("There is no topic %(topic)s to drill."), topic=repr(target))
        return DRILL_TITLE % {"topic": topic.name}
    if kind == TEST:
        pattern = get_pattern(target)
        if pattern is None:
            raise DomainError(N_("There is no test %(test)s."), test=repr(target))
        return pattern.name
    if kind == PAPER:
        paper = session.get(FixedPaper, int(target)) if target.isdigit() else None
        if paper is None or not paper.frozen:
            raise DomainError(N_("Only a frozen paper can be assigned: choose one from the list."))
        return paper.name
    if kind == LIVE_MOCK:
        mock = session.get(LiveMock, int(target)) if target.isdigit() else None
        if mock is None:
            raise DomainError(N_("There is no such live mock: choose one from the list."))
        return mock.title
    raise DomainError(N_("Assignments of kind %(kind)s cannot be made."), kind=repr(kind))


def _admit_batch(session: Session, batch: Batch, kind: str, target: str, now: datetime) -> None:
    """Let the batch sit what is assigned: a paper is offered to it; a live mock must already be offered to it."""
    if kind == PAPER:
        audience.offer_to_batch(session, session.get(FixedPaper, int(target)), batch.id)
    elif kind == LIVE_MOCK:
        mock = session.get(LiveMock, int(target))
        if mock.closes_at <= now:
            raise DomainError(N_("“%(mock)s” has closed: it can no longer be sat."), mock=mock.title)
        if mock.audience and batch.id not in {link.batch_id for link in mock.audience}:
            raise DomainError(
                N_("“%(mock)s” is offered only to other batches, so %(batch)s could not start it. Offer it to this "
                   "batch too (on the live mock's page), or schedule one for this batch, and assign that."),
                mock=mock.title, batch=batch.name,
            )  # fmt: skip


def assign(
    session: Session, batch: Batch, staff: User, kind: str, target: str, due_at: datetime, note: str, now: datetime
) -> Assignment:
    """Set a drill, test, frozen paper or live mock for the batch, due at `due_at` (which must be in the future).

    Assigning a frozen paper offers it to the batch; a live mock must be offered to it (or to everyone) and still open.
    """
    if due_at <= now:
        raise DomainError(N_("The due date must be in the future."))
    title = title_of(session, kind, target)[:200]
    _admit_batch(session, batch, kind, target, now)
    assignment = Assignment(
        batch_id=batch.id,
        kind=kind,
        target=target,
        title=title,
        note=note.strip(),
        due_at=due_at,
        created_by_id=staff.id,
        created_at=now,
    )
    session.add(assignment)
    session.flush()
    return assignment


def recent(session: Session, batch: Batch, limit: int = SHOWN) -> list[Assignment]:
    """The batch's assignments, latest due first."""
    return list(
        session.scalars(
            select(Assignment)
            .where(Assignment.batch_id == batch.id)
            .order_by(Assignment.due_at.desc(), Assignment.id.desc())
            .limit(limit)
        )
    )


def facts_since(session: Session, since: datetime, user_id: int | None = None, batch_id: int | None = None):
    """The graded attempts (AttemptFact) of one candidate, or of a batch's members, started at or after `since`,
    and their graded sittings of frozen papers (live mocks included) whenever sat."""
    query = (
        select(
            AttemptSummary.user_id,
            AttemptSummary.pattern_code,
            AttemptSummary.kind,
            AttemptSummary.mode,
            AttemptSummary.started_at,
            Attempt.pattern,
            FixedPaperSitting.paper_id,
            LiveMockEntry.live_mock_id,
        )
        .join(Attempt, Attempt.id == AttemptSummary.attempt_id)
        .outerjoin(FixedPaperSitting, FixedPaperSitting.attempt_id == AttemptSummary.attempt_id)
        .outerjoin(LiveMockEntry, LiveMockEntry.attempt_id == AttemptSummary.attempt_id)
        # a sitting of a frozen paper counts whenever it was sat (see targets.py); other attempts only lately
        .where(or_(AttemptSummary.started_at >= since, FixedPaperSitting.paper_id.is_not(None)))
    )
    if batch_id is not None:
        query = query.join(BatchMember, BatchMember.user_id == AttemptSummary.user_id).where(
            BatchMember.batch_id == batch_id
        )
    else:
        query = query.where(AttemptSummary.user_id == user_id)
    rows = session.execute(query)
    return [
        AttemptFact(u, code, kind, mode, started, _topics(kind, pattern), paper_id, mock_id)
        for u, code, kind, mode, started, pattern, paper_id, mock_id in rows
    ]


def _topics(kind: str, pattern: dict | None) -> frozenset[tuple[str, str]]:
    if kind != "topic" or not pattern:
        return frozenset()
    return frozenset((s["subject"], t) for s in pattern.get("sections", []) for t in s.get("topics", []))


def done_by(assignments: list[Assignment], facts: list[AttemptFact]) -> dict[int, set[int]]:
    """Assignment id -> the member ids who have done it."""
    return {a.id: {f.user_id for f in facts if done(a.kind, a.target, a.created_at, f)} for a in assignments}


def mine(session: Session, user: User, now: datetime) -> list[tuple[Assignment, Batch, bool]]:
    """(assignment, its batch, done) for every assignment of the candidate's batches, open ones first by due date.

    Assignments due more than KEEP_DAYS ago are left out. Two queries whatever the number of batches.
    """
    rows = session.execute(
        select(Assignment, Batch)
        .join(Batch, Batch.id == Assignment.batch_id)
        .join(BatchMember, (BatchMember.batch_id == Batch.id) & (BatchMember.user_id == user.id))
        .where(Assignment.due_at >= now - timedelta(days=KEEP_DAYS))
        .order_by(Assignment.due_at, Assignment.id)
    ).all()
    if not rows:
        return []
    facts = facts_since(session, min(a.created_at for a, _ in rows), user_id=user.id)
    listed = [(a, b, any(done(a.kind, a.target, a.created_at, f) for f in facts)) for a, b in rows]
    return sorted(listed, key=lambda row: (row[2], row[0].due_at, row[0].id))


def visible_assignment(session: Session, assignment_id: int, user: User) -> Assignment:
    """An assignment of a batch the user is in or follows (any, for an admin); NotFound for anyone else."""
    assignment = session.get(Assignment, assignment_id)
    if assignment is None:
        raise NotFound(NO_SUCH_ASSIGNMENT)
    try:
        viewable_batch(session, assignment.batch_id, user)
    except NotFound:
        raise NotFound(NO_SUCH_ASSIGNMENT) from None
    return assignment


def topic_choices(session: Session) -> list[tuple[str, str]]:
    """("section/topic", "Section — Topic") for every topic a drill can be set on."""
    topics = session.scalars(select(Topic).order_by(Topic.section, Topic.name))
    return [(f"{t.section}/{t.key}", f"{section_name(t.section)} — {local_name(t)}") for t in topics]


def test_choices(words: Wording = ENGLISH) -> list[tuple[str, str]]:
    """(pattern code, name) of every full mock and sectional test the exam engine can start."""
    codes = [code for p in all_patterns().values() for code in (p.code, *(f"{p.code}:{s.key}" for s in p.sections))]
    return [(code, test_name(code, code, words)) for code in codes]


def paper_choices(session: Session) -> list[tuple[str, str]]:
    """(paper id, name) of every frozen paper."""
    frozen = session.scalars(select(FixedPaper).where(FixedPaper.frozen_at.is_not(None)).order_by(FixedPaper.name))
    return [(str(p.id), f"{p.name} ({p.pattern_code})") for p in frozen if p.frozen]


def live_mock_choices(session: Session, batch: Batch, now: datetime) -> list[tuple[str, str]]:
    """(live mock id, title and window) of the live mocks still to close that the batch may sit."""
    offered_elsewhere = select(LiveMockBatch.live_mock_id).where(
        ~LiveMockBatch.live_mock_id.in_(select(LiveMockBatch.live_mock_id).where(LiveMockBatch.batch_id == batch.id))
    )
    mocks = session.scalars(
        select(LiveMock)
        .where(LiveMock.closes_at > now, LiveMock.id.not_in(offered_elsewhere))
        .order_by(LiveMock.opens_at)
    )
    return [(str(m.id), f"{m.title} ({window(m.opens_at, m.closes_at)})") for m in mocks]


def start_drill_for(
    session: Session, assignment: Assignment, user: User, paper: str, now: datetime, rng: random.Random
):
    """Start the assigned drill (a practice topic test, as the progress page's Drill button does)."""
    if assignment.kind != DRILL:
        raise DomainError(N_("This assignment is a test: open it from its link."))
    section, _, key = assignment.target.partition("/")
    return start_drill(session, user, paper, section, key, now, rng)


def kind_rule(kind: str) -> str:
    return KINDS[kind].rule
