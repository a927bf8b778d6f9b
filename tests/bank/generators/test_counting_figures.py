"""Counting triangles: the key is recomputed by brute force from the drawn segments (every intersection point,
every triple of points joined pairwise along drawn lines) and, for the cut triangle, by (m + 1)·C(k + 2, 2)."""

from fractions import Fraction
from itertools import combinations
from math import comb

from tests.bank.generators.figure_support import check_svgs, drawings, items

KEY = "reasoning-counting-figures-triangles"
SIZES = {"easy": ((2, 3), (0, 0)), "medium": ((2, 3), (1, 1)), "hard": ((3, 4), (1, 2))}  # k and m ranges


def crossing(s, t):
    (x1, y1), (x2, y2) = s
    (x3, y3), (x4, y4) = t
    d = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
    if d == 0:
        return None
    u = Fraction((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4), d)
    v = Fraction((x1 - x3) * (y1 - y2) - (y1 - y3) * (x1 - x2), d)
    return (x1 + u * (x2 - x1), y1 + u * (y2 - y1)) if 0 <= u <= 1 and 0 <= v <= 1 else None


def on(p, s):
    (x1, y1), (x2, y2) = s
    if (x2 - x1) * (p[1] - y1) != (y2 - y1) * (p[0] - x1):
        return False
    return min(x1, x2) <= p[0] <= max(x1, x2) and min(y1, y2) <= p[1] <= max(y1, y2)


def brute_force_triangles(segments) -> int:
    points = {p for s in segments for p in s}
    points |= {q for s, t in combinations(segments, 2) if (q := crossing(s, t))}
    joined = {(p, q) for p, q in combinations(points, 2) if any(on(p, s) and on(q, s) for s in segments)}
    joined |= {(q, p) for p, q in joined}
    count = 0
    for p, q, r in combinations(points, 3):
        flat = (q[0] - p[0]) * (r[1] - p[1]) == (q[1] - p[1]) * (r[0] - p[0])
        count += not flat and (p, q) in joined and (q, r) in joined and (p, r) in joined
    return count


def drawn_segments(item):
    figure = drawings(item.stem)[0]
    return {
        frozenset(((int(el.get("x1")), int(el.get("y1"))), (int(el.get("x2")), int(el.get("y2")))))
        for el in figure.iter("line")
    }


def test_key_is_the_brute_force_count():
    seen = {}
    for difficulty, seed, item in items(KEY, range(60)):
        where, p = f"{difficulty} seed {seed}", item.params
        segments = [tuple(s) for s in p["segments"]]
        assert drawn_segments(item) == {frozenset(s) for s in segments}, f"{where}: drawing differs from params"
        key = (p["figure"], p.get("k"), p.get("m"), tuple(p.get("parts", ())), tuple(segments))
        if key not in seen:
            seen[key] = brute_force_triangles(segments)
        expected = seen[key]
        if p["figure"] == "triangle":
            assert expected == (p["m"] + 1) * comb(p["k"] + 2, 2), where
        assert [int(o) for o in item.options].count(expected) == 1, where
        assert int(item.options[item.answer]) == expected, where


def test_figures_grow_with_difficulty_and_options_are_counts():
    for difficulty, seed, item in items(KEY):
        where, p = f"{difficulty} seed {seed}", item.params
        check_svgs(item, where)
        assert all(o.isdigit() and 0 < int(o) < 100 for o in item.options), where
        if p["figure"] == "triangle":
            k_range, m_range = SIZES[difficulty]
            assert k_range[0] <= p["k"] <= k_range[1] and m_range[0] <= p["m"] <= m_range[1], where
            assert len(p["segments"]) == 3 + p["k"] + p["m"], where
        else:
            assert p["parts"][0] == "diagonals" and set(p["parts"]) <= {
                "diagonals",
                "vertical",
                "horizontal",
                "rhombus",
            }
        low, high = {"easy": (6, 12), "medium": (12, 20), "hard": (20, 45)}[difficulty]
        assert low <= int(item.options[item.answer]) <= high, f"{where}: bigger figures at higher difficulty"
        for (x1, y1), (x2, y2) in p["segments"]:
            assert all(0 < v < 60 for v in (x1, y1, x2, y2)) and (x1, y1) != (x2, y2), where
