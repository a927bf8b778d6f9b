"""Profit, loss and discount: marked price above cost, discounts on the marked price, the profit % that results."""

from __future__ import annotations

import random
from fractions import Fraction

from trainer.bank.generators._quant import build, retry, show, terminates, tex
from trainer.bank.generators.base import Generated, generator

MARKUPS = {"easy": [10, 20, 25, 30, 40, 50], "medium": [20, 25, 30, 35, 40, 50, 60], "hard": [20, 25, 30, 40, 50, 60]}
DISCOUNTS = {"easy": [5, 10, 15, 20, 25], "hard": [5, 10, 12, 15, 20, 25]}
PROFITS = [4, 5, 8, 10, 12, 15, 20, 25]


def outcome(value) -> str:
    value = Fraction(value)
    if value == 0:
        return "No profit, no loss"
    return f"{show(abs(value))}% {'profit' if value > 0 else 'loss'}"


def hindi_outcome(value) -> str:
    value = Fraction(value)
    if value == 0:
        return "न लाभ, न हानि"
    return f"{show(abs(value))}% {'लाभ' if value > 0 else 'हानि'}"


def percent(value) -> str:
    return f"{show(value)}%"


def after_discounts(markup: int, discounts: list[int]) -> Fraction:
    """Selling price when the cost price is 100."""
    price = Fraction(100 + markup)
    for d in discounts:
        price = price * (100 - d) / 100
    return price


def _discount_texts(m: int, ds: list[int]) -> tuple[str, str]:
    """The question for a mark-up of m% and one or two successive discounts."""
    if len(ds) == 1:
        stem = (
            f"A shopkeeper marks his goods {m}% above the cost price and allows a discount of {ds[0]}% "
            "on the marked price. What is his profit or loss percent?"
        )
        hindi_stem = (
            f"एक दुकानदार अपने सामान पर क्रय मूल्य से {m}% अधिक मूल्य अंकित करता है और अंकित मूल्य पर {ds[0]}% की "
            "छूट देता है। उसका लाभ या हानि प्रतिशत क्या है?"
        )
    else:
        stem = (
            f"An article is marked {m}% above its cost price. Two successive discounts of {ds[0]}% and {ds[1]}% "
            "are given on it. What is the profit or loss percent?"
        )
        hindi_stem = (
            f"एक वस्तु पर क्रय मूल्य से {m}% अधिक मूल्य अंकित है। इस पर {ds[0]}% और {ds[1]}% की दो क्रमिक छूटें दी "
            "जाती हैं। लाभ या हानि प्रतिशत क्या है?"
        )
    return stem, hindi_stem


def _profit_after_discounts(rng: random.Random, difficulty: str) -> Generated:
    count = 2 if difficulty == "hard" else 1
    pool = DISCOUNTS["hard" if count == 2 else "easy"]

    def draw(r):
        return {"markup": r.choice(MARKUPS[difficulty]), "discounts": sorted(r.sample(pool, count), reverse=True)}

    def ok(p):
        result = after_discounts(p["markup"], p["discounts"]) - 100
        return result != 0 and terminates(result)

    params = retry(rng, draw, ok)
    m, ds = params["markup"], params["discounts"]
    answer = after_discounts(m, ds) - 100
    simple = m - sum(ds)
    slip = " − ".join(str(x) for x in [m, *ds])
    added = Fraction((100 + m) * (100 - sum(ds)), 100) - 100
    stem, hindi_stem = _discount_texts(m, ds)
    chain = " \\times ".join(f"\\frac{{{100 - d}}}{{100}}" for d in ds)
    sp = tex(answer + 100)
    steps = [
        f"Take the cost price as 100. Marked price $= 100 + {m} = {100 + m}$.",
        f"Each discount is taken on the price left after the previous one: "
        f"selling price $= {100 + m} \\times {chain} = {sp}$.",
        f"Selling price − cost price $= {sp} - 100 = {tex(answer)}$, i.e. {outcome(answer)}.",
        f"Simply subtracting ({slip} = {simple}) is the usual slip: a discount is a percentage of the "
        "marked price, not of the cost price.",
    ]
    hindi_steps = [
        f"क्रय मूल्य 100 मानें। अंकित मूल्य $= 100 + {m} = {100 + m}$।",
        f"हर छूट पिछली छूट के बाद बचे मूल्य पर लगती है: विक्रय मूल्य $= {100 + m} \\times {chain} = {sp}$।",
        f"विक्रय मूल्य − क्रय मूल्य $= {sp} - 100 = {tex(answer)}$, अर्थात {hindi_outcome(answer)}।",
        f"सीधे घटाना ({slip} = {simple}) आम गलती है: छूट अंकित मूल्य पर लगती है, क्रय मूल्य पर नहीं।",
    ]
    return build(
        rng, answer, [simple, added if len(ds) == 2 else -answer, -answer, simple + 5], stem=stem,
        hindi_stem=hindi_stem, steps=steps, hindi_steps=hindi_steps, params={"kind": "profit", **params},
        en=outcome, hi=hindi_outcome, fallback=lambda i: answer + 2 * i, positive=False,
    )  # fmt: skip


def _discount_for_profit(rng: random.Random, difficulty: str) -> Generated:
    def draw(r):
        return {"markup": r.choice(MARKUPS[difficulty]), "profit": r.choice(PROFITS)}

    def ok(p):
        return p["profit"] < p["markup"] and terminates(Fraction(100 * (p["markup"] - p["profit"]), 100 + p["markup"]))

    params = retry(rng, draw, ok)
    m, p = params["markup"], params["profit"]
    answer = Fraction(100 * (m - p), 100 + m)
    stem = f"A trader marks his goods {m}% above the cost price. What percent discount should he allow to gain {p}%?"
    hindi_stem = (
        f"एक व्यापारी अपने सामान पर क्रय मूल्य से {m}% अधिक मूल्य अंकित करता है। {p}% लाभ कमाने के लिए उसे कितने प्रतिशत छूट देनी चाहिए?"
    )
    steps = [
        f"Take the cost price as 100: marked price $= {100 + m}$, required selling price $= {100 + p}$.",
        f"Discount $= {100 + m} - {100 + p} = {m - p}$ on a marked price of {100 + m}.",
        f"Discount % $= \\frac{{{m - p}}}{{{100 + m}}} \\times 100 = {tex(answer)}$.",
        f"Answering {m - p}% forgets that the discount is a percentage of the marked price, not of the cost price.",
    ]
    hindi_steps = [
        f"क्रय मूल्य 100 मानें: अंकित मूल्य $= {100 + m}$, आवश्यक विक्रय मूल्य $= {100 + p}$।",
        f"छूट $= {100 + m} - {100 + p} = {m - p}$, अंकित मूल्य {100 + m} पर।",
        f"छूट % $= \\frac{{{m - p}}}{{{100 + m}}} \\times 100 = {tex(answer)}$।",
        f"{m - p}% लिखना गलत है: छूट अंकित मूल्य पर ली जाती है, क्रय मूल्य पर नहीं।",
    ]
    return build(
        rng, answer, [m - p, Fraction(100 * (m - p), 100 + p), m + p, Fraction(100 * (m - p), m)], stem=stem,
        hindi_stem=hindi_stem, steps=steps, hindi_steps=hindi_steps, params={"kind": "discount", **params},
        en=percent, fallback=lambda i: answer + i,
    )  # fmt: skip


@generator("quant-profit-loss-marked-price", "quant", "profit-loss", "Marked price, discount and profit percent")
def marked_price(rng: random.Random, difficulty: str) -> Generated:
    """Easy: mark-up and one discount → profit %; medium: discount needed for a profit; hard: successive discounts."""
    if difficulty == "medium":
        return _discount_for_profit(rng, difficulty)
    return _profit_after_discounts(rng, difficulty)
