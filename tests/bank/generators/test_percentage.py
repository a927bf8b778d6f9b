"""Percentage generators checked by an independent computation from their parameters."""

from fractions import Fraction

from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for


def as_fraction(text: str) -> Fraction:
    return Fraction(text)


def test_percent_of_known_part_key_is_q_percent_of_the_number():
    gen = all_generators()["quant-percentage-of"]
    for difficulty in DIFFICULTIES:
        for seed in range(200):
            item = gen.make(rng_for(gen.key, seed, difficulty), difficulty)
            p, part, q = item.params["p"], item.params["part"], item.params["q"]
            whole = Fraction(part * 100, p)
            expected = whole * q / 100
            assert as_fraction(item.options[item.answer]) == expected
            assert whole.denominator == 1 and whole > 0  # a whole number, no 37.8 of anything
            assert sum(as_fraction(o) == expected for o in item.options) == 1
