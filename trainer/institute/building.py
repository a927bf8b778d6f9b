"""Pure blueprint arithmetic: prefilled topic × difficulty counts, drawing a section cell by cell, picking a swap."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from trainer.core.wording import ENGLISH, N_, Wording
from trainer.exam.drawing import apportion

DIFFICULTY_MIX = (("easy", 35), ("medium", 45), ("hard", 20))  # as the exam's own draw mixes generated items
DIFFICULTIES = tuple(d for d, _ in DIFFICULTY_MIX)
DIFFICULTY_WORDS = (N_("easy"), N_("medium"), N_("hard"))  # the catalogue's entries for the notes' difficulties
UNLIMITED = 10**6  # a generator supplies any number of fresh items of any difficulty

Cell = tuple[str, str]  # (topic, difficulty)


@dataclass(frozen=True)
class Item:
    """Something a section can take: a stored question, a whole passage group, or one generated item.

    `unit` is its identity: "q:<question id>", "group:<group version id>" or "gen:<generator>:<seed>"; `size` is
    how many positions it fills; `seen` how often the paper's siblings already use it (parallel shifts differ).
    """

    unit: str
    topic: str
    difficulty: str
    size: int = 1
    seen: int = 0


@dataclass(frozen=True)
class Drawn:
    picks: list[Item]
    notes: list[str]  # cells the bank could not fill as asked, and what filled them instead


class CannotFill(ValueError):
    """The bank cannot fill a section at all; the message says which and by how much."""

    def __init__(self, section: str, needed: int, available: int) -> None:
        super().__init__(f"section {section} needs {needed} questions; the bank can give {available}")
        self.section, self.needed, self.available = section, needed, available


def prefill(total: int, weights: dict[str, float], available: dict[Cell, int]) -> dict[Cell, int]:
    """Counts per (topic, difficulty) adding up to `total`: topics by taxonomy weight, then easy/medium/hard by the
    usual mix, never asking a cell for more than the bank has (a generator's topic has no limit)."""
    per_topic: dict[str, int] = defaultdict(int)
    for (topic, _), count in available.items():
        per_topic[topic] += count
    topics = apportion(total, weights, dict(per_topic))
    counts = {}
    for topic, count in topics.items():
        have = {d: available.get((topic, d), 0) for d in DIFFICULTIES}
        for difficulty, n in apportion(count, dict(DIFFICULTY_MIX), have).items():
            if n:
                counts[(topic, difficulty)] = n
    return counts


def draw_cells(
    items: list[Item], counts: dict[Cell, int], rng: random.Random, label: str, words: Wording = ENGLISH
) -> Drawn:
    """Fill each cell with its count, least-seen first; shortfalls go to the same topic, then to any topic (the
    notes on cells filled otherwise are in `words`' language).

    Raises CannotFill if the section cannot reach its total (passages are only taken whole).
    """
    total = sum(counts.values())
    pools: dict[Cell, list[Item]] = defaultdict(list)
    for item in sorted(items, key=lambda i: (i.seen, rng.random())):
        pools[(item.topic, item.difficulty)].append(item)
    picks, notes, short = [], [], 0
    for cell in sorted(counts):
        got = _take(pools[cell], counts[cell], picks)
        if got < counts[cell]:
            notes.append(words.gettext("%(topic)s · %(difficulty)s: %(got)s of %(asked)s in the bank", topic=cell[0],
                                       difficulty=words.gettext(cell[1]), got=got, asked=counts[cell]))  # fmt: skip
            short += counts[cell] - got
    asked = {topic for (topic, _), n in counts.items() if n}
    for allowed in (lambda cell: cell[0] in asked, lambda cell: True):
        for cell in sorted(pools):
            if short and allowed(cell):
                short -= _take(pools[cell], short, picks)
    if short:
        raise CannotFill(label, total, total - short)
    if notes:
        notes.append(words.gettext("the rest were filled from other difficulties or topics"))
    rng.shuffle(picks)
    return Drawn(picks, notes)


def _take(pool: list[Item], need: int, picks: list[Item]) -> int:
    """Move items from the pool into the picks while they fit `need`; returns the positions filled."""
    got = 0
    for item in list(pool):
        if got + item.size <= need:
            pool.remove(item)
            picks.append(item)
            got += item.size
        if got == need:
            break
    return got


def swap_choice(items: list[Item], current: Item, used: set[str], rng: random.Random) -> Item | None:
    """Another item for the place of `current`: same topic and difficulty and size if any, else same topic and size;
    never one already in the paper; least-seen first."""
    fitting = [i for i in items if i.unit not in used and i.unit != current.unit and i.size == current.size]
    for same in (
        lambda i: i.topic == current.topic and i.difficulty == current.difficulty,
        lambda i: i.topic == current.topic,
    ):
        choice = [i for i in fitting if same(i)]
        if choice:
            least = min(i.seen for i in choice)
            return rng.choice(sorted((i for i in choice if i.seen == least), key=lambda i: i.unit))
    return None
