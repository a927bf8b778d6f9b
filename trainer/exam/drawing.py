"""Drawing a paper: spread each section over its topics by weight, fewest-seen questions first."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

# A topic the paper gives no weight still fills a section when the weighted topics run out.
FALLBACK_WEIGHT = 0.01


@dataclass(frozen=True)
class Candidate:
    """A question that may be drawn: its current version, topic and how often this candidate has seen it."""

    question_id: int
    version_id: int
    topic: str
    seen: int = 0
    shuffle: bool = True


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
    """Pick `count` distinct questions, never a seen one while an unseen one is left, in a shuffled order.

    The topic mix follows the weights as far as the least-seen questions allow: first each topic's share
    is taken from the least-seen questions; seats a topic cannot fill there go to other topics at the same
    level, by weight; only then are questions seen more often used, level by level.
    """
    unique = {c.question_id: c for c in candidates}
    if len(unique) < count:
        raise NotEnoughQuestions(
            f"section {label or '?'} needs {count} questions but the bank has {len(unique)} published"
        )
    by_topic: dict[str, int] = defaultdict(int)
    by_level: dict[int, dict[str, list[Candidate]]] = defaultdict(lambda: defaultdict(list))
    for candidate in sorted(unique.values(), key=lambda c: c.question_id):
        by_topic[candidate.topic] += 1
        by_level[candidate.seen][candidate.topic].append(candidate)
    target = apportion(count, weights, dict(by_topic))
    taken = {topic: 0 for topic in by_topic}
    chosen: list[Candidate] = []
    for level in sorted(by_level):
        pools = {topic: rng.sample(items, len(items)) for topic, items in sorted(by_level[level].items())}
        wanted = {t: min(max(target[t] - taken[t], 0), len(pool)) for t, pool in pools.items()}
        left = {t: len(pools[t]) - wanted[t] for t in pools}
        extra = apportion(count - len(chosen) - sum(wanted.values()), weights, left)
        for topic, pool in pools.items():
            n = wanted[topic] + extra[topic]
            chosen.extend(pool[:n])
            taken[topic] += n
        if len(chosen) >= count:
            break
    rng.shuffle(chosen)
    return chosen


def option_order(shuffle: bool, rng: random.Random, count: int = 4) -> list[int]:
    """The order the options are shown in: shown position → index as written."""
    order = list(range(count))
    if shuffle:
        rng.shuffle(order)
    return order
