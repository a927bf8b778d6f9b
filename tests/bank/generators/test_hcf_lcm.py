"""Bells and tiles checked by brute force: second-by-second for the bells, every common divisor for tiles."""

from tests.bank.generators.quant_support import exactly_one, items


def test_bells_and_tiles_key_and_realism():
    for difficulty, seed, item in items("quant-hcf-lcm-bells-tiles"):
        p, where = item.params, f"{difficulty} seed {seed}"
        if p["kind"] == "bells":
            times = p["intervals"]
            together = [t for t in range(1, 3601) if all(t % i == 0 for i in times)]
            assert together, where
            if difficulty == "hard":
                expected = len(together)  # times in the next hour, not counting the start
            elif difficulty == "medium":
                assert together[0] % 60 == 0, where
                expected = together[0] // 60
            else:
                expected = together[0]
            assert len(times) == (2 if difficulty == "easy" else 3), where
        else:
            length, breadth = p["length"], p["breadth"]
            side = max(d for d in range(1, breadth + 1) if length % d == 0 and breadth % d == 0)
            expected = (length // side) * (breadth // side) if difficulty == "hard" else side
            assert 200 <= length <= 1200 and 0 < breadth < length and side >= 12, where
        exactly_one(item, expected, where=where)
