"""Simplification: BODMAS with fractions (multiplication and division before addition and subtraction, "of"
before division), with the left-to-right and wrong-order results as distractors."""

from __future__ import annotations

import random
from fractions import Fraction

from trainer.bank.generators._quant import build, retry
from trainer.bank.generators.base import Generated, generator

# The expression of each difficulty (a, b, c, d are fractions), how it is read correctly, and the usual misreadings.
EXPRESSIONS = {
    "easy": "a + b × c",
    "medium": "a + b ÷ c − d",
    "hard": "a ÷ b of c + d",
}


def correct_value(expression: str, f: list[Fraction]) -> Fraction:
    a, b, c, *rest = f
    if expression == "a + b × c":
        return a + b * c
    if expression == "a + b ÷ c − d":
        return a + b / c - rest[0]
    return a / (b * c) + rest[0]  # "of" binds before ÷


def misreadings(expression: str, f: list[Fraction]) -> list[Fraction]:
    a, b, c, *rest = f
    if expression == "a + b × c":
        return [(a + b) * c, a * b + c, a + b + c]
    d = rest[0]
    if expression == "a + b ÷ c − d":
        return [(a + b) / c - d, a + b / (c - d) if c != d else None, a + b * c - d]
    return [a / b * c + d, a / (b * c + d), a * b * c + d]


def frac_tex(value: Fraction) -> str:
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def option(value) -> str:
    """An option as SSC prints it: a whole number or a mixed fraction, 2\\frac{1}{3}."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    whole, part = divmod(value.numerator, value.denominator)
    return f"${whole if whole else ''}\\frac{{{part}}}{{{value.denominator}}}$"


def _draw(rng: random.Random, difficulty: str) -> dict:
    expression = EXPRESSIONS[difficulty]
    count = 3 if difficulty == "easy" else 4
    top = {"easy": 6, "medium": 9, "hard": 9}[difficulty]

    def draw(r):
        fractions = []
        while len(fractions) < count:
            value = Fraction(r.randint(1, top), r.randint(2, top))
            if value.denominator > 1:
                fractions.append(value)
        return {"expression": expression, "fractions": [[v.numerator, v.denominator] for v in fractions]}

    def ok(p):
        f = [Fraction(n, d) for n, d in p["fractions"]]
        value = correct_value(expression, f)
        wrong = [w for w in misreadings(expression, f) if w is not None and w > 0 and w != value]
        distinct = len(set(f)) == len(f)  # a repeated fraction reads as a slip (a + … − a cancels)
        return distinct and value > 0 and value.denominator <= 36 and value < 20 and len(wrong) >= 2

    return retry(rng, draw, ok)


def _steps(expression: str, f: list[Fraction]) -> tuple[list[str], list[str]]:
    a, b, c, *rest = (frac_tex(x) for x in f)
    if expression == "a + b × c":
        first = f[1] * f[2]
        en = [f"Multiplication before addition: ${b} \\times {c} = {frac_tex(first)}$."]
        hi = [f"जोड़ से पहले गुणा: ${b} \\times {c} = {frac_tex(first)}$।"]
        last = f"{a} + {frac_tex(first)}"
    elif expression == "a + b ÷ c − d":
        first = f[1] / f[2]
        en = [f"Division first: ${b} \\div {c} = {b} \\times {frac_tex(1 / f[2])} = {frac_tex(first)}$."]
        hi = [f"पहले भाग: ${b} \\div {c} = {b} \\times {frac_tex(1 / f[2])} = {frac_tex(first)}$।"]
        last = f"{a} + {frac_tex(first)} - {rest[0]}"
    else:
        first = f[1] * f[2]
        second = f[0] / first
        en = [
            f"“of” comes before division: ${b} \\text{{ of }} {c} = {frac_tex(first)}$.",
            f"Then division: ${a} \\div {frac_tex(first)} = {frac_tex(second)}$.",
        ]
        hi = [
            f"भाग से पहले “का” (of): ${b} \\text{{ of }} {c} = {frac_tex(first)}$।",
            f"फिर भाग: ${a} \\div {frac_tex(first)} = {frac_tex(second)}$।",
        ]
        last = f"{frac_tex(second)} + {rest[0]}"
    value = correct_value(expression, f)
    result = frac_tex(value) + (f" = {option(value).strip('$')}" if value.denominator > 1 and value > 1 else "")
    en.append(f"Finally ${last} = {result}$. Working simply from left to right is the usual slip.")
    hi.append(f"अंत में ${last} = {result}$। सीधे बाएँ से दाएँ हल करना आम गलती है।")
    return en, hi


@generator("quant-simplification-bodmas", "quant", "simplification", "BODMAS with fractions")
def bodmas(rng: random.Random, difficulty: str) -> Generated:
    """Easy: a + b × c; medium: a + b ÷ c − d; hard: a ÷ b of c + d (with "of")."""
    p = _draw(rng, difficulty)
    f = [Fraction(n, d) for n, d in p["fractions"]]
    expression = p["expression"]
    answer = correct_value(expression, f)
    a, b, c, *rest = (frac_tex(x) for x in f)
    shown = {
        "a + b × c": f"{a} + {b} \\times {c}",
        "a + b ÷ c − d": f"{a} + {b} \\div {c} - {rest[0] if rest else ''}",
        "a ÷ b of c + d": f"{a} \\div {b} \\text{{ of }} {c} + {rest[0] if rest else ''}",
    }[expression]
    steps, hindi_steps = _steps(expression, f)
    return build(
        rng, answer, misreadings(expression, f), stem=f"Simplify: ${shown}$", hindi_stem=f"सरल कीजिए: ${shown}$",
        steps=steps, hindi_steps=hindi_steps, params=p, en=option,
        fallback=lambda i: answer + Fraction(i, answer.denominator),
    )  # fmt: skip
