"""Coding-decoding: the code of the asked word rebuilt with ord/chr from the rule in the parameters."""

from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for


def move(ch: str, k: int) -> str:
    return chr((ord(ch) - 65 + k) % 26 + 65)


def code(word: str, kind: str, k: int) -> str:
    if kind == "shift":
        return "".join(move(ch, k) for ch in word)
    if kind == "opposite":
        return "".join(chr(155 - ord(ch)) for ch in word)  # ord('A') + ord('Z') = 155
    if kind == "reverse":
        return "".join(move(ch, k) for ch in word[::-1])
    if kind == "alternate":
        return "".join(move(ch, k * (-1) ** i) for i, ch in enumerate(word))
    return "".join(move(ch, k * i) for i, ch in enumerate(word, start=1))


def test_key_is_the_code_of_the_asked_word():
    gen = all_generators()["reasoning-coding-decoding-shift"]
    for difficulty in DIFFICULTIES:
        for seed in range(200):
            item = gen.make(rng_for(gen.key, seed, difficulty), difficulty)
            p = item.params
            given, asked = p["given"], p["asked"]
            assert f"'{given}' is written as '{code(given, p['kind'], p['k'])}'" in item.stem
            expected = code(asked, p["kind"], p["k"])
            assert sum(o == expected for o in item.options) == 1
            assert item.options[item.answer] == expected
            assert asked not in item.options and all(len(o) == len(asked) for o in item.options)
            assert item.hindi_options == item.options
            if difficulty == "easy":
                assert p["kind"] == "shift" and abs(p["k"]) <= 2
