"""Average: the member's value recomputed by building the group's totals before and after."""

from fractions import Fraction

from tests.bank.generators.quant_support import exactly_one, items, whole

BOUNDS = {"age": (24, 60), "weight": (40, 100), "marks": (0, 100)}


def test_member_change_key_and_realism():
    for difficulty, seed, item in items("quant-average-member-change"):
        p, where = item.params, f"{difficulty} seed {seed}"
        n, average, change = p["size"], p["average"], Fraction(p["change"])
        before = n * average
        if p["event"] == "join":
            expected = (n + 1) * (average + change) - before
        elif p["event"] == "leave":
            expected = before - (n - 1) * (average + change)
        else:  # replace: the total grows by n × change, all of it from the newcomer
            others = before - p["replaced"]
            expected = n * (average + change) - others
        assert p["event"] == {"easy": "join", "medium": "leave", "hard": "replace"}[difficulty], where
        low, high = BOUNDS[p["kind"]]
        assert whole(expected) and low <= expected <= high, f"{where}: {expected}"
        assert n >= 8 and change != 0, where
        exactly_one(item, expected, where=where)
