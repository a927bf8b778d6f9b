"""Mathematical operations: the key is Python's own evaluation (which follows BODMAS) of the swapped expression."""

from fractions import Fraction

from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for

PYTHON = {"+": "+", "-": "-", "×": "*", "÷": "/"}
TEX = {"+": "+", "-": "-", "×": "\\times", "÷": "\\div"}


def test_key_is_the_value_after_swapping_the_signs():
    gen = all_generators()["reasoning-math-operations-symbols"]
    for difficulty in DIFFICULTIES:
        for seed in range(200):
            item = gen.make(rng_for(gen.key, seed, difficulty), difficulty)
            p = item.params
            numbers, shown, meaning = p["numbers"], p["shown"], p["meaning"]
            assert all(meaning[s] != s for s in meaning) and sorted(meaning.values()) == sorted(meaning)
            source = f"Fraction({numbers[0]})"
            for sign, n in zip(shown, numbers[1:]):
                source += f" {PYTHON[meaning[sign]]} Fraction({n})"
            value = eval(source, {"__builtins__": {}, "Fraction": Fraction})
            assert value.denominator == 1 and 0 < value <= 500
            assert sum(o == str(value) for o in item.options) == 1
            assert item.options[item.answer] == str(value)
            shown_tex = " ".join([str(numbers[0]), *(f"{TEX[s]} {n}" for s, n in zip(shown, numbers[1:]))])
            assert f"${shown_tex}$" in item.stem
            assert len(numbers) == {"easy": 3, "medium": 4, "hard": 5}[difficulty]
            assert all(int(o) > 0 for o in item.options)
