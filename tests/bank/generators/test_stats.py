"""Statistics generator checked with the standard library's statistics module."""

import statistics
from fractions import Fraction

from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for


def items():
    gen = all_generators()["quant-statistics-measures"]
    for difficulty in DIFFICULTIES:
        for seed in range(150):
            yield difficulty, gen.make(rng_for(gen.key, seed, difficulty), difficulty)


def test_key_is_the_asked_measure_of_the_data():
    for difficulty, item in items():
        values, measure = item.params["values"], item.params["measure"]
        expected = {
            "mean": lambda v: Fraction(statistics.mean(v)),
            "median": lambda v: Fraction(statistics.median(v)),
            "mode": lambda v: Fraction(statistics.mode(v)),
            "sd": lambda v: Fraction(statistics.pstdev(v)),  # population SD, as the exam divides by n
        }[measure](values)
        options = [Fraction(o) for o in item.options]
        assert sum(o == expected for o in options) == 1, (values, measure, item.options)
        assert options[item.answer] == expected
        assert ", ".join(map(str, values)) in item.stem and ", ".join(map(str, values)) in item.hindi_stem
        assert all(isinstance(v, int) and v > 0 for v in values)
        assert (expected * 100).denominator == 1  # whole, or at most two decimals
        assert all(o > 0 and (o * 100).denominator == 1 for o in options)
        if measure == "mode":
            counts = sorted((values.count(v) for v in set(values)), reverse=True)
            assert counts[0] > counts[1]  # a single mode
        assert (measure == "sd") == (difficulty == "hard")
        assert measure != "mode" or difficulty == "medium"
