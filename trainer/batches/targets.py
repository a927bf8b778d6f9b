"""What an assignment can point at, and when a member's attempt fulfils it: a registry of kinds, pure.

A kind is a key stored in `assignment.kind`, with how to tell a fulfilling attempt. A frozen paper or a live mock
is named by its id (as text) and done by a graded sitting of it, whenever sat; a drill or a test must be started
after it was assigned (an old attempt is not the work that was set).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

DRILL, TEST, PAPER, LIVE_MOCK = "drill", "test", "paper", "live_mock"


@dataclass(frozen=True)
class AttemptFact:
    """What matching needs of a member's graded attempt."""

    user_id: int
    pattern_code: str
    kind: str  # full / sectional / topic
    mode: str  # strict / practice
    started_at: datetime
    topics: frozenset[tuple[str, str]] = frozenset()  # (subject, topic key) a topic test drew from
    paper_id: int | None = None  # the frozen paper sat, if it was one
    live_mock_id: int | None = None  # the live mock it was a sitting of, if any


@dataclass(frozen=True)
class TargetKind:
    key: str
    label: str
    fulfils: Callable[[str, AttemptFact], bool]  # (assignment target, attempt) -> done?
    rule: str  # what counts, in words, for the pages
    since_assigned: bool = True  # only attempts started once it was assigned count


def _drill_done(target: str, fact: AttemptFact) -> bool:
    section, _, topic = target.partition("/")
    return fact.kind == "topic" and (section, topic) in fact.topics


def _test_done(target: str, fact: AttemptFact) -> bool:
    return fact.pattern_code == target and fact.mode == "strict"


def _paper_done(target: str, fact: AttemptFact) -> bool:
    return fact.paper_id is not None and str(fact.paper_id) == target


def _live_mock_done(target: str, fact: AttemptFact) -> bool:
    return fact.live_mock_id is not None and str(fact.live_mock_id) == target


KINDS: dict[str, TargetKind] = {
    DRILL: TargetKind(DRILL, "Topic drill", _drill_done, "any graded topic test or drill of the topic"),
    TEST: TargetKind(TEST, "Mock or sectional test", _test_done, "a graded strict (mock-mode) attempt at the test"),
    PAPER: TargetKind(PAPER, "Fixed paper", _paper_done, "a graded attempt at the paper", since_assigned=False),
    LIVE_MOCK: TargetKind(LIVE_MOCK, "Live mock", _live_mock_done, "a graded sitting of the live mock", False),
}


def done(kind: str, target: str, assigned_at: datetime, fact: AttemptFact) -> bool:
    """Whether the attempt fulfils the assignment: the right kind of attempt (for a drill or a test, one started
    once it was assigned)."""
    spec = KINDS[kind]
    return (fact.started_at >= assigned_at or not spec.since_assigned) and spec.fulfils(target, fact)
