"""Odd one out: the property checked item by item with independent tests; exactly one item fails, the key."""

from math import isqrt

from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for


def prime(n: int) -> bool:
    return n > 1 and not [d for d in range(2, n) if n % d == 0]


def follows(kind: str, item: str, p: dict) -> bool:
    if kind == "multiple":
        return int(item) % p["k"] == 0
    if kind == "square":
        return isqrt(int(item)) ** 2 == int(item)
    if kind == "cube":
        return any(r**3 == int(item) for r in range(1, 20))
    if kind == "prime":
        return prime(int(item))
    if kind == "pair":
        a, b = map(int, item.split(" – "))
        return b == a * a + p["k"]
    gaps = [ord(y) - ord(x) for x, y in zip(item, item[1:])]
    return gaps == p["steps"]


def test_key_is_the_only_item_breaking_the_rule():
    gen = all_generators()["reasoning-classification-odd"]
    for difficulty in DIFFICULTIES:
        for seed in range(150):
            item = gen.make(rng_for(gen.key, seed, difficulty), difficulty)
            p = item.params
            breaking = [o for o in item.options if not follows(p["kind"], o, p)]
            assert breaking == [item.options[item.answer]], (p, item.options)
            assert sorted(item.options) == sorted(map(str, p["items"]))
            for option in item.options:
                assert option in item.stem and option in item.hindi_stem
            if p["kind"] in ("multiple", "square", "cube", "prime"):
                assert all(int(o) > 0 for o in item.options)
            assert p["kind"] in {"easy": ("multiple", "square"), "medium": ("prime", "cube", "multiple"),
                                 "hard": ("pair", "letters")}[difficulty]  # fmt: skip
