"""Pure progress arithmetic: per-topic tallies, accuracy, pace, the weakest-first order, the score prediction."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass
class TopicTally:
    attempted: int = 0  # answered (right or wrong)
    correct: int = 0
    seen: int = 0  # put on screen at least once
    seconds: float = 0.0  # time on screen, over every question seen

    def add(self, verdict: str, visited: bool, seconds: float) -> None:
        if verdict != "blank":
            self.attempted += 1
        if verdict == "right":
            self.correct += 1
        if visited:
            self.seen += 1
        self.seconds += seconds

    @property
    def accuracy(self) -> float | None:
        """Share of answered questions that were right; None before any answer."""
        return self.correct / self.attempted if self.attempted else None

    @property
    def avg_seconds(self) -> float | None:
        """Average time on screen per question seen."""
        return self.seconds / self.seen if self.seen else None


def weakest_first(items: list[tuple[T, TopicTally]]) -> list[tuple[T, tuple[float | None, float | None]]]:
    """Order topics weakest first: lowest accuracy, then most attempted; unanswered topics last."""
    ranked = sorted(
        items,
        key=lambda pair: (pair[1].accuracy is None, pair[1].accuracy or 0.0, -pair[1].attempted),
    )
    return [(item, (tally.accuracy, tally.avg_seconds)) for item, tally in ranked]


# Prediction from recent strict mocks -------------------------------------------------------------------------

MIN_MOCKS = 2  # fewer strict mocks than this: too few to predict
PRIOR_SPREAD = 0.05  # a candidate's mock scores typically spread by about 5% of the maximum between sittings
PRIOR_WEIGHT = 2  # ... counted as two observations, so two equal scores do not promise an exact score
# Student's t, 95th percentile, by degrees of freedom (a 90% two-sided interval).
T95 = {1: 6.314, 2: 2.920, 3: 2.353, 4: 2.132, 5: 2.015, 6: 1.943, 7: 1.895, 8: 1.860, 9: 1.833, 10: 1.812}


@dataclass(frozen=True)
class Prediction:
    score: float
    low: float
    high: float
    mocks: int
    spread: float  # the predictive standard deviation

    def chance_above(self, cutoff: float) -> float:
        """The chance the next score is above `cutoff` (normal approximation of the predictive distribution)."""
        return 0.5 * (1 - math.erf((cutoff - self.score) / (self.spread * math.sqrt(2))))


def predict(scores: list[float], max_marks: float, min_marks: float) -> Prediction | None:
    """The next score with a 90% prediction interval from recent mock scores; None below MIN_MOCKS.

    The sample spread is pooled with a prior spread, so a few close scores do not give a falsely narrow interval.
    """
    n = len(scores)
    if n < MIN_MOCKS:
        return None
    mean = sum(scores) / n
    squares = sum((s - mean) ** 2 for s in scores)
    prior = (PRIOR_SPREAD * max_marks) ** 2
    variance = (squares + PRIOR_WEIGHT * prior) / (n - 1 + PRIOR_WEIGHT)
    spread = math.sqrt(variance * (1 + 1 / n))
    half = T95.get(n - 1 + PRIOR_WEIGHT, 1.645) * spread
    return Prediction(mean, max(min_marks, mean - half), min(max_marks, mean + half), n, spread)
