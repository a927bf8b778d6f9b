"""Trigonometry values and heights & distances, checked numerically with math.sin/cos/tan from the parameters."""

import math
import re
from fractions import Fraction

from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for

SEEDS = range(150)


def items(key):
    gen = all_generators()[key]
    for difficulty in DIFFICULTIES:
        for seed in SEEDS:
            yield difficulty, gen.make(rng_for(key, seed, difficulty), difficulty)


def ratio(name: str, degrees: float) -> float:
    x = math.radians(degrees)
    return {
        "sin": math.sin(x),
        "cos": math.cos(x),
        "tan": math.tan(x) if degrees != 90 else math.inf,
        "cot": math.cos(x) / math.sin(x) if degrees else math.inf,
        "sec": 1 / math.cos(x) if degrees != 90 else math.inf,
        "cosec": 1 / math.sin(x) if degrees else math.inf,
    }[name]


def special(form: int, a: int) -> float:
    """The complementary-angle or identity bracket, evaluated with floats."""
    b = 90 - a
    return [
        ratio("sin", a) ** 2 + ratio("sin", b) ** 2,
        ratio("tan", a) * ratio("tan", b),
        ratio("sin", a) / ratio("cos", b),
        ratio("sec", a) ** 2 - ratio("tan", a) ** 2,
        ratio("cosec", a) ** 2 - ratio("cot", a) ** 2,
    ][form]


def fraction_of(option: str) -> Fraction:
    text = option.strip("$")
    match = re.fullmatch(r"\\frac\{(\d+)\}\{(\d+)\}", text)
    return Fraction(int(match[1]), int(match[2])) if match else Fraction(text)


def test_standard_values_key_is_the_value_of_the_expression():
    for difficulty, item in items("quant-trigonometry-values"):
        p = item.params
        expected = sum(t["sign"] * t["coef"] * ratio(t["ratio"], t["angle"]) ** 2 for t in p["terms"])
        if p["special"]:
            expected += p["special"]["coef"] * special(p["special"]["form"], p["special"]["angle"])
            assert p["special"]["angle"] not in (30, 45, 60) and 0 < p["special"]["angle"] < 90
        values = [float(fraction_of(o)) for o in item.options]
        assert sum(math.isclose(v, expected, abs_tol=1e-9) for v in values) == 1, (difficulty, p, item.options)
        assert math.isclose(values[item.answer], expected, abs_tol=1e-9)
        assert expected > 0 and fraction_of(item.options[item.answer]).denominator <= 12  # a simple fraction
        assert len(p["terms"]) == (2 if difficulty == "easy" else 3)
        assert (p["special"] is not None) == (difficulty == "hard")


def metres(option: str) -> float:
    """'$28(\\sqrt{3}+1)$ m' -> 28 * (sqrt(3) + 1)."""
    text = option.split("$")[1]
    text = re.sub(r"\\sqrt\{(\d+)\}", r"sqrt(\1)", text)
    text = re.sub(r"(\d)(sqrt|\()", r"\1*\2", text)
    assert re.fullmatch(r"[\d()+\-*sqrt]+", text), text  # digits, brackets, + - * and sqrt only
    return eval(text, {"__builtins__": {}, "sqrt": math.sqrt})


def test_heights_key_is_the_height_from_the_angles():
    kinds = {d: set() for d in DIFFICULTIES}
    for difficulty, item in items("quant-trigonometry-heights"):
        p = item.params
        kinds[difficulty].add(p["kind"])
        if p["kind"] == "tower":
            expected = p["distance"] * math.tan(math.radians(p["angle"]))
            assert f"{p['distance']} m" in item.stem
        elif p["kind"] == "kite":
            expected = p["string"] * math.sin(math.radians(p["angle"]))
        else:
            low, high = (math.radians(a) for a in p["angles"])
            expected = p["gap"] / (1 / math.tan(low) - 1 / math.tan(high))  # h cot(low) - h cot(high) = gap
        values = [metres(o) for o in item.options]
        assert sum(math.isclose(v, expected, rel_tol=1e-9) for v in values) == 1, (p, item.options)
        assert math.isclose(values[item.answer], expected, rel_tol=1e-9)
        assert all(v > 0 for v in values) and 0 < expected < 1000
        assert item.hindi_options[item.answer].endswith("मीटर")
    assert kinds == {"easy": {"tower"}, "medium": {"tower", "kite"}, "hard": {"two-points"}}
