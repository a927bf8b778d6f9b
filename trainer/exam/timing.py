"""Deadline arithmetic: pure functions of `now`; the server's clock is the only clock."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

SCRIBE_EXTRA_PER_HOUR = 20  # minutes of compensatory time per hour for scribe-eligible candidates


def extra_minutes(paper_minutes: int, scribe_eligible: bool) -> int:
    """Compensatory time: 20 minutes per hour of paper (pro rata, rounded up) for scribe-eligible candidates."""
    if not scribe_eligible:
        return 0
    return math.ceil(paper_minutes * SCRIBE_EXTRA_PER_HOUR / 60)


def deadline(started_at: datetime, minutes: int, extra: int = 0) -> datetime:
    """When the paper ends: start + allowed time + extra time."""
    return started_at + timedelta(minutes=minutes + extra)


def remaining_seconds(now: datetime, ends_at: datetime) -> float:
    """Seconds left on the clock, never negative."""
    return max(0.0, (ends_at - now).total_seconds())


def is_over(now: datetime, ends_at: datetime) -> bool:
    """True once the deadline has passed (the paper is over for the candidate)."""
    return now >= ends_at


def accepts_write(now: datetime, ends_at: datetime, grace_seconds: float) -> bool:
    """A save is accepted until the deadline plus a small grace for saves already in flight."""
    return now <= ends_at + timedelta(seconds=grace_seconds)


def part_windows(started_at: datetime, minutes: list[int], extras: list[int]) -> list[tuple[datetime, datetime]]:
    """When each timed part is open: parts run back to back from the start, each with its own extra time."""
    windows = []
    opens = started_at
    for length, extra in zip(minutes, extras, strict=True):
        closes = deadline(opens, length, extra)
        windows.append((opens, closes))
        opens = closes
    return windows


def open_part(now: datetime, windows: list[tuple[datetime, datetime]], grace_seconds: float = 0) -> int | None:
    """The part a write at `now` may go to (a closed part still takes writes during the grace), or None."""
    for index, (opens, closes) in enumerate(windows):
        if opens <= now <= closes + timedelta(seconds=grace_seconds):
            return index
    return None
