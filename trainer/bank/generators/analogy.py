"""Analogy: number pairs (n², n³, k·n, n² ± 1, n³ ± 1, n(n ± 1)) and letter-cluster pairs (a move per position,
or opposite letters).

A number pair is only asked when no other rule of the list fits the example pair but gives a different answer.
Mistakes offered: the neighbouring rules (n² + 1 for n², n(n + 1) for n²…), a letter one place off, the moves
applied backwards.
"""

from __future__ import annotations

import random

from trainer.bank.generators._bilingual import LETTERS, assemble, choose_wrong, numeric, same, shift
from trainer.bank.generators.base import Generated, generator

# name -> (function, English, Hindi)
NUMBER_RULES = {
    "square": (lambda n: n * n, "the second number is the square of the first", "दूसरी संख्या पहली का वर्ग है"),
    "cube": (lambda n: n**3, "the second number is the cube of the first", "दूसरी संख्या पहली का घन है"),
    "square+1": (lambda n: n * n + 1, "second = first² + 1", "दूसरी = पहली² + 1"),
    "square-1": (lambda n: n * n - 1, "second = first² − 1", "दूसरी = पहली² − 1"),
    "cube+1": (lambda n: n**3 + 1, "second = first³ + 1", "दूसरी = पहली³ + 1"),
    "cube-1": (lambda n: n**3 - 1, "second = first³ − 1", "दूसरी = पहली³ − 1"),
    "n(n+1)": (lambda n: n * (n + 1), "second = first × (first + 1)", "दूसरी = पहली × (पहली + 1)"),
    "n(n-1)": (lambda n: n * (n - 1), "second = first × (first − 1)", "दूसरी = पहली × (पहली − 1)"),
    **{
        f"times{k}": (lambda n, k=k: k * n, f"the second number is {k} times the first",
                      f"दूसरी संख्या पहली की {k} गुनी है")
        for k in range(2, 21)
    },
}  # fmt: skip
PLAN = {
    "easy": (["square", "cube", *(f"times{k}" for k in range(3, 10))], (3, 12)),
    "medium": (["square+1", "square-1", "cube+1", "cube-1", "n(n+1)", "n(n-1)"], (4, 15)),
}


def _number_params(rng: random.Random, difficulty: str) -> dict:
    names, (low, high) = PLAN[difficulty]
    while True:
        rule = rng.choice(names)
        a, c = rng.sample(range(low, high + 1), 2)
        if "cube" in rule and max(a, c) > 10:
            continue
        f = NUMBER_RULES[rule][0]
        rivals = [g for g, *_ in NUMBER_RULES.values() if g(a) == f(a) and g(c) != f(c)]
        if not rivals:
            return {"type": "number", "rule": rule, "a": a, "c": c}


def _letter_params(rng: random.Random) -> dict:
    width = rng.choice([3, 4])
    first, third = ("".join(rng.sample(LETTERS, width)) for _ in range(2))
    if rng.random() < 0.25:
        return {"type": "letters", "rule": "opposite", "first": first, "third": third, "moves": []}
    moves = [rng.choice([-1, 1]) * rng.randint(1, 4) for _ in range(width)]
    return {"type": "letters", "rule": "moves", "first": first, "third": third, "moves": moves}


def apply_letters(p: dict, word: str) -> str:
    if p["rule"] == "opposite":
        return "".join(LETTERS[25 - LETTERS.index(ch)] for ch in word)
    return "".join(shift(ch, m) for ch, m in zip(word, p["moves"]))


def _numbers(p: dict):
    f, en, hi = NUMBER_RULES[p["rule"]]
    a, c = p["a"], p["c"]
    answer = f(c)
    others = sorted({g(c) for g, *_ in NUMBER_RULES.values()} - {answer}, key=lambda v: (abs(v - answer), v))
    steps = [f"{a} : {f(a)} — {en}.", f"So {c} : {answer}."]
    hindi_steps = [f"{a} : {f(a)} — {hi}।", f"अतः {c} : {answer}।"]
    return f"{a} : {f(a)} :: {c} : ?", answer, [o for o in others if o > 0], steps, hindi_steps


def _letters(p: dict):
    first, third = p["first"], p["third"]
    second, answer = apply_letters(p, first), apply_letters(p, third)
    moves = p["moves"] or [0] * len(first)
    near = ["".join(shift(ch, 1 if i == j else 0) for i, ch in enumerate(answer)) for j in range(len(answer))]
    mistakes = [near[0], "".join(shift(ch, -2 * m) for ch, m in zip(answer, moves)), answer[::-1], *near[1:]]
    if p["rule"] == "opposite":
        how = [
            "each letter is replaced by its opposite (A↔Z, B↔Y …)",
            "हर अक्षर के स्थान पर उसका विपरीत अक्षर (A↔Z, B↔Y …)",
        ]
    else:
        shown = ", ".join(f"{m:+d}" for m in moves)
        how = [f"the letters move {shown}", f"अक्षर क्रमशः {shown} स्थान खिसकते हैं"]
    steps = [f"{first} → {second}: {how[0]}.", f"{third} → {answer} in the same way."]
    hindi_steps = [f"{first} → {second}: {how[1]}।", f"इसी प्रकार {third} → {answer}।"]
    return f"{first} : {second} :: {third} : ?", answer, mistakes, steps, hindi_steps


@generator("reasoning-analogy-pair", "reasoning", "analogy", "Number or letter-cluster analogy")
def pair_analogy(rng: random.Random, difficulty: str) -> Generated:
    """Easy: squares, cubes, multiples; medium: n² ± 1, n³ ± 1, n(n ± 1); hard: letter clusters."""
    params = _letter_params(rng) if difficulty == "hard" else _number_params(rng, difficulty)
    line, answer, mistakes, steps, hindi_steps = (_letters if difficulty == "hard" else _numbers)(params)
    if difficulty == "hard":
        wrong = choose_wrong(answer, mistakes, str, lambda i: "".join(shift(ch, i + 1) for ch in answer))
        correct, wrong_pairs = same(answer), [same(w) for w in wrong]
        what, what_hi = "letter-cluster", ("अक्षर-समूह", "तीसरे", "दूसरा", "पहले")
    else:
        wrong = choose_wrong(answer, mistakes, str, lambda i: answer + i)
        correct, wrong_pairs = numeric(answer), [numeric(w) for w in wrong]
        what, what_hi = "number", ("संख्या", "तीसरी", "दूसरी", "पहली")
    kind, third, second, first = what_hi
    return assemble(
        rng,
        correct,
        wrong_pairs,
        stem=f"Select the option that is related to the third {what} in the same way as the second {what} is "
        f"related to the first {what}.\n\n{line}",
        hindi_stem=f"उस विकल्प का चयन करें जो {third} {kind} से उसी प्रकार संबंधित है, जिस प्रकार {second} {kind} "
        f"{first} {kind} से संबंधित है।\n\n{line}",
        steps=steps,
        hindi_steps=hindi_steps,
        params=params,
    )
