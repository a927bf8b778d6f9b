"""Helpers for the trigonometry, statistics, probability, data-interpretation and reasoning generators.

Options are given as (English, Hindi) text pairs, shuffled once for both languages. Kept in a module of its own
(the leading underscore keeps it out of generator discovery) so base.py stays as is.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from fractions import Fraction
from itertools import chain

from trainer.bank.generators.base import Generated, num

Pair = tuple[str, str]

WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
WEEKDAYS_HI = ["रविवार", "सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार"]
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def frac(value) -> str:
    """A number inside LaTeX: 3, 7.5 kept as \\frac when it does not terminate, negatives with a minus."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def fraction_option(value) -> str:
    """A probability or trigonometric value as an option: `$\\frac{5}{36}$`, or `$2$`."""
    return f"${frac(value)}$"


def mixed(value) -> str:
    """A positive fraction as a mixed number inside LaTeX: 47\\frac{1}{2}, 16\\frac{4}{11}, or 95."""
    value = Fraction(value)
    whole, part = divmod(value.numerator, value.denominator)
    if part == 0:
        return str(whole)
    return f"{whole}\\frac{{{part}}}{{{value.denominator}}}" if whole else f"\\frac{{{part}}}{{{value.denominator}}}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def shift(letter: str, k: int) -> str:
    """A letter moved k places along the alphabet, wrapping from Z to A."""
    return LETTERS[(LETTERS.index(letter) + k) % 26]


def choose_wrong(correct, candidates: Iterable, show: Callable[[object], str], fallback: Callable[[int], object]):
    """Three wrong values whose shown texts differ from each other and from the correct one (None is skipped)."""
    seen, wrong = {show(correct)}, []
    for value in chain(candidates, (fallback(i) for i in range(1, 400))):  # fallbacks made only when needed
        if len(wrong) == 3:
            break
        if value is None:
            continue
        text = show(value)
        if text not in seen:
            seen.add(text)
            wrong.append(value)
    if len(wrong) < 3:
        raise ValueError("not enough distinct wrong options")
    return wrong


def assemble(
    rng: random.Random,
    correct: Pair,
    wrong: list[Pair],
    *,
    stem: str,
    hindi_stem: str,
    steps: list[str],
    hindi_steps: list[str],
    params: dict,
) -> Generated:
    """Shuffle the correct pair among three wrong pairs (same order in both languages) and end the explanations
    with the answer lines."""
    pairs = [correct, *wrong[:3]]
    if len({en for en, _ in pairs}) != 4 or len({hi for _, hi in pairs}) != 4:
        raise ValueError(f"options are not distinct: {pairs}")
    order = list(range(4))
    rng.shuffle(order)
    options = tuple(pairs[i][0] for i in order)
    hindi_options = tuple(pairs[i][1] for i in order)
    key = order.index(0)
    explanation = "\n\n".join([*steps, f"Answer: {options[key]}"])
    hindi_explanation = "\n\n".join([*hindi_steps, f"उत्तर: {hindi_options[key]}"])
    return Generated(stem, options, key, explanation, hindi_stem, hindi_options, hindi_explanation, params)


def same(text: str) -> Pair:
    """An option that reads the same in both languages (numbers, letters, maths)."""
    return text, text


def numeric(value) -> Pair:
    return same(num(value))
