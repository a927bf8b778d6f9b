"""Item statistics formulas against small examples worked by hand (no app, no database)."""

from __future__ import annotations

import math

import pytest

from trainer.itemstats import analysis
from trainer.itemstats.analysis import BLANK, Bin, Flag, Response, compute, flag_words, severity, to_bin


def bins_of(rows: list[tuple[int, float, float]]) -> list[Bin]:
    """(answer, item score, rest-of-test score) per candidate → one bin each."""
    return [Bin(a, round(x * analysis.SCALE), round(r * analysis.REST_STEPS), 1) for a, x, r in rows]


# Six candidates, key A (0), marked 1/0 so the item score is 1 right, 0 wrong:
#   cand  answer  x  rest X
#    1      A     1   0.9
#    2      A     1   0.8
#    3      B     0   0.6
#    4      A     1   0.5
#    5      C     0   0.3
#    6      B     0   0.1
SIX = [(0, 1, 0.9), (0, 1, 0.8), (1, 0, 0.6), (0, 1, 0.5), (2, 0, 0.3), (1, 0, 0.1)]


def test_facility_sd_discrimination_and_efficiency_worked_by_hand():
    stats = compute(bins_of(SIX), key=0, option_count=4)
    # mean x = 3/6 = 0.5; V(x) = 6 × 0.25 / 5 = 0.3, SD = √0.3 = 0.547723
    # mean X = 3.2/6 = 0.533333; Σ(X − X̄)² = 0.453333, V(X) = 0.0906667
    # Σ(x − x̄)(X − X̄) = 0.5 × (0.36667 + 0.26667 − 0.03333) − 0.5 × (0.06667 − 0.23333 − 0.43333) = 0.6
    # C = 0.6 / 5 = 0.12; r = 0.12 / √(0.3 × 0.0906667) = 0.12 / 0.164924 = 0.727607
    # Cmax: x sorted 0,0,0,1,1,1 against X sorted .1,.3,.5,.6,.8,.9: Σ xX = 2.3, n x̄ X̄ = 1.6, Cmax = 0.7/5 = 0.14
    # efficiency = 0.12 / 0.14 = 0.857143
    assert stats.n == 6
    assert stats.facility == pytest.approx(0.5)
    assert stats.sd == pytest.approx(math.sqrt(0.3))
    assert stats.discrimination == pytest.approx(0.727607, abs=1e-6)
    assert stats.efficiency == pytest.approx(0.857143, abs=1e-6)


def test_distractor_shares_overall_and_in_the_thirds():
    stats = compute(bins_of(SIX), key=0, option_count=4)
    # Thirds of 2 by rest score: bottom = candidates 6 (B) and 5 (C), top = candidates 1 and 2 (both A).
    rows = {o.answer: (o.count, o.overall, o.top, o.bottom, o.is_key) for o in stats.options}
    assert rows == {
        0: (3, pytest.approx(0.5), pytest.approx(1.0), pytest.approx(0.0), True),
        1: (2, pytest.approx(2 / 6), pytest.approx(0.0), pytest.approx(0.5), False),
        2: (1, pytest.approx(1 / 6), pytest.approx(0.0), pytest.approx(0.5), False),
        3: (0, pytest.approx(0.0), pytest.approx(0.0), pytest.approx(0.0), False),
    }
    # Nobody chose D: the only flag.
    assert stats.flags == [Flag("unused_distractor", 3)]


def test_a_wrong_key_shows_as_negative_discrimination_and_a_distractor_the_top_third_prefers():
    # The same answers keyed B: x = 1 for candidates 3 and 6 only.
    stats = compute(bins_of([(a, 1 if a == 1 else 0, r) for a, _x, r in SIX]), key=1, option_count=4)
    # mean x = 1/3; V(x) = (2 × 4/9 + 4 × 1/9) / 5 = 0.266667
    # Σ(x − x̄)(X − X̄) = Σ x (X − X̄) = 0.066667 − 0.433333 = −0.366667, C = −0.073333
    # r = −0.073333 / √(0.266667 × 0.0906667) = −0.073333 / 0.155492 = −0.471621
    # Cmax: the two 1s against .8 and .9: Σ xX = 1.7, n x̄ X̄ = 1.066667, Cmax = 0.633333 / 5 = 0.126667
    # efficiency = −0.073333 / 0.126667 = −0.578947
    assert stats.facility == pytest.approx(1 / 3)
    assert stats.discrimination == pytest.approx(-0.471621, abs=1e-6)
    assert stats.efficiency == pytest.approx(-0.578947, abs=1e-6)
    # The top third (candidates 1, 2) chose A (100%) and nobody the key B (0%).
    assert stats.flags == [Flag("wrong_key", 0), Flag("negative_discrimination"), Flag("unused_distractor", 3)]
    assert flag_words(stats.flags[0]) == "Option A was chosen by more of the top third than the key: check the key."


def test_negative_marking_puts_a_blank_between_wrong_and_right():
    # +2/−0.5: the item's range is 2.5; a blank scores (0 + 0.5)/2.5 = 0.2.
    # The other two questions are +2/−0.5 too: rest range 4 − (−1) = 5; 1.5 marks there is (1.5 + 1)/5 = 0.5.
    blank = to_bin(Response(None, 0, 2.0, 0.5, rest_marks=1.5, rest_max=4.0, rest_min=-1.0))
    wrong = to_bin(Response(2, 0, 2.0, 0.5, rest_marks=-1.0, rest_max=4.0, rest_min=-1.0))
    right = to_bin(Response(0, 0, 2.0, 0.5, rest_marks=4.0, rest_max=4.0, rest_min=-1.0))
    assert blank == Bin(BLANK, 2000, 100, 1)  # item 0.2 in 1/10,000; rest 0.5 in 1/200
    assert wrong == Bin(2, 0, 0, 1)
    assert right == Bin(0, 10000, 200, 1)
    # facility = (0.2 + 0 + 1) / 3 = 0.4; "no answer" is a row of the distractor table
    stats = compute([blank, wrong, right], key=0, option_count=4)
    assert stats.facility == pytest.approx(0.4)
    assert [o.answer for o in stats.options] == [0, 1, 2, 3, BLANK]


def test_a_paper_of_one_question_has_no_rest_of_test_and_is_not_counted():
    assert to_bin(Response(0, 0, 2.0, 0.5, rest_marks=0.0, rest_max=0.0, rest_min=0.0)) is None


def test_candidates_tied_at_the_edge_of_a_third_are_shared_out():
    # Three candidates, all with rest score 0.5, answering A, B, C: each third holds 1 candidate, made of a third of
    # each tied one, so every option has 1/3 of the top and 1/3 of the bottom third.
    stats = compute(bins_of([(0, 1, 0.5), (1, 0, 0.5), (2, 0, 0.5)]), key=0, option_count=4)
    for option in stats.options[:3]:
        assert option.top == pytest.approx(1 / 3) and option.bottom == pytest.approx(1 / 3)
    # The rest score does not vary: no correlation can be computed, and no flag is raised from one.
    assert stats.discrimination is None and stats.efficiency is None
    assert stats.sd == pytest.approx(math.sqrt((4 / 9 + 1 / 9 + 1 / 9) / 2))


def test_facility_limits_are_strict():
    # 1 right of 10: facility 0.10 exactly, not "under 0.10"; 1 right of 11: 0.0909, too hard.
    ten = [(0, 1, 0.9)] + [(1 + i % 3, 0, i / 10) for i in range(9)]
    assert "too_hard" not in {f.code for f in compute(bins_of(ten), 0, 4).flags}
    eleven = ten + [(2, 0, 0.05)]
    assert "too_hard" in {f.code for f in compute(bins_of(eleven), 0, 4).flags}
    # 19 right of 20: 0.95, not "over 0.95"; 20 of 20: too easy.
    nineteen = [(0, 1, i / 20) for i in range(19)] + [(1, 0, 0.5)]
    assert "too_easy" not in {f.code for f in compute(bins_of(nineteen), 0, 4).flags}
    all_right = [(0, 1, i / 20) for i in range(20)]
    assert {f.code for f in compute(bins_of(all_right), 0, 4).flags} == {"too_easy", "unused_distractor"}


def test_bins_with_counts_give_the_same_figures_as_one_bin_per_candidate():
    doubled = [Bin(b.answer, b.item_key, b.rest_key, 2) for b in bins_of(SIX)]
    one_each = bins_of(SIX + SIX)
    a, b = compute(doubled, 0, 4), compute(one_each, 0, 4)
    assert (a.n, a.facility, a.sd, a.discrimination, a.efficiency) == pytest.approx(
        (b.n, b.facility, b.sd, b.discrimination, b.efficiency)
    )
    assert a.options == b.options


def test_severity_orders_a_wrong_key_before_everything_else():
    assert severity([Flag("wrong_key", 1)]) > severity([Flag("negative_discrimination"), Flag("too_hard")])
    assert severity([Flag("too_easy"), Flag("unused_distractor", 2)]) > severity([Flag("too_easy")])
    assert severity([]) == 0


def test_no_responses_no_figures():
    stats = compute([], 0, 4)
    assert (stats.n, stats.facility, stats.discrimination, stats.flags) == (0, None, None, [])
