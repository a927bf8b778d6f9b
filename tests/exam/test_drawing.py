"""Drawing a paper: the right number of distinct questions, unseen first, spread over topics like the real paper."""

import random
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.bank.taxonomy import load_taxonomy
from trainer.config import PROJECT_ROOT
from trainer.exam.drawing import Candidate, NotEnoughQuestions, apportion, draw_section, option_order


def bank(per_topic: dict[str, int], seen: dict[int, int] | None = None) -> list[Candidate]:
    """Candidates numbered from 1, `per_topic[t]` of each topic; `seen` maps question id → times seen."""
    seen = seen or {}
    ids = iter(range(1, 10_000))
    return [
        Candidate(qid, 1000 + qid, topic, seen.get(qid, 0))
        for topic, n in per_topic.items()
        for qid in (next(ids) for _ in range(n))
    ]


def topics_of(picks: list[Candidate]) -> dict[str, int]:
    return dict(Counter(c.topic for c in picks))


def test_a_section_gets_exactly_its_count_of_distinct_questions():
    picks = draw_section(bank({"a": 10, "b": 10, "c": 10}), 25, {"a": 1, "b": 1, "c": 1}, random.Random(1))
    assert len(picks) == 25
    assert len({c.question_id for c in picks}) == 25


def test_a_question_listed_twice_is_drawn_once():
    candidates = bank({"a": 5})
    picks = draw_section(candidates + candidates, 5, {"a": 1}, random.Random(1))
    assert sorted(c.question_id for c in picks) == [1, 2, 3, 4, 5]


def test_unseen_questions_come_before_seen_ones():
    # questions 1-6 seen once, 7-8 seen twice, 9-10 never
    seen = {q: 1 for q in range(1, 7)} | {7: 2, 8: 2}
    picks = draw_section(bank({"a": 10}, seen), 4, {"a": 1}, random.Random(3))
    assert sorted(c.seen for c in picks) == [0, 0, 1, 1]
    assert {9, 10} <= {c.question_id for c in picks}


def test_a_candidate_who_has_seen_half_the_bank_gets_the_other_half():
    candidates = bank({"a": 10, "b": 10}, seen={q: 1 for q in range(1, 21) if q % 2})
    picks = draw_section(candidates, 10, {"a": 1, "b": 1}, random.Random(7))
    assert sorted(c.question_id for c in picks) == list(range(2, 21, 2))


def test_uneven_weights_never_repeat_a_question_while_unseen_ones_are_left():
    # 50 questions over topics weighted 5/3/1/1/0: the second paper of 25 must be all new.
    candidates = bank({"a": 10, "b": 10, "c": 10, "d": 10, "e": 10})
    weights = {"a": 5, "b": 3, "c": 1, "d": 1, "e": 0}
    first = draw_section(candidates, 25, weights, random.Random(1))
    seen = {c.question_id: 1 for c in first}
    second = draw_section(bank({"a": 10, "b": 10, "c": 10, "d": 10, "e": 10}, seen), 25, weights, random.Random(2))
    assert not {c.question_id for c in first} & {c.question_id for c in second}
    assert topics_of(first)["a"] > topics_of(first).get("e", 0)  # the first paper still follows the weights


def test_the_paper_follows_the_real_tier1_topic_mix():
    reasoning = load_taxonomy(PROJECT_ROOT / "question_bank" / "taxonomy.yaml")["reasoning"]
    weights = {key: topic.weight("tier1") for key, topic in reasoning.topics.items()}
    total_weight = sum(weights.values())

    picks = draw_section(bank(dict.fromkeys(weights, 6)), 25, weights, random.Random(5))

    drawn = topics_of(picks)
    for key, weight in weights.items():
        share = 25 * weight / total_weight
        assert int(share) <= drawn.get(key, 0) <= int(share) + 1, key
    assert not {"seating-arrangement", "calendar-clock", "social-intelligence"} & set(drawn)  # no Tier-I weight


def test_apportion_uses_largest_remainders():
    # shares 1.8, 0.9, 0.3: floors 1, 0, 0; the two seats left go to the largest remainders (b, then a)
    assert apportion(3, {"a": 6, "b": 3, "c": 1}, {"a": 9, "b": 9, "c": 9}) == {"a": 2, "b": 1, "c": 0}
    assert apportion(10, {"a": 3, "b": 1, "c": 1}, {"a": 9, "b": 9, "c": 9}) == {"a": 6, "b": 2, "c": 2}


def test_a_topic_short_of_questions_gives_its_seats_to_the_other_weighted_topics():
    assert apportion(10, {"a": 10, "b": 1}, {"a": 2, "b": 10, "z": 10}) == {"a": 2, "b": 8, "z": 0}
    assert apportion(25, {"a": 3, "b": 1, "c": 1}, {"a": 10, "b": 10, "c": 10, "z": 10}) == {
        "a": 10,
        "b": 8,
        "c": 7,
        "z": 0,
    }


def test_topics_without_weight_are_used_only_when_the_weighted_ones_run_out():
    many_unweighted = {"a": 5} | {f"z{i:02d}": 5 for i in range(50)}
    assert apportion(3, {"a": 1}, many_unweighted) == dict.fromkeys(many_unweighted, 0) | {"a": 3}
    assert apportion(10, {"a": 1}, {"a": 3, "y": 10, "z": 10}) == {"a": 3, "y": 4, "z": 3}


def test_no_topic_is_asked_for_more_questions_than_it_has():
    assert apportion(10, {"a": 1}, {"a": 2, "b": 3}) == {"a": 2, "b": 3}


def test_the_same_seed_draws_the_same_paper():
    candidates = bank({"a": 20, "b": 20, "c": 20})
    weights = {"a": 2, "b": 1, "c": 1}
    first = draw_section(candidates, 25, weights, random.Random(42))
    again = draw_section(candidates, 25, weights, random.Random(42))
    other = draw_section(candidates, 25, weights, random.Random(43))
    assert first == again
    assert first != other


def test_too_small_a_bank_says_which_section_and_how_short():
    with pytest.raises(NotEnoughQuestions) as raised:
        draw_section(bank({"a": 7, "b": 3}), 25, {"a": 1}, random.Random(1), "Quantitative Aptitude")
    assert str(raised.value) == "section Quantitative Aptitude needs 25 questions but the bank has 10 published"


def test_options_are_shown_in_a_shuffled_order():
    orders = [option_order(True, random.Random(seed)) for seed in range(20)]
    assert all(sorted(order) == [0, 1, 2, 3] for order in orders)
    assert any(order != [0, 1, 2, 3] for order in orders)
    assert option_order(True, random.Random(9)) == option_order(True, random.Random(9))


def test_options_stay_as_written_when_shuffle_is_off():
    assert all(option_order(False, random.Random(seed)) == [0, 1, 2, 3] for seed in range(20))


@given(
    total=st.integers(0, 40),
    topics=st.dictionaries(
        st.sampled_from("abcdefghij"), st.tuples(st.sampled_from([0, 0.5, 1, 1.5, 2, 3, 4]), st.integers(0, 8))
    ),
)
def test_apportion_fills_what_it_can_and_keeps_unweighted_topics_for_last(total, topics):
    weights = {t: w for t, (w, _n) in topics.items()}
    available = {t: n for t, (_w, n) in topics.items()}
    quota = apportion(total, weights, available)
    assert sum(quota.values()) == min(total, sum(available.values()))
    assert all(0 <= quota[t] <= available[t] for t in available)
    if any(quota[t] for t in available if not weights[t]):
        assert all(quota[t] == available[t] for t in available if weights[t])
