"""Fixed papers: prefilled blueprint, draw, swap, freeze, parallel shifts (services, no HTTP)."""

from __future__ import annotations

import random

import pytest

from tests.factories import make_question, make_topic
from tests.institute.conftest import TIER1, frozen_paper
from trainer.core.clock import utcnow
from trainer.core.errors import Conflict, DomainError
from trainer.institute import audience, papers
from trainer.institute.building import Item, draw_cells, prefill, swap_choice


def test_the_blueprint_is_prefilled_from_the_weights_and_adds_up_to_each_section(session, staff):
    paper = papers.new_paper(session, "Mock 1", TIER1, staff, random.Random(1))

    assert papers.check_blueprint(papers.pattern_of(paper), paper.blueprint) == []
    assert set(paper.blueprint) == {"reasoning", "awareness", "quant", "english"}
    assert paper.blueprint["quant"] == {f"quant-t{i}": {"easy": 5} for i in range(5)}  # the bank is all easy


def test_a_draw_follows_the_blueprint_and_a_frozen_paper_cannot_change(session, staff):
    paper = papers.new_paper(session, "Mock 1", TIER1, staff, random.Random(1))
    quant = {"quant-t0": {"easy": 8}, "quant-t1": {"easy": 8}, "quant-t2": {"easy": 8}, "quant-t3": {"easy": 1}}

    notes = papers.draw(session, paper, paper.blueprint | {"quant": quant}, random.Random(2))
    topics = [i.version.topic.key for i in paper.items if i.section == "quant"]

    assert notes == [] and len(paper.items) == 100
    assert {t: topics.count(t) for t in set(topics)} == {"quant-t0": 8, "quant-t1": 8, "quant-t2": 8, "quant-t3": 1}
    assert len({i.version_id for i in paper.items}) == 100
    papers.freeze(session, paper, utcnow())
    with pytest.raises(Conflict, match="frozen"):
        papers.swap(session, paper, 0, random.Random(3))


def test_a_shortfall_is_noted_and_counts_that_do_not_add_up_are_refused(session, staff):
    paper = papers.new_paper(session, "Mock 1", TIER1, staff, random.Random(1))
    short = paper.blueprint | {"quant": {"quant-t0": {"easy": 10, "hard": 5}, "quant-t1": {"easy": 10}}}

    notes = papers.draw(session, paper, short, random.Random(2))
    assert any("quant-t0 · easy: 8 of 10" in n for n in notes)
    assert any("quant-t0 · hard: 0 of 5" in n for n in notes)

    wrong = paper.blueprint | {"quant": {"quant-t0": {"easy": 3}}}
    with pytest.raises(DomainError, match="Quantitative Aptitude: the counts add up to 3; the pattern asks for 25"):
        papers.draw(session, paper, wrong, random.Random(2))


def test_a_swap_puts_another_question_of_the_same_topic_in_that_place_only(session, staff):
    paper = papers.new_paper(session, "Mock 1", TIER1, staff, random.Random(1))
    papers.draw(session, paper, paper.blueprint, random.Random(2))
    before = [(i.position, i.version_id) for i in paper.items]
    topic = paper.items[30].version.topic.key

    item = papers.swap(session, paper, 30, random.Random(4))

    after = [(i.position, i.version_id) for i in paper.items]
    assert [a for a, b in zip(before, after) if a != b] == [before[30]]
    assert item.version.topic.key == topic and item.version_id not in {v for _, v in before}


def test_a_swap_with_nothing_else_that_fits_says_so(session, staff):
    topic = make_topic(session, "quant", "lonely")
    make_question(session, topic, "lonely-1")
    paper = papers.new_paper(session, "Mock 1", TIER1, staff, random.Random(1))
    blueprint = paper.blueprint | {"quant": {"lonely": {"easy": 1}, "quant-t0": {"easy": 8}, "quant-t1": {"easy": 8},
                                             "quant-t2": {"easy": 8}}}  # fmt: skip
    papers.draw(session, paper, blueprint, random.Random(2))
    position = next(i.position for i in paper.items if i.version.topic.key == "lonely")

    with pytest.raises(DomainError, match=f"Question {position + 1}: the bank has no other lonely question"):
        papers.swap(session, paper, position, random.Random(4))


def test_parallel_papers_avoid_each_others_questions_while_the_bank_allows(session, staff):
    first = frozen_paper(session, staff)
    twin, notes = papers.parallel(session, first, staff, random.Random(7))

    shared = {i.version_id for i in first.items} & {i.version_id for i in twin.items}
    assert len(twin.items) == 100 and len(shared) <= 100 - 60  # 40 per section in the bank, 25 drawn: 10 must repeat
    assert twin.pattern_code == first.pattern_code and twin.state == "draft"


def test_only_a_frozen_paper_is_offered(session, staff):
    paper = papers.new_paper(session, "Mock 1", TIER1, staff, random.Random(1))
    with pytest.raises(Conflict, match="Only a frozen paper"):
        audience.offer_paper(session, paper, staff, audience.EVERYONE, ())
    with pytest.raises(DomainError, match="Draw the paper before freezing"):
        papers.freeze(session, paper, utcnow())


def test_cells_take_the_least_seen_first_and_whole_groups():
    items = [Item("q:1", "t", "easy", seen=1), Item("q:2", "t", "easy"), Item("group:5", "t", "easy", size=3)]
    drawn = draw_cells(items, {("t", "easy"): 4}, random.Random(1), "S")
    assert sorted(i.unit for i in drawn.picks) == ["group:5", "q:2"]


def test_prefill_never_asks_a_cell_for_more_than_the_bank_has():
    have = {("a", "easy"): 2, ("a", "hard"): 10, ("b", "medium"): 10}
    counts = prefill(10, {"a": 3, "b": 1}, have)
    assert sum(counts.values()) == 10 and counts[("a", "easy")] <= 2
    assert all(counts[c] <= have[c] for c in counts)


def test_a_swap_prefers_the_same_difficulty_then_the_same_topic():
    items = [Item("q:2", "t", "hard"), Item("q:3", "t", "easy"), Item("q:4", "u", "easy")]
    current = Item("q:1", "t", "easy")
    assert swap_choice(items, current, {"q:1"}, random.Random(1)).unit == "q:3"
    assert swap_choice(items, current, {"q:1", "q:3"}, random.Random(1)).unit == "q:2"
    assert swap_choice(items, current, {"q:1", "q:2", "q:3"}, random.Random(1)) is None
