"""Counting triangles: a triangle cut by k lines from its top vertex and m lines parallel to its base
((m + 1)·C(k + 2, 2) triangles), or a rectangle with its diagonals, midlines and the rhombus on its midpoints."""

from __future__ import annotations

import random

from trainer.bank.generators._figures import coord, svg
from trainer.bank.generators.base import Generated, distinct_wrong, generator, place

APEX, LEFT, RIGHT = (30, 6), (6, 54), (54, 54)
TRIANGLE_SIZES = {"easy": ((2, 3), (0, 0)), "medium": ((2, 3), (1, 1)), "hard": ((3, 4), (1, 2))}
RECT = {"corners": [(6, 12), (54, 12), (54, 48), (6, 48)]}
RECT_PARTS = {  # extra lines in the rectangle -> triangles by size (1/16, 1/8, 1/4, 1/2 of the rectangle)
    ("diagonals",): (0, 0, 4, 4),
    ("diagonals", "vertical"): (0, 4, 4, 4),
    ("diagonals", "vertical", "horizontal"): (0, 8, 4, 4),
    ("diagonals", "rhombus"): (8, 4, 4, 4),
    ("diagonals", "vertical", "horizontal", "rhombus"): (16, 16, 8, 4),
}
RECT_BY_LEVEL = {"easy": [0, 1], "medium": [2, 3], "hard": [4]}
PART_LINES = {
    "diagonals": [((6, 12), (54, 48)), ((54, 12), (6, 48))],
    "vertical": [((30, 12), (30, 48))],
    "horizontal": [((6, 30), (54, 30))],
    "rhombus": [((30, 12), (54, 30)), ((54, 30), (30, 48)), ((30, 48), (6, 30)), ((6, 30), (30, 12))],
}
PART_WORDS = {
    "diagonals": "both diagonals",
    "vertical": "the line joining the midpoints of the top and bottom sides",
    "horizontal": "the line joining the midpoints of the left and right sides",
    "rhombus": "the rhombus joining the midpoints of the four sides",
}
HINDI_PART_WORDS = {
    "diagonals": "दोनों विकर्ण",
    "vertical": "ऊपरी और निचली भुजाओं के मध्य-बिंदुओं को मिलाने वाली रेखा",
    "horizontal": "बाईं और दाईं भुजाओं के मध्य-बिंदुओं को मिलाने वाली रेखा",
    "rhombus": "चारों भुजाओं के मध्य-बिंदुओं को मिलाने वाला समचतुर्भुज",
}
SIZES = ("1/16", "1/8", "1/4", "1/2")


def draw(segments, label: str) -> str:
    body = "".join(
        f'<line x1="{coord(a[0])}" y1="{coord(a[1])}" x2="{coord(b[0])}" y2="{coord(b[1])}"/>' for a, b in segments
    )
    return svg(f'<g stroke="black" stroke-width="1.5">{body}</g>', label, 100)


def triangle_figure(rng: random.Random, difficulty: str) -> dict:
    """Cevian feet spread along the base, parallels at even heights (integer end points on the sides)."""
    (k_low, k_high), (m_low, m_high) = TRIANGLE_SIZES[difficulty]
    k, m = rng.randint(k_low, k_high), rng.randint(m_low, m_high)
    gap = 48 // (k + 1) - 2  # spread the feet so the lines stay apart near the top
    while True:
        feet = sorted(rng.sample(range(12, 49, 2), k))
        if all(b - a >= gap for a, b in zip([6, *feet], [*feet, 54])):
            break
    heights = sorted(rng.sample(range(28, 47, 8), m))
    segments = [(APEX, LEFT), (APEX, RIGHT), (LEFT, RIGHT)] + [(APEX, (x, 54)) for x in feet]
    segments += [((30 - (y - 6) // 2, y), (30 + (y - 6) // 2, y)) for y in heights]
    return {"figure": "triangle", "k": k, "m": m, "segments": segments}


@generator("reasoning-counting-figures-triangles", "reasoning", "counting-figures", "Count the triangles in a figure")
def count_triangles(rng: random.Random, difficulty: str) -> Generated:
    """Options: the full count and the counts that skip a family of triangles (a real miscount each)."""
    if rng.random() < 0.6:
        params = triangle_figure(rng, difficulty)
        answer, wrong, steps = triangle_count(params)
    else:
        parts = list(RECT_PARTS)[rng.choice(RECT_BY_LEVEL[difficulty])]
        segments = list(zip(RECT["corners"], RECT["corners"][1:] + RECT["corners"][:1]))
        segments += [s for p in parts for s in PART_LINES[p]]
        params = {"figure": "rectangle", "parts": list(parts), "segments": segments}
        answer, wrong, steps = rectangle_count(parts)
    figure = draw(params["segments"], describe(params, 0))
    hindi_figure = draw(params["segments"], describe(params, 1))
    wrong = distinct_wrong(answer, wrong, rng, lambda i: answer + 2 * i)
    options, key = place(str(answer), [str(w) for w in wrong], rng)
    return Generated(
        f"How many triangles are there in the given figure?\n\n{figure}",
        options,
        key,
        steps[0] + f"\n\nAnswer: {options[key]}",
        f"दी गई आकृति में कितने त्रिभुज हैं?\n\n{hindi_figure}",
        options,
        steps[1] + f"\n\nउत्तर: {options[key]}",
        params,
    )


def describe(params: dict, language: int) -> str:
    """What the figure is made of, in English (language 0) or Hindi (1), for screen readers."""
    if params["figure"] == "rectangle":
        if language == 0:
            return "A rectangle with " + ", ".join(PART_WORDS[p] for p in params["parts"])
        return "एक आयत, जिसके भीतर " + ", ".join(HINDI_PART_WORDS[p] for p in params["parts"]) + " बने हैं"
    k, m = params["k"], params["m"]
    if language == 0:
        label = f"A triangle with {k} lines from its top vertex to the base"
        return label + (f" and {m} line{'s' if m > 1 else ''} parallel to the base" if m else "")
    label = f"एक त्रिभुज, जिसमें ऊपरी शीर्ष से आधार तक {k} रेखाएँ"
    return label + (f" और आधार के समानांतर {m} रेखा{'एँ' if m > 1 else ''}" if m else "") + " खींची गई हैं"


def triangle_count(params: dict) -> tuple[int, list[int], tuple[str, str]]:
    k, m = params["k"], params["m"]
    lines, layers = k + 2, m + 1
    pairs = lines * (k + 1) // 2
    answer = pairs * layers
    wrong = [pairs * layers - 1, (k + 1) * k // 2 * layers, pairs, (k + 1) * layers]
    pair_maths = f"$\\frac{{{lines} \\times {k + 1}}}{{2}} = {pairs}$"
    english = (
        f"From the top vertex run {lines} lines (the 2 sides and the {k} inner lines). Any 2 of them, closed by "
        f"the base, make a triangle: {pair_maths} pairs."
    )
    hindi = (
        f"ऊपरी शीर्ष से {lines} रेखाएँ निकलती हैं (2 भुजाएँ और {k} भीतरी रेखाएँ)। इनमें से कोई भी 2 रेखाएँ "
        f"आधार के साथ एक त्रिभुज बनाती हैं: {pair_maths} जोड़े।"
    )
    if m:
        english += (
            f"\n\nEach of the {m} line{'s' if m > 1 else ''} parallel to the base closes the same pairs again: "
            f"${pairs} \\times {layers} = {answer}$ triangles. Forgetting the parallel lines gives only {pairs}."
        )
        hindi += (
            f"\n\nआधार के समानांतर {m} रेखा{'एँ' if m > 1 else ''} भी इन्हीं जोड़ों से त्रिभुज बनाती हैं: "
            f"${pairs} \\times {layers} = {answer}$ त्रिभुज। समानांतर रेखाएँ भूल जाने पर केवल {pairs} मिलते हैं।"
        )
    english += "\n\nNot counting the 2 sides as lines, or missing the whole outer triangle, gives too few."
    hindi += "\n\nभुजाओं को रेखा न गिनना या पूरा बाहरी त्रिभुज छोड़ देना कम संख्या देता है।"
    return answer, wrong, (english, hindi)


def rectangle_count(parts: tuple) -> tuple[int, list[int], tuple[str, str]]:
    by_size = RECT_PARTS[parts]
    answer = sum(by_size)
    smallest = next(n for n in by_size if n)
    wrong = [smallest, answer - 4, answer - smallest, answer + 4]
    groups = [(n, size) for n, size in zip(by_size, SIZES) if n]
    english = (
        "Count the triangles size by size (as a part of the rectangle): "
        + ", ".join(f"{n} of size {size}" for n, size in groups)
        + f".\n\nTotal $= {' + '.join(str(n) for n, _ in groups)} = {answer}$.\n\n"
        "Counting only the smallest pieces, or missing the 4 large triangles each cut off by one diagonal, "
        "are the usual slips."
    )
    hindi = (
        "त्रिभुजों को आकार के अनुसार गिनिए (आयत के भाग के रूप में): "
        + ", ".join(f"{size} आकार के {n}" for n, size in groups)
        + f"।\n\nकुल $= {' + '.join(str(n) for n, _ in groups)} = {answer}$।\n\n"
        "केवल सबसे छोटे भाग गिनना या एक विकर्ण से कटे 4 बड़े त्रिभुज छोड़ देना आम गलतियाँ हैं।"
    )
    return answer, wrong, (english, hindi)
