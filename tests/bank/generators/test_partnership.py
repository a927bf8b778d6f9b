"""Partnership: the share recomputed month by month from the money each partner has in the business."""

from tests.bank.generators.quant_support import exactly_one, items, whole


def money_months(p: dict) -> list[int]:
    totals = [0] * len(p["capitals"])
    for month in range(12):
        for i, capital in enumerate(p["capitals"]):
            if month >= p["joined_after"][i]:
                withdrawn = p["withdrawn"][i] if p["withdrawn_after"] and month >= p["withdrawn_after"] else 0
                totals[i] += capital - withdrawn
    return totals


def test_profit_share_key_and_realism():
    for difficulty, seed, item in items("quant-partnership-profit-share"):
        p, where = item.params, f"{difficulty} seed {seed}"
        used = money_months(p)
        expected = p["total"] * used[p["who"]] / sum(used)
        assert len(p["capitals"]) == (3 if difficulty == "medium" else 2), where
        assert all(c % 1000 == 0 and 5000 <= c <= 100000 for c in p["capitals"]), where
        assert all(0 <= j < 12 for j in p["joined_after"]), where
        assert all(0 <= w < c for w, c in zip(p["withdrawn"], p["capitals"])), where
        assert (difficulty == "hard") == bool(p["withdrawn_after"]), where
        assert whole(expected) and 0 < expected < p["total"] <= 200000, where
        exactly_one(item, expected, where=where)
