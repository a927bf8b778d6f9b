"""Geometry angles, recomputed from the parameters with the theorems stated independently."""

from fractions import Fraction

from tests.bank.generators.quant_support import exactly_one, items, value


def expected(p: dict) -> Fraction:
    if p["form"] == "ratio":  # the angles are parts of 180°
        parts = p["parts"]
        pick = max(parts) if p["ask"] == "largest" else min(parts)
        return Fraction(180 * pick, sum(parts))
    if p["form"] == "exterior":  # exterior angle = sum of the two interior opposite angles
        return Fraction(p["exterior"] - p["known"])
    if p["form"] == "polygon":  # n sides: each interior angle is (n − 2)·180 / n, so n is what is asked
        return Fraction(p["sides"])
    if p["form"] == "incentre":  # B/2 + C/2 = (180 − A)/2, so BIC = 180 − (180 − A)/2
        return 180 - Fraction(180 - p["angle"], 2)
    return Fraction(p["centre"], 2)  # inscribed angle on the major arc: half the central angle


def test_angles_key_and_realism():
    forms = set()
    for difficulty, seed, item in items("quant-geometry-angles"):
        p, where = item.params, f"{difficulty} seed {seed}"
        forms.add((difficulty, p["form"]))
        answer = expected(p)
        assert answer.denominator == 1 and 0 < answer < 180, f"{where}: {answer}"
        if p["form"] != "polygon":
            assert all(0 < value(o) < 180 for o in item.options), f"{where}: an impossible angle {item.options}"
        if p["form"] == "polygon":
            interior = Fraction((p["sides"] - 2) * 180, p["sides"])
            assert f"{interior}°" in item.stem, where
        if p["form"] == "ratio":
            assert len(set(p["parts"])) == 3, where  # a scalene ratio: "largest" and "smallest" mean something
        exactly_one(item, answer, where=where)
    assert forms == {
        ("easy", "ratio"),
        ("medium", "exterior"),
        ("medium", "polygon"),
        ("hard", "incentre"),
        ("hard", "circle"),
    }
