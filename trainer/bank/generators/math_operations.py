"""Mathematical operations: the four signs are swapped ('+' means '×', …); evaluate the expression with BODMAS.

Numbers are drawn until every division is exact and the value a positive whole number. Mistakes offered: working
left to right instead of BODMAS, forgetting to swap the signs, and reading a swap the wrong way round.
"""

from __future__ import annotations

import random
from fractions import Fraction

from trainer.bank.generators._bilingual import assemble, choose_wrong, numeric
from trainer.bank.generators.base import Generated, generator

SIGNS = ["+", "-", "×", "÷"]
TEX = {"+": "+", "-": "-", "×": "\\times", "÷": "\\div"}
COUNT = {"easy": 3, "medium": 4, "hard": 5}  # numbers in the expression
APPLY = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "×": lambda a, b: a * b, "÷": lambda a, b: a / b}


def bodmas(numbers: list[int], signs: list[str]) -> Fraction | None:
    """Value with × and ÷ first (left to right), then + and −; None if a division is not exact."""
    terms, ops = [Fraction(numbers[0])], []
    for sign, n in zip(signs, numbers[1:]):
        if sign in "×÷":
            terms[-1] = APPLY[sign](terms[-1], Fraction(n))
            if terms[-1].denominator != 1:
                return None
        else:
            ops.append(sign)
            terms.append(Fraction(n))
    value = terms[0]
    for sign, t in zip(ops, terms[1:]):
        value = APPLY[sign](value, t)
    return value


def left_to_right(numbers: list[int], signs: list[str]) -> Fraction:
    value = Fraction(numbers[0])
    for sign, n in zip(signs, numbers[1:]):
        value = APPLY[sign](value, Fraction(n))
    return value


def _draw(rng: random.Random, difficulty: str) -> dict:
    while True:
        mapping = SIGNS[:]
        while any(a == b for a, b in zip(SIGNS, mapping)):
            rng.shuffle(mapping)
        meaning = dict(zip(SIGNS, mapping))  # shown sign -> real operation
        count = COUNT[difficulty]
        shown = rng.sample(SIGNS, count - 1)  # distinct signs, all four in the hard version
        top = {"easy": 20, "medium": 40, "hard": 60}[difficulty]
        numbers = [rng.randint(2, top) for _ in range(count)]
        value = bodmas(numbers, [meaning[s] for s in shown])
        if value is not None and 0 < value <= 500 and value.denominator == 1:
            return {"meaning": meaning, "numbers": numbers, "shown": shown}


def _expression(numbers: list[int], signs: list[str]) -> str:
    parts = [str(numbers[0])]
    for sign, n in zip(signs, numbers[1:]):
        parts += [TEX[sign], str(n)]
    return " ".join(parts)


@generator("reasoning-math-operations-symbols", "reasoning", "math-operations", "Value after swapping the signs")
def swapped_signs(rng: random.Random, difficulty: str) -> Generated:
    """Easy: three numbers; medium: four; hard: five numbers and all four signs swapped."""
    params = _draw(rng, difficulty)
    meaning, numbers, shown = params["meaning"], params["numbers"], params["shown"]
    real = [meaning[s] for s in shown]
    answer = int(bodmas(numbers, real))
    inverse = {v: k for k, v in meaning.items()}
    one_missed = [bodmas(numbers, [*real[:j], shown[j], *real[j + 1 :]]) for j in range(len(real))]  # one sign kept
    mistakes = [left_to_right(numbers, real), bodmas(numbers, shown), bodmas(numbers, [inverse[s] for s in shown])]
    mistakes += one_missed
    near = [m for m in mistakes if m is not None and m.denominator == 1 and 0 < m <= 2 * answer + 50]
    whole = [int(m) for m in near]  # plausible values only: no 16992 next to 162
    wrong = choose_wrong(answer, whole, str, lambda i: answer + (i if i % 2 else -i) if answer > i else answer + i)
    rules = [f"${TEX[s]}$ means ${TEX[meaning[s]]}$" for s in SIGNS]
    rules_hi = [f"${TEX[s]}$ का अर्थ ${TEX[meaning[s]]}$" for s in SIGNS]
    given, replaced = _expression(numbers, shown), _expression(numbers, real)
    return assemble(
        rng,
        numeric(answer),
        [numeric(w) for w in wrong],
        stem=f"If {', '.join(rules[:3])} and {rules[3]}, what is the value of the following expression?\n\n${given}$",
        hindi_stem=f"यदि {', '.join(rules_hi[:3])} और {rules_hi[3]} है, तो निम्नलिखित व्यंजक का मान क्या होगा?\n\n${given}$",
        steps=[
            f"Replacing the signs: ${replaced}$.",
            f"By BODMAS (× and ÷ first): ${replaced} = {answer}$. Working left to right is the usual slip.",
        ],
        hindi_steps=[
            f"चिह्न बदलने पर: ${replaced}$।",
            f"BODMAS से (पहले × और ÷): ${replaced} = {answer}$। बाएँ से दाएँ हल करना आम गलती है।",
        ],
        params={"meaning": meaning, "numbers": numbers, "shown": shown},
    )
