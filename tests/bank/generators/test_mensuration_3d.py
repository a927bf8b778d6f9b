"""Mensuration 3D checked with the formulas written out again (and a search for the cube's side)."""

from fractions import Fraction
from math import sqrt

from tests.bank.generators.quant_support import exactly_one, items, whole

PI = Fraction(22, 7)


def solid_answer(p: dict) -> Fraction:
    ask = p["ask"]
    if ask == "volume-from-surface":
        side = next(a for a in range(1, 100) if 6 * a * a == p["surface"])
        return Fraction(side**3)
    if ask == "volume":
        return PI * p["radius"] ** 2 * p["height"]
    if ask == "surface":
        return 4 * PI * p["radius"] ** 2
    if ask == "total-surface" and p["shape"] == "cone":
        slant = sqrt(p["radius"] ** 2 + p["height"] ** 2)
        assert slant == int(slant)
        return PI * p["radius"] * int(slant) + PI * p["radius"] ** 2
    if ask == "total-surface" and p["shape"] == "cuboid":
        a, b, c = p["dimensions"]
        return Fraction(2 * a * b + 2 * b * c + 2 * c * a)
    if ask == "total-surface":  # hemisphere: curved half of a sphere plus the flat disc
        return 4 * PI * p["radius"] ** 2 / 2 + PI * p["radius"] ** 2
    if ask == "recast-spheres":
        return Fraction(p["big"] ** 3, p["small"] ** 3)
    cylinder = PI * p["radius"] ** 2 * p["height"]
    cone = PI * p["cone_radius"] ** 2 * p["cone_height"] / 3
    return cylinder / cone


def test_solids_key_and_realism():
    for difficulty, seed, item in items("quant-mensuration-3d-solids"):
        p, where = item.params, f"{difficulty} seed {seed}"
        expected = solid_answer(p)
        assert whole(expected) and 0 < expected <= 100000, f"{where}: {expected}"
        if "radius" in p and p["shape"] != "cone":
            assert p["radius"] % 7 == 0, where  # pi = 22/7 divides out
        if p["ask"].startswith("recast"):
            assert difficulty == "hard" and 2 <= expected <= 200, where
        exactly_one(item, expected, where=where)
