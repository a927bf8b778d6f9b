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
        weight = {t: max(weights.get(t, 0.0), FALLBACK_WEIGHT) for t in open_topics}
        scale = remaining / sum(weight.values())
        shares = {t: weight[t] * scale for t in open_topics}
        given = 0
        for t in open_topics:
            add = min(int(shares[t]), available[t] - quota[t])
            quota[t] += add
            given += add
        by_remainder = sorted(open_topics, key=lambda t: (-(shares[t] - int(shares[t])), -weight[t], t))
        for t in by_remainder:
            if given >= remaining:
                break
            if quota[t] < available[t]:
                quota[t] += 1
                given += 1
        if given == 0:
            return quota


def draw_section(
    candidates: list[Candidate], count: int, weights: dict[str, float], rng: random.Random, label: str = ""
) -> list[Candidate]:
    """Pick `count` distinct questions spread over topics, least-seen first, in a shuffled order."""
    unique = {c.question_id: c for c in candidates}
    if len(unique) < count:
        raise NotEnoughQuestions(
            f"section {label or '?'} needs {count} questions but the bank has {len(unique)} published"
        )
    by_topic: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in sorted(unique.values(), key=lambda c: c.question_id):
        by_topic[candidate.topic].append(candidate)
    quota = apportion(count, weights, {t: len(items) for t, items in by_topic.items()})
    chosen: list[Candidate] = []
    for topic in sorted(by_topic):
        ranked = sorted(by_topic[topic], key=lambda c: (c.seen, rng.random()))
        chosen.extend(ranked[: quota[topic]])
    rng.shuffle(chosen)
    return chosen


def option_order(shuffle: bool, rng: random.Random, count: int = 4) -> list[int]:
    """The order the options are shown in: shown position → index as written."""
    order = list(range(count))
    if shuffle:
        rng.shuffle(order)
    return order
