"""Number system checked with Python's own arithmetic: pow(…, 10), real numbers with the stated remainder,
and every digit 0-9 tried in the missing place."""

from tests.bank.generators.quant_support import exactly_one, items


def test_digits_and_remainders_key_and_realism():
    kinds = set()
    for difficulty, seed, item in items("quant-number-system-digits-remainders"):
        p, where = item.params, f"{difficulty} seed {seed}"
        kinds.add(p["kind"])
        if p["kind"] == "unit-digit":
            expected = 1
            for base, exponent in zip(p["bases"], p["exponents"]):
                expected = expected * pow(base, exponent, 10) % 10
            assert len(p["bases"]) == {"easy": 1, "medium": 2, "hard": 3}[difficulty], where
        elif p["kind"] == "remainder":
            big, small = p["divisor"], p["factor"]
            assert big % small == 0 and small < p["remainder"] < big, where
            numbers = [big * q + p["remainder"] for q in range(1, 6)]
            found = {(n * n if p["square"] else n) % small for n in numbers}
            assert len(found) == 1, where
            expected = found.pop()
        else:
            fits = [d for d in range(10) if int(p["number"].replace("x", str(d))) % p["divisor"] == 0]
            assert fits and not p["number"].startswith("x"), where
            expected = min(fits)
        exactly_one(item, expected, int, where)
    assert kinds == {"unit-digit", "remainder", "divisibility"}
