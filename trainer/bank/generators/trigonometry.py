"""Trigonometry: the value of an expression in standard squared ratios (0°, 30°, 45°, 60°, 90°), with a
complementary-angle or Pythagorean-identity term in the hard version.

Mistakes offered: reading sin for cos (tan for cot, sec for cosec), squaring the coefficient along with the ratio,
adding a term that is subtracted, and valuing the complementary-angle term as 0 or 2.
"""

from __future__ import annotations

import random
from fractions import Fraction as F

from trainer.bank.generators._bilingual import assemble, choose_wrong, frac, fraction_option
from trainer.bank.generators.base import Generated, generator

SQUARES = {  # ratio -> angle -> ratio squared
    "sin": {0: F(0), 30: F(1, 4), 45: F(1, 2), 60: F(3, 4), 90: F(1)},
    "cos": {0: F(1), 30: F(3, 4), 45: F(1, 2), 60: F(1, 4), 90: F(0)},
    "tan": {0: F(0), 30: F(1, 3), 45: F(1), 60: F(3)},
    "cot": {30: F(3), 45: F(1), 60: F(1, 3), 90: F(0)},
    "sec": {0: F(1), 30: F(4, 3), 45: F(2), 60: F(4)},
    "cosec": {30: F(4), 45: F(2), 60: F(4, 3), 90: F(1)},
}
PARTNER = {"sin": "cos", "cos": "sin", "tan": "cot", "cot": "tan", "sec": "cosec", "cosec": "sec"}
TEX = {"sin": "\\sin", "cos": "\\cos", "tan": "\\tan", "cot": "\\cot", "sec": "\\sec", "cosec": "\\operatorname{cosec}"}
SETUP = {  # number of standard terms, ratios, angles, largest coefficient
    "easy": (2, ["sin", "cos", "tan"], [0, 30, 45, 60, 90], 3),
    "medium": (3, list(SQUARES), [30, 45, 60], 3),
    "hard": (3, list(SQUARES), [0, 30, 45, 60, 90], 5),
}
# Complementary / identity terms, each worth exactly 1: (LaTeX with {a} and {b}=90-a, English, Hindi reason).
SPECIAL = [
    (
        "\\sin^2 {a}^\\circ + \\sin^2 {b}^\\circ",
        "$\\sin {b}^\\circ = \\cos {a}^\\circ$, so the bracket is $\\sin^2 {a}^\\circ + \\cos^2 {a}^\\circ = 1$",
        "$\\sin {b}^\\circ = \\cos {a}^\\circ$, अतः कोष्ठक $\\sin^2 {a}^\\circ + \\cos^2 {a}^\\circ = 1$ है",
    ),
    (
        "\\tan {a}^\\circ \\tan {b}^\\circ",
        "$\\tan {b}^\\circ = \\cot {a}^\\circ$, so the bracket is $\\tan {a}^\\circ \\cot {a}^\\circ = 1$",
        "$\\tan {b}^\\circ = \\cot {a}^\\circ$, अतः कोष्ठक $\\tan {a}^\\circ \\cot {a}^\\circ = 1$ है",
    ),
    (
        "\\frac{{\\sin {a}^\\circ}}{{\\cos {b}^\\circ}}",
        "$\\cos {b}^\\circ = \\sin {a}^\\circ$ because $ {a}^\\circ + {b}^\\circ = 90^\\circ$, so the bracket is 1",
        "$ {a}^\\circ + {b}^\\circ = 90^\\circ$ होने से $\\cos {b}^\\circ = \\sin {a}^\\circ$, अतः कोष्ठक 1 है",
    ),
    (
        "\\sec^2 {a}^\\circ - \\tan^2 {a}^\\circ",
        "$\\sec^2 \\theta - \\tan^2 \\theta = 1$ for every angle",
        "हर कोण के लिए $\\sec^2 \\theta - \\tan^2 \\theta = 1$",
    ),
    (
        "\\operatorname{{cosec}}^2 {a}^\\circ - \\cot^2 {a}^\\circ",
        "$\\operatorname{cosec}^2 \\theta - \\cot^2 \\theta = 1$ for every angle",
        "हर कोण के लिए $\\operatorname{cosec}^2 \\theta - \\cot^2 \\theta = 1$",
    ),
]
ODD_ANGLES = [a for a in range(11, 80) if a not in (30, 45, 60)]


def _draw(rng: random.Random, difficulty: str) -> dict:
    count, ratios, angles, top = SETUP[difficulty]
    while True:
        terms = []
        for i in range(count):
            ratio = rng.choice(ratios)
            angle = rng.choice([a for a in angles if a in SQUARES[ratio]])
            terms.append(
                {
                    "sign": 1 if i == 0 or rng.random() < 0.6 else -1,
                    "coef": rng.randint(1, top),
                    "ratio": ratio,
                    "angle": angle,
                }
            )
        special = None
        if difficulty == "hard":
            special = {"form": rng.randrange(len(SPECIAL)), "coef": rng.randint(2, 6), "angle": rng.choice(ODD_ANGLES)}
        value = sum(t["sign"] * t["coef"] * SQUARES[t["ratio"]][t["angle"]] for t in terms)
        distinct = len({(t["ratio"], t["angle"]) for t in terms}) == len(terms)  # no "3cos²0° − 2cos²0°"
        nonzero = all(SQUARES[t["ratio"]][t["angle"]] for t in terms)
        if distinct and nonzero and value + (special["coef"] if special else 0) > 0:
            return {"terms": terms, "special": special}


def _term_tex(t: dict, first: bool) -> str:
    sign = "" if first and t["sign"] > 0 else (" + " if t["sign"] > 0 else " - ")
    coef = "" if t["coef"] == 1 else str(t["coef"])
    return f"{sign}{coef}{TEX[t['ratio']]}^2 {t['angle']}^\\circ"


def _value(terms: list[dict], ratio_of=lambda r: r, coef_of=lambda c: c, sign_of=lambda s: s) -> F:
    return sum(sign_of(t["sign"]) * coef_of(t["coef"]) * SQUARES[ratio_of(t["ratio"])][t["angle"]] for t in terms)


def _swap_first(terms: list[dict]) -> F | None:
    first = terms[0]
    swapped = SQUARES[PARTNER[first["ratio"]]].get(first["angle"])
    if swapped is None:
        return None
    return _value(terms) + first["coef"] * (swapped - SQUARES[first["ratio"]][first["angle"]])


def _special_parts(special: dict | None) -> tuple[str, str, str, int]:
    if not special:
        return "", "", "", 0
    latex, en, hi = SPECIAL[special["form"]]
    a, b, k = special["angle"], 90 - special["angle"], special["coef"]
    fill = {"a": a, "b": b}
    return (
        f" + {k}\\left({latex.format(**fill)}\\right)",
        en.replace("{a}", str(a)).replace("{b}", str(b)),
        hi.replace("{a}", str(a)).replace("{b}", str(b)),
        k,
    )


def _steps(terms: list[dict], k: int, why_en: str, why_hi: str, answer: F) -> tuple[list[str], list[str]]:
    values = ", ".join(
        f"${TEX[t['ratio']]}^2 {t['angle']}^\\circ = {frac(SQUARES[t['ratio']][t['angle']])}$" for t in terms
    )
    sub = "".join(
        ("" if i == 0 and t["sign"] > 0 else (" + " if t["sign"] > 0 else " - "))
        + f"{t['coef']} \\times {frac(SQUARES[t['ratio']][t['angle']])}"
        for i, t in enumerate(terms)
    )
    sub += f" + {k} \\times 1" if k else ""
    steps, hindi_steps = [f"Standard values: {values}."], [f"मानक मान: {values}।"]
    if k:
        steps.append(f"In the bracket, {why_en}.")
        hindi_steps.append(f"कोष्ठक में, {why_hi}।")
    steps.append(f"So the value is ${sub} = {frac(answer)}$. Reading sin for cos (or tan for cot) is the usual slip.")
    hindi_steps.append(f"अतः मान $= {sub} = {frac(answer)}$। sin को cos (या tan को cot) पढ़ लेना आम गलती है।")
    return steps, hindi_steps


@generator(
    "quant-trigonometry-values", "quant", "trigonometry", "Value of an expression in standard trigonometric ratios"
)
def standard_values(rng: random.Random, difficulty: str) -> Generated:
    """Evaluate c1·f1²(A) ± c2·f2²(B) ± … (+ k·[complementary or identity term])."""
    params = _draw(rng, difficulty)
    terms = params["terms"]
    special_tex, why_en, why_hi, k = _special_parts(params["special"])
    expression = "".join(_term_tex(t, i == 0) for i, t in enumerate(terms)) + special_tex
    answer = _value(terms) + k
    mistakes = [
        _swap_first(terms) + k if _swap_first(terms) is not None else None,  # sin read as cos in the first term
        _value(terms, coef_of=lambda c: c * c) + k,  # (2 sin 30°)² instead of 2 sin² 30°
        _value(terms, sign_of=abs) + k,  # subtracted term added
        _value(terms) if k else None,  # complementary term taken as 0
        _value(terms) + 2 * k if k else None,  # … or as 2
        _value(terms, ratio_of=PARTNER.get) + k
        if all(t["angle"] in SQUARES[PARTNER[t["ratio"]]] for t in terms)
        else None,
    ]
    positive = [m for m in mistakes if m is None or m > 0]
    wrong = choose_wrong(answer, positive, fraction_option, lambda i: answer + F(i, 2))
    steps, hindi_steps = _steps(terms, k, why_en, why_hi, answer)
    return assemble(
        rng,
        (fraction_option(answer),) * 2,
        [(fraction_option(w),) * 2 for w in wrong],
        stem=f"What is the value of ${expression}$?",
        hindi_stem=f"${expression}$ का मान क्या है?",
        steps=steps,
        hindi_steps=hindi_steps,
        params=params,
    )
