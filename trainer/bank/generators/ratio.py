"""Ratio and proportion: dividing an amount in a ratio (two parts, three parts, or a ratio of reciprocals)."""

from __future__ import annotations

import random
from fractions import Fraction
from math import gcd, lcm

from trainer.bank.generators._quant import build
from trainer.bank.generators.base import Generated, generator, num

NAMES = ["A", "B", "C"]  # as in both the English and the Hindi papers
TOTALS = {"easy": (500, 10000), "medium": (1000, 20000), "hard": (2000, 50000)}


def rupee(value) -> str:
    return f"Rs. {num(Fraction(value))}"


def hindi_rupee(value) -> str:
    return f"{num(Fraction(value))} रु."


def parts_of(ratio: list[int], fractional: bool) -> list[int]:
    """The ratio in whole parts: a ratio of reciprocals 1/a : 1/b : 1/c becomes L/a : L/b : L/c (L = LCM)."""
    if fractional:
        common = lcm(*ratio)
        ratio = [common // r for r in ratio]
    divisor = gcd(*ratio)
    return [r // divisor for r in ratio]


def _draw(rng: random.Random, difficulty: str) -> dict:
    count = 2 if difficulty == "easy" else 3
    fractional = difficulty == "hard"
    while True:
        ratio = rng.sample(range(2, 8) if fractional else range(1, 10), count)
        parts = parts_of(ratio, fractional)
        if gcd(*ratio) == 1 and sum(parts) <= 40:
            break
    low, high = TOTALS[difficulty]
    step = lcm(sum(parts), sum(ratio)) * 10
    total = step * rng.randint(max(1, -(-low // step)), max(1, high // step))
    return {"ratio": ratio, "fractional": fractional, "total": total, "who": rng.randrange(count)}


def _ratio_tex(ratio: list[int], fractional: bool) -> str:
    if fractional:
        return "$" + " : ".join(f"\\frac{{1}}{{{r}}}" for r in ratio) + "$"
    return " : ".join(str(r) for r in ratio)


@generator("quant-ratio-proportion-divide", "quant", "ratio-proportion", "Dividing an amount in a given ratio")
def divide_in_ratio(rng: random.Random, difficulty: str) -> Generated:
    """Easy: two shares; medium: three shares; hard: the ratio is given as reciprocals (1/a : 1/b : 1/c)."""
    params = _draw(rng, difficulty)
    ratio, fractional, total, who = params["ratio"], params["fractional"], params["total"], params["who"]
    parts = parts_of(ratio, fractional)
    names = NAMES[: len(ratio)]
    share = Fraction(total * parts[who], sum(parts))
    shown = _ratio_tex(ratio, fractional)
    people = ", ".join(names[:-1]) + f" and {names[-1]}"
    hindi_people = ", ".join(names[:-1]) + f" और {names[-1]}"
    stem = f"Rs. {total} is divided among {people} in the ratio {shown}. What is the share of {names[who]}?"
    hindi_stem = f"{total} रु. को {hindi_people} में {shown} के अनुपात में बाँटा जाता है। {names[who]} का हिस्सा कितना है?"
    naive = [Fraction(total * r, sum(ratio)) for r in ratio]  # shares in a, b, c instead of 1/a, 1/b, 1/c
    others = [Fraction(total * p, sum(parts)) for i, p in enumerate(parts) if i != who]
    steps, hindi_steps = [], []
    if fractional:
        common = lcm(*ratio)
        simple = " : ".join(str(p) for p in parts)
        steps.append(f"Multiply each term by the LCM {common}: the ratio is {simple}.")
        hindi_steps.append(f"हर पद को LCM {common} से गुणा करें: अनुपात {simple} है।")
    steps += [
        f"Total parts $= {' + '.join(map(str, parts))} = {sum(parts)}$.",
        f"Share of {names[who]} $= \\frac{{{parts[who]}}}{{{sum(parts)}}} \\times {total} = {num(share)}$.",
    ]
    hindi_steps += [
        f"कुल भाग $= {' + '.join(map(str, parts))} = {sum(parts)}$।",
        f"{names[who]} का हिस्सा $= \\frac{{{parts[who]}}}{{{sum(parts)}}} \\times {total} = {num(share)}$।",
    ]
    if fractional:
        steps.append("Dividing in the ratio of the denominators themselves is the classic slip.")
        hindi_steps.append("हरों के अनुपात में ही बाँट देना आम गलती है।")
    candidates = [naive[who], *others] if fractional else [*others, Fraction(total, len(ratio))]
    return build(
        rng, share, [c for c in candidates if c.denominator == 1], stem=stem, hindi_stem=hindi_stem, steps=steps,
        hindi_steps=hindi_steps, params=params, en=rupee, hi=hindi_rupee,
        fallback=lambda i: share + Fraction(total, sum(parts)) * i,
    )  # fmt: skip
