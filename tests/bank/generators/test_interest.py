"""Compound interest recomputed year by year from the principal and rate; simple interest from P·r·n/100."""

from fractions import Fraction

from tests.bank.generators.quant_support import exactly_one, items, whole


def test_interest_key_and_realism():
    for difficulty, seed, item in items("quant-interest-ci-si"):
        p, where = item.params, f"{difficulty} seed {seed}"
        principal, rate, years = p["principal"], p["rate"], p["years"]
        balance = Fraction(principal)
        for _ in range(years):
            balance += balance * rate / 100  # interest added at the end of each year
        compound = balance - principal
        simple = Fraction(principal * rate * years, 100)
        expected = compound if p["ask"] == "ci" else compound - simple
        assert p["ask"] == ("difference" if difficulty == "hard" else "ci"), where
        assert years == (2 if difficulty == "easy" else 3), where
        assert 1000 <= principal <= 100000 and 0 < rate <= 20, where
        assert whole(compound) and whole(simple) and expected > 0, f"{where}: paise in {compound}, {simple}"
        exactly_one(item, expected, where=where)
        assert all(o.startswith("Rs. ") for o in item.options)
        assert all(h.endswith(" रु.") for h in item.hindi_options)
