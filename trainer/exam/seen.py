"""What a candidate has been shown: per question, how many times, for the draw to prefer what they have not seen.

Counting it from the slots of every attempt a candidate ever made grows with their use (a candidate with 200 mocks
has 20,000 slots), and the counting join's plan depends on the database's statistics. So the counts are folded:
`seen_summary` holds them packed, through one of the candidate's attempts, and a start reads that one row plus the
slots of the few attempts made since (`FOLD_AFTER` at most). When that many have piled up, the start folds them in.

Two starts by one candidate at the same moment may fold the same attempts twice or miss one in flight: the counts
only order what is drawn, so that costs at worst a question shown once more, never an answer or a mark.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import LargeBinary, bindparam, func, null, select, union_all
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from trainer.bank.models import QuestionVersion
from trainer.exam.models import Attempt, SeenSummary, Slot

FOLD_AFTER = 3  # attempts read from their slots before a start folds them into the summary


# --- pure -------------------------------------------------------------------------------------------------------


def pack(counts: Mapping[int, int]) -> bytes:
    """Counts as little-endian 32-bit pairs (question id, times), by question id."""
    flat = array("i", (n for pair in sorted(counts.items()) for n in pair))
    if sys.byteorder == "big":
        flat.byteswap()
    return flat.tobytes()


def unpack(packed: bytes | None) -> dict[int, int]:
    """The counts `pack` wrote (nothing for None)."""
    flat = array("i")
    flat.frombytes(packed or b"")
    if sys.byteorder == "big":
        flat.byteswap()
    return dict(zip(flat[0::2], flat[1::2], strict=True))


def fold(counts: Mapping[int, int], shown: Counter[int]) -> dict[int, int]:
    """The counts with these questions' showings added."""
    merged = dict(counts)
    for question_id, times in shown.items():
        merged[question_id] = merged.get(question_id, 0) + times
    return merged


# --- reading and folding ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """What a candidate has seen (question id -> times) and, when attempts enough have piled up since their summary,
    the attempt to fold through (None otherwise): `store` writes it once the start has written its own rows."""

    counts: dict[int, int]
    fold_through: int | None = None


# Built once: every start runs them (building and keying them anew cost about a fifth of a millisecond).
_through = select(SeenSummary.through_attempt).where(SeenSummary.user_id == bindparam("user_id")).scalar_subquery()
_SUMMARY_AND_SINCE = union_all(
    select(SeenSummary.through_attempt, SeenSummary.counts).where(SeenSummary.user_id == bindparam("user_id")),
    select(Attempt.id, null().cast(LargeBinary)).where(
        Attempt.user_id == bindparam("user_id"), Attempt.id > func.coalesce(_through, 0)
    ),
)
_question = select(QuestionVersion.question_id).where(QuestionVersion.id == Slot.version_id).scalar_subquery()
_SHOWN_IN = select(_question).where(Slot.attempt_id.in_(bindparam("attempts", expanding=True)))


def read(session: Session, user_id: int) -> Seen:
    """How many times this candidate has been shown each question, over all their attempts; writes nothing.

    One statement reads the summary and the ids of the attempts made since it; a second, only when there are such
    attempts, reads their slots (an index range per attempt, each version's question by its primary key: no plan
    that scans the slot table, whatever the statistics say).
    """
    connection = session.connection()
    rows = connection.execute(_SUMMARY_AND_SINCE, {"user_id": user_id}).all()
    packed = next((packed for _, packed in rows if packed is not None), None)
    since = sorted(attempt for attempt, packed in rows if packed is None)
    counts = unpack(packed)
    if not since:
        return Seen(counts)
    counts = fold(counts, Counter(connection.scalars(_SHOWN_IN, {"attempts": since})))
    return Seen(counts, since[-1] if len(since) >= FOLD_AFTER else None)


def store(session: Session, user_id: int, seen: Seen) -> None:
    """Fold what `read` counted into the candidate's summary, if enough attempts had piled up: one upsert, which
    only ever moves the summary forward. A start calls it last, with its other writes (SQLite's write lock is
    taken by the first write and held to the commit)."""
    if seen.fold_through is not None:
        _store(session, user_id, seen.fold_through, pack(seen.counts))


def _store(session: Session, user_id: int, through_attempt: int, packed: bytes) -> None:
    dialect = session.get_bind().dialect.name
    upsert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(SeenSummary)
    values = {"user_id": user_id, "through_attempt": through_attempt, "counts": packed}
    session.connection().execute(
        upsert.values(values).on_conflict_do_update(
            index_elements=[SeenSummary.user_id],
            set_={"through_attempt": through_attempt, "counts": packed},
            where=SeenSummary.through_attempt < through_attempt,
        )
    )
