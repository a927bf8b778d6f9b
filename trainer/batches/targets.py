"""What an assignment can point at, and when a member's attempt fulfils it: a registry of kinds, pure.

A kind is a key stored in `assignment.kind`, with how to tell a fulfilling attempt. Adding a frozen paper or a
live mock later is one more entry here (matching the attempt's paper id) and one more way to start it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

DRILL, TEST = "drill", "test"


@dataclass(frozen=True)
class AttemptFact:
    """What matching needs of a member's graded attempt."""

    user_id: int
    pattern_code: str
    kind: str  # full / sectional / topic
    mode: str  # strict / practice
    started_at: datetime
    topics: frozenset[tuple[str, str]] = frozenset()  # (subject, topic key) a topic test drew from


@dataclass(frozen=True)
class TargetKind:
    key: str
    label: str
    fulfils: Callable[[str, AttemptFact], bool]  # (assignment target, attempt) -> done?
    rule: str  # what counts, in words, for the pages


def _drill_done(target: str, fact: AttemptFact) -> bool:
    section, _, topic = target.partition("/")
    return fact.kind == "topic" and (section, topic) in fact.topics


def _test_done(target: str, fact: AttemptFact) -> bool:
    return fact.pattern_code == target and fact.mode == "strict"


KINDS: dict[str, TargetKind] = {
    DRILL: TargetKind(DRILL, "Topic drill", _drill_done, "any graded topic test or drill of the topic"),
    TEST: TargetKind(TEST, "Mock or sectional test", _test_done, "a graded strict (mock-mode) attempt at the test"),
}


def done(kind: str, target: str, assigned_at: datetime, fact: AttemptFact) -> bool:
    """Whether the attempt fulfils the assignment: the right kind of attempt, started once it was assigned."""
    return fact.started_at >= assigned_at and KINDS[kind].fulfils(target, fact)
