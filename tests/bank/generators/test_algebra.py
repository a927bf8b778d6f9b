"""Identities checked numerically: solve for x, then compute x^n + 1/x^n in floating point."""

from math import isclose, sqrt

from tests.bank.generators.quant_support import exactly_one, items


def test_reciprocal_identity_key_and_realism():
    for difficulty, seed, item in items("quant-algebra-reciprocal-identity"):
        p, where = item.params, f"{difficulty} seed {seed}"
        k, n = p["k"], p["power"]
        # x + 1/x = k  →  x² − kx + 1 = 0;  x − 1/x = k  →  x² − kx − 1 = 0
        x = (k + sqrt(k * k - 4)) / 2 if p["sign"] == "+" else (k + sqrt(k * k + 4)) / 2
        assert isclose(x + (1 / x if p["sign"] == "+" else -1 / x), k), where
        value = x**n + x ** (-n)
        expected = round(value)
        assert isclose(value, expected, rel_tol=1e-9), where
        assert n == {"easy": 2, "medium": 3, "hard": 4}[difficulty], where
        assert k >= (3 if p["sign"] == "+" else 1), where  # x + 1/x = 2 only for x = 1
        exactly_one(item, expected, int, where)
