"""Mixture and alligation: mixing two qualities of a commodity to get a given mean price."""

from __future__ import annotations

import random
from fractions import Fraction

from trainer.bank.generators._quant import build, retry, show, tex
from trainer.bank.generators.base import Generated, generator

GOODS = [
    ("rice", "चावल वाले"),
    ("sugar", "चीनी वाली"),
    ("tea", "चाय वाली"),
    ("pulses", "दाल वाली"),
]  # Hindi: noun + agreeing adjective
PRICES = {"easy": (20, 80, 1), "medium": (30, 120, 2), "hard": (40, 200, 5)}  # low, high, step
GAINS = [10, 20, 25, 50]


def ratio_text(ratio: tuple[int, int]) -> str:
    return f"{ratio[0]} : {ratio[1]}"


def as_ratio(value: Fraction) -> tuple[int, int]:
    value = Fraction(value)
    return value.numerator, value.denominator


def mean_price(p: dict) -> Fraction:
    """The cost price of one kg of the mixture (the selling price less the gain, when one is given)."""
    if p["gain"]:
        return Fraction(p["selling"] * 100, 100 + p["gain"])
    return Fraction(p["mean"])


def _draw(rng: random.Random, difficulty: str) -> dict:
    low, high, step = PRICES[difficulty]

    def draw(r):
        cheap, dear = sorted(r.sample(range(low, high + 1, step), 2))
        mean = r.randint(cheap + 1, dear - 1) if dear - cheap > 1 else cheap
        p = {"goods": r.randrange(len(GOODS)), "cheap": cheap, "dear": dear, "mean": mean, "gain": 0, "selling": None}
        if difficulty == "hard":
            p["gain"] = r.choice(GAINS)
            p["selling"] = mean * (100 + p["gain"]) // 100
            p["mean"] = None
        if difficulty == "medium":
            p["dear_kg"] = r.randint(2, 30)
        return p

    def ok(p):
        mean = mean_price(p)
        if not p["cheap"] < mean < p["dear"] or mean.denominator != 1 or p["dear"] - p["cheap"] < 8:
            return False
        ratio = Fraction(p["dear"] - mean, mean - p["cheap"])
        if ratio == 1:
            return False
        if "dear_kg" in p:
            return (p["dear_kg"] * ratio).denominator == 1 and p["dear_kg"] * ratio <= 60
        return ratio.numerator <= 12 and ratio.denominator <= 12

    return retry(rng, draw, ok)


def _texts(p: dict) -> tuple[str, str]:
    en, hi_with = GOODS[p["goods"]]
    hi, with_ = hi_with.split()
    a, b = p["cheap"], p["dear"]
    if "dear_kg" in p:
        return (
            f"How many kg of {en} costing Rs. {a} per kg must be mixed with {p['dear_kg']} kg of {en} costing "
            f"Rs. {b} per kg so that the mixture costs Rs. {p['mean']} per kg?",
            f"{a} रु. प्रति किग्रा {with_} {hi} की कितनी मात्रा (किग्रा में) को {b} रु. प्रति किग्रा {with_} "
            f"{p['dear_kg']} किग्रा "
            f"{hi} में मिलाया जाए कि मिश्रण का मूल्य {p['mean']} रु. प्रति किग्रा हो?",
        )
    if p["gain"]:
        return (
            f"In what ratio must {en} at Rs. {a} per kg be mixed with {en} at Rs. {b} per kg so that by selling "
            f"the mixture at Rs. {p['selling']} per kg there is a gain of {p['gain']}%?",
            f"{a} रु. प्रति किग्रा {with_} {hi} को {b} रु. प्रति किग्रा {with_} {hi} के साथ किस अनुपात में मिलाया जाए कि "
            f"मिश्रण को {p['selling']} रु. प्रति किग्रा बेचने पर {p['gain']}% का लाभ हो?",
        )
    return (
        f"In what ratio must {en} at Rs. {a} per kg be mixed with {en} at Rs. {b} per kg so that the mixture "
        f"is worth Rs. {p['mean']} per kg?",
        f"{a} रु. प्रति किग्रा {with_} {hi} को {b} रु. प्रति किग्रा {with_} {hi} के साथ किस अनुपात में मिलाया जाए कि मिश्रण "
        f"का मूल्य {p['mean']} रु. प्रति किग्रा हो?",
    )


def _alligation_steps(p: dict, mean: Fraction, ratio: Fraction) -> tuple[list[str], list[str]]:
    """The mean cost price (when a gain is given) and the alligation rule, in both languages."""
    a, b = p["cheap"], p["dear"]
    steps, hindi_steps = [], []
    if p["gain"]:
        steps.append(
            f"Cost price of the mixture $= {p['selling']} \\times \\frac{{100}}{{{100 + p['gain']}}} = "
            f"{tex(mean)}$ per kg."
        )
        hindi_steps.append(
            f"मिश्रण का क्रय मूल्य $= {p['selling']} \\times \\frac{{100}}{{{100 + p['gain']}}} = {tex(mean)}$ "
            "रु. प्रति किग्रा।"
        )
    work = f"({b} - {tex(mean)}) : ({tex(mean)} - {a}) = {tex(b - mean)} : {tex(mean - a)}"
    if ratio_text(as_ratio(ratio)) != f"{tex(b - mean)} : {tex(mean - a)}":
        work += f" = {ratio_text(as_ratio(ratio))}"
    rule = f"(dearer − mean) : (mean − cheaper) $= {work}$"
    hrule = f"(महँगा − माध्य) : (माध्य − सस्ता) $= {work}$"
    steps.append(f"By alligation, cheaper : dearer = {rule}.")
    hindi_steps.append(f"एलिगेशन से, सस्ता : महँगा = {hrule}।")
    return steps, hindi_steps


@generator("quant-mixture-alligation-two-prices", "quant", "mixture-alligation", "Alligation of two prices")
def two_prices(rng: random.Random, difficulty: str) -> Generated:
    """Easy: the ratio; medium: the quantity to add; hard: the mean price comes from a selling price and a gain."""
    p = _draw(rng, difficulty)
    a, b, mean = p["cheap"], p["dear"], mean_price(p)
    ratio = Fraction(b - mean, mean - a)  # cheaper : dearer
    steps, hindi_steps = _alligation_steps(p, mean, ratio)
    stem, hindi_stem = _texts(p)
    if "dear_kg" in p:
        answer = p["dear_kg"] * ratio
        steps.append(
            f"For {p['dear_kg']} kg of the dearer one: $ {p['dear_kg']} \\times {tex(ratio)} = {tex(answer)}$ kg."
        )
        hindi_steps.append(
            f"महँगे वाले {p['dear_kg']} किग्रा के लिए: $ {p['dear_kg']} \\times {tex(ratio)} = {tex(answer)}$ किग्रा।"
        )
        slips = [p["dear_kg"] / ratio, p["dear_kg"], p["dear_kg"] * (b - a) / (mean - a)]
        return build(
            rng, answer, [s for s in slips if Fraction(s).denominator == 1], stem=stem, hindi_stem=hindi_stem,
            steps=steps, hindi_steps=hindi_steps, params=p,
            en=lambda v: f"{show(v)} kg", hi=lambda v: f"{show(v)} किग्रा", fallback=lambda i: answer + i,
        )  # fmt: skip
    steps.append("Writing the differences the other way round (the reversed ratio) is the usual slip.")
    hindi_steps.append("अंतरों को उल्टे क्रम में लिखना (उल्टा अनुपात) आम गलती है।")
    slips = [1 / ratio, Fraction(a, b), Fraction(b - a, mean - a)]
    if p["gain"]:
        slips.insert(0, Fraction(b - p["selling"], p["selling"] - a) if a < p["selling"] < b else None)
    return build(
        rng,
        as_ratio(ratio),
        [as_ratio(s) for s in slips if s],
        stem=stem,
        hindi_stem=hindi_stem,
        steps=steps,
        hindi_steps=hindi_steps,
        params=p,
        en=ratio_text,
        fallback=lambda i: as_ratio(ratio + i),
    )
