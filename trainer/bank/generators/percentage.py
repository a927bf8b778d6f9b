"""Percentage generators: a percentage of a number, and "what percent" with the base candidates confuse."""

from __future__ import annotations

import random

from trainer.bank.generators.base import Generated, distinct_wrong, generator, num, place

RANGES = {"easy": (2, 9), "medium": (10, 40), "hard": (40, 120)}


@generator("quant-percentage-of", "quant", "percentage", "x% of a number given y% of it")
def percent_of_known_part(rng: random.Random, difficulty: str) -> Generated:
    """If p% of N is A, find q% of N (wrong bases and a reversed ratio as distractors)."""
    low, high = RANGES[difficulty]
    number = 20 * rng.randint(low, high)  # a multiple of 20 keeps 5%-steps whole
    p, q = rng.sample([5, 10, 15, 20, 25, 30, 35, 40, 45, 60, 75], 2)
    part = number * p // 100
    answer = number * q // 100 if number * q % 100 == 0 else number * q / 100
    wrong = distinct_wrong(
        answer,
        [
            part * q / 100 if part * q % 100 else part * q // 100,  # q% of the given part, not of the number
            number * p // 100 + number * q // 100,  # added the two percentages
            answer + number // 10,
        ],
        rng,
        lambda i: answer + 5 * i,
    )
    options, key = place(num(answer), [num(w) for w in wrong], rng)
    stem = f"If {p}% of a number is {part}, what is {q}% of the same number?"
    steps = (
        f"The number is ${part} \\div {p} \\times 100 = {number}$.\n\n"
        f"So {q}% of it is ${number} \\times {q} \\div 100 = {num(answer)}$.\n\n"
        f"Taking {q}% of {part} instead of the number is the usual slip.\n\nAnswer: {num(answer)}"
    )
    hindi_stem = f"यदि किसी संख्या का {p}% {part} है, तो उसी संख्या का {q}% क्या है?"
    hindi_steps = (
        f"संख्या $= {part} \\div {p} \\times 100 = {number}$।\n\n"
        f"इसका {q}% $= {number} \\times {q} \\div 100 = {num(answer)}$।\n\n"
        f"उत्तर: {num(answer)}"
    )
    return Generated(stem, options, key, steps, hindi_stem, options, hindi_steps, {"p": p, "part": part, "q": q})
