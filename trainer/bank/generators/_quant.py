"""Helpers shared by the quantitative generators: exact numbers shown as the exam prints them, and assembly of
a bilingual `Generated` whose Hindi options follow the same shuffle as the English ones.

Kept in a module of its own (the leading underscore keeps it out of generator discovery) so base.py stays as is.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from fractions import Fraction

from trainer.bank.generators.base import Generated, num


def terminates(value: Fraction, places: int = 2) -> bool:
    """True when the value is a decimal with at most `places` digits after the point."""
    return (Fraction(value) * 10**places).denominator == 1


def show(value) -> str:
    """An exact number for an option or a step: 12, 7.5, or $6\\frac{2}{3}$ when it does not terminate."""
    value = Fraction(value)
    if value.denominator == 1:
        return num(value.numerator)
    if terminates(value):
        return num(value)
    whole, part = divmod(value.numerator, value.denominator)
    fraction = f"\\frac{{{part}}}{{{value.denominator}}}"
    return f"${whole}{fraction}$" if whole else f"${fraction}$"


def tex(value) -> str:
    """A number inside LaTeX: 12, 7.5 or \\frac{20}{3} (improper, as used mid-calculation)."""
    value = Fraction(value)
    if value.denominator == 1 or terminates(value):
        return num(value)
    return f"\\frac{{{value.numerator}}}{{{value.denominator}}}"


def retry(rng: random.Random, make: Callable[[random.Random], dict], ok: Callable[[dict], bool]) -> dict:
    """Draw parameters with `make` until `ok` accepts them (derive nice answers by rejection)."""
    for _ in range(10000):
        params = make(rng)
        if ok(params):
            return params
    raise RuntimeError("no acceptable parameters found")


def _wrong_values(correct, candidates: Iterable, fallback, show_en, positive: bool) -> list:
    seen, wrong = {show_en(correct)}, []
    fallbacks = (fallback(i) for i in range(1, 200))
    for value in (*candidates, *fallbacks):
        if len(wrong) == 3:
            break
        if value is None or (positive and isinstance(value, int | float | Fraction) and value <= 0):
            continue
        text = show_en(value)
        if text not in seen:
            seen.add(text)
            wrong.append(value)
    return wrong


def build(
    rng: random.Random,
    correct,
    candidates: Iterable,
    *,
    stem: str,
    hindi_stem: str,
    steps: list[str],
    hindi_steps: list[str],
    params: dict,
    en: Callable[[object], str] = show,
    hi: Callable[[object], str] | None = None,
    fallback: Callable[[int], object] | None = None,
    positive: bool = True,
) -> Generated:
    """Four options (the correct value and three mistakes from `candidates`, topped up by `fallback(i)`),
    shuffled once for both languages, with the explanations ending in the answer line."""
    hi = hi or en
    fallback = fallback or (lambda i: correct + i)
    values = [correct, *_wrong_values(correct, candidates, fallback, en, positive)]
    order = list(range(4))
    rng.shuffle(order)
    options = tuple(en(values[i]) for i in order)
    hindi_options = tuple(hi(values[i]) for i in order)
    key = order.index(0)
    explanation = "\n\n".join([*steps, f"Answer: {options[key]}"])
    hindi_explanation = "\n\n".join([*hindi_steps, f"उत्तर: {hindi_options[key]}"])
    return Generated(stem, options, key, explanation, hindi_stem, hindi_options, hindi_explanation, params)
