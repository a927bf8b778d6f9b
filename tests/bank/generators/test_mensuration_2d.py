"""Mensuration 2D checked with the formulas written out again (and a search where a radius must be found)."""

from fractions import Fraction
from math import isqrt, sqrt

from tests.bank.generators.quant_support import exactly_one, items, whole

PI = Fraction(22, 7)


def plane_area(p: dict) -> Fraction:
    ask = p["ask"]
    if ask == "area-from-perimeter":
        breadth = Fraction(p["perimeter"], 2) - p["length"]
        assert 0 < breadth < p["length"]
        return p["length"] * breadth
    if ask == "area-from-ratio":
        unit = Fraction(p["perimeter"], 2 * sum(p["ratio"]))
        return p["ratio"][0] * unit * p["ratio"][1] * unit
    if ask == "path":
        outer = (p["length"] + 2 * p["width"]) * (p["breadth"] + 2 * p["width"])
        return outer - p["length"] * p["breadth"]
    if ask in ("area-from-diameter", "area-from-circumference", "area-from-gap"):
        radius = next(r for r in range(1, 200) if circle_fact(ask, r) == p[ask.split("-")[-1]])
        assert radius % 7 == 0
        return PI * radius * radius
    if ask == "right":
        other = isqrt(p["hypotenuse"] ** 2 - p["leg"] ** 2)
        assert other**2 + p["leg"] ** 2 == p["hypotenuse"] ** 2
        return Fraction(p["leg"] * other, 2)
    if ask == "isosceles":
        height_sq = Fraction(p["side"] ** 2) - Fraction(p["base"], 2) ** 2
        assert whole(height_sq) and isqrt(int(height_sq)) ** 2 == height_sq
        return Fraction(p["base"], 2) * isqrt(int(height_sq))
    a, b, c = p["sides"]
    assert a + b > c and a * a + b * b != c * c
    area = sqrt((a + b + c) * (-a + b + c) * (a - b + c) * (a + b - c)) / 4
    assert area == int(area)
    return Fraction(int(area))


def circle_fact(ask: str, radius: int) -> Fraction:
    if ask == "area-from-diameter":
        return Fraction(2 * radius)
    if ask == "area-from-circumference":
        return 2 * PI * radius
    return 2 * PI * radius - 2 * radius  # the gap between circumference and diameter


def test_plane_figures_key_and_realism():
    for difficulty, seed, item in items("quant-mensuration-2d-area"):
        p, where = item.params, f"{difficulty} seed {seed}"
        expected = plane_area(p)
        assert whole(expected) and 0 < expected <= 10000, f"{where}: {expected}"
        exactly_one(item, expected, where=where)
        unit = "sq. m" if p["shape"] == "rectangle" else "sq. cm"
        assert all(o.endswith(unit) for o in item.options), where
