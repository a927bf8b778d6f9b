"""Pure progress arithmetic: per-topic tallies, accuracy, pace, and the weakest-first order."""

from __future__ import annotations

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
