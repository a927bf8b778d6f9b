"""Direction and distance: the walk replayed with complex numbers (a right turn multiplies the heading by -i)."""

import math

from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for

HEADINGS = [1j, 1, -1j, -1]  # North, East, South, West


def test_key_is_the_distance_and_direction_from_the_start():
    gen = all_generators()["reasoning-direction-distance-walk"]
    for difficulty in DIFFICULTIES:
        for seed in range(200):
            item = gen.make(rng_for(gen.key, seed, difficulty), difficulty)
            p = item.params
            heading, position = HEADINGS[p["start"]], 0
            for i, length in enumerate(p["lengths"]):
                if i:
                    heading *= -1j if p["turns"][i - 1] == "right" else 1j
                position += heading * length
            x, y = round(position.real), round(position.imag)
            distance = math.hypot(x, y)
            assert distance == int(distance) and x and y  # a Pythagorean triple, off both axes
            where = f"{'North' if y > 0 else 'South'}-{'East' if x > 0 else 'West'}"
            expected = f"{int(distance)} {p['unit']}, {where}"
            assert sum(o == expected for o in item.options) == 1, (p, item.options)
            assert item.options[item.answer] == expected
            assert all(length > 0 for length in p["lengths"])
            assert len(p["lengths"]) in {"easy": (2,), "medium": (3,), "hard": (4, 5)}[difficulty]
            for length in p["lengths"]:
                assert f"{length} {p['unit']}" in item.stem
