"""Bank health, pure core: papers without a repeat, the scarcest topic first, generators never run out."""

from __future__ import annotations

from trainer.authoring.health import (
    TopicSupply,
    papers_without_repeat,
    pattern_supply,
    scarcest_first,
    supply_sentence,
)


def topic(key: str, items: int, tier1: float, tier2: float = 1.0, section="reasoning", generated=False):
    return TopicSupply(section, key, key.title(), items, {"tier1": tier1, "tier2": tier2}, generated)


def test_papers_without_a_repeat_are_whole_papers_of_the_typical_count():
    assert papers_without_repeat(12, 3) == 4
    assert papers_without_repeat(11, 3) == 3
    assert papers_without_repeat(3, 1.5) == 2  # a range 1-2 counts as its midpoint
    assert papers_without_repeat(0, 2) == 0
    assert papers_without_repeat(5, 0) is None  # the paper does not ask about it
    assert papers_without_repeat(0, 3, generated=True) is None  # a generator never runs out


def test_the_sentence_says_what_the_paper_asks_and_how_long_the_items_last():
    series = TopicSupply("reasoning", "series", "Series", 12, {"tier1": 3.0})

    assert (
        supply_sentence(series, "tier1") == "Tier-I asks about 3 Series questions: 12 items, 4 papers without a repeat"
    )
    assert "does not ask" in supply_sentence(series, "tier2")
    generated = TopicSupply("quant", "percentage", "Percentage", 2, {"tier1": 1.5}, generated=True)
    assert supply_sentence(generated, "tier1").endswith("2 items and a generator, never runs out")


def test_topics_are_ordered_scarcest_first_and_generated_ones_last():
    ordered = scarcest_first(
        [topic("plenty", 40, 2), topic("gen", 0, 3, generated=True), topic("few", 3, 3), topic("tier2-only", 2, 0, 2)]
    )

    # few: 1 paper; tier2-only: 1 paper of Tier-II (fewer items breaks the tie); plenty: 20; the generator: no limit
    assert [t.key for t in ordered] == ["tier2-only", "few", "plenty", "gen"]


def test_the_scarcest_topic_of_the_pattern_decides_its_papers():
    topics = [
        topic("plenty", 40, 2),
        topic("few", 9, 3),
        topic("gen", 0, 5, generated=True),
        topic("english-few", 1, 1, section="english"),  # another section: not in this pattern
        topic("not-asked", 0, 0),
    ]

    supply = pattern_supply("t1", "Tier-I", "tier1", {"reasoning": ()}, topics)

    assert (supply.papers, supply.scarcest.key) == (3, "few")
    assert pattern_supply("t1", "Tier-I", "tier1", {"reasoning": ("plenty",)}, topics).papers == 20
    only_generated = pattern_supply("t1", "Tier-I", "tier1", {"reasoning": ("gen", "not-asked")}, topics)
    assert (only_generated.papers, only_generated.scarcest) == (None, None)
