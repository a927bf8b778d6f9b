"""Probability generator: the key recomputed by enumerating the sample space independently."""

import re
from fractions import Fraction
from itertools import combinations, product
from math import gcd

from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for

CARDS = [(rank, suit) for rank in range(1, 14) for suit in "♠♥♦♣"]  # 1 ace, 11 jack, 12 queen, 13 king


def red(card):
    return card[1] in "♥♦"


def face(card):
    return card[0] in (11, 12, 13)


SINGLE = {
    "die": {
        "even": lambda o, k: o[0] in (2, 4, 6),
        "prime": lambda o, k: o[0] in (2, 3, 5),
        "greater": lambda o, k: o[0] > k,
    },
    "dice": {
        "sum": lambda o, k: o[0] + o[1] == k,
        "doublet": lambda o, k: o[0] == o[1],
        "multiple": lambda o, k: (o[0] + o[1]) % k == 0,
        "product-even": lambda o, k: o[0] % 2 == 0 or o[1] % 2 == 0,
        "difference": lambda o, k: abs(o[0] - o[1]) == k,
    },
    "coins": {
        "exactly": lambda o, k: sum(o) == k,
        "at-least": lambda o, k: sum(o) >= k,
        "at-most": lambda o, k: sum(o) <= k,
    },
    "card": {
        "king": lambda c, k: c[0] == 13,
        "red": lambda c, k: red(c),
        "face": lambda c, k: face(c),
        "red-face": lambda c, k: red(c) and face(c),
        "spade-or-ace": lambda c, k: c[1] == "♠" or c[0] == 1,
        "red-or-king": lambda c, k: red(c) or c[0] == 13,
        "heart-or-face": lambda c, k: c[1] == "♥" or face(c),
    },
}
PAIRS = {
    "both-kings": lambda a, b: a[0] == b[0] == 13,
    "both-red": lambda a, b: red(a) and red(b),
    "both-face": lambda a, b: face(a) and face(b),
    "both-spades": lambda a, b: a[1] == b[1] == "♠",
    "king-and-queen": lambda a, b: {a[0], b[0]} == {12, 13},
}


def probability(p: dict) -> Fraction:
    experiment, event, k = p["experiment"], p["event"], p["k"]
    if experiment == "two-cards":
        pairs = list(combinations(CARDS, 2))
        return Fraction(sum(PAIRS[event](a, b) for a, b in pairs), len(pairs))
    space = {
        "die": list(product(range(1, 7))),
        "dice": list(product(range(1, 7), repeat=2)),
        "coins": list(product((0, 1), repeat=p["count"])),  # 1 = head
        "card": CARDS,
    }[experiment]
    return Fraction(sum(SINGLE[experiment][event](o, k) for o in space), len(space))


def as_fraction(option: str) -> tuple[int, int]:
    match = re.fullmatch(r"\$\\frac\{(\d+)\}\{(\d+)\}\$", option)
    assert match, option
    return int(match[1]), int(match[2])


def test_key_is_the_enumerated_probability_in_lowest_terms():
    seen = {d: set() for d in DIFFICULTIES}
    gen = all_generators()["quant-probability-events"]
    for difficulty in DIFFICULTIES:
        for seed in range(200):
            item = gen.make(rng_for(gen.key, seed, difficulty), difficulty)
            p = item.params
            seen[difficulty].add(p["experiment"])
            expected = probability(p)
            fractions = [as_fraction(o) for o in item.options]
            assert all(gcd(a, b) == 1 and 0 < a < b for a, b in fractions), item.options  # lowest terms, in (0, 1)
            assert sum(Fraction(a, b) == expected for a, b in fractions) == 1, (p, item.options)
            assert Fraction(*fractions[item.answer]) == expected
            if p["experiment"] == "coins":
                assert p["count"] == {"easy": 2, "medium": 3, "hard": 4}[difficulty] and 1 <= p["k"] < p["count"]
    assert seen == {"easy": {"die", "coins", "card"}, "medium": {"dice", "coins", "card"},
                    "hard": {"dice", "coins", "two-cards"}}  # fmt: skip
