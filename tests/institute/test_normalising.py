"""Equipercentile normalisation, ranks and percentiles, checked against examples worked by hand (no Flask)."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from trainer.institute.normalising import TOTAL, ShiftCurve, Sitting, hundredths, rank_all, release


def by_who(result):
    return {p.who: p for p in result.placed}


def test_two_shifts_worked_by_hand_with_ties():
    # Shift 1: 10, 20, 20, 30 -> percentiles 25, 75, 75, 100.  Shift 2: 40, 50 -> 50, 100.
    # A (10, P25): shift 1 gives 10, shift 2 gives 40 (below its lowest point)     -> (10 + 40) / 2 = 25
    # B, C (20, P75): shift 1 gives 20, shift 2 gives 40 + 10 * 25/50 = 45          -> 32.5
    # D (30, P100): 30 and 50 -> 40.  E (40, P50): 10 + 10 * 25/50 = 15 and 40 -> 27.5.  F (50, P100) -> 40
    sittings = [
        Sitting("A", 1, 10),
        Sitting("B", 1, 20),
        Sitting("C", 1, 20),
        Sitting("D", 1, 30),
        Sitting("E", 2, 40),
        Sitting("F", 2, 50),
    ]
    placed = by_who(release(sittings))

    assert {w: p.overall.normalised for w, p in placed.items()} == {
        "A": 25.0, "B": 32.5, "C": 32.5, "D": 40.0, "E": 27.5, "F": 40.0
    }  # fmt: skip
    assert {w: p.overall.rank for w, p in placed.items()} == {"D": 1, "F": 1, "B": 3, "C": 3, "E": 5, "A": 6}
    assert {w: p.overall.percentile for w, p in placed.items()} == {
        "D": 100.0, "F": 100.0, "B": 66.67, "C": 66.67, "E": 33.33, "A": 16.67
    }  # fmt: skip
    assert placed["E"].overall.raw == 40.0  # the raw marks are kept beside the normalised ones
    summary = release(sittings).summary[TOTAL]
    assert (summary.candidates, summary.topper, summary.average) == (6, 40.0, 32.92)  # 197.5 / 6


def test_three_shifts_worked_by_hand_with_a_tie_across_all_three():
    # Shift 1: 0, 10 (P 50, 100).  Shift 2: 20 (P 100).  Shift 3: 5, 5, 15 (P 66.67, 66.67, 100).
    # Each shift's top stands at P100: (10 + 20 + 15) / 3 = 15 for all three.
    # Shift 1's 0 (P50): 0, 20, 5 -> 25/3 = 8.33.  Shift 3's 5 (P66.67): 10 * (16.67/50) = 3.33, 20, 5 -> 9.44.
    sittings = [
        Sitting(1, 1, 0),
        Sitting(2, 1, 10),
        Sitting(3, 2, 20),
        Sitting(4, 3, 5),
        Sitting(5, 3, 5),
        Sitting(6, 3, 15),
    ]
    result = release(sittings)
    placed = by_who(result)

    assert [(p.who, p.overall.normalised, p.overall.rank) for p in result.placed] == [
        (2, 15.0, 1), (3, 15.0, 1), (6, 15.0, 1), (4, 9.44, 4), (5, 9.44, 4), (1, 8.33, 6)
    ]  # fmt: skip
    assert placed[4].overall.percentile == 50.0 and placed[1].overall.percentile == 16.67
    assert result.summary[TOTAL].average == 12.04  # (8.33 + 3 * 15 + 2 * 9.44) / 6 = 12.035, halves up


def test_sections_are_normalised_and_ranked_on_their_own():
    sittings = [
        Sitting("A", 1, 30, {"quant": 20, "english": 10}),
        Sitting("B", 1, 30, {"quant": 10, "english": 20}),
        Sitting("C", 2, 50, {"quant": 30, "english": 20}),
        Sitting("D", 2, 10, {"quant": 10, "english": 0}),
    ]
    result = release(sittings)
    placed = by_who(result)

    # quant, shift 1: 10 (P50), 20 (P100); shift 2: 10 (P50), 30 (P100). Tops: (20 + 30) / 2 = 25; bottoms 10.
    assert {w: p.sections["quant"].normalised for w, p in placed.items()} == {"A": 25, "B": 10, "C": 25, "D": 10}
    assert {w: p.sections["quant"].rank for w, p in placed.items()} == {"A": 1, "B": 3, "C": 1, "D": 3}
    assert result.summary["quant"].topper == 25.0
    # overall, shift 1: both 30 (P100); shift 2: 10 (P50), 50 (P100) -> tops (30 + 50) / 2 = 40
    # D (10, P50): shift 1 has only 30 -> 30; shift 2 gives 10 -> 20
    assert {w: p.overall.normalised for w, p in placed.items()} == {"A": 40, "B": 40, "C": 40, "D": 20}


def test_one_shift_keeps_the_raw_marks_and_plain_ranks():
    rng = random.Random(5)
    sittings = [Sitting(n, 1, rng.choice(range(-20, 200)) / 2) for n in range(50)]
    result = release(sittings)

    for p in result.placed:
        assert p.overall.normalised == p.overall.raw
        assert p.overall.rank == 1 + sum(s.total > p.overall.raw for s in sittings)


def test_releasing_again_or_in_another_order_gives_the_same_numbers():
    rng = random.Random(11)
    sittings = [
        Sitting(n, n % 3 + 1, rng.randrange(-100, 400) / 4, {"q": rng.randrange(0, 100) / 2}) for n in range(300)
    ]
    first = release(sittings)
    shuffled = list(sittings)
    rng.shuffle(shuffled)

    assert release(shuffled) == first == release(sittings)


def test_better_raw_marks_in_a_shift_never_normalise_lower():
    rng = random.Random(3)
    sittings = [Sitting(n, n % 2 + 1, rng.randrange(0, 200) / 2 + (n % 2) * 20) for n in range(200)]
    placed = release(sittings).placed
    for shift in (1, 2):
        mine = sorted((p.overall.raw, p.overall.normalised) for p in placed if p.shift == shift)
        assert all(a[1] <= b[1] for a, b in zip(mine, mine[1:]))


def test_the_curve_interpolates_between_its_points():
    curve = ShiftCurve([Fraction(0), Fraction(10), Fraction(10), Fraction(40)])  # P 25, 75, 100
    assert curve.score_at(Fraction(25)) == 0
    assert curve.score_at(Fraction(10)) == 0  # below the lowest point: the lowest score
    assert curve.score_at(Fraction(50)) == 5
    assert curve.score_at(Fraction(175, 2)) == 25  # halfway from P75 to P100


def test_ranks_share_ties_and_percentiles_count_equal_marks():
    assert rank_all({"a": 100, "b": 100, "c": 50}) == {"a": (1, 100.0), "b": (1, 100.0), "c": (3, 33.33)}
    assert hundredths(Fraction(1, 200)) == 1 and hundredths(Fraction(-1, 200)) == 0


def test_a_candidate_counted_twice_is_refused():
    with pytest.raises(ValueError, match="more than one sitting"):
        release([Sitting("A", 1, 10), Sitting("A", 2, 20)])


def test_nobody_sat_it():
    result = release([])
    assert result.placed == [] and result.summary[TOTAL].candidates == 0 and result.summary[TOTAL].topper is None
