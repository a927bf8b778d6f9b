"""Algebra identities: from x + 1/x = k (or x − 1/x = k) to x² + 1/x², x³ + 1/x³ and x⁴ + 1/x⁴."""

from __future__ import annotations

import random

from trainer.bank.generators._quant import build
from trainer.bank.generators.base import Generated, generator

K_RANGES = {"easy": (3, 12), "medium": (3, 9), "hard": (2, 6)}


def given_tex(sign: str, k: int) -> str:
    return f"x {sign} \\frac{{1}}{{x}} = {k}"


def power_tex(n: int) -> str:
    return f"x^{{{n}}} + \\frac{{1}}{{x^{{{n}}}}}"


def _square(k: int, sign: str) -> tuple[int, list[str], list[str], list[int]]:
    """x² + 1/x² from x ± 1/x = k: square both sides; the middle term is ±2."""
    value = k * k - 2 if sign == "+" else k * k + 2
    fix = "- 2" if sign == "+" else "+ 2"
    en = [
        f"Square both sides: $\\left(x {sign} \\frac{{1}}{{x}}\\right)^2 = {power_tex(2)} "
        f"{'+' if sign == '+' else '-'} 2 = {k * k}$."
    ]
    en.append(
        f"So ${power_tex(2)} = {k * k} {fix} = {value}$. Forgetting the middle term $2 \\cdot x \\cdot "
        f"\\frac{{1}}{{x}}$ gives {k * k}."
    )
    hi = [
        f"दोनों पक्षों का वर्ग करें: $\\left(x {sign} \\frac{{1}}{{x}}\\right)^2 = {power_tex(2)} "
        f"{'+' if sign == '+' else '-'} 2 = {k * k}$।"
    ]
    hi.append(
        f"अतः ${power_tex(2)} = {k * k} {fix} = {value}$। बीच का पद $2 \\cdot x \\cdot \\frac{{1}}{{x}}$ भूलने "
        f"पर {k * k} आता है।"
    )
    other = k * k + 2 if sign == "+" else k * k - 2
    return value, en, hi, [k * k, other, 2 * k, k * k - 4]


def _cube(k: int) -> tuple[int, list[str], list[str], list[int]]:
    value = k**3 - 3 * k
    cube = f"\\left(x + \\frac{{1}}{{x}}\\right)^3 = {power_tex(3)} + 3\\left(x + \\frac{{1}}{{x}}\\right)"
    en = [f"Cube both sides: ${cube}$.", f"So ${power_tex(3)} = {k}^3 - 3 \\times {k} = {k**3} - {3 * k} = {value}$."]
    en.append(f"Dropping the $3\\left(x + \\frac{{1}}{{x}}\\right)$ term gives {k**3}; adding it gives {k**3 + 3 * k}.")
    hi = [
        f"दोनों पक्षों का घन करें: ${cube}$।",
        f"अतः ${power_tex(3)} = {k}^3 - 3 \\times {k} = {k**3} - {3 * k} = {value}$।",
    ]
    hi.append(f"$3\\left(x + \\frac{{1}}{{x}}\\right)$ वाला पद छोड़ने पर {k**3} और जोड़ने पर {k**3 + 3 * k} आता है।")
    return value, en, hi, [k**3, k**3 + 3 * k, k**3 - 3, k**3 - k]


def _fourth(k: int, sign: str) -> tuple[int, list[str], list[str], list[int]]:
    square, en, hi, _ = _square(k, sign)
    value = square * square - 2
    en.append(f"Square again: ${power_tex(4)} = {square}^2 - 2 = {square * square} - 2 = {value}$.")
    hi.append(f"फिर वर्ग करें: ${power_tex(4)} = {square}^2 - 2 = {square * square} - 2 = {value}$।")
    wrong_square = k * k + 2 if sign == "+" else k * k - 2  # the sign of the middle term taken the wrong way
    return value, en, hi, [square * square, wrong_square * wrong_square - 2, square * square + 2, k**4 - 2]


@generator("quant-algebra-reciprocal-identity", "quant", "algebra", "Given x ± 1/x, find x^n + 1/x^n")
def reciprocal_identity(rng: random.Random, difficulty: str) -> Generated:
    """Easy: x² + 1/x² from x + 1/x; medium: x³ + 1/x³; hard: x⁴ + 1/x⁴ from x + 1/x or x − 1/x (two squarings)."""
    k = rng.randint(*K_RANGES[difficulty])
    if difficulty == "easy":
        sign, power = "+", 2
        answer, steps, hindi_steps, slips = _square(k, sign)
    elif difficulty == "medium":
        sign, power = "+", 3
        answer, steps, hindi_steps, slips = _cube(k)
    else:
        sign, power = rng.choice(["+", "-"]), 4
        k = max(k, 3) if sign == "+" else k  # x + 1/x is at least 2 for real x; 2 would make x = 1
        answer, steps, hindi_steps, slips = _fourth(k, sign)
    given = given_tex(sign, k)
    stem = f"If ${given}$, what is the value of ${power_tex(power)}$?"
    hindi_stem = f"यदि ${given}$ है, तो ${power_tex(power)}$ का मान क्या है?"
    return build(
        rng, answer, slips, stem=stem, hindi_stem=hindi_stem, steps=steps, hindi_steps=hindi_steps,
        params={"sign": sign, "k": k, "power": power}, en=str, fallback=lambda i: answer + 2 * i,
    )  # fmt: skip
