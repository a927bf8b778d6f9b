"""The bundled bank is big and varied enough: papers in a row without meeting a hand-written item twice."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import fill_pool, load_bundled_bank, make_user
from trainer.bank.stats import bank_stats
from trainer.bank.taxonomy import load_taxonomy
from trainer.config import PROJECT_ROOT
from trainer.exam import paper
from trainer.exam.patterns import all_patterns

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def bundled(session):
    load_bundled_bank(session)
    fill_pool(session)
    return session


def hand_written_ids(attempt) -> list[int]:
    return [slot.version.question_id for slot in attempt.slots if slot.version.generator is None]


@pytest.mark.parametrize(("code", "papers"), [("tier1-2025", 5), ("tier2-paper1", 2)])
def test_papers_in_a_row_never_repeat_a_hand_written_item(bundled, code, papers):
    user = make_user(bundled)
    met: list[int] = []
    for n in range(papers):
        attempt = paper.start_attempt(bundled, user, all_patterns()[code], T0 + timedelta(days=n), random.Random(n))
        assert len(attempt.slots) == all_patterns()[code].question_count
        met += hand_written_ids(attempt)
    assert len(met) == len(set(met)), "a hand-written question came back"


def test_the_bundled_bank_has_what_the_syllabus_needs(bundled):
    stats = bank_stats(bundled)
    wordy = ("english", "awareness", "computer")
    word_reasoning = (
        "syllogism",
        "statement-conclusion",
        "blood-relations",
        "analogy",
        "classification",
        "social-intelligence",
        "venn-diagrams",
        "seating-arrangement",
        "dictionary-order",
    )
    total_wordy = sum(stats["by_section"].get(s, 0) for s in wordy) + sum(
        stats["by_topic"].get(f"reasoning/{t}", 0) for t in word_reasoning
    )
    assert total_wordy >= 400
    assert stats["groups"].get("english/reading-comprehension", 0) >= 6
    assert stats["groups"].get("english/cloze", 0) >= 6
    assert stats["by_language"]["hi"] >= 150
    generated_topics = set(stats["generator_topics"])
    taxonomy = load_taxonomy(PROJECT_ROOT / "question_bank" / "taxonomy.yaml")
    for section in taxonomy.values():
        for key in section.topics:
            topic, count = f"{section.key}/{key}", stats["by_topic"].get(f"{section.key}/{key}", 0)
            assert count >= 10 or topic in generated_topics, f"{topic} has only {count} items and no generator"


# Floors for the bank-health numbers `bank stats` prints (the scarcest topic decides). Raise them as the bank
# grows; the targets of content wave 2 (issue #14) are 10 Tier-I and 5 Tier-II Paper-I papers.
PAPERS_WITHOUT_REPEAT_FLOOR = {"tier1-2025": 10, "tier1-2026": 10, "tier2-paper1": 6, "tier2-paper1-2026": 6}


def test_the_bundled_bank_never_shrinks_below_its_papers_without_repeat(bundled):
    from trainer.authoring.health_service import supply

    _topics, supplies = supply(bundled, bank_stats(bundled))
    papers = {p.code: p.papers for p in supplies}
    for code, floor in PAPERS_WITHOUT_REPEAT_FLOOR.items():
        assert papers[code] is not None and papers[code] >= floor, f"{code}: {papers[code]} papers, floor {floor}"
