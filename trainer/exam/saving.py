"""Saving a candidate's actions, the exam's busiest request: one read, one insert, whatever the paper's length.

Every Save & Next, Mark, Clear and question view of every candidate comes through here. A batch of steps reads the
attempt, the slots it touches and their stored steps in a single query, inserts its new steps in a single statement
that skips any step id already stored, and answers with the touched slots' state folded from what was read plus
what was just stored. The question texts, the other slots and the account row are never read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from sqlalchemy.orm import Session

from trainer.core.db import fetch_plain, insert_skipping_duplicates, read_utc
from trainer.core.errors import Conflict, NotFound, Unauthorized
from trainer.exam import timing
from trainer.exam.models import Step
from trainer.exam.patterns import Pattern
from trainer.exam.service import IN_PROGRESS, pattern_or_404, pattern_windows, plausible_time
from trainer.exam.steps import SLOT_KINDS, Kind, SlotState, StepRecord, fold
from trainer.i18n import N_

NEW_STEP_SEQ = 2**62  # steps being stored have no id yet; they sort after every stored one
POSITIONS = range(2**31 - 1)  # a position outside this could not even be asked of the database


class TestOver(Conflict):
    """The attempt no longer takes answers (submitted, or its time and the grace ran out)."""

    __test__ = False  # not a pytest class, whatever its name

    def __init__(self) -> None:
        super().__init__("This test is over; answers can no longer be changed.")


@dataclass(frozen=True)
class ClientStep:
    """A step as the page sends it: its own id, what was done, where, and the option as shown."""

    client_id: str
    kind: str
    position: int | None
    choice: int | None
    client_time: datetime | None = None


@dataclass(frozen=True)
class SaveTarget:
    """What a save needs of its attempt: whose it is, whether and until when it takes answers, and its rules."""

    id: int
    user_id: int
    state: str
    mode: str
    started_at: datetime
    deadline: datetime
    extra_minutes: int
    pattern: Pattern
    session_generation: int  # the owner's: a session signed in under another one was ended
    disabled: bool  # the owner's account is disabled


@dataclass(frozen=True)
class TouchedSlot:
    """What a save needs of one slot: where it is, its section, the option order shown, and its steps so far."""

    id: int
    position: int
    section: str
    option_order: list[int]
    steps: list[StepRecord] = field(default_factory=list, compare=False)


@dataclass
class StepResult:
    """The server's answer to a batch: ids it holds now, ids it refused (with why), and practice feedback."""

    acked: list[str]
    refused: dict[str, str]
    checked: list[int]  # positions whose answer was just saved in practice mode
    slots: dict[int, TouchedSlot] = field(default_factory=dict)  # the slots the batch touched, by position
    states: dict[int, SlotState] = field(default_factory=dict)  # their state once the batch is stored


# The read runs on every save; SQLAlchemy's execution layer would cost more than the query itself, so it goes
# straight to the driver (`fetch_plain`). JSON columns come as text, decoded once per attempt or slot.
# The account's session generation and disabled time come along, so a revoked session is refused in the same read.
_READ = (
    "SELECT attempt.user_id, attempt.state, attempt.mode, attempt.started_at, attempt.deadline,"
    ' attempt.extra_minutes, attempt.pattern_code, CAST(attempt.pattern AS TEXT), "user".session_generation,'
    ' "user".disabled_at,'
    " slot.id, slot.position, slot.section, CAST(slot.option_order AS TEXT),"
    " step.id, step.client_id, step.kind, step.value, step.client_time, step.server_time"
    ' FROM attempt JOIN "user" ON "user".id = attempt.user_id'
    " LEFT OUTER JOIN slot ON slot.attempt_id = attempt.id AND slot.position IN ({positions})"
    " LEFT OUTER JOIN step ON step.slot_id = slot.id"
    " WHERE attempt.id = ? ORDER BY slot.position, step.id"
)


@lru_cache(maxsize=64)
def _read_sql(count: int) -> str:
    return _READ.format(positions=", ".join(["?"] * count) if count else "NULL")


@lru_cache(maxsize=512)
def _rules(snapshot: str | None, code: str) -> Pattern:
    """An attempt's pattern from its snapshot's text (parsed once per distinct snapshot)."""
    data = json.loads(snapshot) if snapshot else None
    return Pattern.from_dict(data) if data else pattern_or_404(code)


def read_for_save(session: Session, attempt_id: int, positions) -> tuple[SaveTarget | None, dict[int, TouchedSlot]]:
    """The attempt, and its slots at these positions with their stored steps, in one query."""
    wanted = sorted({p for p in positions if isinstance(p, int) and p in POSITIONS})
    rows = fetch_plain(session, _read_sql(len(wanted)), [*wanted, attempt_id])
    if not rows:
        return None, {}
    utc = read_utc(session)
    user_id, state, mode, started_at, deadline, extra, code, snapshot, generation, disabled_at = rows[0][:10]
    started_at = utc(started_at)
    rules = _rules(snapshot, code)
    target = SaveTarget(
        attempt_id, user_id, state, mode, started_at, utc(deadline), extra, rules, generation, disabled_at is not None
    )
    slots: dict[int, TouchedSlot] = {}
    for row in rows:
        slot_id, position, section, order, step_id, client_id, kind, value, client_time, server_time = row[10:]
        if slot_id is None:
            continue
        slot = slots.get(position) or slots.setdefault(
            position, TouchedSlot(slot_id, position, section, json.loads(order))
        )
        if step_id is not None:
            at = plausible_time(utc(client_time), utc(server_time), started_at)
            slot.steps.append(StepRecord(step_id, client_id, kind, position, value, at))
    return target, slots


def save_steps(
    session: Session,
    attempt_id: int,
    signed_in: tuple[int, int | None],
    steps: list[ClientStep],
    now: datetime,
    grace_seconds: float,
) -> StepResult:
    """Store a batch of the page's steps on the user's own attempt, each step once.

    `signed_in` is the session's (account id, session generation). Unauthorized is raised when that session was
    ended (its generation is not the account's, or the account is disabled): the page keeps its journal.

    Steps for closed or unopened sections, unknown questions or options, and (in practice mode) changes to an
    answer already checked are refused with the reason. A step id already stored is acknowledged again, so a
    re-sent journal is harmless. TestOver is raised for an attempt submitted, or past its deadline and grace
    (the caller closes it: `service.close_if_expired`).

    Runs one read and one INSERT, each atomic by itself, so the caller may run it outside a transaction.
    """
    target, slots = read_for_save(session, attempt_id, [s.position for s in steps])
    user_id, generation = signed_in
    if target is None or target.user_id != user_id:
        raise NotFound("No such attempt.")
    if target.disabled or target.session_generation != generation:
        raise Unauthorized("You are signed out. Sign in again; your answers are kept on this device.")
    if target.state != IN_PROGRESS or not timing.accepts_write(now, target.deadline, grace_seconds):
        raise TestOver()
    pattern = target.pattern
    # During the grace after a part closes, both it (saves in flight) and the part that just opened take writes.
    parts = pattern_windows(pattern, target.started_at, target.extra_minutes)
    open_parts = {timing.open_part(now, parts), timing.open_part(now, parts, grace_seconds)} - {None}
    held = {record.client_id for slot in slots.values() for record in slot.steps}
    revealed = set()
    if target.mode == "practice":  # a practice answer is checked once saved, and then fixed
        revealed = {p for p, state in _states(slots).items() if state.answer is not None}
    result = StepResult([], {}, [], slots)
    rows, records = [], []
    for step in steps:
        client_id = step.client_id
        if client_id not in held:
            reason = _refusal(slots, pattern, step, open_parts, revealed)
            if reason:
                result.refused[client_id] = reason
                continue
            row = _to_row(attempt_id, slots[step.position], step, now)
            rows.append(row)
            at = plausible_time(row["client_time"], now, target.started_at)
            records.append(StepRecord(NEW_STEP_SEQ + len(rows), client_id, step.kind, step.position, row["value"], at))
            held.add(client_id)
            if target.mode == "practice" and step.kind in (Kind.SAVE, Kind.MARK) and step.choice is not None:
                revealed.add(step.position)
                result.checked.append(step.position)
        result.acked.append(client_id)
    if rows:
        # Skips a step another tab stored a moment ago, rather than failing the whole batch.
        statement = insert_skipping_duplicates(session, Step.__table__, ("attempt_id", "client_id"))
        session.connection().execute(statement, rows)
    result.states = _states(slots, records)
    return result


def _states(slots: dict[int, TouchedSlot], extra: list[StepRecord] = ()) -> dict[int, SlotState]:
    if not slots:
        return {}
    states = fold([s for slot in slots.values() for s in slot.steps] + list(extra), max(slots) + 1)
    return {p: states[p] for p in slots}


def _refusal(
    slots: dict[int, TouchedSlot], pattern: Pattern, step: ClientStep, open_parts: set[int], revealed: set[int]
) -> str | None:
    if step.kind not in SLOT_KINDS:
        return f"unknown action {step.kind!r}"
    slot = slots.get(step.position) if isinstance(step.position, int) else None
    if slot is None:
        return N_("that question is not in this paper")
    if step.choice is not None and not 0 <= step.choice < len(slot.option_order):
        return N_("that option is not in this question")
    part = pattern.part_of(slot.section)
    if part not in open_parts and not (open_parts and part < min(open_parts) and step.kind == Kind.VIEW):
        closed = not open_parts or part < min(open_parts)
        return N_("this section is closed") if closed else N_("this section is not open yet")
    if step.position in revealed and step.kind != Kind.VIEW:
        return N_("this answer has been checked and can no longer be changed")
    return None


def _to_row(attempt_id: int, slot: TouchedSlot, step: ClientStep, now: datetime) -> dict:
    value = None
    if step.choice is not None and step.kind in (Kind.SAVE, Kind.MARK):
        value = slot.option_order[step.choice]
    return {
        "attempt_id": attempt_id,
        "slot_id": slot.id,
        "client_id": step.client_id,
        "kind": step.kind,
        "value": value,
        "client_time": step.client_time,
        "server_time": now,
    }
