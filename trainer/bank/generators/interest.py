"""Simple and compound interest: compound interest (with simple interest and the amount as the classic slips) and
the difference between the two over three years."""

from __future__ import annotations

import random
from fractions import Fraction
from math import gcd

from trainer.bank.generators._quant import build, tex
from trainer.bank.generators.base import Generated, generator, num

RATES = {"easy": [4, 5, 8, 10, 12, 15, 20], "medium": [5, 10, 15, 20], "hard": [5, 8, 10, 12, 15, 20]}
PRINCIPALS = {"easy": (1000, 20000), "medium": (2000, 50000), "hard": (5000, 100000)}


def amount(principal: int, rate: int, years: int) -> Fraction:
    return principal * Fraction(100 + rate, 100) ** years


def rupee(value) -> str:
    return f"Rs. {num(Fraction(value))}"


def hindi_rupee(value) -> str:
    return f"{num(Fraction(value))} रु."


def _draw(rng: random.Random, difficulty: str, years: int) -> tuple[int, int]:
    """A rate and a principal that make the compound amount a whole number of rupees."""
    rate = rng.choice(RATES[difficulty])
    step = 100**years // gcd((100 + rate) ** years, 100**years)
    low, high = PRINCIPALS[difficulty]
    multiples = [
        k * step for k in range(max(1, -(-low // step)), high // step + 1) if k * step * rate * years % 100 == 0
    ]
    if not multiples:
        return _draw(rng, difficulty, years)
    return rate, rng.choice(multiples)


def _texts(p: int, r: int, n: int, ask: str) -> tuple[str, str]:
    if ask == "ci":
        return (
            f"What is the compound interest on Rs. {p} at {r}% per annum for {n} years, compounded annually?",
            f"{p} रु. पर {r}% वार्षिक ब्याज की दर से {n} वर्ष का चक्रवृद्धि ब्याज (वार्षिक संयोजित) कितना होगा?",
        )
    return (
        f"What is the difference between the compound interest (compounded annually) and the simple interest on "
        f"Rs. {p} at {r}% per annum for {n} years?",
        f"{p} रु. पर {r}% वार्षिक दर से {n} वर्ष के चक्रवृद्धि ब्याज (वार्षिक संयोजित) और साधारण ब्याज का अंतर कितना है?",
    )


@generator("quant-interest-ci-si", "quant", "interest", "Compound interest against simple interest")
def compound_interest(rng: random.Random, difficulty: str) -> Generated:
    """Easy: CI for 2 years; medium: CI for 3 years; hard: CI − SI for 3 years (bigger sums)."""
    n = 2 if difficulty == "easy" else 3
    ask = "difference" if difficulty == "hard" else "ci"
    r, p = _draw(rng, difficulty, n)
    total = amount(p, r, n)
    ci = total - p
    si = Fraction(p * r * n, 100)
    ci_short = amount(p, r, n - 1) - p
    answer = ci if ask == "ci" else ci - si
    stem, hindi_stem = _texts(p, r, n, ask)
    factor = f"\\left(1 + \\frac{{{r}}}{{100}}\\right)^{{{n}}}"
    steps = [
        f"Amount $= {p} \\times {factor} = {tex(total)}$.",
        f"Compound interest = amount − principal $= {tex(total)} - {p} = {tex(ci)}$.",
        f"Simple interest would be $\\frac{{{p} \\times {r} \\times {n}}}{{100}} = {tex(si)}$; "
        "compound interest is larger because each year's interest also earns interest.",
    ]
    hindi_steps = [
        f"मिश्रधन $= {p} \\times {factor} = {tex(total)}$।",
        f"चक्रवृद्धि ब्याज = मिश्रधन − मूलधन $= {tex(total)} - {p} = {tex(ci)}$।",
        f"साधारण ब्याज $= \\frac{{{p} \\times {r} \\times {n}}}{{100}} = {tex(si)}$; चक्रवृद्धि ब्याज अधिक होता है "
        "क्योंकि हर वर्ष के ब्याज पर भी ब्याज मिलता है।",
    ]
    two_year_gap = Fraction(p * r * r, 10000)
    if ask == "ci":
        candidates = [si, total, ci_short, amount(p, r, n + 1) - p]
    else:
        steps.append(f"Difference $= {tex(ci)} - {tex(si)} = {tex(answer)}$.")
        steps.append(f"Using the 2-year shortcut $P(r/100)^2 = {tex(two_year_gap)}$ (or 3 times it) is the usual slip.")
        hindi_steps.append(f"अंतर $= {tex(ci)} - {tex(si)} = {tex(answer)}$।")
        hindi_steps.append(f"2 वर्ष का सूत्र $P(r/100)^2 = {tex(two_year_gap)}$ (या उसका 3 गुना) लगाना आम गलती है।")
        candidates = [two_year_gap, 3 * two_year_gap, ci, si]
    return build(
        rng, answer, candidates, stem=stem, hindi_stem=hindi_stem, steps=steps, hindi_steps=hindi_steps,
        params={"principal": p, "rate": r, "years": n, "ask": ask}, en=rupee, hi=hindi_rupee,
        fallback=lambda i: answer + 10 * i,
    )  # fmt: skip
