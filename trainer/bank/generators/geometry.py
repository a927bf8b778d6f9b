"""Geometry: angles of triangles, polygons and circles, as the exam asks them.

Easy: a triangle's angles in a given ratio (the largest or the smallest). Medium: the exterior-angle theorem, or
the number of sides of a regular polygon from its interior angle. Hard: the angle at a triangle's incentre, or
the angle an arc subtends at the circumference from the angle at the centre.

Mistakes offered: sharing 360° instead of 180°, answering another angle of the figure, adding where the theorem
subtracts, using the exterior angle as the interior one, the circumcentre's 2A for the incentre's 90° + A/2, and
the angle from the minor arc.
"""

from __future__ import annotations

import random
from fractions import Fraction

from trainer.bank.generators._quant import build, retry, show
from trainer.bank.generators.base import Generated, generator


def degrees(value) -> str:
    return f"{show(value)}°"


def possible(values: list) -> list:
    """Mistaken angles a triangle or circle could still show (a slip to 192° gives itself away)."""
    return [v if v is not None and 0 < v < 180 else None for v in values]


def near(answer, step: int):
    """Fallback mistakes: steps away from the answer, on the side that stays a possible angle."""
    return lambda i: answer + step * i if answer + step * i < 180 else answer - step * i


def _ratio_triangle(rng: random.Random) -> Generated:
    def draw(r):
        parts = sorted(r.sample(range(1, 10), 3))
        return {"form": "ratio", "parts": parts, "ask": r.choice(["largest", "smallest"])}

    p = retry(rng, draw, lambda p: 180 % sum(p["parts"]) == 0)
    a, b, c = p["parts"]
    unit = Fraction(180, a + b + c)
    angles = [a * unit, b * unit, c * unit]
    index = 2 if p["ask"] == "largest" else 0
    answer = angles[index]
    ask_hi = "सबसे बड़ा" if p["ask"] == "largest" else "सबसे छोटा"
    ratio = f"{a} : {b} : {c}"
    steps = [
        f"The angles are ${a}k$, ${b}k$ and ${c}k$, and a triangle's angles add up to 180°: "
        f"${a + b + c}k = 180$, so $k = {show(unit)}$.",
        f"The {p['ask']} angle is ${[a, c][index // 2]} \\times {show(unit)} = {show(answer)}$°. Sharing 360° "
        "(a full turn) instead of 180° doubles every angle.",
    ]
    hindi_steps = [
        f"कोण ${a}k$, ${b}k$ और ${c}k$ हैं, और त्रिभुज के कोणों का योग 180° होता है: "
        f"${a + b + c}k = 180$, अतः $k = {show(unit)}$।",
        f"{ask_hi} कोण ${[a, c][index // 2]} \\times {show(unit)} = {show(answer)}$° है। 180° के स्थान पर 360° (पूरा "
        "चक्कर) बाँटने से हर कोण दोगुना हो जाता है।",
    ]
    return build(
        rng, answer, possible([2 * answer, angles[1], angles[2 - index], answer / 2]),
        stem=f"The angles of a triangle are in the ratio {ratio}. What is its {p['ask']} angle?",
        hindi_stem=f"किसी त्रिभुज के कोणों का अनुपात {ratio} है। उसका {ask_hi} कोण कितना है?",
        steps=steps, hindi_steps=hindi_steps, params=p, en=degrees, fallback=near(answer, 5),
    )  # fmt: skip


def _exterior_angle(rng: random.Random) -> Generated:
    def draw(r):
        return {"form": "exterior", "exterior": r.randrange(70, 160, 2), "known": r.randrange(20, 80, 2)}

    p = retry(rng, draw, lambda p: p["exterior"] - p["known"] >= 15 and p["exterior"] + p["known"] < 180)
    x, y = p["exterior"], p["known"]
    answer = x - y
    steps = [
        "An exterior angle of a triangle equals the sum of the two interior opposite angles: "
        "$\\angle ACD = \\angle BAC + \\angle ABC$.",
        f"So $\\angle BAC = {x} - {y} = {answer}$°. Taking $\\angle ACB = 180 - {x} = {180 - x}$° as the answer, or "
        "adding the two given angles, are the usual slips.",
    ]
    hindi_steps = [
        "त्रिभुज का बहिष्कोण दोनों अंतःसम्मुख कोणों के योग के बराबर होता है: $\\angle ACD = \\angle BAC + \\angle ABC$।",
        f"अतः $\\angle BAC = {x} - {y} = {answer}$°। $\\angle ACB = 180 - {x} = {180 - x}$° को उत्तर मान लेना, या दोनों "
        "दिए गए कोणों को जोड़ देना, सामान्य गलतियाँ हैं।",
    ]
    return build(
        rng, answer, possible([180 - x, x + y, 180 - x - y, 180 - y]),
        stem=f"In triangle ABC, side BC is produced to D. If $\\angle ACD = {x}^\\circ$ and "
        f"$\\angle ABC = {y}^\\circ$, what is $\\angle BAC$?",
        hindi_stem=f"त्रिभुज ABC में भुजा BC को D तक बढ़ाया गया है। यदि $\\angle ACD = {x}^\\circ$ और "
        f"$\\angle ABC = {y}^\\circ$ है, तो $\\angle BAC$ कितना है?",
        steps=steps, hindi_steps=hindi_steps, params=p, en=degrees, fallback=near(answer, 10),
    )  # fmt: skip


def _polygon_sides(rng: random.Random) -> Generated:
    sides = rng.choice([5, 6, 8, 9, 10, 12, 15, 18, 20, 24, 30, 36])
    p = {"form": "polygon", "sides": sides}
    exterior = Fraction(360, sides)
    interior = 180 - exterior
    shown = show(interior)
    steps = [
        f"Each exterior angle is $180 - {shown} = {show(exterior)}$°, and the exterior angles of any polygon add up "
        "to 360°.",
        f"So the number of sides is $360 \\div {show(exterior)} = {sides}$. Dividing 360 by the interior angle "
        "instead is the usual slip.",
    ]
    hindi_steps = [
        f"प्रत्येक बहिष्कोण $180 - {shown} = {show(exterior)}$° है, और किसी भी बहुभुज के बहिष्कोणों का योग 360° होता है।",
        f"अतः भुजाओं की संख्या $360 \\div {show(exterior)} = {sides}$ है। 360 को अंतःकोण से भाग देना सामान्य गलती है।",
    ]
    return build(
        rng, sides, [sides + 2, sides - 2, 2 * sides, sides + 1],
        stem=f"Each interior angle of a regular polygon is {shown}°. How many sides does it have?",
        hindi_stem=f"एक सम बहुभुज का प्रत्येक अंतःकोण {shown}° है। उसकी कितनी भुजाएँ हैं?",
        steps=steps, hindi_steps=hindi_steps, params=p, fallback=lambda i: sides + 2 + i,
    )  # fmt: skip


def _incentre(rng: random.Random) -> Generated:
    top = rng.randrange(30, 130, 2)
    p = {"form": "incentre", "angle": top}
    answer = 90 + Fraction(top, 2)
    steps = [
        "The incentre is where the bisectors of the angles meet, so in triangle BIC the angles at B and C are "
        "half of $\\angle B$ and half of $\\angle C$.",
        f"$\\angle BIC = 180 - \\frac{{1}}{{2}}(180 - {top}) = 90 + \\frac{{{top}}}{{2}} = {show(answer)}$°. "
        f"The circumcentre would give $2 \\times {top} = {2 * top}$°: a different centre.",
    ]
    hindi_steps = [
        "अंतःकेंद्र कोण-समद्विभाजकों का मिलन बिंदु है, अतः त्रिभुज BIC में B और C पर कोण $\\angle B$ और $\\angle C$ के आधे हैं।",
        f"$\\angle BIC = 180 - \\frac{{1}}{{2}}(180 - {top}) = 90 + \\frac{{{top}}}{{2}} = {show(answer)}$°। "
        f"परिकेंद्र के लिए यह $2 \\times {top} = {2 * top}$° होता: वह दूसरा केंद्र है।",
    ]
    return build(
        rng, answer, possible([90 - Fraction(top, 2), 2 * top, 180 - top, 180 - Fraction(top, 2)]),
        stem=f"I is the incentre of triangle ABC. If $\\angle BAC = {top}^\\circ$, what is $\\angle BIC$?",
        hindi_stem=f"I, त्रिभुज ABC का अंतःकेंद्र है। यदि $\\angle BAC = {top}^\\circ$ है, तो $\\angle BIC$ कितना है?",
        steps=steps, hindi_steps=hindi_steps, params=p, en=degrees, fallback=near(answer, 5),
    )  # fmt: skip


def _centre_angle(rng: random.Random) -> Generated:
    centre = rng.randrange(40, 170, 2)
    p = {"form": "circle", "centre": centre}
    answer = Fraction(centre, 2)
    steps = [
        "The angle an arc subtends at the centre is twice the angle it subtends at any point on the rest of the "
        "circle.",
        f"C lies on the major arc, so $\\angle ACB = {centre} \\div 2 = {show(answer)}$°. A point on the minor arc "
        f"would see $180 - {show(answer)} = {show(180 - answer)}$°.",
    ]
    hindi_steps = [
        "कोई चाप केंद्र पर जो कोण बनाता है, वह वृत्त के शेष भाग के किसी बिंदु पर बनाए कोण का दोगुना होता है।",
        f"C दीर्घ चाप पर है, अतः $\\angle ACB = {centre} \\div 2 = {show(answer)}$°। लघु चाप पर स्थित बिंदु पर यह "
        f"$180 - {show(answer)} = {show(180 - answer)}$° होता।",
    ]
    return build(
        rng, answer, possible([180 - answer, centre, 2 * centre, 90 - answer]),
        stem=f"A, B and C are points on a circle with centre O, and C lies on the major arc AB. If "
        f"$\\angle AOB = {centre}^\\circ$, what is $\\angle ACB$?",
        hindi_stem=f"A, B और C केंद्र O वाले वृत्त पर स्थित बिंदु हैं, और C दीर्घ चाप AB पर है। यदि "
        f"$\\angle AOB = {centre}^\\circ$ है, तो $\\angle ACB$ कितना है?",
        steps=steps, hindi_steps=hindi_steps, params=p, en=degrees, fallback=near(answer, 5),
    )  # fmt: skip


FORMS = {
    "easy": [_ratio_triangle],
    "medium": [_exterior_angle, _polygon_sides],
    "hard": [_incentre, _centre_angle],
}


@generator("quant-geometry-angles", "quant", "geometry", "Angles of triangles, polygons and circles")
def angles(rng: random.Random, difficulty: str) -> Generated:
    """One of the angle facts of the difficulty's forms, chosen by the seed."""
    return rng.choice(FORMS[difficulty])(rng)
