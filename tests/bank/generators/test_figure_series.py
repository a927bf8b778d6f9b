"""Figure series: the angles are read back from the drawn question figures (not from params), checked to turn
by one fixed step, and the next figure extrapolated; exactly one option must be drawn that way."""

import re

from tests.bank.generators.figure_support import check_svgs, drawings, exactly_one, items, only, point_list

KEY = "reasoning-series-figure-rotation"
ROTATE = re.compile(r"rotate\((\d+) 30 30\)")
STEPS = {"easy": {90}, "medium": {45, 135}, "hard": {45, 90, 135}}


def state(root):
    """(flag angle, pennant on the clockwise side?, dot angle or None) of one drawing."""
    flag = dot = None
    for group in root.iter("g"):
        angle = int(ROTATE.fullmatch(group.get("transform")).group(1))
        polygon = group.find("polygon")
        if polygon is not None:
            tip = max(point_list(polygon.get("points")), key=lambda p: abs(p[0] - 30))
            flag = (angle, tip[0] > 30)  # pennant drawn right of the upward staff = clockwise side
        else:
            dot = angle
    return flag[0], flag[1], dot


def step_of(values):
    steps = {(b - a) % 360 for a, b in zip(values, values[1:])}
    assert len(steps) == 1, values
    return steps.pop()


def test_next_figure_continues_the_drawn_turns():
    for difficulty, seed, item in items(KEY):
        where, p = f"{difficulty} seed {seed}", item.params
        shown = [state(root) for root in drawings(item.stem)[:-1]]
        assert len(shown) == p["shown"] == (3 if difficulty == "easy" else 4), where
        assert all(s[1] for s in shown), f"{where}: the pennant stays on one side"
        flag_step = step_of([s[0] for s in shown])
        assert min(flag_step, 360 - flag_step) in STEPS[difficulty], where
        expected_flag = (shown[-1][0] + flag_step) % 360
        expected_dot = None
        if difficulty == "hard":
            dot_step = step_of([s[2] for s in shown])
            assert min(dot_step, 360 - dot_step) in {45, 90}, where
            expected_dot = (shown[-1][2] + dot_step) % 360
        else:
            assert all(s[2] is None for s in shown), where
        expected = (expected_flag, True, expected_dot)
        exactly_one(item, lambda o, e=expected: state(only(o)) == e, where)
        assert expected_flag == (p["flag_start"] + p["flag_turn"] * p["flag_step"] * p["shown"]) % 360, where


def test_drawings_and_texts():
    for difficulty, seed, item in items(KEY):
        where, p = f"{difficulty} seed {seed}", item.params
        check_svgs(item, where)
        assert p["flag_step"] in STEPS[difficulty] and p["flag_turn"] in (1, -1), where
        assert drawings(item.stem)[-1].find("text").text == "?", where
        turn = "clockwise" if p["flag_turn"] == 1 else "anticlockwise"
        assert f"{p['flag_step']}° {turn}" in item.explanation, where
        assert f"{p['flag_step']}°" in item.hindi_explanation, where
