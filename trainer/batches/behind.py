"""Who is behind: pure rules over a member's recent strict mocks and the batch's scores (no Flask, no database)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from trainer.core.wording import ENGLISH, Wording

IDLE_DAYS = 7  # no strict mock for this long
FALLING_MOCKS = 3  # the last this many strict mocks, each lower than the one before ...
FALLING_DROP = 5.0  # ... by this many percentage points in all
RECENT_MOCKS = 3  # a member's level: the average of their last this many strict mocks
FAR_BELOW = 15.0  # percentage points under the batch median
MEDIAN_MIN_MEMBERS = 3  # fewer members with mocks: no median worth comparing with


@dataclass(frozen=True)
class Mock:
    """A graded strict mock: when it finished and its score as a percentage of the paper's marks."""

    finished_at: datetime
    percent: float


def percent(score: float, max_marks: float) -> float:
    return 100.0 * score / max_marks if max_marks else 0.0


def level(mocks: list[Mock]) -> float | None:
    """The average percentage of the most recent RECENT_MOCKS mocks (given newest first); None without any."""
    recent = mocks[:RECENT_MOCKS]
    return sum(m.percent for m in recent) / len(recent) if recent else None


def batch_median(levels: list[float | None]) -> float | None:
    """The median level of the members who have one, if enough of them do."""
    known = [x for x in levels if x is not None]
    return statistics.median(known) if len(known) >= MEDIAN_MIN_MEMBERS else None


def reasons(mocks: list[Mock], median: float | None, now: datetime, words: Wording = ENGLISH) -> list[str]:
    """Why a member is behind, one sentence per rule that fires (empty: not behind), in `words`' language.
    `mocks` newest first."""
    found = []
    if not mocks:
        found.append(words.gettext("No strict mock taken yet."))
    elif now - mocks[0].finished_at > timedelta(days=IDLE_DAYS):
        found.append(words.gettext("No strict mock for %(days)s days.", days=(now - mocks[0].finished_at).days))
    last = list(reversed(mocks[:FALLING_MOCKS]))  # oldest first
    if (
        len(last) == FALLING_MOCKS
        and all(b.percent < a.percent for a, b in zip(last, last[1:]))
        and last[0].percent - last[-1].percent >= FALLING_DROP
    ):
        scores = " → ".join(f"{m.percent:.0f}%" for m in last)
        found.append(words.gettext("Scores falling over the last %(num)s mocks: %(scores)s.", num=FALLING_MOCKS,
                                   scores=scores))  # fmt: skip
    mine = level(mocks)
    if mine is not None and median is not None and median - mine >= FAR_BELOW:
        found.append(words.gettext(
            "Recent mocks average %(level)s%%, %(gap)s points below the batch median (%(median)s%%).",
            level=f"{mine:.0f}", gap=f"{median - mine:.0f}", median=f"{median:.0f}",
        ))  # fmt: skip
    return found
