"""Paper folding and punched holes: a square sheet folded once (easy), twice (medium: halves or diagonals) or
three times (hard: halves then a diagonal), holes punched through the folded paper; which unfolded sheet?

Geometry in half-cell units: the sheet is [0, 2N]², cell centres have odd coordinates, fold lines run along
cell edges or diagonals, so every reflection maps a cell centre onto a cell centre exactly."""

from __future__ import annotations

import random
from fractions import Fraction

from trainer.bank.generators._bilingual import assemble
from trainer.bank.generators._figures import GREY, arrow, dot, line, polygon, svg
from trainer.bank.generators.base import Generated, generator

SIDES = {  # (a, b) of the line a·x + b·y = c -> (part with a·x + b·y < c, part with >), English and Hindi
    (1, 0): (("left", "right"), ("बाएँ", "दाएँ")),
    (0, 1): (("top", "bottom"), ("ऊपरी", "निचले")),
    (1, -1): (("lower-left", "upper-right"), ("निचले-बाएँ", "ऊपरी-दाएँ")),
    (1, 1): (("upper-left", "lower-right"), ("ऊपरी-बाएँ", "निचले-दाएँ")),
}
LABELS = {  # what a drawing is, (English, Hindi)
    "sheet": ("Opened square sheet, holes in cells (column,row) {}", "खुली वर्गाकार शीट, छेद वाले खाने (स्तंभ,पंक्ति) {}"),
    "fold": ("Fold {}: {}", "मोड़ {}: {}"),
    "folded": ("Folded paper with the punched holes", "मुड़ा हुआ कागज़ और उसमें किए गए छेद"),
}
LINES = {(1, 0): "vertical", (0, 1): "horizontal", (1, -1): "diagonal", (1, 1): "diagonal"}


def value(fold, p):
    (a, b, c, _), (x, y) = fold, p
    return a * x + b * y - c


def kept(fold, p) -> bool:
    return fold[3] * value(fold, p) > 0


def reflect(fold, p):
    a, b = fold[0], fold[1]
    k = 2 * value(fold, p) // (a * a + b * b)
    return p[0] - k * a, p[1] - k * b


def clip(poly, fold, side: int):
    """The part of a convex polygon on one side of the fold line (side +1 kept, -1 moving), line included."""
    out = []
    for p, q in zip(poly, poly[1:] + poly[:1]):
        fp, fq = side * fold[3] * value(fold, p), side * fold[3] * value(fold, q)
        if fp >= 0:
            out.append(p)
        if fp * fq < 0:
            t = Fraction(fp, fp - fq)
            out.append((int(p[0] + t * (q[0] - p[0])), int(p[1] + t * (q[1] - p[1]))))
    return out


def plan_folds(rng: random.Random, difficulty: str) -> tuple[int, list]:
    """(N, folds); a fold is (a, b, c, kept side) for the line a·x + b·y = c."""
    if difficulty == "medium" and rng.random() < 0.5:
        n = 6
        first = rng.choice([(1, -1, 0), (1, 1, 2 * n)])
        second = (1, 1, 2 * n) if first[:2] == (1, -1) else (1, -1, 0)
        return n, [(*first, rng.choice([1, -1])), (*second, rng.choice([1, -1]))]
    n = 4 if difficulty != "hard" else 6
    axes = rng.sample([(1, 0, n), (0, 1, n)], 1 if difficulty == "easy" else 2)
    folds = [(*axis, rng.choice([1, -1])) for axis in axes]
    if difficulty == "hard":  # the quarter square left after two folds, folded along one of its diagonals
        quarter = regions(n, folds)[-1]
        x0, y0 = min(x for x, _ in quarter), min(y for _, y in quarter)
        diagonal = rng.choice([(1, -1, x0 - y0), (1, 1, x0 + y0 + n)])
        folds.append((*diagonal, rng.choice([1, -1])))
    return n, folds


def regions(n: int, folds: list) -> list:
    """The paper's outline before each fold, and after the last one."""
    shapes = [[(0, 0), (2 * n, 0), (2 * n, 2 * n), (0, 2 * n)]]
    for fold in folds:
        shapes.append(clip(shapes[-1], fold, 1))
    return shapes


def slide(fold, region, p):
    """The copy made by moving the folded part across without flipping it (shifted or turned, not mirrored)."""
    a, b, c, s = fold
    if a * b == 0:
        width = max(abs(value(fold, v)) for v in region)
        return p[0] - s * width * a, p[1] - s * width * b
    xs, ys = [v[0] for v in region], [v[1] for v in region]
    cx, cy = (min(xs) + max(xs)) // 2, (min(ys) + max(ys)) // 2
    moving = set(clip(region, fold, -1))
    for turns in (2, 1, 3):
        q, corners = p, set(clip(region, fold, 1))
        for _ in range(turns):
            q = (cx - (q[1] - cy), cy + (q[0] - cx))
            corners = {(cx - (v[1] - cy), cy + (v[0] - cx)) for v in corners}
        if corners == moving:
            return q
    raise ValueError("no turn carries the folded part across")


def wrong_axis(fold, region):
    """The line across the other way through the middle of the paper being folded."""
    xs, ys = [v[0] for v in region], [v[1] for v in region]
    cx, cy = Fraction(min(xs) + max(xs), 2), Fraction(min(ys) + max(ys), 2)
    a, b = (fold[1], fold[0]) if fold[0] * fold[1] == 0 else (1, -fold[1])
    return a, b, int(a * cx + b * cy), 1


def unfold(holes, folds, shapes, mistake: str = ""):
    """The holes on the opened sheet, undoing the folds last first (optionally with one kind of mistake)."""
    found = set(holes)
    for i in range(len(folds) - 1, -1, -1):
        fold, region = folds[i], shapes[i]
        if mistake == "too few" and i == 0:
            break
        if mistake == "slid":
            found |= {slide(fold, region, p) for p in found}
        elif mistake == "wrong axis":
            found |= {reflect(wrong_axis(fold, region), p) for p in found}
        else:
            found |= {reflect(fold, p) for p in found}
    return frozenset(found)


def px(n: int, u) -> float:
    return 6 + Fraction(24 * u, n)


def draw_sheet(n: int, holes, language: int, size: int = 80) -> str:
    """The opened sheet with its holes, described in English (language 0) or Hindi (1)."""
    cells = " ".join(f"({(x + 1) // 2},{(y + 1) // 2})" for x, y in sorted(holes, key=lambda p: (p[1], p[0])))
    body = polygon([(6, 6), (54, 6), (54, 54), (6, 54)])
    body += "".join(dot((px(n, x), px(n, y)), 2.5 if n == 4 else 2) for x, y in sorted(holes))
    return svg(body, LABELS["sheet"][language].format(cells), size)


def draw_fold(n: int, fold, region, label: str) -> str:
    ends = [v for v in clip(region, fold, 1) if value(fold, v) == 0]
    moving, staying = clip(region, fold, -1), clip(region, fold, 1)

    def centre(poly):
        return (sum(px(n, v[0]) for v in poly) / len(poly), sum(px(n, v[1]) for v in poly) / len(poly))

    body = polygon([(px(n, x), px(n, y)) for x, y in region], GREY)
    body += line(*[(px(n, x), px(n, y)) for x, y in ends], dashed=True) + arrow(centre(moving), centre(staying))
    return svg(body, label, 70)


def draw_folded(n: int, region, holes, label: str) -> str:
    body = polygon([(px(n, x), px(n, y)) for x, y in region], GREY)
    body += "".join(dot((px(n, x), px(n, y)), 2.5 if n == 4 else 2, "white") for x, y in holes)
    return svg(body, label, 70)


@generator("reasoning-paper-folding-punch", "reasoning", "paper-folding", "Paper folded, punched and opened")
def folded_and_punched(rng: random.Random, difficulty: str) -> Generated:
    """Options: the true opened sheet, holes slid across instead of flipped, one fold too few, the wrong axis."""
    while True:
        n, folds = plan_folds(rng, difficulty)
        shapes = regions(n, folds)
        cells = [(x, y) for x in range(1, 2 * n, 2) for y in range(1, 2 * n, 2) if all(kept(f, (x, y)) for f in folds)]
        holes = sorted(rng.sample(cells, 2 if difficulty != "hard" else rng.randint(1, 2)))
        sheets = {m: unfold(holes, folds, shapes, m) for m in ("", "slid", "too few", "wrong axis")}
        if len(set(sheets.values())) == 4:
            break
    drawn = {m: (draw_sheet(n, h, 0), draw_sheet(n, h, 1)) for m, h in sheets.items()}
    return assemble(
        rng,
        drawn[""],
        [drawn[m] for m in ("slid", "too few", "wrong axis")],
        stem=stem(n, folds, holes, 0),
        hindi_stem=stem(n, folds, holes, 1),
        steps=english_steps(folds, holes, sheets[""]),
        hindi_steps=hindi_steps(folds, holes, sheets[""]),
        params={"n": n, "folds": folds, "holes": holes},
    )


def stem(n: int, folds: list, holes, language: int) -> str:
    """The question in English (language 0) or Hindi (1): the folds in words, then each fold and the folded
    paper drawn, described in the same language."""
    shapes = regions(n, folds)
    words = [LABELS["fold"][language].format(i + 1, fold_words(f, language)) for i, f in enumerate(folds)]
    figures = [draw_fold(n, f, shapes[i], words[i]) for i, f in enumerate(folds)]
    figures.append(draw_folded(n, shapes[-1], holes, LABELS["folded"][language]))
    stop = "।" if language else "."
    listed = "\n".join(f"- {w}{stop}" for w in words)
    return f"{(ENGLISH_STEM, HINDI_STEM)[language]}\n\n{listed}\n\n{' '.join(figures)}"


ENGLISH_STEM = (
    "A square sheet of paper is folded as shown (the dashed line is the fold, the arrow shows the part folded "
    "over) and holes are then punched through the folded paper. How will the sheet look when it is opened?"
)
HINDI_STEM = (
    "कागज़ की एक वर्गाकार शीट को दिखाए अनुसार मोड़ा जाता है (बिंदीदार रेखा मोड़ है, तीर मोड़ा जाने वाला भाग "
    "दिखाता है) और फिर मुड़े हुए कागज़ में छेद किए जाते हैं। खोलने पर शीट कैसी दिखेगी?"
)
LINE_HINDI = {"vertical": "ऊर्ध्वाधर", "horizontal": "क्षैतिज", "diagonal": "विकर्ण"}


def fold_words(fold, language: int) -> str:
    """'along the vertical line, the left part over onto the right part' (language 0) or its Hindi."""
    kind = LINES[fold[:2]]
    parts = SIDES[fold[:2]][language]
    moving, onto = (parts[0], parts[1]) if fold[3] == 1 else (parts[1], parts[0])
    if language == 0:
        return f"along the {kind} line, the {moving} part over onto the {onto} part"
    return f"{LINE_HINDI[kind]} रेखा के अनुदिश {moving} भाग को {onto} भाग पर मोड़ा गया"


def counts(folds, holes) -> list[int]:
    """Holes seen after opening each fold, last fold first (every opening doubles them)."""
    return [len(holes) * 2 ** (k + 1) for k in range(len(folds))]


def english_steps(folds, holes, sheet) -> list[str]:
    lines = [
        f"{len(holes)} punched through {2 ** len(folds)} layers make {len(sheet)} holes. Open the folds in "
        "reverse order; each opening adds the mirror image of every hole across that fold line."
    ]
    for k, total in enumerate(counts(folds, holes)):
        i = len(folds) - k
        lines.append(f"Opening fold {i} ({LINES[folds[i - 1][:2]]} line) gives {total} holes.")
    lines.append(
        "Shifting the holes across without flipping them, opening one fold too few, or flipping them across "
        "the wrong line gives the other figures."
    )
    return lines


def hindi_steps(folds, holes, sheet) -> list[str]:
    lines = [
        f"{len(holes)} छेद {2 ** len(folds)} परतों से होकर {len(sheet)} छेद बनाते हैं। मोड़ों को उलटे क्रम "
        "में खोलिए; हर बार खोलने पर हर छेद का उस मोड़-रेखा में दर्पण प्रतिबिंब जुड़ जाता है।"
    ]
    for k, total in enumerate(counts(folds, holes)):
        i = len(folds) - k
        lines.append(f"मोड़ {i} ({LINE_HINDI[LINES[folds[i - 1][:2]]]} रेखा) खोलने पर {total} छेद।")
    lines.append("छेदों को बिना उलटे खिसका देना, एक मोड़ कम खोलना, या गलत रेखा में उलटना बाकी विकल्प देता है।")
    return lines
