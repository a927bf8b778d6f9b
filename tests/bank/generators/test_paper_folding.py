"""Paper folding: the opened sheet is recomputed FORWARD, cell by cell: fold every cell of the sheet to where
it lies in the folded stack; a cell is punched when it lands on a punched hole (the generator unfolds backward)."""

from fractions import Fraction

from tests.bank.generators.figure_support import check_svgs, drawings, exactly_one, items, only

KEY = "reasoning-paper-folding-punch"
FOLDS = {"easy": 1, "medium": 2, "hard": 3}


def side(fold, p):
    a, b, c, _ = fold
    return a * p[0] + b * p[1] - c


def fold_point(fold, p):
    """Where a point of the paper lies after the fold: unchanged on the kept side, else mirrored over."""
    a, b, _, keep = fold
    v = side(fold, p)
    if v * keep >= 0:
        return p
    t = Fraction(2 * v, a * a + b * b)
    return p[0] - t * a, p[1] - t * b


def opened(params):
    n, folds, holes = params["n"], params["folds"], set(params["holes"])
    found = set()
    for x in range(1, 2 * n, 2):
        for y in range(1, 2 * n, 2):
            p = (x, y)
            for fold in folds:
                p = fold_point(fold, p)
            if p in holes:
                found.add((x, y))
    return found


def holes_drawn(root, n):
    """Hole centres of a drawing, back in half-cell units (pixel = 6 + 24·u / n)."""
    return {((Fraction(c.get("cx")) - 6) * n / 24, (Fraction(c.get("cy")) - 6) * n / 24) for c in root.iter("circle")}


def test_opened_sheet_is_the_key():
    for difficulty, seed, item in items(KEY):
        where, p = f"{difficulty} seed {seed}", item.params
        expected = opened(p)
        assert len(expected) == len(p["holes"]) * 2 ** len(p["folds"]), f"{where}: holes overlap when opened"
        exactly_one(item, lambda o, e=expected, n=p["n"]: holes_drawn(only(o), n) == e, where)
        counts = sorted(len(holes_drawn(only(o), p["n"])) for o in item.options)
        assert len(expected) // 2 in counts, f"{where}: no 'one fold too few' option"


def test_folds_holes_and_drawings_are_realistic():
    for difficulty, seed, item in items(KEY):
        where, p = f"{difficulty} seed {seed}", item.params
        check_svgs(item, where)
        n, folds = p["n"], p["folds"]
        assert len(folds) == FOLDS[difficulty] and n in (4, 6), where
        assert 1 <= len(p["holes"]) <= 2, where
        for x, y in p["holes"]:
            assert x % 2 == 1 and y % 2 == 1 and 0 < x < 2 * n and 0 < y < 2 * n, where
            assert all(side(f, (x, y)) * f[3] > 0 for f in folds), f"{where}: hole not inside the folded paper"
        for a, b, _, keep in folds:
            assert (a, b) in {(1, 0), (0, 1), (1, 1), (1, -1)} and keep in (1, -1), where
        figures = drawings(item.stem)
        assert len(figures) == len(folds) + 1, where
        for figure in figures[:-1]:
            assert sum(1 for el in figure.iter("line") if el.get("stroke-dasharray")) == 1, f"{where}: fold line"
        assert holes_drawn(figures[-1], n) == set(p["holes"]), f"{where}: punched holes drawn"
        for i in range(1, len(folds) + 1):
            assert f"Fold {i}:" in item.stem and f"मोड़ {i}:" in item.hindi_stem, where
