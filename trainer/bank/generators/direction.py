"""Direction and distance: a walk of two to five legs with left and right turns, ending a Pythagorean-triple
distance from the start. Asked: how far, and in which direction, from the starting point.

Mistakes offered: left and right confused (East and West swapped), the direction of the start seen from the end,
the two net distances added instead of taking the hypotenuse, the whole path length.
"""

from __future__ import annotations

import random

from trainer.bank.generators._bilingual import assemble, choose_wrong
from trainer.bank.generators.base import Generated, generator

HEADINGS = ["North", "East", "South", "West"]  # clockwise: a right turn adds one
HEADINGS_HI = ["उत्तर", "पूर्व", "दक्षिण", "पश्चिम"]
STEP = [(0, 1), (1, 0), (0, -1), (-1, 0)]
NAMES = [("Ravi", "रवि"), ("Amit", "अमित"), ("Rahul", "राहुल"), ("Suresh", "सुरेश"), ("Mohan", "मोहन"), ("Karan", "करण")]
PLAN = {  # legs, triples, scale range, unit
    "easy": (2, [(3, 4, 5), (6, 8, 10)], (1, 3), ("km", "किमी")),
    "medium": (3, [(3, 4, 5), (5, 12, 13), (6, 8, 10)], (1, 2), ("km", "किमी")),
    "hard": (4, [(8, 15, 17), (7, 24, 25), (20, 21, 29), (9, 12, 15), (12, 16, 20)], (2, 5), ("m", "मीटर")),
}


def _split(rng: random.Random, total: int, parts: int, top: int) -> list[int] | None:
    """Signed, non-zero lengths adding up to `total`."""
    shortest = max(1, top // 4)  # no 2-metre legs next to 150-metre ones
    pieces = [rng.choice([-1, 1]) * rng.randint(shortest, top) for _ in range(parts - 1)]
    pieces.append(total - sum(pieces))
    return pieces if shortest <= abs(pieces[-1]) <= 2 * top else None


def _draw(rng: random.Random, difficulty: str) -> dict:
    legs, triples, (low, high), _ = PLAN[difficulty]
    if difficulty == "hard":
        legs = rng.choice([4, 5])
    while True:
        a, b, _c = rng.choice(triples)
        k = rng.randint(low, high)
        dx, dy = (k * a, k * b) if rng.random() < 0.5 else (k * b, k * a)
        dx, dy = dx * rng.choice([-1, 1]), dy * rng.choice([-1, 1])
        vertical_first = rng.random() < 0.5
        on_first, on_second = (legs + 1) // 2, legs // 2
        first = _split(rng, dy if vertical_first else dx, on_first, k * max(a, b))
        second = _split(rng, dx if vertical_first else dy, on_second, k * max(a, b))
        if first and second:
            signed = [first[i // 2] if i % 2 == 0 else second[i // 2] for i in range(legs)]
            headings = []
            for i, length in enumerate(signed):
                vertical = (i % 2 == 0) == vertical_first
                headings.append((0 if length > 0 else 2) if vertical else (1 if length > 0 else 3))
            turns = ["right" if (h - g) % 4 == 1 else "left" for g, h in zip(headings, headings[1:])]
            name = rng.randrange(len(NAMES))
            return {"name": name, "start": headings[0], "lengths": [abs(x) for x in signed], "turns": turns}


def walk(p: dict) -> list[tuple[int, int]]:
    """Positions after each leg, North = +y, East = +x."""
    heading, x, y, points = p["start"], 0, 0, []
    for i, length in enumerate(p["lengths"]):
        if i:
            heading = (heading + (1 if p["turns"][i - 1] == "right" else -1)) % 4
        x, y = x + STEP[heading][0] * length, y + STEP[heading][1] * length
        points.append((x, y))
    return points


def direction(x: int, y: int) -> tuple[str, str]:
    ns, ns_hi = ("North", "उत्तर") if y > 0 else ("South", "दक्षिण")
    ew, ew_hi = ("East", "पूर्व") if x > 0 else ("West", "पश्चिम")
    return f"{ns}-{ew}", f"{ns_hi}-{ew_hi}"


def _story(p: dict, unit: tuple[str, str]) -> tuple[str, str]:
    name, name_hi = NAMES[p["name"]]
    en = [f"{name} starts from his house and walks {p['lengths'][0]} {unit[0]} towards {HEADINGS[p['start']]}."]
    hi = [f"{name_hi} अपने घर से चलना शुरू करता है और {HEADINGS_HI[p['start']]} की ओर {p['lengths'][0]} {unit[1]} चलता है।"]
    for turn, length in zip(p["turns"], p["lengths"][1:]):
        en.append(f"He then turns {turn} and walks {length} {unit[0]}.")
        hi.append(f"फिर वह {'दाएँ' if turn == 'right' else 'बाएँ'} मुड़ता है और {length} {unit[1]} चलता है।")
    en.append("How far and in which direction is he now from his house?")
    hi.append("अब वह अपने घर से कितनी दूर और किस दिशा में है?")
    return " ".join(en), " ".join(hi)


@generator(
    "reasoning-direction-distance-walk", "reasoning", "direction-distance", "Distance and direction after a walk"
)
def final_position(rng: random.Random, difficulty: str) -> Generated:
    """Easy: two legs; medium: three; hard: four or five legs in metres with larger triples."""
    params = _draw(rng, difficulty)
    unit = PLAN[difficulty][3]
    params["unit"] = unit[0]
    points = walk(params)
    x, y = points[-1]
    distance = round((x * x + y * y) ** 0.5)

    def option(d: int, sx: int, sy: int) -> tuple[str, str]:
        en, hi = direction(sx, sy)
        return f"{d} {unit[0]}, {en}", f"{d} {unit[1]}, {hi}"

    candidates = [option(distance, -x, y), option(distance, -x, -y), option(abs(x) + abs(y), x, y)]
    candidates += [option(sum(params["lengths"]), x, y), option(distance, x, -y), option(abs(x) + abs(y), -x, y)]
    wrong = choose_wrong(option(distance, x, y), candidates, lambda o: o[0], lambda i: option(distance + i, x, y))
    stem, hindi_stem = _story(params, unit)
    path = " → ".join(f"({px}, {py})" for px, py in [(0, 0), *points])
    ns, ew = (abs(y), "North" if y > 0 else "South"), (abs(x), "East" if x > 0 else "West")
    ns_hi, ew_hi = ("उत्तर" if y > 0 else "दक्षिण"), ("पूर्व" if x > 0 else "पश्चिम")
    work = f"\\sqrt{{{abs(x)}^2 + {abs(y)}^2}} = {distance}"
    return assemble(
        rng,
        option(distance, x, y),
        wrong,
        stem=stem,
        hindi_stem=hindi_stem,
        steps=[
            f"With the house at (0, 0), East along x and North along y, the walk goes {path}.",
            f"He ends {ew[0]} {unit[0]} {ew[1]} and {ns[0]} {unit[0]} {ns[1]}: distance ${work}$ {unit[0]}. Confusing "
            "left and right turns swaps East and West.",
        ],
        hindi_steps=[
            f"घर को (0, 0), पूर्व को x और उत्तर को y दिशा मानने पर रास्ता: {path}।",
            f"अंत में वह {abs(x)} {unit[1]} {ew_hi} और {abs(y)} {unit[1]} {ns_hi} में है: दूरी ${work}$ {unit[1]}। "
            "दाएँ-बाएँ में भ्रम से पूर्व और पश्चिम बदल जाते हैं।",
        ],
        params=params,
    )
