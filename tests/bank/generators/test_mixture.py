"""Alligation checked by brute force: the smallest whole quantities whose mixture costs the mean price."""

from fractions import Fraction

from tests.bank.generators.quant_support import exactly_one, items, ratio, value, whole


def mean_cost(p: dict) -> Fraction:
    return Fraction(p["selling"] * 100, 100 + p["gain"]) if p["gain"] else Fraction(p["mean"])


def test_two_prices_key_and_realism():
    for difficulty, seed, item in items("quant-mixture-alligation-two-prices"):
        p, where = item.params, f"{difficulty} seed {seed}"
        cheap, dear, mean = p["cheap"], p["dear"], mean_cost(p)
        assert 0 < cheap < mean < dear <= 200 and whole(mean), where
        if "dear_kg" in p:
            q = p["dear_kg"]
            found = [x for x in range(1, 500) if cheap * x + dear * q == mean * (x + q)]
            assert len(found) == 1, where
            exactly_one(item, found[0], value, where)
        else:
            found = next(
                Fraction(x, y)
                for total in range(2, 60)
                for x in range(1, total)
                for y in [total - x]
                if cheap * x + dear * y == mean * (x + y)
            )
            exactly_one(item, found, ratio, where)
            assert (p["gain"] > 0) == (difficulty == "hard"), where
