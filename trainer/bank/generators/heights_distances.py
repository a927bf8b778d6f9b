"""Heights and distances with angles of 30°, 45° and 60°: a tower seen from a point, a kite on a string, and a
tower seen from two points on the same side. Answers keep the surd: $10\\sqrt{3}$ m, $15(\\sqrt{3}+1)$ m.

Mistakes offered: tan of the other angle (30° for 60°), sin or cos for tan, and the opposite-sides formula.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction as F
from math import gcd

from trainer.bank.generators._bilingual import assemble, choose_wrong
from trainer.bank.generators.base import Generated, generator


@dataclass(frozen=True)
class Surd:
    """a + b·√r with rational a and b (r is 2 or 3)."""

    a: F
    b: F = F(0)
    r: int = 3

    def __mul__(self, other: Surd) -> Surd:
        r = other.r if self.b == 0 else self.r
        return Surd(self.a * other.a + self.b * other.b * r, self.a * other.b + self.b * other.a, r)

    def inverse(self) -> Surd:
        norm = self.a * self.a - self.b * self.b * self.r
        return Surd(self.a / norm, -self.b / norm, self.r)

    def __sub__(self, other: Surd) -> Surd:
        return Surd(self.a - other.a, self.b - other.b, other.r if self.b == 0 else self.r)

    def __add__(self, other: Surd) -> Surd:
        return self - Surd(-other.a, -other.b, other.r)

    def show(self) -> str | None:
        """LaTeX such as 10\\sqrt{3}, 15(\\sqrt{3}+1) or 20; None unless both parts are whole and positive."""
        a, b = self.a, self.b
        if a.denominator != 1 or b.denominator != 1 or float(a) + float(b) * self.r**0.5 <= 0:
            return None
        root = f"\\sqrt{{{self.r}}}"
        if b == 0:
            return str(a)
        if a == 0:
            return root if b == 1 else f"{b}{root}"
        g = gcd(int(a), int(b))
        x, y = int(a) // g, int(b) // g
        surd = f"{'' if abs(y) == 1 else abs(y)}{root}"
        if x < 0:  # a negative whole part follows the surd: √3-1
            return self._scaled(g, f"{surd}-{-x}")
        return self._scaled(g, f"{root}+1" if x == 1 and y == 1 else f"{x}{'+' if y > 0 else '-'}{surd}")

    @staticmethod
    def _scaled(g: int, inner: str) -> str:
        return inner if g == 1 else f"{g}({inner})"


ONE = Surd(F(1))
TAN = {30: Surd(F(0), F(1, 3)), 45: ONE, 60: Surd(F(0), F(1))}
SIN = {30: Surd(F(1, 2)), 45: Surd(F(0), F(1, 2), 2), 60: Surd(F(0), F(1, 2))}
COS = {30: SIN[60], 45: SIN[45], 60: SIN[30]}
TAN_TEX = {30: "\\frac{1}{\\sqrt{3}}", 45: "1", 60: "\\sqrt{3}"}
SIN_TEX = {30: "\\frac{1}{2}", 45: "\\frac{1}{\\sqrt{2}}", 60: "\\frac{\\sqrt{3}}{2}"}
STEPS = {"easy": (10, 60), "medium": (20, 100), "hard": (10, 100)}


def metres(value: Surd) -> tuple[str, str] | None:
    text = value.show()
    return None if text is None else (f"${text}$ m", f"${text}$ मीटर")


def _options(answer: Surd, mistakes: list[Surd]):
    """The correct height and three mistakes (those that come out as whole surds), topped up by multiples."""
    wrong = choose_wrong(
        metres(answer),
        [metres(m) for m in mistakes],
        lambda pair: pair[0],
        lambda i: metres(Surd(answer.a * (i + 1), answer.b * (i + 1), answer.r)),
    )
    return metres(answer), wrong


def _tower(rng: random.Random, difficulty: str):
    angle = rng.choice([30, 45, 60])
    low, high = STEPS[difficulty]
    distance = 3 * rng.randint(low // 3 + 1, high // 3) if angle == 30 else rng.randint(low, high)
    answer = Surd(F(distance)) * TAN[angle]
    mistakes = [
        Surd(F(distance)) * TAN[90 - angle],
        Surd(F(distance)) * SIN[angle],
        Surd(F(distance)) * COS[angle],
        *(Surd(F(distance)) * TAN[other] for other in (30, 45, 60)),
    ]
    stem = (
        f"The angle of elevation of the top of a tower from a point on the ground {distance} m away from its "
        f"foot is ${angle}^\\circ$. What is the height of the tower?"
    )
    hindi_stem = (
        f"मीनार के पाद से {distance} मीटर दूर भूमि पर स्थित एक बिंदु से मीनार के शिखर का उन्नयन कोण "
        f"${angle}^\\circ$ है। मीनार की ऊँचाई क्या है?"
    )
    work = f"h = {distance} \\tan {angle}^\\circ = {distance} \\times {TAN_TEX[angle]} = {answer.show()}"
    steps = [
        f"Height and distance are the opposite and adjacent sides: $\\tan {angle}^\\circ = \\frac{{h}}{{{distance}}}$.",
        f"${work}$ m. Using sin, or the tan of the other angle, is the usual slip.",
    ]
    hindi_steps = [
        f"ऊँचाई सम्मुख भुजा और दूरी आसन्न भुजा है: $\\tan {angle}^\\circ = \\frac{{h}}{{{distance}}}$।",
        f"${work}$ मीटर। sin लेना या दूसरे कोण का tan लेना आम गलती है।",
    ]
    return (
        {"kind": "tower", "distance": distance, "angle": angle},
        answer,
        mistakes,
        stem,
        hindi_stem,
        steps,
        hindi_steps,
    )


def _kite(rng: random.Random, difficulty: str):
    angle = rng.choice([30, 45, 60])
    low, high = STEPS[difficulty]
    string = 2 * rng.randint(low // 2, high // 2)
    answer = Surd(F(string)) * SIN[angle]
    mistakes = [
        Surd(F(string)) * COS[angle] if angle != 45 else Surd(F(string)),
        Surd(F(string)) * SIN[angle].inverse(),
        Surd(F(string)) * TAN[angle],
    ]
    stem = (
        f"A kite is flying on a string {string} m long. The string makes an angle of ${angle}^\\circ$ with the "
        "level ground. Assuming the string is straight, how high is the kite?"
    )
    hindi_stem = (
        f"एक पतंग {string} मीटर लंबी डोर से उड़ रही है। डोर समतल भूमि से ${angle}^\\circ$ का कोण बनाती है। "
        "डोर को सीधा मानते हुए, पतंग की ऊँचाई क्या है?"
    )
    work = f"h = {string} \\sin {angle}^\\circ = {string} \\times {SIN_TEX[angle]} = {answer.show()}"
    steps = [
        f"The string is the hypotenuse and the height the opposite side: $\\sin {angle}^\\circ = "
        f"\\frac{{h}}{{{string}}}$.",
        f"${work}$ m. Taking cos or tan instead of sin is the usual slip.",
    ]
    hindi_steps = [
        f"डोर कर्ण है और ऊँचाई सम्मुख भुजा: $\\sin {angle}^\\circ = \\frac{{h}}{{{string}}}$।",
        f"${work}$ मीटर। sin के स्थान पर cos या tan लेना आम गलती है।",
    ]
    return {"kind": "kite", "string": string, "angle": angle}, answer, mistakes, stem, hindi_stem, steps, hindi_steps


def _two_points(rng: random.Random, difficulty: str):
    low, high = sorted(rng.choice([(30, 60), (30, 45), (45, 60)]))
    while True:
        gap = 2 * rng.randint(5, 50)
        answer = Surd(F(gap)) * (TAN[low].inverse() - TAN[high].inverse()).inverse()
        if answer.show() is not None and answer.a + 2 * answer.b <= 400:
            break
    cot_low, cot_high = TAN[low].inverse(), TAN[high].inverse()
    mistakes = [
        Surd(F(gap)) * (cot_low + cot_high).inverse(),
        Surd(F(gap)) * TAN[high],
        Surd(F(gap)) * (cot_low - cot_high),
        Surd(F(gap)) * TAN[low],
    ]
    stem = (
        f"From two points on the ground on the same side of a tower and in line with its foot, the angles of "
        f"elevation of its top are ${low}^\\circ$ and ${high}^\\circ$. The points are {gap} m apart. "
        "What is the height of the tower?"
    )
    hindi_stem = (
        f"किसी मीनार के एक ही ओर, उसके पाद की सीध में भूमि पर स्थित दो बिंदुओं से उसके शिखर के उन्नयन कोण "
        f"${low}^\\circ$ और ${high}^\\circ$ हैं। दोनों बिंदुओं के बीच की दूरी {gap} मीटर है। मीनार की ऊँचाई क्या है?"
    )
    formula = f"h(\\cot {low}^\\circ - \\cot {high}^\\circ) = {gap}"
    work = f"h = \\frac{{{gap}}}{{\\cot {low}^\\circ - \\cot {high}^\\circ}} = {answer.show()}"
    steps = [
        f"The foot is $h \\cot {high}^\\circ$ from the nearer point and $h \\cot {low}^\\circ$ from the farther "
        f"one, so ${formula}$.",
        f"${work}$ m (rationalise the denominator). Adding the cotangents (points on "
        "opposite sides) is the usual slip.",
    ]
    hindi_steps = [
        f"पाद की दूरी निकट बिंदु से $h \\cot {high}^\\circ$ और दूर बिंदु से $h \\cot {low}^\\circ$ है, अतः ${formula}$।",
        f"${work}$ मीटर (हर का परिमेयकरण करें)। cot को जोड़ देना (विपरीत ओर के बिंदु) आम गलती है।",
    ]
    params = {"kind": "two-points", "gap": gap, "angles": [low, high]}
    return params, answer, mistakes, stem, hindi_stem, steps, hindi_steps


@generator("quant-trigonometry-heights", "quant", "trigonometry", "Heights and distances with 30°, 45° and 60°")
def heights(rng: random.Random, difficulty: str) -> Generated:
    """Easy: a tower from one point; medium: a kite's height; hard: a tower seen from two points."""
    make = {"easy": _tower, "medium": rng.choice([_kite, _tower]), "hard": _two_points}[difficulty]
    params, answer, mistakes, stem, hindi_stem, steps, hindi_steps = make(rng, difficulty)
    correct, wrong = _options(answer, mistakes)
    return assemble(
        rng, correct, wrong, stem=stem, hindi_stem=hindi_stem, steps=steps, hindi_steps=hindi_steps, params=params
    )
