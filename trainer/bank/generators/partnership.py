"""Partnership: profit shared in the ratio of capital × time (late joiners, a partner who withdraws money)."""

from __future__ import annotations

import random
from fractions import Fraction
from math import gcd, lcm

from trainer.bank.generators._quant import build
from trainer.bank.generators.base import Generated, generator, num

NAMES = ["A", "B", "C"]


def rupee(value) -> str:
    return f"Rs. {num(Fraction(value))}"


def hindi_rupee(value) -> str:
    return f"{num(Fraction(value))} रु."


def capital_months(params: dict) -> list[int]:
    """Each partner's capital × months over a 12-month year, less any money withdrawn part-way."""
    out = []
    for i, capital in enumerate(params["capitals"]):
        used = capital * (12 - params["joined_after"][i])
        used -= params["withdrawn"][i] * (12 - params["withdrawn_after"])
        out.append(used)
    return out


def reduced(values: list[int]) -> list[int]:
    divisor = gcd(*values)
    return [v // divisor for v in values]


def _draw(rng: random.Random, difficulty: str) -> dict:
    count = 3 if difficulty == "medium" else 2
    for _ in range(1000):
        capitals = [5000 * rng.randint(2, 16) for _ in range(count)]
        joined = [0, *sorted(rng.sample(range(2, 9), count - 1))]
        withdrawn, after = [0] * count, 0
        if difficulty == "hard":
            joined = [0, 0]
            withdrawn[0], after = 5000 * rng.randint(1, capitals[0] // 5000 - 1), rng.randint(3, 9)
        params = {"capitals": capitals, "joined_after": joined, "withdrawn": withdrawn, "withdrawn_after": after}
        step = lcm(sum(reduced(capital_months(params))), sum(reduced(capitals)))
        if capitals[0] > 5000 and len(set(capitals)) == count and step * 10 <= 200000:
            step *= 100 if step * 100 <= 200000 else 10
            params["total"] = step * rng.randint(1, 200000 // step)
            params["who"] = 0 if difficulty == "hard" else rng.randrange(1, count)
            return params
    raise RuntimeError("no partnership found")


def _texts(p: dict) -> tuple[str, str]:
    caps, joined, total = p["capitals"], p["joined_after"], p["total"]
    who = NAMES[p["who"]]
    if p["withdrawn_after"]:
        return (
            f"A and B start a business with Rs. {caps[0]} and Rs. {caps[1]} respectively. After "
            f"{p['withdrawn_after']} months, A withdraws Rs. {p['withdrawn'][0]}. At the end of the year the profit "
            f"is Rs. {total}. What is A's share?",
            f"A और B क्रमशः {caps[0]} रु. और {caps[1]} रु. से एक व्यवसाय शुरू करते हैं। {p['withdrawn_after']} महीने "
            f"बाद A {p['withdrawn'][0]} रु. निकाल लेता है। वर्ष के अंत में लाभ {total} रु. है। A का हिस्सा कितना है?",
        )
    en = [f"A starts a business with Rs. {caps[0]}."]
    hi = [f"A {caps[0]} रु. से एक व्यवसाय शुरू करता है।"]
    for i in range(1, len(caps)):
        en.append(f"{NAMES[i]} joins {joined[i]} months after the start with Rs. {caps[i]}.")
        hi.append(f"व्यवसाय शुरू होने के {joined[i]} महीने बाद {NAMES[i]} {caps[i]} रु. के साथ शामिल होता है।")
    en.append(f"At the end of the year the total profit is Rs. {total}. What is {who}'s share?")
    hi.append(f"वर्ष के अंत में कुल लाभ {total} रु. है। {who} का हिस्सा कितना है?")
    return " ".join(en), " ".join(hi)


@generator("quant-partnership-profit-share", "quant", "partnership", "Profit share by capital × time")
def profit_share(rng: random.Random, difficulty: str) -> Generated:
    """Easy: a partner joins late; medium: three partners joining at different times; hard: money withdrawn."""
    p = _draw(rng, difficulty)
    total, who = p["total"], p["who"]
    used = capital_months(p)
    ratio = reduced(used)
    share = Fraction(total * ratio[who], sum(ratio))
    by_capital = reduced(p["capitals"])
    stem, hindi_stem = _texts(p)
    products = ", ".join(f"{NAMES[i]}: {num(u)}" for i, u in enumerate(used))
    simple = " : ".join(map(str, ratio))
    steps = [
        f"Profit is shared in the ratio of capital × months invested — {products}.",
        f"Ratio $= {simple}$, total {sum(ratio)} parts.",
        f"{NAMES[who]}'s share $= \\frac{{{ratio[who]}}}{{{sum(ratio)}}} \\times {total} = {num(share)}$.",
        "Sharing in the ratio of the capitals alone ignores how long each sum was invested.",
    ]
    hindi_steps = [
        f"लाभ पूँजी × महीनों के अनुपात में बँटता है — {products}।",
        f"अनुपात $= {simple}$, कुल {sum(ratio)} भाग।",
        f"{NAMES[who]} का हिस्सा $= \\frac{{{ratio[who]}}}{{{sum(ratio)}}} \\times {total} = {num(share)}$।",
        "केवल पूँजी के अनुपात में बाँटना गलत है: पूँजी कितने समय लगी, यह भी गिना जाता है।",
    ]
    candidates = [
        Fraction(total * by_capital[who], sum(by_capital)),
        *(Fraction(total * r, sum(ratio)) for i, r in enumerate(ratio) if i != who),
        total - share,
    ]
    return build(
        rng, share, [c for c in candidates if c.denominator == 1], stem=stem, hindi_stem=hindi_stem, steps=steps,
        hindi_steps=hindi_steps, params=p, en=rupee, hi=hindi_rupee,
        fallback=lambda i: share + Fraction(total, sum(ratio)) * i,
    )  # fmt: skip
