"""Mirror and water images: an asymmetric line figure on a 5 x 5 grid of points; the options are drawn by
transforming its point lists (mirror: left-right swap, water: top-bottom swap, 180° turn, unchanged)."""

from __future__ import annotations

import random

from trainer.bank.generators._bilingual import assemble
from trainer.bank.generators._figures import dot, line, polyline, svg
from trainer.bank.generators.base import Generated, generator

SEGMENTS = {"easy": 3, "medium": 4, "hard": 5}
MOVES = [(dx, dy) for dx in range(-2, 3) for dy in range(-2, 3) if (dx, dy) != (0, 0)]
FLIP = {
    "mirror": lambda p: (6 - p[0], p[1]),  # mirror line MN on the right: columns swap, rows stay
    "water": lambda p: (p[0], 6 - p[1]),  # water line MN below: rows swap, columns stay
    "turned": lambda p: (6 - p[0], 6 - p[1]),  # turned upside down (rotated 180°): both swap
    "same": lambda p: p,
}
LABELS = {  # what a drawing is, (English, Hindi); M and N on the mirror line are part of the puzzle
    "question": (
        "Question figure on a 5 by 5 grid, points as (column,row) from top left",
        "5 × 5 ग्रिड पर प्रश्न आकृति, स्थान (स्तंभ,पंक्ति) के रूप में, ऊपर बाएँ से गिने गए",
    ),
    "answer": ("Answer figure", "उत्तर आकृति"),
}
WORDS = {
    "mirror": ("mirror image", "दर्पण प्रतिबिंब"),
    "water": ("water image", "जल प्रतिबिंब"),
}


def cross(o, a, b) -> int:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def overlaps(s, t) -> bool:
    """Two grid segments lying on one line and sharing more than a point (the drawing would hide one)."""
    (a, b), (c, d) = s, t
    if cross(a, b, c) or cross(a, b, d):
        return False
    axis = 0 if a[0] != b[0] else 1
    lo, hi = sorted((a[axis], b[axis]))
    lo2, hi2 = sorted((c[axis], d[axis]))
    return min(hi, hi2) > max(lo, lo2)


def fits(path: list, nxt, used: list) -> bool:
    """A next grid point: on the grid, new, not retracing any drawn line and turning a corner."""
    if not (1 <= nxt[0] <= 5 and 1 <= nxt[1] <= 5) or nxt in path:
        return False
    if len(path) > 1 and not cross(path[-2], path[-1], nxt):  # no straight run: every vertex is a corner
        return False
    return not any(overlaps((path[-1], nxt), s) for s in used + list(zip(path, path[1:])))


def walk(rng: random.Random, steps: int, used: list) -> list:
    """A path of `steps` segments between grid points (columns and rows 1-5)."""
    while True:
        path = [(rng.randint(1, 5), rng.randint(1, 5))]
        for _ in range(200):
            dx, dy = rng.choice(MOVES)
            nxt = (path[-1][0] + dx, path[-1][1] + dy)
            if fits(path, nxt, used):
                path.append(nxt)
                if len(path) == steps + 1:
                    return path


def make_figure(rng: random.Random, difficulty: str) -> dict:
    """Point lists: one main path, a short extra stroke from medium up, dots marking ends."""
    main = walk(rng, SEGMENTS[difficulty], [])
    strokes = [main]
    if difficulty != "easy":
        strokes.append(walk(rng, 1, list(zip(main, main[1:]))))
    dots = [main[0]] + ([main[-1]] if difficulty == "hard" else [])
    return {"strokes": strokes, "dots": dots}


def transform(figure: dict, kind: str, dots_too: bool = True) -> dict:
    f = FLIP[kind]
    dots = [f(p) for p in figure["dots"]] if dots_too else list(figure["dots"])
    return {"strokes": [[f(p) for p in s] for s in figure["strokes"]], "dots": dots}


def shape(figure: dict) -> tuple:
    """What a drawing looks like: its segments and dots wherever it sits (a path's direction is invisible)."""
    every = [p for s in figure["strokes"] for p in s] + figure["dots"]
    left, top = min(c for c, _ in every), min(r for _, r in every)

    def moved(p):
        return p[0] - left, p[1] - top

    segs = frozenset(frozenset(map(moved, pair)) for s in figure["strokes"] for pair in zip(s, s[1:]))
    return segs, frozenset(map(moved, figure["dots"]))


def describe(figure: dict, language: int = 0) -> str:
    """The figure in words, English (language 0) or Hindi (1): the points each line runs through, the dots."""

    def pts(ps):
        return " ".join(f"({c},{r})" for c, r in ps)

    if language == 0:
        parts = [f"line through {pts(s)}" for s in figure["strokes"]]
        return "; ".join(parts) + f"; dots at {pts(figure['dots'])}"
    parts = [f"{pts(s)} से होकर जाती रेखा" for s in figure["strokes"]]
    return "; ".join(parts) + f"; बिंदु {pts(figure['dots'])} पर"


def draw(figure: dict, what: str, language: int, extra: str = "", size: int = 80) -> str:
    """The figure as SVG, described in the given language (only the description differs between languages)."""
    body = "".join(polyline([(10 * c, 10 * r) for c, r in s]) for s in figure["strokes"])
    body += "".join(dot((10 * c, 10 * r)) for c, r in figure["dots"])
    return svg(body + extra, f"{LABELS[what][language]}: {describe(figure, language)}", size)


def drawn(figure: dict, what: str, extra: str = "") -> tuple[str, str]:
    """The same drawing twice, for the English and the Hindi text."""
    return draw(figure, what, 0, extra), draw(figure, what, 1, extra)


def mirror_line(kind: str) -> str:
    if kind == "mirror":
        labels = '<text x="52" y="7" font-size="6">M</text><text x="52" y="58" font-size="6">N</text>'
        return line((57, 3), (57, 57), dashed=True) + labels
    labels = '<text x="0" y="55" font-size="6">M</text><text x="55" y="55" font-size="6">N</text>'
    return line((3, 57), (57, 57), dashed=True) + labels


@generator(
    "reasoning-mirror-water-images-figure", "reasoning", "mirror-water-images", "Mirror or water image of a figure"
)
def mirror_or_water_image(rng: random.Random, difficulty: str) -> Generated:
    """Correct image plus the other image, the figure turned 180° and (hard: dots left unflipped) the original."""
    kind = rng.choice(["mirror", "water"])
    other = "water" if kind == "mirror" else "mirror"
    while True:
        figure = make_figure(rng, difficulty)
        images = {k: transform(figure, k) for k in (kind, other, "turned", "same")}
        if difficulty == "hard":
            images["same"] = transform(figure, kind, dots_too=False)  # flipped the lines, forgot the dots
        if len({shape(f) for f in images.values()}) == 4:
            break
    drawings = {k: drawn(f, "answer") for k, f in images.items()}
    question = drawn(figure, "question", mirror_line(kind))
    params = {
        "kind": kind,
        "strokes": figure["strokes"],
        "dots": figure["dots"],
        "unflipped_dots": difficulty == "hard",
    }
    return assemble(
        rng,
        drawings[kind],
        [drawings[k] for k in (other, "turned", "same")],
        stem=english_stem(kind, question[0]),
        hindi_stem=hindi_stem(kind, question[1]),
        steps=english_steps(kind, figure, images),
        hindi_steps=hindi_steps(kind),
        params=params,
    )


def english_stem(kind: str, question: str) -> str:
    where = "the mirror is placed on the line MN to the right" if kind == "mirror" else "MN is the water surface below"
    return f"Select the correct {WORDS[kind][0]} of the given figure when {where}.\n\n{question}"


def hindi_stem(kind: str, question: str) -> str:
    where = "दर्पण को दाईं ओर रेखा MN पर रखा गया है" if kind == "mirror" else "MN नीचे जल की सतह है"
    return f"दी गई आकृति का सही {WORDS[kind][1]} चुनिए, जब {where}।\n\n{question}"


def english_steps(kind: str, figure: dict, images: dict) -> list[str]:
    if kind == "mirror":
        rule = "left and right swap while top and bottom stay: column c becomes column 6 − c, the row is kept."
        trap = "The figure with top and bottom swapped is the water image, the usual mix-up."
    else:
        rule = "top and bottom swap while left and right stay: row r becomes row 6 − r, the column is kept."
        trap = "The figure with left and right swapped is the mirror image, the usual mix-up."
    return [
        f"In a {WORDS[kind][0]} {rule}",
        f"The question figure has {describe(figure)}; its image has {describe(images[kind])}.",
        f"{trap} Swapping both (the figure turned through 180°) is not a reflection at all, and every small "
        "detail such as the dots must be reflected with the lines.",
    ]


def hindi_steps(kind: str) -> list[str]:
    if kind == "mirror":
        rule = "दर्पण प्रतिबिंब में बायाँ और दायाँ आपस में बदल जाते हैं, ऊपर और नीचे वैसे ही रहते हैं।"
        trap = "ऊपर-नीचे उलटी आकृति जल प्रतिबिंब है, जिसे अक्सर गलती से चुन लिया जाता है।"
    else:
        rule = "जल प्रतिबिंब में ऊपर और नीचे आपस में बदल जाते हैं, बायाँ और दायाँ वैसे ही रहते हैं।"
        trap = "बाएँ-दाएँ उलटी आकृति दर्पण प्रतिबिंब है, जिसे अक्सर गलती से चुन लिया जाता है।"
    return [
        rule,
        f"{trap} दोनों ओर से उलटी (180° घूमी) आकृति प्रतिबिंब नहीं है, और बिंदु जैसे छोटे भाग भी रेखाओं के साथ उलटने चाहिए।",
    ]
