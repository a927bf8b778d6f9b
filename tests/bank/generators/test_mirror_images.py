"""Mirror and water images: the key is recomputed by reflecting the figure's points from params, and every
option is read back from its drawing and compared as a shape (position on the page does not matter)."""

from tests.bank.generators.figure_support import check_svgs, drawings, exactly_one, items, only, point_list

KEY = "reasoning-mirror-water-images-figure"
SEGMENTS = {"easy": 3, "medium": 4, "hard": 5}


def shape(strokes, dots):
    """Segments and dots in pixels, moved so the drawing's top-left point is at the origin."""
    every = [p for s in strokes for p in s] + list(dots)
    left, top = min(x for x, _ in every), min(y for _, y in every)

    def moved(p):
        return p[0] - left, p[1] - top

    segments = frozenset(frozenset((moved(a), moved(b))) for s in strokes for a, b in zip(s, s[1:]))
    return segments, frozenset(map(moved, dots))


def read(root):
    """(strokes, dots) drawn in an SVG: solid polylines and circles."""
    strokes = [point_list(el.get("points")) for el in root.iter("polyline")]
    dots = [(int(el.get("cx")), int(el.get("cy"))) for el in root.iter("circle")]
    return strokes, dots


def pixels(params):
    strokes = [[(10 * c, 10 * r) for c, r in s] for s in params["strokes"]]
    return strokes, [(10 * c, 10 * r) for c, r in params["dots"]]


def reflected(strokes, dots, flip_x, flip_y, dots_too=True):
    """Reflected across the middle lines of the 60 x 60 frame (where it sits only matters for unflipped dots)."""

    def f(p):
        return (60 - p[0] if flip_x else p[0], 60 - p[1] if flip_y else p[1])

    return [[f(p) for p in s] for s in strokes], [f(p) for p in dots] if dots_too else dots


def test_key_is_the_reflection_asked_for():
    for difficulty, seed, item in items(KEY):
        where, p = f"{difficulty} seed {seed}", item.params
        strokes, dots = pixels(p)
        mirror = p["kind"] == "mirror"  # mirror on a vertical line: x flips; water surface: y flips
        expected = shape(*reflected(strokes, dots, mirror, not mirror))
        exactly_one(item, lambda o, e=expected: shape(*read(only(o))) == e, where)
        assert expected != shape(strokes, dots), f"{where}: a symmetric figure has no wrong 'unchanged' option"
        shown = {shape(*read(only(o))) for o in item.options}
        assert shape(*reflected(strokes, dots, not mirror, mirror)) in shown, f"{where}: the other image"
        assert shape(*reflected(strokes, dots, True, True)) in shown, f"{where}: the figure turned 180°"
        if difficulty == "hard":
            assert shape(*reflected(strokes, dots, mirror, not mirror, dots_too=False)) in shown, where


def test_question_figure_and_realism():
    for difficulty, seed, item in items(KEY):
        where, p = f"{difficulty} seed {seed}", item.params
        check_svgs(item, where)
        figure = drawings(item.stem)[0]
        assert shape(*read(figure)) == shape(*pixels(p)), where
        assert read(figure)[0] == pixels(p)[0], f"{where}: drawn at the grid positions of params"
        dashed = [el for el in figure.iter("line") if el.get("stroke-dasharray")]
        assert len(dashed) == 1, where
        vertical = dashed[0].get("x1") == dashed[0].get("x2")
        assert vertical == (p["kind"] == "mirror"), f"{where}: the mirror line MN is on the wrong side"
        assert ("mirror image" in item.stem) == (p["kind"] == "mirror"), where
        assert ("दर्पण प्रतिबिंब" in item.hindi_stem) == (p["kind"] == "mirror"), where
        assert len(p["strokes"][0]) - 1 == SEGMENTS[difficulty], where
        assert len(p["strokes"]) == (1 if difficulty == "easy" else 2), where
        assert all(1 <= c <= 5 and 1 <= r <= 5 for s in p["strokes"] for c, r in s), where
