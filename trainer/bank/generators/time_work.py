"""Time and work: workers together (and one leaving part-way); pipes and cisterns with filling and emptying pipes."""

from __future__ import annotations

import random
from fractions import Fraction
from functools import cache
from itertools import combinations

from trainer.bank.generators._quant import build, retry, show, tex
from trainer.bank.generators.base import Generated, generator

LIMITS = {"easy": 40, "medium": 60, "hard": 60}


def together(*times: int, emptying: tuple[int, ...] = ()) -> Fraction:
    """Time to finish one job when the rates add (emptying pipes subtract)."""
    return 1 / (sum(Fraction(1, t) for t in times) - sum(Fraction(1, t) for t in emptying))


@cache
def _whole_triples(limit: int) -> list[tuple[int, int, int]]:
    return [t for t in combinations(range(4, limit + 1), 3) if together(*t).denominator == 1]


def days(v) -> str:
    return f"{show(v)} days"


def hindi_days(v) -> str:
    return f"{show(v)} दिन"


def hours(v) -> str:
    return f"{show(v)} hours"


def hindi_hours(v) -> str:
    return f"{show(v)} घंटे"


def _workers(rng: random.Random, difficulty: str) -> dict:
    limit = LIMITS[difficulty]
    if difficulty == "medium":
        return {"times": list(rng.choice(_whole_triples(limit))), "together_for": None}

    def draw(r):
        a, b = sorted(r.sample(range(4, limit + 1), 2))
        return {"times": [a, b], "together_for": r.randint(2, 10) if difficulty == "hard" else None}

    def ok(p):
        a, b = p["times"]
        if together(a, b).denominator != 1:
            return False
        k = p["together_for"]
        return k is None or (k < together(a, b) and (k * b) % a == 0)

    return retry(rng, draw, ok)


def _together_texts(times: list[int]) -> tuple[str, str]:
    if len(times) == 2:
        a, b = times
        return (
            f"A can finish a piece of work in {a} days and B in {b} days. In how many days can they finish it "
            "working together?",
            f"A किसी काम को {a} दिनों में और B {b} दिनों में पूरा कर सकता है। दोनों मिलकर वह काम कितने दिनों में पूरा करेंगे?",
        )
    a, b, c = times
    return (
        f"A, B and C can finish a piece of work in {a}, {b} and {c} days respectively. In how many days can they "
        "finish it working together?",
        f"A, B और C किसी काम को क्रमशः {a}, {b} और {c} दिनों में पूरा कर सकते हैं। तीनों मिलकर वह काम कितने दिनों में पूरा करेंगे?",
    )


def _one_leaves(a: int, b: int, k: int, joint: Fraction) -> tuple[str, str, list[str], list[str], Fraction, list]:
    left = 1 - k / joint
    rest = left * b
    answer = k + rest
    stem = (
        f"A can do a piece of work in {a} days and B in {b} days. They work together for {k} days, then A leaves. "
        "In how many days in all is the work finished?"
    )
    hindi_stem = (
        f"A एक काम {a} दिनों में और B {b} दिनों में कर सकता है। दोनों {k} दिन साथ काम करते हैं, फिर A काम छोड़ "
        "देता है। पूरा काम कुल कितने दिनों में समाप्त होता है?"
    )
    steps = [
        f"In {k} days they do $\\frac{{{k}}}{{{tex(joint)}}}$ of the work; work left $= {tex(left)}$.",
        f"B alone does that in $ {tex(left)} \\times {b} = {tex(rest)}$ days; total $= {k} + {tex(rest)} = "
        f"{tex(answer)}$.",
        "Stopping at B's days without adding the days worked together is the usual slip.",
    ]
    hindi_steps = [
        f"{k} दिनों में वे $\\frac{{{k}}}{{{tex(joint)}}}$ काम करते हैं; शेष काम $= {tex(left)}$।",
        f"B इसे $ {tex(left)} \\times {b} = {tex(rest)}$ दिनों में करता है; कुल $= {k} + {tex(rest)} = {tex(answer)}$।",
        "साथ में किए गए दिनों को न जोड़ना आम गलती है।",
    ]
    return stem, hindi_stem, steps, hindi_steps, answer, [rest, joint, b + k, b - k]


@generator("quant-time-work-together", "quant", "time-work", "Workers together (and one leaving part-way)")
def working_together(rng: random.Random, difficulty: str) -> Generated:
    """Easy: A and B together; medium: A, B and C together; hard: A leaves after some days, B finishes."""
    p = _workers(rng, difficulty)
    times, k = p["times"], p["together_for"]
    joint = together(*times)
    rates = " + ".join(f"\\frac{{1}}{{{t}}}" for t in times)
    steps = [
        f"One day's work together $= {rates} = \\frac{{1}}{{{tex(joint)}}}$, so together they take {show(joint)} days."
    ]
    hindi_steps = [f"एक दिन का संयुक्त कार्य $= {rates} = \\frac{{1}}{{{tex(joint)}}}$, अतः साथ में {show(joint)} दिन।"]
    if k is None:
        answer = joint
        stem, hindi_stem = _together_texts(times)
        slips = [  # averaged days, added days, subtracted rates, forgot the last worker
            Fraction(sum(times), len(times)),
            sum(times),
            Fraction(times[0] * times[1], times[1] - times[0]),
            together(*times[:-1]),
        ]
        steps.append("Adding or averaging the days is the usual slip: it is the daily work (1/days) that adds up.")
        hindi_steps.append("दिनों को जोड़ना या उनका औसत लेना आम गलती है: एक दिन का काम (1/दिन) जुड़ता है।")
    else:
        stem, hindi_stem, more, hindi_more, answer, slips = _one_leaves(*times, k, joint)
        steps += more
        hindi_steps += hindi_more
    return build(
        rng, answer, slips, stem=stem, hindi_stem=hindi_stem, steps=steps, hindi_steps=hindi_steps, params=p,
        en=days, hi=hindi_days, fallback=lambda i: answer + i,
    )  # fmt: skip


def _pipes(rng: random.Random, difficulty: str) -> dict:
    def draw(r):
        if difficulty == "hard":
            a, b, c = r.sample(range(3, 41), 3)
            return {"kind": "three", "fill": sorted([a, b]), "empty": c}
        a, c = sorted(r.sample(range(2, 31 if difficulty == "easy" else 41), 2))
        return {"kind": "pair" if difficulty == "easy" else "leak", "fill": [a], "empty": c}

    def ok(p):
        if p["kind"] == "leak":  # fills in `empty` hours with the leak; the leak alone is the question
            a, c = p["fill"][0], p["empty"]
            leak = Fraction(a * c, c - a)
            return c - a >= 2 and leak.denominator == 1 and leak <= 120
        if p["empty"] <= min(p["fill"]):
            return False
        time = together(*p["fill"], emptying=(p["empty"],))
        return time > 0 and time.denominator == 1 and time <= 60

    return retry(rng, draw, ok)


def _leak(a: int, c: int) -> tuple:
    """A pipe filling in `a` hours takes `c` with a leak: how long the leak alone takes to empty the tank."""
    answer = Fraction(a * c, c - a)
    stem = (
        f"A pipe can fill a tank in {a} hours. Because of a leak at the bottom, it takes {c} hours to fill it. "
        "In how many hours can the leak alone empty the full tank?"
    )
    hindi_stem = (
        f"एक पाइप किसी टंकी को {a} घंटे में भर सकता है। तली में रिसाव के कारण टंकी {c} घंटे में भरती है। "
        "रिसाव अकेले भरी टंकी को कितने घंटे में खाली कर देगा?"
    )
    work = f"\\frac{{1}}{{{a}}} - \\frac{{1}}{{{c}}} = \\frac{{1}}{{{tex(answer)}}}"
    slips = [c - a, Fraction(a * c, a + c), a + c, c]
    steps = [
        f"The leak empties (filling rate − filling rate with the leak) per hour: $ {work}$.",
        f"So the leak alone empties the tank in {show(answer)} hours. Taking the difference of the hours "
        f"({c} − {a}) instead of the rates is the usual slip.",
    ]
    hindi_steps = [
        f"रिसाव प्रति घंटे (भरने की दर − रिसाव सहित भरने की दर) खाली करता है: $ {work}$।",
        f"अतः रिसाव अकेले {show(answer)} घंटे में टंकी खाली करेगा। दरों की जगह घंटों का अंतर ({c} − {a}) लेना आम गलती है।",
    ]
    return answer, stem, hindi_stem, slips, steps, hindi_steps


def _pipe_texts(fill: list[int], c: int) -> tuple[str, str]:
    if len(fill) == 1:
        return (
            f"Pipe A can fill a tank in {fill[0]} hours and pipe B can empty the full tank in {c} hours. If both pipes "
            "are opened together when the tank is empty, in how many hours will it be full?",
            f"पाइप A एक टंकी को {fill[0]} घंटे में भर सकता है और पाइप B भरी टंकी को {c} घंटे में खाली कर सकता है। "
            "खाली टंकी में दोनों पाइप एक साथ खोलने पर टंकी कितने घंटे में भरेगी?",
        )
    a, b = fill
    return (
        f"Pipes A and B can fill a tank in {a} and {b} hours respectively, and pipe C can empty the full tank in {c} "
        "hours. If all three pipes are opened together when the tank is empty, in how many hours will it be full?",
        f"पाइप A और B किसी टंकी को क्रमशः {a} और {b} घंटे में भर सकते हैं, तथा पाइप C भरी टंकी को {c} घंटे में "
        "खाली कर सकता है। खाली टंकी में तीनों पाइप एक साथ खोलने पर टंकी कितने घंटे में भरेगी?",
    )


@generator("quant-time-work-pipes", "quant", "time-work", "Filling and emptying pipes")
def pipes(rng: random.Random, difficulty: str) -> Generated:
    """Easy: one filling and one emptying pipe; medium: a leak slows the filling; hard: two fill, one empties."""
    p = _pipes(rng, difficulty)
    fill, c = p["fill"], p["empty"]
    if p["kind"] == "leak":
        answer, stem, hindi_stem, slips, steps, hindi_steps = _leak(fill[0], c)
    else:
        answer = together(*fill, emptying=(c,))
        stem, hindi_stem = _pipe_texts(fill, c)
        work = " + ".join(f"\\frac{{1}}{{{t}}}" for t in fill) + f" - \\frac{{1}}{{{c}}} = \\frac{{1}}{{{tex(answer)}}}"
        slips = [together(*fill, c), c - sum(fill), together(*fill), Fraction(sum(fill) + c, len(fill) + 1)]
        steps = [
            f"Work per hour: filling pipes add, the emptying pipe subtracts: $ {work}$.",
            f"So the tank is full in {show(answer)} hours. Adding the emptying rate instead of subtracting it is the "
            "usual slip.",
        ]
        hindi_steps = [
            f"प्रति घंटे का काम: भरने वाले पाइप जुड़ते हैं, खाली करने वाला घटता है: $ {work}$।",
            f"अतः टंकी {show(answer)} घंटे में भरेगी। खाली करने की दर को घटाने की जगह जोड़ देना आम गलती है।",
        ]
    return build(
        rng, answer, slips, stem=stem, hindi_stem=hindi_stem, steps=steps, hindi_steps=hindi_steps, params=p,
        en=hours, hi=hindi_hours, fallback=lambda i: answer + i,
    )  # fmt: skip
