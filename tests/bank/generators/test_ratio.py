"""Dividing an amount in a ratio: the share recomputed from the ratio terms (reciprocals for the hard kind)."""

from fractions import Fraction

from tests.bank.generators.quant_support import exactly_one, items, whole


def test_divide_in_ratio_key_and_realism():
    for difficulty, seed, item in items("quant-ratio-proportion-divide"):
        p, where = item.params, f"{difficulty} seed {seed}"
        weights = [Fraction(1, r) if p["fractional"] else Fraction(r) for r in p["ratio"]]
        expected = p["total"] * weights[p["who"]] / sum(weights)
        assert len(p["ratio"]) == (2 if difficulty == "easy" else 3), where
        assert p["fractional"] == (difficulty == "hard"), where
        assert whole(expected) and 0 < expected < p["total"], f"{where}: share {expected}"
        assert p["total"] % 10 == 0 and 0 < p["total"] <= 50000, where
        exactly_one(item, expected, where=where)
