"""Shared helpers for the quantitative generator tests: run a generator over many seeds, read numbers back
from option texts, and check that exactly one option holds the independently computed answer."""

from __future__ import annotations

import re
from fractions import Fraction

from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for

SEEDS = range(150)
MIXED = re.compile(r"(\d+)?\\frac\{(\d+)\}\{(\d+)\}")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def items(key: str, seeds=SEEDS):
    """(difficulty, seed, item) for every difficulty and seed."""
    gen = all_generators()[key]
    for difficulty in DIFFICULTIES:
        for seed in seeds:
            yield difficulty, seed, gen.make(rng_for(key, seed, difficulty), difficulty)


def value(text: str) -> Fraction:
    """The number an option states: 'Rs. 1250', '12.5 km/h', '$6\\frac{2}{3}$ days', '$\\frac{1}{18}$'."""
    mixed = MIXED.search(text)
    if mixed:
        return int(mixed.group(1) or 0) + Fraction(int(mixed.group(2)), int(mixed.group(3)))
    return Fraction(NUMBER.search(text).group())


def ratio(text: str) -> Fraction:
    """'3 : 2' as 3/2."""
    left, right = (int(x) for x in text.split(":"))
    return Fraction(left, right)


def exactly_one(item, expected, parse=value, where=""):
    """Exactly one English option states `expected`, and it is the keyed one."""
    matches = [i for i, option in enumerate(item.options) if parse(option) == expected]
    assert matches == [item.answer], f"{where}: expected {expected}, options {item.options}, key {item.answer}"


def whole(x) -> bool:
    return Fraction(x).denominator == 1


def terminating(x, places: int = 2) -> bool:
    return (Fraction(x) * 10**places).denominator == 1
