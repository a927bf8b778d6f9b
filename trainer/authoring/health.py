"""Bank health: how many papers each topic's published items can fill without repeating one, scarcest first."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from trainer.core.wording import ENGLISH, N_, Wording

# Current-affairs facts checked longer ago than this are due for review (`bank retire-stale` retires them).
REVIEW_AFTER_DAYS = 365


@dataclass(frozen=True)
class TopicSupply:
    """A topic's published hand-written items against its typical questions per paper (paper → count)."""

    section: str
    key: str
    name: str
    items: int
    per_paper: dict[str, float] = field(default_factory=dict)
    generated: bool = False  # a generator makes fresh items: it never runs out
    name_hi: str = ""  # the name on Hindi pages (trainer.i18n.local_name)

    def papers(self, paper: str) -> int | None:
        """Papers of `paper` this topic fills without a repeat; None if it never runs out or is not asked."""
        return papers_without_repeat(self.items, self.per_paper.get(paper, 0.0), self.generated)

    def fewest_papers(self) -> int | None:
        """The smallest `papers` over the papers that ask about the topic (None: never runs out)."""
        found = [n for n in (self.papers(p) for p in self.per_paper) if n is not None]
        return min(found, default=None)


@dataclass(frozen=True)
class PatternSupply:
    """How many papers of one pattern can be drawn before some topic must repeat an item, and which topic."""

    code: str
    name: str
    paper: str
    papers: int | None  # None: no topic of the pattern runs out
    scarcest: TopicSupply | None


def papers_without_repeat(items: int, per_paper: float, generated: bool = False) -> int | None:
    """Whole papers `items` fill at `per_paper` questions each; None if generated or the paper does not ask."""
    if generated or per_paper <= 0:
        return None
    return math.floor(items / per_paper + 1e-9)  # 3 items at 1.5 a paper is 2 papers, not 1.9999


def scarcest_first(topics: list[TopicSupply]) -> list[TopicSupply]:
    """Topics ordered by fewest papers without a repeat (never-running-out last), then fewest items, then key."""

    def order(t: TopicSupply):
        fewest = t.fewest_papers()
        return (fewest is None, fewest if fewest is not None else 0, t.items, t.section, t.key)

    return sorted(topics, key=order)


def pattern_supply(
    code: str, name: str, paper: str, subjects: dict[str, tuple[str, ...]], topics: list[TopicSupply]
) -> PatternSupply:
    """The scarcest topic of a pattern decides its papers without a repeat.

    `subjects` maps each section the pattern draws from to the topics it is restricted to (empty: all).
    """
    asked = [
        t
        for t in topics
        if t.section in subjects
        and (not subjects[t.section] or t.key in subjects[t.section])
        and t.papers(paper) is not None
    ]
    if not asked:
        return PatternSupply(code, name, paper, None, None)
    scarcest = min(asked, key=lambda t: (t.papers(paper), t.items, t.section, t.key))
    return PatternSupply(code, name, paper, scarcest.papers(paper), scarcest)


PAPER_NAMES = {"tier1": N_("Tier-I"), "tier2": N_("Tier-II")}  # translated where shown


def paper_name(paper: str) -> str:
    return PAPER_NAMES.get(paper, paper)


def number(value: float) -> str:
    """A question count as people write it: 3, 1.5."""
    return f"{value:g}"


def supply_sentence(
    topic: TopicSupply, paper: str, wording: Wording = ENGLISH, name: Callable[[TopicSupply], str] = attrgetter("name")
) -> str:
    """E.g. "Tier-I asks about 3 Series questions: 12 items, 4 papers without a repeat"; `name` names the topic
    (a page passes the one for its language)."""
    _ = wording.gettext
    names = {"paper": _(paper_name(paper)), "topic": name(topic)}
    asks = {**names, "count": number(topic.per_paper.get(paper, 0.0)), "items": topic.items}
    if topic.generated:
        return _("%(paper)s asks about %(count)s %(topic)s questions: %(items)s items and a generator, never runs out",
                 **asks)  # fmt: skip
    papers = topic.papers(paper)
    if papers is None:
        return _("%(paper)s does not ask about %(topic)s", **names)
    return wording.ngettext(
        "%(paper)s asks about %(count)s %(topic)s questions: %(items)s items, %(num)s paper without a repeat",
        "%(paper)s asks about %(count)s %(topic)s questions: %(items)s items, %(num)s papers without a repeat",
        papers,
        **asks,
    )


health_words = {"paper_name": paper_name, "number": number, "supply_sentence": supply_sentence}
