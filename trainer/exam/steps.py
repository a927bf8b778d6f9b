"""The step fold: a slot's palette state, saved answer and time on screen, from the append-only steps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Kind(StrEnum):
    VIEW = "view"  # the question was put on screen
    SAVE = "save"  # Save & Next (value: the chosen option, or None)
    MARK = "mark"  # Mark for Review & Next (value: the chosen option, or None)
    CLEAR = "clear"  # Clear Response
    SUBMIT = "submit"


SLOT_KINDS = {Kind.VIEW, Kind.SAVE, Kind.MARK, Kind.CLEAR}


class Palette(StrEnum):
    NOT_VISITED = "not_visited"
    NOT_ANSWERED = "not_answered"
    ANSWERED = "answered"
    MARKED = "marked"
    ANSWERED_MARKED = "answered_marked"


PALETTE_LABELS = {
    Palette.NOT_VISITED: "Not Visited",
    Palette.NOT_ANSWERED: "Not Answered",
    Palette.ANSWERED: "Answered",
    Palette.MARKED: "Marked for Review",
    Palette.ANSWERED_MARKED: "Answered & Marked for Review",
}


@dataclass(frozen=True)
class StepRecord:
    """One stored step, as the fold needs it (position is the slot's place in the paper)."""

    seq: int  # storage order: ties on server_time are broken by it
    client_id: str
    kind: str
    position: int | None
    value: int | None
    server_time: datetime


@dataclass
class SlotState:
    visited: bool = False
    answer: int | None = None  # option index as written; None when no answer is saved
    marked: bool = False
    seconds: float = 0.0

    @property
    def palette(self) -> Palette:
        if not self.visited:
            return Palette.NOT_VISITED
        if self.marked:
            return Palette.ANSWERED_MARKED if self.answer is not None else Palette.MARKED
        return Palette.ANSWERED if self.answer is not None else Palette.NOT_ANSWERED


def ordered_unique(steps: Iterable[StepRecord]) -> list[StepRecord]:
    """Steps in the order the server stored them, each client step once (the first copy wins)."""
    first: dict[str, StepRecord] = {}
    for step in sorted(steps, key=lambda s: (s.server_time, s.seq)):
        first.setdefault(step.client_id, step)
    return list(first.values())


def fold(steps: Iterable[StepRecord], slot_count: int, ends_at: datetime | None = None) -> list[SlotState]:
    """Replay steps into one state per slot; time on screen runs from a view to the next view or the end."""
    states = [SlotState() for _ in range(slot_count)]
    on_screen: tuple[int, datetime] | None = None
    for step in ordered_unique(steps):
        if step.kind in (Kind.VIEW, Kind.SUBMIT) and on_screen is not None:
            position, since = on_screen
            states[position].seconds += max(0.0, (step.server_time - since).total_seconds())
            on_screen = None
        if step.position is None or not 0 <= step.position < slot_count:
            continue
        state = states[step.position]
        state.visited = True
        if step.kind == Kind.VIEW:
            on_screen = (step.position, step.server_time)
        elif step.kind == Kind.SAVE:
            state.answer, state.marked = step.value, False
        elif step.kind == Kind.MARK:
            state.answer, state.marked = step.value, True
        elif step.kind == Kind.CLEAR:
            state.answer = None
    if on_screen is not None and ends_at is not None:
        position, since = on_screen
        states[position].seconds += max(0.0, (ends_at - since).total_seconds())
    return states
