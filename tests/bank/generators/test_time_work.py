"""Time and work, pipes and cisterns: the key recomputed by simulating the work hour by hour (or day by day)."""

from fractions import Fraction

from tests.bank.generators.quant_support import exactly_one, items, whole


def finish_time(rates: list[Fraction]) -> Fraction:
    """Whole steps of work at the combined rate, then the fraction of the last step."""
    per_step, done, steps = sum(rates), Fraction(0), 0
    assert per_step > 0
    while done + per_step < 1:
        done += per_step
        steps += 1
    return steps + (1 - done) / per_step


def test_working_together_key_and_realism():
    for difficulty, seed, item in items("quant-time-work-together"):
        p, where = item.params, f"{difficulty} seed {seed}"
        times, k = p["times"], p["together_for"]
        assert all(2 <= t <= 60 for t in times) and len(set(times)) == len(times), where
        assert len(times) == (3 if difficulty == "medium" else 2), where
        if k is None:
            expected = finish_time([Fraction(1, t) for t in times])
        else:
            a, b = times
            left = 1 - k * (Fraction(1, a) + Fraction(1, b))
            assert 0 < left < 1, where
            expected = k + finish_time([Fraction(1, b)]) * left
        assert whole(expected) and expected > 0, f"{where}: {expected} days"
        exactly_one(item, expected, where=where)


def test_pipes_key_and_realism():
    for difficulty, seed, item in items("quant-time-work-pipes"):
        p, where = item.params, f"{difficulty} seed {seed}"
        assert p["kind"] == {"easy": "pair", "medium": "leak", "hard": "three"}[difficulty], where
        fill = [Fraction(1, t) for t in p["fill"]]
        if p["kind"] == "leak":
            # filling with the leak takes p["empty"] hours: the leak's rate is the difference
            leak_rate = fill[0] - Fraction(1, p["empty"])
            expected = finish_time([leak_rate])
            assert p["empty"] > p["fill"][0], where
        else:
            expected = finish_time([*fill, -Fraction(1, p["empty"])])
        assert whole(expected) and 0 < expected <= 120, f"{where}: {expected} hours"
        assert all(1 < t <= 60 for t in [*p["fill"], p["empty"]]), where
        exactly_one(item, expected, where=where)
