"""Order and ranking: the row size found by brute force (try every row length), then the asked rank."""

from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for


def row_size(p: dict) -> int:
    for n in range(2, 400):
        if p["kind"] == "total" and n - p["top"] + 1 == p["bottom"]:
            return n
        if p["kind"] == "other-end" and n == p["n"]:
            return n
        if p["kind"] == "between":
            first, second = p["left"], n - p["right"] + 1
            if second - first - 1 == p["gap"]:
                return n
        if p["kind"] in ("interchange", "new-rank"):
            second = n - p["right"] + 1  # after the swap the first person stands here
            if second == p["new_left"] and 1 <= p["left"] <= n:
                return n
    raise AssertionError(f"no row fits {p}")


def expected_of(p: dict) -> int:
    n = row_size(p)
    if p["kind"] == "other-end":
        return n - p["left"] + 1
    if p["kind"] == "new-rank":
        return n - p["left"] + 1  # the second person now stands where the first stood
    return n


def test_key_follows_from_the_positions():
    gen = all_generators()["reasoning-order-ranking-row"]
    for difficulty in DIFFICULTIES:
        for seed in range(200):
            item = gen.make(rng_for(gen.key, seed, difficulty), difficulty)
            p = item.params
            expected = expected_of(p)
            numbers = [int("".join(ch for ch in o if ch.isdigit())) for o in item.options]
            assert sum(v == expected for v in numbers) == 1, (p, item.options)
            assert numbers[item.answer] == expected
            assert all(v > 0 for v in numbers) and 0 < expected < 400
            assert p["kind"] in {"easy": ("total", "other-end"), "medium": ("between", "other-end"),
                                 "hard": ("interchange", "new-rank")}[difficulty]  # fmt: skip
