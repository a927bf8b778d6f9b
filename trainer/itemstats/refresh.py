"""`stats refresh`: count newly graded strict attempts into per-version bins, then recompute the versions touched.

Incremental by construction: grading queues the attempt (`queue.note_graded`); a refresh reads the queued attempts
only, adds each candidate's first response per version to that version's bins, and recomputes the statistics of
the versions it touched from their bins (bounded by the marking, not by the candidates). `everything=True` starts
again from every graded strict attempt (after an upgrade, or to check). Flushes only: the caller commits.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import delete, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from trainer.bank.models import QuestionVersion
from trainer.core.db import insert_skipping_duplicates
from trainer.exam.models import Attempt, Slot
from trainer.itemstats import analysis
from trainer.itemstats.models import ItemBin, ItemClaim, ItemStat, ItemStatsPending, ItemStatsRun
from trainer.itemstats.queue import STRICT

ATTEMPTS_PER_CHUNK = 500
LOCK_KEY = 0x17E3_5747  # PostgreSQL advisory lock of `stats refresh`


class RefreshRunning(Exception):
    """Another `stats refresh` holds the lock; this one did nothing."""


@dataclass(frozen=True)
class RefreshReport:
    attempts: int  # attempts read
    versions: int  # versions whose statistics were recomputed
    bins: int = 0  # bins read to recompute them


def refresh(session: Session, now: datetime, everything: bool = False) -> RefreshReport:
    """Count queued (or, with `everything`, all) graded strict attempts and recompute the versions they touch.

    Raises RefreshRunning if another refresh is under way (PostgreSQL); on SQLite the run row's update takes the
    database's write lock, so a second refresh waits and then finds the queue empty.
    """
    _lock(session)
    run = session.get(ItemStatsRun, 1) or ItemStatsRun(id=1)
    run.refreshed_at = now
    session.add(run)
    session.flush()
    if everything:
        for table in (ItemBin, ItemClaim, ItemStat, ItemStatsPending):
            session.execute(delete(table))
        ids = list(
            session.scalars(
                select(Attempt.id)
                .where(Attempt.mode == STRICT, Attempt.result.is_not(None))
                .order_by(Attempt.finished_at, Attempt.id)
            )
        )
    else:
        queued = select(ItemStatsPending.attempt_id).join(Attempt, Attempt.id == ItemStatsPending.attempt_id)
        ids = list(session.scalars(queued.order_by(Attempt.finished_at, Attempt.id)))
    touched: set[int] = set()
    for start in range(0, len(ids), ATTEMPTS_PER_CHUNK):
        chunk = ids[start : start + ATTEMPTS_PER_CHUNK]
        touched |= count_attempts(session, chunk)
        session.execute(delete(ItemStatsPending).where(ItemStatsPending.attempt_id.in_(chunk)))
    bins = recompute(session, sorted(touched), now)
    run.attempts, run.versions = len(ids), len(touched)
    session.flush()
    return RefreshReport(len(ids), len(touched), bins)


def _lock(session: Session) -> None:
    on_postgresql = session.get_bind().dialect.name == "postgresql"
    if on_postgresql and not session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": LOCK_KEY}):
        raise RefreshRunning("Another statistics refresh is running; this one did nothing.")


def count_attempts(session: Session, attempt_ids: list[int]) -> set[int]:
    """Add the attempts' responses that are their candidate's first for the version; returns the versions touched."""
    attempts = session.execute(
        select(Attempt.id, Attempt.user_id, Attempt.result).where(
            Attempt.id.in_(attempt_ids), Attempt.mode == STRICT, Attempt.result.is_not(None)
        )
    ).all()
    slots: dict[int, list] = defaultdict(list)
    for row in session.execute(
        select(Slot.attempt_id, Slot.version_id, Slot.marks_right, Slot.marks_wrong, QuestionVersion.answer)
        .join(QuestionVersion, QuestionVersion.id == Slot.version_id)
        .where(Slot.attempt_id.in_(attempt_ids))
        .order_by(Slot.attempt_id, Slot.position)
    ):
        slots[row.attempt_id].append(row)
    found: dict[tuple[int, int], tuple[int, analysis.Bin]] = {}
    order = {attempt_id: n for n, attempt_id in enumerate(attempt_ids)}  # the earlier attempt first
    for attempt_id, user_id, result in sorted(attempts, key=lambda row: order[row.id]):
        answers = _answers(session, attempt_id, result, len(slots[attempt_id]))
        for version_id, b in attempt_bins(slots[attempt_id], answers):
            found.setdefault((version_id, user_id), (attempt_id, b))  # a version twice in one paper: the first
    claimed = _claim(session, [(v, u, a) for (v, u), (a, _b) in found.items()])
    counts = Counter((v, b.answer, b.item_key, b.rest_key) for (v, u), (_a, b) in found.items() if (v, u) in claimed)
    if counts:
        rows = [dict(zip(("version_id", "answer", "item_key", "rest_key"), k), count=c) for k, c in counts.items()]
        session.execute(_add_to_bins(session.get_bind().dialect.name), rows)
    return {v for v, _u in claimed}


def attempt_bins(slots: list, answers: list[int | None]) -> Iterable[tuple[int, analysis.Bin]]:
    """(version id, bin) of every question of one graded paper, each scored against the rest of that paper."""
    marks = [
        0.0 if answer is None else (s.marks_right if answer == s.answer else -s.marks_wrong)
        for s, answer in zip(slots, answers, strict=True)
    ]
    total, top, bottom = sum(marks), sum(s.marks_right for s in slots), -sum(s.marks_wrong for s in slots)
    for s, answer, mark in zip(slots, answers, marks, strict=True):
        response = analysis.Response(
            answer, s.answer, s.marks_right, s.marks_wrong, total - mark, top - s.marks_right, bottom + s.marks_wrong
        )
        b = analysis.to_bin(response)
        if b is not None:
            yield s.version_id, b


def _answers(session: Session, attempt_id: int, result: dict, slot_count: int) -> list[int | None]:
    """The answers the grade counted; attempts graded before these were kept are folded from their steps."""
    answers = (result or {}).get("answers")
    if answers is not None and len(answers) == slot_count:
        return answers
    from trainer.exam.service import graded_states  # rare: only attempts graded by an older version

    return [state.answer for state in graded_states(session, session.get(Attempt, attempt_id))]


def _claim(session: Session, rows: list[tuple[int, int, int]]) -> set[tuple[int, int]]:
    """Insert the (version, candidate) claims not yet held; returns those the given attempts now hold.

    Attempts already counted (a queue row added again) are left out first, so what they hold is not counted twice.
    """
    attempt_ids = sorted({a for _v, _u, a in rows})
    counted = set(session.scalars(select(ItemClaim.attempt_id).where(ItemClaim.attempt_id.in_(attempt_ids)).distinct()))
    values = [{"version_id": v, "user_id": u, "attempt_id": a} for v, u, a in rows if a not in counted]
    if not values:
        return set()
    session.execute(insert_skipping_duplicates(session, ItemClaim.__table__, ("version_id", "user_id")), values)
    fresh = [a for a in attempt_ids if a not in counted]
    held = select(ItemClaim.version_id, ItemClaim.user_id).where(ItemClaim.attempt_id.in_(fresh))
    return {(v, u) for v, u in session.execute(held)}


def _add_to_bins(dialect_name: str):
    dialect = {"sqlite": sqlite, "postgresql": postgresql}[dialect_name]
    table = ItemBin.__table__
    statement = dialect.insert(table)
    return statement.on_conflict_do_update(
        index_elements=["version_id", "answer", "item_key", "rest_key"],
        set_={"count": table.c.count + statement.excluded.count},
    )


def recompute(session: Session, version_ids: list[int], now: datetime, chunk: int = 500) -> int:
    """Recompute and store the statistics of the versions from their bins; returns how many bins were read."""
    read = 0
    for start in range(0, len(version_ids), chunk):
        ids = version_ids[start : start + chunk]
        bins: dict[int, list[analysis.Bin]] = defaultdict(list)
        columns = (ItemBin.version_id, ItemBin.answer, ItemBin.item_key, ItemBin.rest_key, ItemBin.count)
        for version_id, *values in session.execute(select(*columns).where(ItemBin.version_id.in_(ids))):
            bins[version_id].append(analysis.Bin(*values))
            read += 1
        versions = session.execute(
            select(
                QuestionVersion.id, QuestionVersion.question_id, QuestionVersion.answer, QuestionVersion.options
            ).where(QuestionVersion.id.in_(ids))
        ).all()
        stored = {s.version_id: s for s in session.scalars(select(ItemStat).where(ItemStat.version_id.in_(ids)))}
        for version_id, question_id, key, options in versions:
            stats = analysis.compute(bins[version_id], key, len(options))
            row = stored.get(version_id) or ItemStat(version_id=version_id, question_id=question_id)
            row.n, row.facility, row.sd = stats.n, stats.facility, stats.sd
            row.discrimination, row.efficiency = stats.discrimination, stats.efficiency
            row.options = [asdict(o) for o in stats.options]
            row.flags = [asdict(f) for f in stats.flags]
            row.severity, row.refreshed_at = analysis.severity(stats.flags), now
            session.add(row)
    session.flush()
    return read
