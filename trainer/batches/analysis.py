"""The batch dashboard's maths: heat-map cells, topic averages and the batch's weakest topics by marks at stake.

Pure functions over the progress feature's own estimates (mastery.py) and study-focus maths (study.py), so a
batch's "weakest topic" means the same as a candidate's "study next".
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.progress.mastery import Mastery
from trainer.progress.study import TopicWeight, marks_at_stake, retrievability

BANDS = ((0.75, "strong"), (0.60, "fair"), (0.40, "weak"))  # mastery from which a cell gets the band
WEAKEST_SHOWN = 5

TopicKey = tuple[str, str]  # (section, topic key)


@dataclass(frozen=True)
class Cell:
    """One member × topic square: the text every reader gets, and a band for the colour."""

    text: str
    band: str  # strong / fair / weak / poor / few / none
    answered: int


def cell(level: Mastery | None) -> Cell:
    """A member's mastery of a topic as a heat-map cell ("—" without answers, "*" below enough data)."""
    if level is None or level.answered == 0:
        return Cell("—", "none", 0)
    if not level.enough_data:
        return Cell(f"{level.mean:.0%}*", "few", level.answered)
    band = next((name for floor, name in BANDS if level.mean >= floor), "poor")
    return Cell(f"{level.mean:.0%}", band, level.answered)


@dataclass(frozen=True)
class TopicStanding:
    """A topic across the batch: average mastery of the members who answered it, and marks at stake per member."""

    topic: TopicWeight
    average: float | None
    members_answered: int
    marks: float
    everyone: float | None = None  # the facility of the topic over all candidates


def topic_standings(
    weights: list[TopicWeight],
    levels: dict[int, dict[TopicKey, Mastery]],
    idle: dict[int, dict[TopicKey, int]],
    priors: dict[TopicKey, Mastery],
    facility: dict[TopicKey, float] | None = None,
) -> list[TopicStanding]:
    """Every topic the paper asks, in the given order, over the members in `levels` (member id -> their topics).

    Marks at stake are study.marks_at_stake averaged over members; a member who never answered a topic counts
    at the topic's prior, as their own study-next list counts them.
    """
    members = list(levels)
    standings = []
    for weight in weights:
        key = (weight.section, weight.key)
        answered = [levels[m][key] for m in members if key in levels[m] and levels[m][key].answered]
        stake = 0.0
        for member in members:
            level = levels[member].get(key) or priors[key]
            stake += marks_at_stake(weight, level, retrievability(idle.get(member, {}).get(key)))
        standings.append(
            TopicStanding(
                weight,
                sum(x.mean for x in answered) / len(answered) if answered else None,
                len(answered),
                stake / len(members) if members else 0.0,
                (facility or {}).get(key),
            )
        )
    return standings


def weakest(standings: list[TopicStanding], count: int = WEAKEST_SHOWN) -> list[TopicStanding]:
    """The topics with the most marks at stake per member (ties: more often asked, then by name)."""
    ranked = sorted(standings, key=lambda s: (-s.marks, -s.topic.questions, s.topic.name))
    return [s for s in ranked if s.marks > 0][:count]


def accuracy(pairs: list[tuple[int, int]]) -> float | None:
    """Right answers over answered, summed over (answered, right) pairs; None without any answer."""
    answered = sum(a for a, _ in pairs)
    return sum(c for _, c in pairs) / answered if answered else None
