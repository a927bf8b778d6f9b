"""Calendar checked with datetime (proleptic Gregorian); clock checked from the hands' positions."""

import datetime
import re
from fractions import Fraction

from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]  # date.weekday() order


def items(key):
    gen = all_generators()[key]
    for difficulty in DIFFICULTIES:
        for seed in range(200):
            yield difficulty, gen.make(rng_for(key, seed, difficulty), difficulty)


def test_day_of_the_week_is_the_gregorian_one():
    for difficulty, item in items("reasoning-calendar-clock-day"):
        p = item.params
        asked = datetime.date(*p["asked"])
        expected = DAYS[asked.weekday()]
        assert sum(o == expected for o in item.options) == 1
        assert item.options[item.answer] == expected
        if p["kind"] != "direct":
            known = datetime.date(*p["known"])
            assert f"is a {DAYS[known.weekday()]}," in item.stem  # the given day is true too
            assert known < asked
            if difficulty == "easy":
                assert known.year == asked.year
            else:
                assert (known.month, known.day) == (asked.month, asked.day) and known.year < asked.year
        else:
            assert difficulty == "hard" and 1801 <= asked.year <= 2024


def value_of(text: str) -> Fraction:
    """'$63\\frac{1}{2}^\\circ$' or '$16\\frac{4}{11}$ minutes past 3' -> the number before the unit."""
    match = re.search(r"\$(\d*)(?:\\frac\{(\d+)\}\{(\d+)\})?", text)
    whole = int(match[1]) if match[1] else 0
    return whole + (Fraction(int(match[2]), int(match[3])) if match[2] else 0)


def hands(hour: int, minute: Fraction) -> Fraction:
    """Angle from the hour hand to the minute hand, clockwise, in [0, 360)."""
    hour_hand = (hour % 12) * 30 + minute / 2
    return (6 * minute - hour_hand) % 360


def test_clock_answers_come_from_the_hands():
    for difficulty, item in items("reasoning-calendar-clock-angle"):
        p = item.params
        if p["kind"] == "angle":
            gap = hands(p["hour"], Fraction(p["minute"]))
            expected = min(gap, 360 - gap)
            assert f"{p['hour']}:{p['minute']:02d}" in item.stem
            if difficulty == "easy":
                assert p["minute"] % 10 == 0 and expected.denominator == 1
        else:  # every minute that is a multiple of 1/11 between h and h+1, tried one by one
            wanted = 0 if p["kind"] == "together" else 180
            found = [Fraction(j, 11) for j in range(660) if hands(p["hour"], Fraction(j, 11)) == wanted]
            assert len(found) == 1, p
            expected = found[0]
            assert item.options[item.answer].endswith(f"minutes past {p['hour']}")
        values = [value_of(o) for o in item.options]
        assert sum(v == expected for v in values) == 1, (p, item.options)
        assert values[item.answer] == expected and expected > 0
        assert all(0 < v < 360 for v in values)
