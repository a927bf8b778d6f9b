"""Pure rules of batches, without Flask or a database: invite codes, who is behind, heat-map cells, assignments."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from trainer.batches import analysis, behind, invites
from trainer.batches.behind import Mock
from trainer.batches.targets import DRILL, TEST, AttemptFact, done
from trainer.progress.mastery import mastery
from trainer.progress.study import TopicWeight

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


def mocks(*percents: float, every_days: int = 1) -> list[Mock]:
    """Mocks newest first, the newest yesterday."""
    return [Mock(NOW - timedelta(days=1 + every_days * i), p) for i, p in enumerate(percents)]


# -- invite codes


def test_codes_are_twelve_unambiguous_characters_and_differ():
    rng = random.Random(1)
    codes = {invites.new_code(rng) for _ in range(1000)}
    assert len(codes) == 1000
    assert all(len(c) == 12 and set(c) <= set(invites.ALPHABET) for c in codes)
    assert not any(ch in code for code in codes for ch in "ILOU")


def test_a_typed_code_is_forgiven_case_spaces_dashes_and_look_alikes():
    code = "K7QM2XHD9TR0"
    assert invites.shown(code) == "K7QM-2XHD-9TR0"
    assert invites.normalise("k7qm-2xhd-9tro") == code
    assert invites.normalise("  K7QM 2XHD 9TRO ") == code
    assert invites.normalise("K7QM-2XHD-9T") is None  # too short
    assert invites.normalise("K7QM-2XHD-9TR0U") is None
    assert invites.normalise("K7QM-2XHD-9TRU") is None  # U is not in the alphabet
    assert invites.normalise("x" * 5000) is None


def test_a_code_expires_at_its_time_and_one_without_expiry_never_does():
    assert not invites.expired(None, NOW)
    assert not invites.expired(NOW + timedelta(seconds=1), NOW)
    assert invites.expired(NOW, NOW)
    assert invites.expired(NOW - timedelta(days=1), NOW)


# -- who is behind


def test_a_member_without_any_strict_mock_is_behind():
    assert behind.reasons([], None, NOW) == ["No strict mock taken yet."]


def test_no_strict_mock_for_more_than_seven_days_is_behind_seven_is_not():
    assert behind.reasons([Mock(NOW - timedelta(days=7), 60)], None, NOW) == []
    assert behind.reasons([Mock(NOW - timedelta(days=9), 60)], None, NOW) == ["No strict mock for 9 days."]


def test_scores_falling_over_the_last_three_mocks_by_five_points_or_more():
    assert behind.reasons(mocks(50, 55, 60), None, NOW) == ["Scores falling over the last 3 mocks: 60% → 55% → 50%."]
    assert behind.reasons(mocks(57, 58, 60), None, NOW) == []  # falling, but only 3 points
    assert behind.reasons(mocks(50, 60, 55), None, NOW) == []  # not falling each time
    assert behind.reasons(mocks(50, 60), None, NOW) == []  # two mocks say nothing of a trend
    assert behind.reasons(mocks(70, 40, 50, 60), None, NOW) == []  # only the last three count


def test_far_below_the_batch_median_by_fifteen_points():
    median = behind.batch_median([behind.level(mocks(60)), behind.level(mocks(62)), behind.level(mocks(40)), None])
    assert median == 60
    assert behind.reasons(mocks(45), median, NOW) == [
        "Recent mocks average 45%, 15 points below the batch median (60%)."
    ]
    assert behind.reasons(mocks(46), median, NOW) == []


def test_no_median_with_fewer_than_three_members_with_mocks():
    assert behind.batch_median([80.0, 20.0, None]) is None
    assert behind.reasons(mocks(20), None, NOW) == []


def test_a_level_is_the_average_of_the_last_three_mocks():
    assert behind.level(mocks(30, 60, 90, 0)) == 60
    assert behind.level([]) is None
    assert behind.percent(50, 200) == 25


def test_several_reasons_are_all_given():
    old = [Mock(NOW - timedelta(days=10 + i), p) for i, p in enumerate((20, 30, 40))]
    assert behind.reasons(old, 60.0, NOW) == [
        "No strict mock for 10 days.",
        "Scores falling over the last 3 mocks: 40% → 30% → 20%.",
        "Recent mocks average 30%, 30 points below the batch median (60%).",
    ]


# -- heat-map cells and topic standings


def test_cells_say_their_figure_in_text_and_band_it():
    assert analysis.cell(None) == analysis.Cell("—", "none", 0)
    assert analysis.cell(mastery(0, 0, 0)) == analysis.Cell("—", "none", 0)
    few = analysis.cell(mastery(3, 0, 3))
    assert few.text.endswith("%*") and few.band == "few"
    assert analysis.cell(mastery(30, 0, 30)).band == "strong"
    assert analysis.cell(mastery(0, 30, 30)).band == "poor"
    assert analysis.cell(mastery(6, 4, 10, prior_mean=0.6)).band == "fair"  # (2.4 + 6) / 14 = 60%
    assert analysis.cell(mastery(4, 6, 10)).text == "43%"  # (2 + 4) / 14
    assert analysis.cell(mastery(4, 6, 10)).band == "weak"


def weight(key: str, questions: float) -> TopicWeight:
    return TopicWeight("quant", key, key.title(), questions, 2.0, 0.5)


def test_the_weakest_topics_are_by_marks_at_stake_averaged_over_members():
    weights = [weight("a", 4), weight("b", 1), weight("c", 0)]
    strong, weak = mastery(40, 0, 40), mastery(0, 40, 40)
    priors = {("quant", k): mastery(0, 0, 0) for k in "abc"}
    levels = {1: {("quant", "a"): strong, ("quant", "b"): weak}, 2: {("quant", "a"): weak}}

    standings = analysis.topic_standings(weights, levels, {}, priors, {("quant", "a"): 0.5})

    a, b, c = standings
    assert a.members_answered == 2 and a.average == (strong.mean + weak.mean) / 2 and a.everyone == 0.5
    # member 2 never answered b: they count at the prior, as their own study-next does
    expected_b = (1 * 2.5 * (0.9 - weak.mean) + 1 * 2.5 * (0.9 - 0.5)) / 2
    assert abs(b.marks - expected_b) < 1e-9
    assert b.members_answered == 1 and c.average is None and c.marks == 0
    assert [s.topic.key for s in analysis.weakest(standings)] == ["a", "b"]  # c has nothing at stake


def test_accuracy_adds_up_answers():
    assert analysis.accuracy([(10, 5), (10, 10)]) == 0.75
    assert analysis.accuracy([(0, 0)]) is None


# -- assignment done


def fact(**overrides) -> AttemptFact:
    values = {
        "user_id": 1,
        "pattern_code": "topic:tier1-2025:quant",
        "kind": "topic",
        "mode": "practice",
        "started_at": NOW,
        "topics": frozenset({("quant", "percentage")}),
    } | overrides
    return AttemptFact(**values)


def test_a_drill_is_done_by_a_topic_test_of_its_topic_started_after_it_was_assigned():
    assert done(DRILL, "quant/percentage", NOW, fact())
    assert done(DRILL, "quant/percentage", NOW, fact(topics=frozenset({("quant", "percentage"), ("quant", "x")})))
    assert not done(DRILL, "quant/percentage", NOW, fact(started_at=NOW - timedelta(seconds=1)))
    assert not done(DRILL, "quant/percentage", NOW, fact(topics=frozenset({("quant", "average")})))
    assert not done(DRILL, "quant/percentage", NOW, fact(topics=frozenset({("english", "percentage")})))
    assert not done(DRILL, "quant/percentage", NOW, fact(kind="full", topics=frozenset()))


def test_a_test_is_done_by_a_strict_attempt_at_that_very_test():
    mock = fact(pattern_code="tier1-2025", kind="full", mode="strict", topics=frozenset())
    assert done(TEST, "tier1-2025", NOW, mock)
    assert not done(TEST, "tier1-2025", NOW, fact(pattern_code="tier1-2025", kind="full", mode="practice"))
    assert not done(TEST, "tier1-2025:quant", NOW, mock)


def test_the_dashboard_s_point_estimate_is_the_progress_page_s_mastery():
    from trainer.progress.mastery import point_mastery

    for args in ((0, 0, 0, 0.5), (3.4, 1.7, 6, 0.62), (20, 0, 20, 0.3)):
        assert point_mastery(*args).mean == mastery(*args).mean
        assert point_mastery(*args).answered == args[2]
