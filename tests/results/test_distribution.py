"""Rank and percentile from a score distribution, without Flask: ties, nobody yet, one candidate, the top 10%."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.results.distribution import Bin, Standing, standing, standing_of, summarise, to_centimarks, with_score


def bins(*scores_and_counts, seconds=0.0):
    return [Bin(to_centimarks(score), count, seconds * count) for score, count in scores_and_counts]


def test_nobody_counted_yet_gives_no_rank_and_no_percentile():
    assert standing([], 120.0) == Standing(0)
    assert standing(bins((50, 0)), 120.0) == Standing(0)  # an empty bin is nobody


def test_one_candidate_is_first_at_the_100th_percentile_and_is_the_topper_and_the_average():
    one = standing(bins((87.5, 1)), 87.5)

    assert (one.candidates, one.rank, one.percentile, one.topper, one.average) == (1, 1, 100.0, 87.5, 87.5)


def test_ties_share_a_rank_and_a_percentile():
    # 10 candidates: 2 at 150, 3 at 120.5, 4 at 100, 1 at -3.5
    dist = bins((150, 2), (120.5, 3), (100, 4), (-3.5, 1))

    tied = [standing(dist, 120.5) for _ in range(3)]
    assert {(s.rank, s.percentile) for s in tied} == {(3, 80.0)}  # 1 + 2 above; m = 8 at or below
    assert (standing(dist, 150).rank, standing(dist, 150).percentile) == (1, 100.0)
    assert (standing(dist, 100).rank, standing(dist, 100).percentile) == (6, 50.0)
    assert (standing(dist, -3.5).rank, standing(dist, -3.5).percentile) == (10, 10.0)


def test_topper_and_average_come_from_the_whole_distribution():
    dist = bins((150, 2), (120.5, 3), (100, 4), (-3.5, 1))

    s = standing(dist, 100)
    assert s.topper == 150
    assert s.average == pytest.approx((2 * 150 + 3 * 120.5 + 4 * 100 - 3.5) / 10)


def test_a_score_nobody_else_had_is_placed_between_the_others():
    dist = bins((150, 2), (100, 8))

    s = standing(dist, 125.25)
    assert (s.rank, s.percentile, s.candidates) == (3, 80.0, 10)


def test_the_top_10_percent_are_those_fewer_than_10_percent_outscored():
    # 20 candidates: 18 scored 50 (1000 s each), 2 scored 150 (600 s each): 10% outscored the 18
    dist = [Bin(5000, 18, 18 * 1000.0), Bin(15000, 2, 2 * 600.0)]
    assert standing(dist, 50).top_seconds == pytest.approx(600.0)
    # 100 candidates: 85 at 50 s, 5 at 100 (200 s), 10 at 150 (100 s): the top 10 alone
    dist = [Bin(5000, 85, 85 * 50.0), Bin(10000, 5, 5 * 200.0), Bin(15000, 10, 10 * 100.0)]
    assert standing(dist, 50).top_seconds == pytest.approx(100.0)
    # a tie is not split: 1 at the top, 19 tied below (only 5% outscored them), so all 20 are the top
    dist = [Bin(5000, 19, 19 * 1000.0), Bin(15000, 1, 600.0)]
    assert standing(dist, 50).top_seconds == pytest.approx((19 * 1000 + 600) / 20)


def test_quarter_marks_are_kept_exact():
    assert to_centimarks(-12.75) == -1275
    assert to_centimarks(0.1 + 0.2) == 30


@given(st.lists(st.integers(-200, 800), min_size=1, max_size=60), st.integers(-200, 800))
def test_rank_and_percentile_match_counting_every_candidate(scores, quarter_marks):
    mine = quarter_marks / 4
    counts: dict[int, int] = {}
    for s in scores:
        counts[s] = counts.get(s, 0) + 1
    dist = [Bin(to_centimarks(q / 4), n) for q, n in counts.items()]

    s = standing(dist, mine)
    assert s.rank == 1 + sum(1 for q in scores if q / 4 > mine)
    assert s.percentile == pytest.approx(100 * sum(1 for q in scores if q / 4 <= mine) / len(scores))
    assert s.topper == max(scores) / 4


def test_an_attempt_that_does_not_count_is_placed_as_if_it_did():
    dist = bins((150, 2), (100, 8))

    repeat = standing_of(with_score(summarise(dist, 160), 160))
    assert (repeat.candidates, repeat.rank, repeat.percentile, repeat.topper) == (11, 1, 100.0, 160)
    assert repeat.average == pytest.approx((300 + 800 + 160) / 11)
    alone = standing_of(with_score(summarise([], 20), 20))
    assert (alone.candidates, alone.rank, alone.percentile) == (1, 1, 100.0)
