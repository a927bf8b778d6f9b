"""The pure study-focus core: mastery, marks at stake, the reason, prediction, the plan and chart geometry."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.progress.analytics import predict
from trainer.progress.charts import Series, line_chart, nice_ticks
from trainer.progress.mastery import MIN_ANSWERS, beta_quantile, decayed, mastery, prior_mean, regularized_beta
from trainer.progress.study import (
    TopicWeight,
    days_left,
    marks_at_stake,
    reason,
    retrievability,
    study_next,
    weekly_plan,
)

GEOMETRY = TopicWeight("quant", "geometry", "Geometry", 3.5, 2, 0.5)


def test_the_beta_function_matches_known_values():
    assert regularized_beta(0.3, 2, 5) == pytest.approx(0.579825, abs=1e-6)
    assert beta_quantile(0.05, 1, 1) == pytest.approx(0.05, abs=1e-9)
    assert beta_quantile(0.95, 2, 2) == pytest.approx(0.8646, abs=1e-4)


@given(
    st.floats(0.02, 0.98),
    st.floats(0.5, 400),
    st.floats(0.5, 400),
)
def test_the_quantile_inverts_the_distribution_function(q, a, b):
    assert regularized_beta(beta_quantile(q, a, b), a, b) == pytest.approx(q, abs=1e-7)


def test_no_answers_is_the_prior_with_a_wide_interval_and_not_enough_data():
    level = mastery(0, 0, 0)
    assert level.mean == 0.5 and level.low < 0.15 and level.high > 0.85
    assert not level.enough_data


def test_all_right_and_all_wrong_move_the_estimate_but_never_to_certainty():
    right, wrong = mastery(10, 0, 10), mastery(0, 10, 10)
    assert 0.8 < right.mean < 1 and right.high < 1 and right.low > 0.6
    assert 0 < wrong.mean < 0.2 and wrong.low > 0 and wrong.high < 0.35
    assert right.enough_data and wrong.enough_data


def test_one_answer_is_not_enough_data_and_three_right_answers_do_not_look_like_mastery():
    assert not mastery(1, 0, 1).enough_data
    assert mastery(3, 0, 3).mean < 0.75
    assert mastery(MIN_ANSWERS, 0, MIN_ANSWERS).enough_data


def test_the_prior_is_the_topics_facility_once_enough_candidates_answered_it():
    assert prior_mean(0, 0) == prior_mean(29, 0) == 0.5  # too few answers: the default
    assert prior_mean(1000, 300) == pytest.approx(0.3, abs=0.01)
    assert prior_mean(1000, 0) == 0.25 and prior_mean(1000, 1000) == 0.95  # never below a guess, never certain
    hard = mastery(0, 0, 0, prior_mean(1000, 300))
    assert hard.mean == pytest.approx(0.3, abs=0.01) and not hard.enough_data


def test_recent_answers_weigh_more_than_old_ones():
    old_wrong = decayed(*decayed(0, 0, 0, 5), 5, 0)  # five wrong, then five right
    old_right = decayed(*decayed(0, 0, 5, 0), 0, 5)  # five right, then five wrong
    assert mastery(*old_wrong, 10).mean > 0.5 > mastery(*old_right, 10).mean


def test_marks_at_stake_are_questions_times_marks_times_the_gap_to_the_target():
    weak = mastery(0, 10, 10)
    assert marks_at_stake(GEOMETRY, weak) == pytest.approx(3.5 * 2.5 * (0.9 - weak.mean))
    assert marks_at_stake(GEOMETRY, mastery(100, 0, 100)) == 0  # above the target: nothing to gain


def test_a_topic_left_alone_is_partly_forgotten_and_its_stake_grows():
    assert retrievability(None) == retrievability(0) == 1
    assert retrievability(30) == pytest.approx(0.9, abs=0.005)  # a month: 90% recalled
    assert retrievability(365) < retrievability(90) < retrievability(30)
    strong = mastery(20, 0, 20)
    assert marks_at_stake(GEOMETRY, strong, retrievability(365)) > marks_at_stake(GEOMETRY, strong) == 0
    weak = mastery(0, 20, 20)  # at or below a guess there is nothing left to forget
    assert marks_at_stake(GEOMETRY, weak, retrievability(365)) == marks_at_stake(GEOMETRY, weak)
    text = reason(GEOMETRY, strong, 3.0, "Tier-I", idle_days=120)
    assert "last practised 120 days ago; about 3 marks to gain." in text
    assert "last practised" not in reason(GEOMETRY, strong, 3.0, "Tier-I", idle_days=5)


def test_the_reason_says_how_often_where_the_candidate_stands_and_what_to_gain():
    weak = mastery(2, 6, 8)
    text = reason(GEOMETRY, weak, marks_at_stake(GEOMETRY, weak), "Tier-I")
    assert text.startswith("About 3.5 questions per Tier-I paper; your accuracy 33% (")
    assert text.endswith("marks to gain.")
    assert "not practised yet" in reason(GEOMETRY, mastery(0, 0, 0), 4.4, "Tier-I")


def test_study_next_puts_the_most_marks_first_and_skips_topics_the_paper_never_asks():
    algebra = TopicWeight("quant", "algebra", "Algebra", 2.5, 2, 0.5)
    analogy = TopicWeight("reasoning", "analogy", "Analogy", 3, 2, 0.5)
    calendar = TopicWeight("reasoning", "calendar-clock", "Calendar", 0, 2, 0.5)
    levels = {("quant", "algebra"): mastery(0, 8, 8), ("reasoning", "analogy"): mastery(8, 0, 8)}
    ranked = study_next([analogy, calendar, GEOMETRY, algebra], levels, mastery(0, 0, 0), "Tier-I")
    # algebra: 2.5 × 2.5 × (0.9 − 0.17); geometry, never practised, at the prior: 3.5 × 2.5 × (0.9 − 0.5)
    assert [s.topic.key for s in ranked] == ["algebra", "geometry", "analogy"]
    assert ranked[1].mastery.answered == 0


def test_the_plan_runs_week_by_week_to_the_exam_with_more_mocks_near_it():
    today = date(2026, 12, 4)
    assert days_left(today, date(2026, 12, 14)) == 10 and days_left(today, None) is None
    far = weekly_plan(today, date(2027, 3, 1), ["Geometry", "Algebra", "Trigonometry", "Analogy"])
    assert len(far) == 4 and far[0].mocks == 1
    assert far[0].drills == ("Geometry", "Algebra", "Trigonometry") and far[1].drills[0] == "Analogy"
    near = weekly_plan(today, date(2026, 12, 10), ["Geometry"])
    assert len(near) == 1 and near[0].ends == date(2026, 12, 10) and near[0].mocks == 3
    assert weekly_plan(today, date(2026, 12, 1), ["Geometry"]) == []
    assert weekly_plan(today, None, ["Geometry"]) == []


def test_prediction_needs_two_mocks_and_gives_an_interval_inside_the_paper():
    assert predict([], 200, -50) is None and predict([120], 200, -50) is None
    p = predict([110, 130], 200, -50)
    assert p.score == 120 and p.low < 110 and p.high > 130 and p.mocks == 2
    assert predict([199, 200, 200], 200, -50).high == 200  # never above the maximum
    same = predict([120, 120, 120], 200, -50)
    assert same.high - same.low > 10  # equal scores do not promise an exact score


def test_the_chance_of_clearing_grows_with_the_margin():
    p = predict([110, 130, 120], 200, -50)
    assert p.chance_above(120) == pytest.approx(0.5)
    assert p.chance_above(90) > 0.9 > 0.1 > p.chance_above(150)


def test_chart_points_span_the_plot_and_map_values_to_heights():
    chart = line_chart(["a", "b", "c"], [Series("Score", [0, 100, None])], 0, 200, nice_ticks(0, 200))
    left, top, right, bottom = chart.plot
    (line,) = chart.lines
    assert [p.x for p in line.points] == [left, (left + right) / 2]  # the missing value is not drawn
    assert line.points[0].y == bottom and line.points[1].y == pytest.approx((top + bottom) / 2)
    assert [t.label for t in chart.y_ticks] == ["0", "50", "100", "150", "200"]
    assert chart.y_ticks[-1].at == top and line.css == "series-1"


def test_a_single_point_sits_in_the_middle_and_x_labels_are_thinned():
    one = line_chart(["only"], [Series("Score", [5])], 0, 10, [0, 10])
    assert one.lines[0].points[0].x == (one.plot[0] + one.plot[2]) / 2
    many = line_chart([str(i) for i in range(30)], [Series("x", list(range(30)))], 0, 30, [0, 30])
    assert len(many.x_ticks) <= 6
    with pytest.raises(ValueError):
        line_chart(["a"], [], 5, 5, [])
