"""Analogies: the fourth term recomputed from the rule in the parameters, and the example pair checked."""

from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for

RULES = {
    "square": lambda n: n**2,
    "cube": lambda n: n**3,
    "square+1": lambda n: n**2 + 1,
    "square-1": lambda n: n**2 - 1,
    "cube+1": lambda n: n**3 + 1,
    "cube-1": lambda n: n**3 - 1,
    "n(n+1)": lambda n: n**2 + n,
    "n(n-1)": lambda n: n**2 - n,
    **{f"times{k}": (lambda n, k=k: n * k) for k in range(2, 21)},
}


def letters(word: str, p: dict) -> str:
    if p["rule"] == "opposite":
        return "".join(chr(155 - ord(ch)) for ch in word)
    return "".join(chr((ord(ch) - 65 + m) % 26 + 65) for ch, m in zip(word, p["moves"]))


def test_key_completes_the_analogy():
    gen = all_generators()["reasoning-analogy-pair"]
    for difficulty in DIFFICULTIES:
        for seed in range(200):
            item = gen.make(rng_for(gen.key, seed, difficulty), difficulty)
            p = item.params
            if p["type"] == "number":
                f = RULES[p["rule"]]
                first, second, third, expected = p["a"], f(p["a"]), p["c"], str(f(p["c"]))
                rivals = {str(g(third)) for g in RULES.values() if g(first) == second}
                assert rivals == {expected}  # no other listed rule fits the example but answers differently
                assert all(int(o) > 0 for o in item.options)
            else:
                first, third = p["first"], p["third"]
                second, expected = letters(first, p), letters(third, p)
            assert item.stem.endswith(f"{first} : {second} :: {third} : ?")
            assert sum(o == expected for o in item.options) == 1
            assert item.options[item.answer] == expected
            assert (p["type"] == "letters") == (difficulty == "hard")
