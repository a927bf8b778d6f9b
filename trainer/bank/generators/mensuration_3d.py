"""Mensuration 3D: volume and surface of cubes, cuboids, cylinders, cones and spheres (pi = 22/7, radii multiples
of 7), and solids melted and recast into others."""

from __future__ import annotations

import random
from fractions import Fraction

from trainer.bank.generators._quant import build, retry, show, tex
from trainer.bank.generators.base import Generated, generator

PI = Fraction(22, 7)
PI_NOTE = ("(Take $\\pi = \\frac{22}{7}$.)", "($\\pi = \\frac{22}{7}$ लें।)")
CONES = [(7, 24, 25), (21, 28, 35), (14, 48, 50), (28, 21, 35), (35, 12, 37), (42, 40, 58)]  # r, h, slant
UNITS = {
    "volume": ("cu. cm", "घन सेमी"),
    "area": ("sq. cm", "वर्ग सेमी"),
    "length": ("cm", "सेमी"),
    "count": ("", ""),
}


def _easy(rng: random.Random):
    shape = rng.choice(["cube", "cylinder", "sphere"])
    if shape == "cube":
        a = rng.randint(2, 15)
        p = {"shape": "cube", "ask": "volume-from-surface", "surface": 6 * a * a}
        stem = f"The total surface area of a cube is {6 * a * a} sq. cm. What is its volume?"
        hindi = f"एक घन का संपूर्ण पृष्ठीय क्षेत्रफल {6 * a * a} वर्ग सेमी है। उसका आयतन क्या है?"
        steps = [f"$6a^2 = {6 * a * a}$, so $a^2 = {a * a}$ and $a = {a}$ cm.", f"Volume $= {a}^3 = {a**3}$ cu. cm."]
        hsteps = [f"$6a^2 = {6 * a * a}$, अतः $a^2 = {a * a}$ और $a = {a}$ सेमी।", f"आयतन $= {a}^3 = {a**3}$ घन सेमी।"]
        return p, stem, hindi, steps, hsteps, Fraction(a**3), [6 * a * a, a * a, 2 * a**3], "volume"
    r = 7 * rng.randint(1, 3)
    if shape == "cylinder":
        h = rng.randint(3, 30)
        p = {"shape": "cylinder", "ask": "volume", "radius": r, "height": h}
        answer = PI * r * r * h
        stem = f"What is the volume of a cylinder of radius {r} cm and height {h} cm? {PI_NOTE[0]}"
        hindi = f"{r} सेमी त्रिज्या और {h} सेमी ऊँचाई वाले बेलन का आयतन क्या है? {PI_NOTE[1]}"
        work = f"\\pi r^2 h = \\frac{{22}}{{7}} \\times {r}^2 \\times {h} = {tex(answer)}"
        steps, hsteps = (
            [f"Volume $= {work}$ cu. cm. The curved surface $2\\pi rh$ is not the volume."],
            [f"आयतन $= {work}$ घन सेमी। वक्र पृष्ठ $2\\pi rh$ आयतन नहीं है।"],
        )
        return p, stem, hindi, steps, hsteps, answer, [2 * PI * r * h, answer / 3, 2 * answer], "volume"
    p = {"shape": "sphere", "ask": "surface", "radius": r}
    answer = 4 * PI * r * r
    stem = f"What is the surface area of a sphere of radius {r} cm? {PI_NOTE[0]}"
    hindi = f"{r} सेमी त्रिज्या वाले गोले का पृष्ठीय क्षेत्रफल क्या है? {PI_NOTE[1]}"
    work = f"4\\pi r^2 = 4 \\times \\frac{{22}}{{7}} \\times {r}^2 = {tex(answer)}"
    steps = [f"Surface area $= {work}$ sq. cm. $\\pi r^2$ is only the area of a great circle."]
    hsteps = [f"पृष्ठीय क्षेत्रफल $= {work}$ वर्ग सेमी। $\\pi r^2$ केवल एक वृहत वृत्त का क्षेत्रफल है।"]
    return p, stem, hindi, steps, hsteps, answer, [PI * r * r, 2 * PI * r * r, 3 * PI * r * r], "area"


def _medium(rng: random.Random):
    shape = rng.choice(["cone", "cuboid", "hemisphere"])
    if shape == "cone":
        r, h, slant = rng.choice(CONES)
        p = {"shape": "cone", "ask": "total-surface", "radius": r, "height": h}
        answer = PI * r * (slant + r)
        stem = f"What is the total surface area of a cone of radius {r} cm and height {h} cm? {PI_NOTE[0]}"
        hindi = f"{r} सेमी त्रिज्या और {h} सेमी ऊँचाई वाले शंकु का संपूर्ण पृष्ठीय क्षेत्रफल क्या है? {PI_NOTE[1]}"
        steps = [
            f"Slant height $l = \\sqrt{{{r}^2 + {h}^2}} = {slant}$ cm.",
            f"Total surface $= \\pi r(l + r) = \\frac{{22}}{{7}} \\times {r} \\times {slant + r} = "
            f"{tex(answer)}$ sq. cm. "
            "Using the height instead of the slant height, or leaving out the base, are the usual slips.",
        ]
        hsteps = [
            f"तिर्यक ऊँचाई $l = \\sqrt{{{r}^2 + {h}^2}} = {slant}$ सेमी।",
            f"संपूर्ण पृष्ठ $= \\pi r(l + r) = \\frac{{22}}{{7}} \\times {r} \\times {slant + r} = {tex(answer)}$ वर्ग सेमी। "
            "तिर्यक ऊँचाई की जगह ऊँचाई लेना या आधार छोड़ देना आम गलतियाँ हैं।",
        ]
        return p, stem, hindi, steps, hsteps, answer, [PI * r * slant, PI * r * (h + r), PI * r * h], "area"
    if shape == "cuboid":
        ln, b, h = sorted(rng.sample(range(3, 25), 3), reverse=True)
        p = {"shape": "cuboid", "ask": "total-surface", "dimensions": [ln, b, h]}
        answer = Fraction(2 * (ln * b + b * h + h * ln))
        stem = f"What is the total surface area of a cuboid {ln} cm long, {b} cm wide and {h} cm high?"
        hindi = f"{ln} सेमी लंबे, {b} सेमी चौड़े और {h} सेमी ऊँचे घनाभ का संपूर्ण पृष्ठीय क्षेत्रफल क्या है?"
        work = f"2({ln} \\times {b} + {b} \\times {h} + {h} \\times {ln}) = {tex(answer)}"
        steps = [f"Total surface $= {work}$ sq. cm. Forgetting the factor 2 counts only three of the six faces."]
        hsteps = [f"संपूर्ण पृष्ठ $= {work}$ वर्ग सेमी। 2 का गुणा भूलने से छह में से केवल तीन फलक गिने जाते हैं।"]
        return p, stem, hindi, steps, hsteps, answer, [answer / 2, ln * b * h, 2 * h * (ln + b)], "area"
    r = 7 * rng.randint(1, 4)
    p = {"shape": "hemisphere", "ask": "total-surface", "radius": r}
    answer = 3 * PI * r * r
    stem = f"What is the total surface area of a solid hemisphere of radius {r} cm? {PI_NOTE[0]}"
    hindi = f"{r} सेमी त्रिज्या वाले ठोस अर्धगोले का संपूर्ण पृष्ठीय क्षेत्रफल क्या है? {PI_NOTE[1]}"
    work = f"2\\pi r^2 + \\pi r^2 = 3 \\times \\frac{{22}}{{7}} \\times {r}^2 = {tex(answer)}"
    steps = [
        f"Curved surface plus the flat circular face: ${work}$ sq. cm. Leaving out the flat face is the usual slip."
    ]
    hsteps = [f"वक्र पृष्ठ और समतल वृत्ताकार फलक: ${work}$ वर्ग सेमी। समतल फलक छोड़ देना आम गलती है।"]
    return p, stem, hindi, steps, hsteps, answer, [2 * PI * r * r, 4 * PI * r * r, PI * r * r], "area"


def _recast_spheres(rng: random.Random):
    """A big sphere melted into small spheres: how many."""
    small = rng.randint(1, 4)
    big = small * rng.randint(2, 5)
    p = {"shape": "sphere", "ask": "recast-spheres", "big": big, "small": small}
    answer = Fraction(big**3, small**3)
    stem = (
        f"A solid metal sphere of radius {big} cm is melted and recast into small spheres of radius {small} "
        "cm each. How many small spheres are made?"
    )
    hindi = (
        f"{big} सेमी त्रिज्या वाले धातु के एक ठोस गोले को पिघलाकर {small} सेमी त्रिज्या वाले छोटे गोले बनाए जाते हैं। कितने छोटे गोले बनेंगे?"
    )
    work = (
        f"\\frac{{\\frac{{4}}{{3}}\\pi \\times {big}^3}}{{\\frac{{4}}{{3}}\\pi \\times {small}^3}} = "
        f"\\left(\\frac{{{big}}}{{{small}}}\\right)^3 = {tex(answer)}"
    )
    steps = [
        f"Volume is conserved: number $= {work}$.",
        "Comparing radii or surface areas (squares) instead of volumes (cubes) is the usual slip.",
    ]
    hsteps = [f"आयतन समान रहता है: संख्या $= {work}$।", "आयतन (घन) के बजाय त्रिज्या या पृष्ठ (वर्ग) की तुलना करना आम गलती है।"]
    ratio = Fraction(big, small)
    return p, stem, hindi, steps, hsteps, answer, [ratio**2, ratio, 3 * ratio], "count"


def _recast_cones(rng: random.Random):
    """A cylinder melted into cones: how many."""

    def draw(g):
        r = 7 * g.randint(1, 3)
        cone_r, cone_h, count = g.choice(sorted({7, r})), g.randint(2, 24), g.randint(2, 40)
        return {"r": r, "cone_r": cone_r, "cone_h": cone_h, "h": Fraction(count * cone_r**2 * cone_h, 3 * r * r)}

    d = retry(rng, draw, lambda d: d["h"].denominator == 1 and 3 <= d["h"] <= 60)
    r, h, cone_r, cone_h = d["r"], int(d["h"]), d["cone_r"], d["cone_h"]
    p = {
        "shape": "cylinder",
        "ask": "recast-cones",
        "radius": r,
        "height": h,
        "cone_radius": cone_r,
        "cone_height": cone_h,
    }
    answer = Fraction(3 * r * r * h, cone_r * cone_r * cone_h)
    stem = (
        f"A solid metal cylinder of radius {r} cm and height {h} cm is melted and recast into cones of radius "
        f"{cone_r} cm and height {cone_h} cm. How many cones are made?"
    )
    hindi = (
        f"{r} सेमी त्रिज्या और {h} सेमी ऊँचाई वाले धातु के एक ठोस बेलन को पिघलाकर {cone_r} सेमी त्रिज्या और "
        f"{cone_h} सेमी ऊँचाई वाले शंकु बनाए जाते हैं। कितने शंकु बनेंगे?"
    )
    work = (
        f"\\frac{{\\pi \\times {r}^2 \\times {h}}}{{\\frac{{1}}{{3}}\\pi \\times {cone_r}^2 \\times {cone_h}}} = "
        f"{tex(answer)}"
    )
    steps = [
        f"Volume is conserved: number $= {work}$.",
        "Forgetting the $\\frac{1}{3}$ in the cone's volume gives a third of the answer.",
    ]
    hsteps = [f"आयतन समान रहता है: संख्या $= {work}$।", "शंकु के आयतन में $\\frac{1}{3}$ भूलने से उत्तर का एक-तिहाई आता है।"]
    return p, stem, hindi, steps, hsteps, answer, [answer / 3, 3 * answer, 2 * answer, answer * cone_r / r], "count"


def _hard(rng: random.Random):
    """A solid melted and recast into others."""
    return rng.choice([_recast_spheres, _recast_cones])(rng)


@generator("quant-mensuration-3d-solids", "quant", "mensuration", "Volume and surface of solids; melting and recasting")
def solids(rng: random.Random, difficulty: str) -> Generated:
    """Easy: one formula (cube, cylinder, sphere); medium: two steps (cone's slant height, cuboid, hemisphere);
    hard: a solid melted and recast into others (count by volumes)."""
    make = {"easy": _easy, "medium": _medium, "hard": _hard}[difficulty]
    p, stem, hindi_stem, steps, hindi_steps, answer, slips, kind = make(rng)
    en, hi = UNITS[kind]
    return build(
        rng, answer, [s for s in slips if Fraction(s).denominator == 1], stem=stem, hindi_stem=hindi_stem,
        steps=steps, hindi_steps=hindi_steps, params=p,
        en=lambda v: f"{show(v)} {en}".strip(), hi=lambda v: f"{show(v)} {hi}".strip(),
        fallback=lambda i: answer + i * (1 if kind == "count" else 22),
    )  # fmt: skip
