"""BODMAS checked by Python's own operator precedence ("of" written as a bracketed product)."""

from fractions import Fraction

from tests.bank.generators.quant_support import exactly_one, items

PYTHON = {  # how each expression reads under BODMAS, in Python syntax
    "a + b × c": "a + b * c",
    "a + b ÷ c − d": "a + b / c - d",
    "a ÷ b of c + d": "a / (b * c) + d",
}


def test_bodmas_key_and_realism():
    for difficulty, seed, item in items("quant-simplification-bodmas"):
        p, where = item.params, f"{difficulty} seed {seed}"
        names = dict(zip("abcd", (Fraction(n, d) for n, d in p["fractions"])))
        expected = eval(PYTHON[p["expression"]], {}, names)  # our own fixed expressions, never input
        assert all(0 < n <= 9 and 1 < d <= 9 for n, d in p["fractions"]), where
        assert len(p["fractions"]) == (3 if difficulty == "easy" else 4), where
        assert expected > 0 and expected.denominator <= 36, f"{where}: {expected}"
        exactly_one(item, expected, where=where)
        if difficulty == "hard":
            assert "\\text{ of }" in item.stem and "\\text{ of }" in item.hindi_stem
