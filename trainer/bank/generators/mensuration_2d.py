"""Mensuration 2D: areas of rectangles (fields, paths), circles (pi = 22/7, radii multiples of 7) and triangles
(Pythagoras, isosceles, Heron's formula)."""

from __future__ import annotations

import random
from fractions import Fraction
from math import isqrt

from trainer.bank.generators._quant import build, show, tex
from trainer.bank.generators.base import Generated, generator

PI = Fraction(22, 7)
TRIPLES = [(3, 4, 5), (5, 12, 13), (8, 15, 17), (7, 24, 25), (20, 21, 29), (9, 40, 41)]
ISOSCELES = [(5, 6, 4), (5, 8, 3), (13, 10, 12), (13, 24, 5), (17, 16, 15), (25, 14, 24), (25, 48, 7), (17, 30, 8)]
SQ = {"m": ("sq. m", "वर्ग मीटर"), "cm": ("sq. cm", "वर्ग सेमी")}
LENGTH_HI = {"m": "मीटर", "cm": "सेमी"}


def heron_area(a: int, b: int, c: int) -> Fraction | None:
    s = Fraction(a + b + c, 2)
    square = s * (s - a) * (s - b) * (s - c)
    if square <= 0 or square.denominator != 1 or isqrt(int(square)) ** 2 != square:
        return None
    return Fraction(isqrt(int(square)))


HERON = [
    (a, b, c)
    for a in range(4, 31)
    for b in range(a + 1, 31)
    for c in range(b + 1, min(a + b, 31))
    if a * a + b * b != c * c and heron_area(a, b, c)
]


def _rectangle_perimeter(rng: random.Random):
    """Area of a rectangle from its perimeter and length."""
    b = rng.randint(5, 40)
    ln = rng.randint(b + 2, 60)
    p = {"shape": "rectangle", "ask": "area-from-perimeter", "length": ln, "perimeter": 2 * (ln + b)}
    area = ln * b
    stem = f"The perimeter of a rectangular field is {2 * (ln + b)} m and its length is {ln} m. What is its area?"
    hindi = f"एक आयताकार खेत का परिमाप {2 * (ln + b)} मीटर और लंबाई {ln} मीटर है। उसका क्षेत्रफल क्या है?"
    steps = [
        f"Breadth $= \\frac{{{2 * (ln + b)}}}{{2}} - {ln} = {b}$ m; area $= {ln} \\times {b} = {area}$ sq. m.",
        "Forgetting to halve the perimeter first is the usual slip.",
    ]
    hsteps = [
        f"चौड़ाई $= \\frac{{{2 * (ln + b)}}}{{2}} - {ln} = {b}$ मीटर; क्षेत्रफल $= {ln} \\times {b} = {area}$ वर्ग मीटर।",
        "परिमाप को पहले आधा न करना आम गलती है।",
    ]
    return p, stem, hindi, steps, hsteps, area, [2 * ln * b, ln * (ln + b), 2 * (ln + b) * b]


def _rectangle_ratio(rng: random.Random):
    """Area of a rectangle from the ratio of its sides and its perimeter."""
    x, (a, b) = rng.randint(2, 12), rng.choice([(3, 2), (4, 3), (5, 3), (5, 4), (7, 4), (7, 5), (8, 5), (9, 7)])
    perimeter = 2 * (a + b) * x
    p = {"shape": "rectangle", "ask": "area-from-ratio", "ratio": [a, b], "perimeter": perimeter}
    area = a * b * x * x
    stem = (
        f"The length and breadth of a rectangle are in the ratio {a} : {b} and its perimeter is {perimeter} "
        "m. What is its area?"
    )
    hindi = f"एक आयत की लंबाई और चौड़ाई का अनुपात {a} : {b} है और उसका परिमाप {perimeter} मीटर है। उसका क्षेत्रफल क्या है?"
    steps = [
        f"$2({a}x + {b}x) = {perimeter}$, so $x = {x}$: length {a * x} m, breadth {b * x} m.",
        f"Area $= {a * x} \\times {b * x} = {area}$ sq. m. Dividing the perimeter by {a + b} without "
        "halving it first quadruples the area.",
    ]
    hsteps = [
        f"$2({a}x + {b}x) = {perimeter}$, अतः $x = {x}$: लंबाई {a * x} मीटर, चौड़ाई {b * x} मीटर।",
        f"क्षेत्रफल $= {a * x} \\times {b * x} = {area}$ वर्ग मीटर। परिमाप को आधा किए बिना {a + b} से भाग "
        "देने पर क्षेत्रफल 4 गुना हो जाता है।",
    ]
    return p, stem, hindi, steps, hsteps, area, [4 * area, a * b * x, 2 * area]


def _rectangle_path(rng: random.Random):
    """Area of a path of uniform width around a rectangular park."""
    b, w = rng.randint(10, 50), rng.randint(1, 5)
    ln = rng.randint(b + 5, 90)
    p = {"shape": "rectangle", "ask": "path", "length": ln, "breadth": b, "width": w}
    area = (ln + 2 * w) * (b + 2 * w) - ln * b
    stem = (
        f"A rectangular park is {ln} m long and {b} m wide. A path {w} m wide runs all around it outside. What is "
        "the area of the path?"
    )
    hindi = (
        f"एक आयताकार पार्क {ln} मीटर लंबा और {b} मीटर चौड़ा है। उसके चारों ओर बाहर की तरफ {w} मीटर चौड़ा रास्ता "
        "है। रास्ते का क्षेत्रफल क्या है?"
    )
    outer = f"({ln} + {2 * w}) \\times ({b} + {2 * w}) - {ln} \\times {b}"
    steps = [
        f"Outer rectangle: the path adds {w} m on each side, so $ {outer} = {area}$ sq. m.",
        f"Adding the width only once ({ln + w} × {b + w}) is the usual slip.",
    ]
    hsteps = [
        f"बाहरी आयत: रास्ता हर ओर {w} मीटर जोड़ता है, अतः $ {outer} = {area}$ वर्ग मीटर।",
        f"चौड़ाई केवल एक बार जोड़ना ({ln + w} × {b + w}) आम गलती है।",
    ]
    return (
        p,
        stem,
        hindi,
        steps,
        hsteps,
        area,
        [(ln + w) * (b + w) - ln * b, 2 * w * (ln + b), (ln + 2 * w) * (b + 2 * w)],
    )


def _circle_basics(r: int):
    """Area, circumference and the area step shared by the circle questions."""
    area, circumference = PI * r * r, 2 * PI * r
    area_step = f"Area $= \\frac{{22}}{{7}} \\times {r} \\times {r} = {tex(area)}$ sq. cm."
    harea_step = f"क्षेत्रफल $= \\frac{{22}}{{7}} \\times {r} \\times {r} = {tex(area)}$ वर्ग सेमी।"
    return area, circumference, area_step, harea_step


def _circle_diameter(rng: random.Random):
    """Area of a circle from its diameter."""
    r = 7 * rng.randint(1, 4)
    area, circumference, area_step, harea_step = _circle_basics(r)
    p = {"shape": "circle", "ask": "area-from-diameter", "diameter": 2 * r}
    stem = f"What is the area of a circle of diameter {2 * r} cm? (Take $\\pi = \\frac{{22}}{{7}}$.)"
    hindi = f"{2 * r} सेमी व्यास वाले वृत्त का क्षेत्रफल क्या है? ($\\pi = \\frac{{22}}{{7}}$ लें।)"
    steps = [
        f"Radius $= {2 * r} \\div 2 = {r}$ cm.",
        area_step,
        "Using the diameter as the radius gives 4 times the area.",
    ]
    hsteps = [
        f"त्रिज्या $= {2 * r} \\div 2 = {r}$ सेमी।",
        harea_step,
        "व्यास को ही त्रिज्या मान लेने पर क्षेत्रफल 4 गुना आता है।",
    ]
    return p, stem, hindi, steps, hsteps, area, [4 * area, circumference, 2 * area]


def _circle_circumference(rng: random.Random):
    """Area of a circle from its circumference."""
    r = 7 * rng.randint(1, 6)
    area, circumference, area_step, harea_step = _circle_basics(r)
    p = {"shape": "circle", "ask": "area-from-circumference", "circumference": int(circumference)}
    stem = (
        f"The circumference of a circle is {show(circumference)} cm. What is its area? "
        "(Take $\\pi = \\frac{22}{7}$.)"
    )
    hindi = f"एक वृत्त की परिधि {show(circumference)} सेमी है। उसका क्षेत्रफल क्या है? ($\\pi = \\frac{{22}}{{7}}$ लें।)"
    work = f"2 \\times \\frac{{22}}{{7}} \\times r = {show(circumference)}"
    steps = [f"$ {work}$, so $r = {r}$ cm.", area_step, "Taking the circumference as $\\pi r$ doubles the radius."]
    hsteps = [f"$ {work}$, अतः $r = {r}$ सेमी।", harea_step, "परिधि को $\\pi r$ मान लेने से त्रिज्या दोगुनी हो जाती है।"]
    return p, stem, hindi, steps, hsteps, area, [4 * area, 2 * area, area + circumference]


def _circle_gap(rng: random.Random):
    """Area of a circle from circumference − diameter."""
    r = 7 * rng.randint(1, 5)
    area, circumference, area_step, harea_step = _circle_basics(r)
    gap = circumference - 2 * r
    p = {"shape": "circle", "ask": "area-from-gap", "gap": int(gap)}
    stem = (
        f"The difference between the circumference and the diameter of a circle is {show(gap)} cm. What is its "
        "area? (Take $\\pi = \\frac{22}{7}$.)"
    )
    hindi = f"एक वृत्त की परिधि और व्यास का अंतर {show(gap)} सेमी है। उसका क्षेत्रफल क्या है? ($\\pi = \\frac{{22}}{{7}}$ लें।)"
    work = f"2r\\left(\\frac{{22}}{{7}} - 1\\right) = \\frac{{30r}}{{7}} = {show(gap)}"
    steps = [
        f"$ {work}$, so $r = {r}$ cm.",
        area_step,
        "Forgetting that the diameter is 2r (writing $\\pi r - r$) is the usual slip.",
    ]
    hsteps = [f"$ {work}$, अतः $r = {r}$ सेमी।", harea_step, "व्यास को 2r के बजाय r लेना ($\\pi r - r$) आम गलती है।"]
    return p, stem, hindi, steps, hsteps, area, [4 * area, circumference, 2 * area]


def _triangle_right(rng: random.Random):
    """Area of a right triangle from the hypotenuse and one side."""
    a, b, h = rng.choice(TRIPLES)
    k = rng.randint(1, max(1, 60 // h))
    if rng.random() < 0.5:
        a, b = b, a
    a, b, h = a * k, b * k, h * k
    p = {"shape": "triangle", "ask": "right", "leg": a, "hypotenuse": h}
    area = Fraction(a * b, 2)
    stem = (
        f"The hypotenuse of a right-angled triangle is {h} cm and one of the other sides is {a} cm. What is its area?"
    )
    hindi = f"एक समकोण त्रिभुज का कर्ण {h} सेमी और एक अन्य भुजा {a} सेमी है। उसका क्षेत्रफल क्या है?"
    third = f"\\sqrt{{{h}^2 - {a}^2}} = {b}"
    steps = [
        f"Third side $= {third}$ cm.",
        f"Area $= \\frac{{1}}{{2}} \\times {a} \\times {b} = {tex(area)}$ sq. cm. Using the hypotenuse as "
        "the height is the usual slip.",
    ]
    hsteps = [
        f"तीसरी भुजा $= {third}$ सेमी।",
        f"क्षेत्रफल $= \\frac{{1}}{{2}} \\times {a} \\times {b} = {tex(area)}$ वर्ग सेमी। कर्ण को ऊँचाई मान लेना आम गलती है।",
    ]
    return p, stem, hindi, steps, hsteps, area, [Fraction(a * h, 2), a * b, Fraction(b * h, 2)]


def _triangle_isosceles(rng: random.Random):
    """Area of an isosceles triangle from its sides."""
    s, base, height = rng.choice(ISOSCELES)
    k = rng.randint(1, max(1, 50 // max(s, base)))
    s, base, height = s * k, base * k, height * k
    p = {"shape": "triangle", "ask": "isosceles", "side": s, "base": base}
    area = Fraction(base * height, 2)
    stem = f"The two equal sides of an isosceles triangle are {s} cm each and its base is {base} cm. What is its area?"
    hindi = f"एक समद्विबाहु त्रिभुज की दोनों समान भुजाएँ प्रत्येक {s} सेमी की हैं और आधार {base} सेमी है। उसका क्षेत्रफल क्या है?"
    work = f"\\sqrt{{{s}^2 - {tex(Fraction(base, 2))}^2}} = {height}"
    steps = [
        f"The height bisects the base: height $= {work}$ cm.",
        f"Area $= \\frac{{1}}{{2}} \\times {base} \\times {height} = {tex(area)}$ sq. cm. Taking the equal "
        "side as the height is the usual slip.",
    ]
    hsteps = [
        f"ऊँचाई आधार को समद्विभाजित करती है: ऊँचाई $= {work}$ सेमी।",
        f"क्षेत्रफल $= \\frac{{1}}{{2}} \\times {base} \\times {height} = {tex(area)}$ वर्ग सेमी। समान भुजा "
        "को ऊँचाई मान लेना आम गलती है।",
    ]
    return p, stem, hindi, steps, hsteps, area, [Fraction(base * s, 2), base * height, Fraction(s * height, 2)]


def _triangle_heron(rng: random.Random):
    """Area of a scalene triangle by Heron's formula."""
    a, b, c = rng.choice(HERON)
    k = rng.randint(1, max(1, 40 // c))
    a, b, c = a * k, b * k, c * k
    p = {"shape": "triangle", "ask": "heron", "sides": [a, b, c]}
    area = heron_area(a, b, c)
    s = Fraction(a + b + c, 2)
    work = f"\\sqrt{{{tex(s)} \\times {tex(s - a)} \\times {tex(s - b)} \\times {tex(s - c)}}} = {tex(area)}"
    stem = f"What is the area of a triangle whose sides are {a} cm, {b} cm and {c} cm?"
    hindi = f"उस त्रिभुज का क्षेत्रफल क्या है जिसकी भुजाएँ {a} सेमी, {b} सेमी और {c} सेमी हैं?"
    steps = [
        f"Semi-perimeter $s = \\frac{{{a} + {b} + {c}}}{{2}} = {tex(s)}$ cm.",
        f"Heron's formula: area $= {work}$ sq. cm. The triangle is not right-angled, so half the product of two "
        "sides is wrong.",
    ]
    hsteps = [
        f"अर्धपरिमाप $s = \\frac{{{a} + {b} + {c}}}{{2}} = {tex(s)}$ सेमी।",
        f"हीरोन का सूत्र: क्षेत्रफल $= {work}$ वर्ग सेमी। त्रिभुज समकोण नहीं है, इसलिए दो भुजाओं के गुणनफल का आधा गलत है।",
    ]
    return p, stem, hindi, steps, hsteps, area, [Fraction(a * b, 2), 2 * area, Fraction(b * c, 2)]


VARIANTS = {
    "easy": [_rectangle_perimeter, _circle_diameter, _triangle_right],
    "medium": [_rectangle_ratio, _circle_circumference, _triangle_isosceles],
    "hard": [_rectangle_path, _circle_gap, _triangle_heron],
}


@generator("quant-mensuration-2d-area", "quant", "mensuration", "Area of rectangles, circles and triangles")
def plane_figures(rng: random.Random, difficulty: str) -> Generated:
    """Rectangle: from the perimeter (easy), from a ratio (medium), a path around it (hard). Circle: from the
    diameter, the circumference, the circumference − diameter. Triangle: right, isosceles, Heron."""
    make = rng.choice(VARIANTS[difficulty])
    p, stem, hindi_stem, steps, hindi_steps, answer, slips = make(rng)
    en, hi = SQ["m" if p["shape"] == "rectangle" else "cm"]
    return build(
        rng, answer, slips, stem=stem, hindi_stem=hindi_stem, steps=steps, hindi_steps=hindi_steps, params=p,
        en=lambda v: f"{show(v)} {en}", hi=lambda v: f"{show(v)} {hi}", fallback=lambda i: answer + 2 * i,
    )  # fmt: skip
