"""Data interpretation: the key recomputed from the table in the parameters (and the table checked in the stem)."""

from fractions import Fraction
from math import gcd

from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for

KINDS = {"easy": {"total", "average"}, "medium": {"change", "ratio"}, "hard": {"more", "ratio-totals"}}


def value_of(option: str):
    """'25%' -> ('%', 25); '7 : 12' -> (':', 7/12) with the terms; '117' -> ('n', 117)."""
    if option.endswith("%"):
        return "%", Fraction(option[:-1])
    if " : " in option:
        a, b = map(int, option.split(" : "))
        return ":", (a, b)
    return "n", Fraction(option)


def expected_of(p: dict):
    a, b = (p["data"][i] for i in p["series"])
    if p["kind"] == "total":
        return "n", Fraction(sum(a))
    if p["kind"] == "average":
        return "n", Fraction(sum(a)) / len(a)
    if p["kind"] == "change":
        old, new = a[p["years"][0]], a[p["years"][1]]
        return "%", abs(Fraction(new - old) / old * 100)
    if p["kind"] == "ratio":
        return ":", Fraction(a[p["years"][0]], b[p["years"][1]])
    if p["kind"] == "more":
        return "%", (Fraction(sum(a)) / sum(b) - 1) * 100
    return ":", Fraction(sum(a), sum(b))


def matches(option: str, expected) -> bool:
    kind, value = value_of(option)
    if kind != expected[0]:
        return False
    if kind == ":":
        return gcd(*value) == 1 and Fraction(*value) == expected[1]
    return value == expected[1]


def test_key_is_read_correctly_from_the_table():
    gen = all_generators()["quant-data-interpretation-table"]
    for difficulty in DIFFICULTIES:
        kinds = set()
        for seed in range(150):
            item = gen.make(rng_for(gen.key, seed, difficulty), difficulty)
            p = item.params
            kinds.add(p["kind"])
            expected = expected_of(p)
            assert sum(matches(o, expected) for o in item.options) == 1, (p, item.options)
            assert matches(item.options[item.answer], expected)
            for row in range(5):  # the table shown is the table computed from
                line = f"| {p['start'] + row} | " + " | ".join(str(c[row]) for c in p["data"]) + " |"
                assert line in item.stem and line in item.hindi_stem
            assert all(isinstance(v, int) and 0 < v <= 1000 for c in p["data"] for v in c)
            if expected[0] != ":":
                assert expected[1] > 0 and (expected[1] * 100).denominator == 1  # whole or two decimals
            else:
                assert max(expected[1].numerator, expected[1].denominator) <= 12 and expected[1] != 1
        assert kinds == KINDS[difficulty]
