"""Number system: the unit digit of a power (cyclicity), remainders carried from one divisor to a factor of it,
and the smallest digit that makes a number divisible by 9, 11 or 88."""

from __future__ import annotations

import random

from trainer.bank.generators._quant import build
from trainer.bank.generators.base import Generated, generator

CYCLIC_UNITS = [2, 3, 4, 7, 8, 9]
EXPONENTS = {"easy": (20, 99), "medium": (50, 250), "hard": (100, 999)}
DIVIDENDS = {"easy": (30, 99), "medium": (100, 999), "hard": (100, 999)}
DIVISIBILITY = {"easy": 9, "medium": 11, "hard": 88}


def _unit_digit(rng: random.Random, difficulty: str) -> dict:
    count = {"easy": 1, "medium": 2, "hard": 3}[difficulty]
    bases = [10 * rng.randint(1, 19) + rng.choice(CYCLIC_UNITS) for _ in range(count)]
    return {"kind": "unit-digit", "bases": bases, "exponents": [rng.randint(*EXPONENTS[difficulty]) for _ in bases]}


def _remainder(rng: random.Random, difficulty: str) -> dict:
    while True:
        divisor = rng.randint(*DIVIDENDS[difficulty])
        factors = [f for f in range(3, divisor // 2 + 1) if divisor % f == 0 and f <= 30]
        if factors:
            factor = rng.choice(factors)
            remainder = rng.randint(factor + 1, divisor - 1)
            if remainder % factor:
                return {
                    "kind": "remainder",
                    "divisor": divisor,
                    "remainder": remainder,
                    "factor": factor,
                    "square": difficulty == "hard",
                }


def _divisibility(rng: random.Random, difficulty: str) -> dict:
    divisor = DIVISIBILITY[difficulty]
    while True:
        digits = [str(rng.randint(1, 9))] + [str(rng.randint(0, 9)) for _ in range(rng.randint(5, 6))]
        digits[rng.randint(1, len(digits) - 4)] = "x"  # never the leading digit nor one of the last three
        number = "".join(digits)
        fits = [d for d in range(10) if int(number.replace("x", str(d))) % divisor == 0]
        if fits and (divisor != 88 or int(number[-3:]) % 8 == 0):
            return {"kind": "divisibility", "number": number, "divisor": divisor}


def cycle(unit: int) -> list[int]:
    return [unit**k % 10 for k in range(1, 5)]


def _unit_digit_question(p: dict):
    bases, exps = p["bases"], p["exponents"]
    expr = " \\times ".join(f"{b}^{{{e}}}" for b, e in zip(bases, exps))
    digits = [cycle(b % 10)[(e - 1) % 4] for b, e in zip(bases, exps)]
    answer = 1
    for d in digits:
        answer = answer * d % 10
    steps, hindi_steps = [], []
    for b, e, d in zip(bases, exps, digits):
        c = ", ".join(map(str, cycle(b % 10)))
        pos = (e - 1) % 4 + 1
        steps.append(
            f"Unit digits of powers of {b % 10} repeat every 4: {c}. ${e} = 4 \\times {(e - pos) // 4} + "
            f"{pos}$, so the unit digit of ${b}^{{{e}}}$ is {d}."
        )
        hindi_steps.append(
            f"{b % 10} की घातों के इकाई अंक हर 4 पर दोहराते हैं: {c}। ${e} = 4 \\times {(e - pos) // 4} + "
            f"{pos}$, अतः ${b}^{{{e}}}$ का इकाई अंक {d} है।"
        )
    if len(digits) > 1:
        product = " \\times ".join(map(str, digits))
        steps.append(f"Multiply the unit digits: ${product}$ ends in {answer}.")
        hindi_steps.append(f"इकाई अंकों का गुणा: ${product}$ का इकाई अंक {answer} है।")
    steps.append("When the exponent is a multiple of 4, use the 4th power of the cycle, not the power 0.")
    hindi_steps.append("घात 4 का गुणज हो तो चक्र की चौथी घात लें, घात 0 नहीं।")
    zero_slip, shift_slip, added = 1, 1, 0
    for b, e, d in zip(bases, exps, digits):
        zero_slip = zero_slip * (1 if e % 4 == 0 else d) % 10
        shift_slip = shift_slip * cycle(b % 10)[e % 4] % 10
        added += d
    slips = [zero_slip, shift_slip, added % 10, (bases[0] % 10) * len(bases) % 10]
    stem = f"What is the unit digit of ${expr}$?"
    hindi_stem = f"${expr}$ का इकाई अंक क्या है?"
    return stem, hindi_stem, steps, hindi_steps, answer, slips


def _remainder_question(p: dict):
    big, rem, small, square = p["divisor"], p["remainder"], p["factor"], p["square"]
    reduced = rem % small
    answer = reduced * reduced % small if square else reduced
    what, hwhat = ("the square of that number", "उस संख्या के वर्ग") if square else ("the same number", "उसी संख्या")
    stem = (
        f"A number when divided by {big} leaves a remainder {rem}. What is the remainder when {what} is divided "
        f"by {small}?"
    )
    hindi_stem = f"किसी संख्या को {big} से भाग देने पर शेषफल {rem} आता है। {hwhat} को {small} से भाग देने पर शेषफल क्या होगा?"
    steps = [
        f"Write the number as ${big}q + {rem}$. As {small} divides {big}, only {rem} matters.",
        f"${rem} = {small} \\times {rem // small} + {reduced}$, so the number leaves remainder {reduced}.",
    ]
    hindi_steps = [
        f"संख्या $= {big}q + {rem}$। {small}, {big} को विभाजित करता है, इसलिए केवल {rem} का शेषफल देखें।",
        f"${rem} = {small} \\times {rem // small} + {reduced}$, अतः शेषफल {reduced} है।",
    ]
    if square:
        steps.append(f"Its square leaves the remainder of ${reduced}^2 = {reduced**2}$, which is {answer}.")
        hindi_steps.append(f"वर्ग का शेषफल ${reduced}^2 = {reduced**2}$ का शेषफल है, अर्थात {answer}।")
        slips = [reduced, reduced**2, small - answer, rem * rem % big]
    else:
        steps.append(f"Answering {rem} itself forgets that a remainder must be less than the divisor {small}.")
        hindi_steps.append(f"{rem} ही उत्तर मान लेना गलत है: शेषफल भाजक {small} से छोटा होना चाहिए।")
        slips = [rem, small - answer, (answer + 1) % small, (answer + 2) % small]  # the first remainder kept
    return stem, hindi_stem, steps, hindi_steps, answer, slips


def _divisibility_question(p: dict):
    number, divisor = p["number"], p["divisor"]
    answer = min(d for d in range(10) if int(number.replace("x", str(d))) % divisor == 0)
    known = [int(c) for c in number if c != "x"]
    shown = f"${number}$"
    stem = (
        f"The number {shown} is divisible by {divisor}, where x is a digit. What is the smallest possible value of x?"
    )
    hindi_stem = f"संख्या {shown} {divisor} से विभाज्य है, जहाँ x एक अंक है। x का न्यूनतम संभव मान क्या है?"
    if divisor == 9:
        total = sum(known)
        steps = [f"Sum of the known digits $= {total}$; ${total} + x$ must be a multiple of 9, so $x = {answer}$."]
        hindi_steps = [f"ज्ञात अंकों का योग $= {total}$; ${total} + x$ को 9 का गुणज होना चाहिए, अतः $x = {answer}$।"]
        slips = [total % 9, (-total) % 3, 9 - answer, answer + 1]
        return stem, hindi_stem, steps, hindi_steps, answer, slips
    place = len(number) - number.index("x")  # 1 = units place
    odd = sum(int(c) for i, c in enumerate(reversed(number), 1) if c != "x" and i % 2)
    even = sum(int(c) for i, c in enumerate(reversed(number), 1) if c != "x" and not i % 2)
    rule = f"$({odd} + x) - {even}$" if place % 2 else f"${odd} - ({even} + x)$"
    steps, hindi_steps = [], []
    if divisor == 88:
        steps.append(
            f"88 = 8 × 11. The last three digits {number[-3:]} are divisible by 8, so only the test for 11 is left."
        )
        hindi_steps.append(f"88 = 8 × 11। अंतिम तीन अंक {number[-3:]} 8 से विभाज्य हैं, अतः केवल 11 की जाँच बचती है।")
    steps.append(
        f"For 11: (sum of digits in odd places from the right) − (sum in even places) = {rule} must be a "
        f"multiple of 11, so $x = {answer}$."
    )
    hindi_steps.append(
        f"11 के लिए: (दाएँ से विषम स्थानों के अंकों का योग) − (सम स्थानों का योग) = {rule} 11 का गुणज होना "
        f"चाहिए, अतः $x = {answer}$।"
    )
    slip_sign = (odd - even) % 11 if place % 2 else (even - odd) % 11
    slips = [slip_sign if slip_sign < 10 else None, (-sum(known)) % 9, answer + 1, answer - 1]
    return stem, hindi_stem, steps, hindi_steps, answer, slips


@generator("quant-number-system-digits-remainders", "quant", "number-system", "Unit digit, remainders, divisibility")
def digits_and_remainders(rng: random.Random, difficulty: str) -> Generated:
    """A unit digit of powers (1, 2 or 3 factors), a remainder (squared when hard), or a missing digit
    for divisibility by 9, 11 or 88 — the difficulty sets the size and the number of steps."""
    kind = rng.choice(["unit-digit", "remainder", "divisibility"])
    draw = {"unit-digit": _unit_digit, "remainder": _remainder, "divisibility": _divisibility}[kind]
    p = draw(rng, difficulty)
    make = {
        "unit-digit": _unit_digit_question,
        "remainder": _remainder_question,
        "divisibility": _divisibility_question,
    }[kind]
    stem, hindi_stem, steps, hindi_steps, answer, slips = make(p)
    top = 9 if kind != "remainder" else p["divisor"]  # a digit, or a remainder below the first divisor
    return build(
        rng, answer, [s for s in slips if s is not None and 0 <= s <= top],
        stem=stem, hindi_stem=hindi_stem, steps=steps, hindi_steps=hindi_steps, params=p,
        en=str, fallback=(lambda i: answer + i) if kind == "remainder" else (lambda i: (answer + i) % 10),
        positive=False,
    )  # fmt: skip
