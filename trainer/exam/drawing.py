"""Drawing a paper: spread each section over its topics by weight, fewest-seen questions first."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

# A topic the paper gives no weight still fills a section when the weighted topics run out.
FALLBACK_WEIGHT = 0.01


@dataclass(frozen=True)
class Candidate:
    """Something that may be drawn: a question, a whole group of questions, or one generated item.

    `size` is how many slots it fills (a reading passage with five questions fills five); `seen` is how often this
    candidate has been shown it before.
    """

    question_id: int | None
    version_id: int | None
    topic: str
    seen: int = 0
    shuffle: bool = True
    size: int = 1
    unit: str = ""  # identity when it is not a single stored question: "group:<id>" or "gen:<key>:<seed>"
    members: tuple = ()  # for a group: ((question_id, version_id, shuffle), ...) in order

    @property
    def key(self):
        return self.unit or self.question_id


class NotEnoughQuestions(ValueError):
    """The bank cannot fill a section; the message says which and by how much."""


def apportion(total: int, weights: dict[str, float], available: dict[str, int]) -> dict[str, int]:
    """Split `total` over topics in proportion to weight (largest remainder), never above what is available."""
    quota = {topic: 0 for topic in available}
    while True:
        remaining = total - sum(quota.values())
        open_topics = [t for t in sorted(available) if quota[t] < available[t]]
        if remaining <= 0 or not open_topics:
            return quota
        # Topics without weight only take what the weighted topics cannot supply.
        pool = [t for t in open_topics if weights.get(t, 0.0) > 0] or open_topics
        weight = {t: max(weights.get(t, 0.0), FALLBACK_WEIGHT) for t in pool}
        scale = remaining / sum(weight.values())
        shares = {t: weight[t] * scale for t in pool}
        # Only the seats the floors leave over go by remainder; seats a cap refused wait for the next round.
        seats = remaining - sum(int(share) for share in shares.values())
        given = 0
        for t in pool:
            add = min(int(shares[t]), available[t] - quota[t])
            quota[t] += add
            given += add
        by_remainder = sorted(pool, key=lambda t: (-(shares[t] - int(shares[t])), -weight[t], t))
        for t in by_remainder:
            if seats <= 0:
                break
            if quota[t] < available[t]:
                quota[t] += 1
                given += 1
                seats -= 1
        if given == 0:
            return quota


def draw_section(
    candidates: list[Candidate], count: int, weights: dict[str, float], rng: random.Random, label: str = ""
) -> list[Candidate]:
    """Pick candidates filling exactly `count` slots, never a seen one while an unseen one fits, shuffled.

    The topic mix follows the weights as far as the least-seen candidates allow: first each topic's share is
    taken from the least-seen level; seats a topic cannot fill there go to other topics at the same level, by
    weight; only then are candidates seen more often used, level by level. Groups fill as many slots as they
    have questions and are only taken whole.
    """
    unique = {c.key: c for c in candidates}
    if sum(c.size for c in unique.values()) < count:
        raise NotEnoughQuestions(
            f"section {label or '?'} needs {count} questions but the bank has "
            f"{sum(c.size for c in unique.values())} published"
        )
    seats: dict[str, int] = defaultdict(int)
    by_level: dict[int, dict[str, list[Candidate]]] = defaultdict(lambda: defaultdict(list))
    for candidate in sorted(unique.values(), key=lambda c: str(c.key)):
        seats[candidate.topic] += candidate.size
        by_level[candidate.seen][candidate.topic].append(candidate)
    target = apportion(count, weights, dict(seats))
    picker = _Picker(count, target)
    for level in sorted(by_level):
        pools = {topic: rng.sample(items, len(items)) for topic, items in sorted(by_level[level].items())}
        for topic, pool in pools.items():
            picker.take(pool, topic, target[topic])
        left = {t: sum(c.size for c in pool) for t, pool in pools.items()}
        extra = apportion(count - picker.filled, weights, left)
        for topic, pool in pools.items():
            picker.take(pool, topic, picker.taken[topic] + extra[topic])
        for pool in pools.values():  # whatever still fits, so the section comes out exact
            picker.take(pool, None, count)
        if picker.filled == count:
            break
    if picker.filled != count:
        raise NotEnoughQuestions(
            f"section {label or '?'} cannot be filled with exactly {count} questions (passages are drawn whole)"
        )
    rng.shuffle(picker.chosen)
    return picker.chosen


class _Picker:
    """Takes candidates from pools while they fit both the topic's allowance and the section's count."""

    def __init__(self, count: int, target: dict[str, int]):
        self.count, self.filled, self.chosen = count, 0, []
        self.taken: dict[str, int] = defaultdict(int)

    def take(self, pool: list[Candidate], topic: str | None, allowance: int) -> None:
        for candidate in list(pool):
            used = self.taken[candidate.topic] if topic is not None else self.filled
            if used + candidate.size <= allowance and self.filled + candidate.size <= self.count:
                pool.remove(candidate)
                self.chosen.append(candidate)
                self.taken[candidate.topic] += candidate.size
                self.filled += candidate.size


def option_order(shuffle: bool, rng: random.Random, count: int = 4) -> list[int]:
    """The order the options are shown in: shown position → index as written."""
    order = list(range(count))
    if shuffle:
        rng.shuffle(order)
    return order
