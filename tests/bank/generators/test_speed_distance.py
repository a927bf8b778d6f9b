"""Trains and boats: the key recomputed in metres and seconds (1 km/h = 1000 m / 3600 s), boats by search."""

from fractions import Fraction

from tests.bank.generators.quant_support import exactly_one, items, whole


def metres_per_second(kmh) -> Fraction:
    return Fraction(kmh) * 1000 / 3600


def test_trains_key_and_realism():
    for difficulty, seed, item in items("quant-speed-distance-trains"):
        p, where = item.params, f"{difficulty} seed {seed}"
        if p["kind"] == "pole":
            expected = Fraction(p["length"], p["seconds"]) * 3600 / 1000  # km/h
            assert 100 <= p["length"] <= 600 and 18 <= expected <= 130, where
        elif p["kind"] == "platform":
            expected = (p["length"] + p["platform"]) / metres_per_second(p["speed"])
            assert 100 <= p["length"] <= 400 and 100 <= p["platform"] <= 800, where
        else:
            v1, v2 = p["speeds"]
            relative = v1 + v2 if p["opposite"] else abs(v1 - v2)
            expected = sum(p["lengths"]) / metres_per_second(relative)
            assert all(80 <= x <= 500 for x in p["lengths"]) and all(18 <= v <= 126 for v in p["speeds"]), where
        assert p["kind"] == {"easy": "pole", "medium": "platform", "hard": "trains"}[difficulty], where
        assert whole(expected) and expected > 0, f"{where}: {expected}"
        exactly_one(item, expected, where=where)


def test_boats_key_and_realism():
    for difficulty, seed, item in items("quant-speed-distance-boats"):
        p, where = item.params, f"{difficulty} seed {seed}"
        if p["kind"] == "speeds":
            down = Fraction(p["distances"][0], p["hours"][0])
            up = Fraction(p["distances"][1], p["hours"][1])
            expected = (down - up) / 2
            assert up > 0 and down > up, where
        elif p["kind"] == "time":
            b, s, d = p["boat"], p["stream"], p["distance"]
            expected = Fraction(d, b - s) + Fraction(d, b + s)
        else:
            b, s, total = p["boat"], p["stream"], p["hours"]
            found = [d for d in range(1, 2000) if Fraction(d, b + s) + Fraction(d, b - s) == total]
            assert len(found) == 1, where
            expected = found[0]
        if "boat" in p:
            assert 0 < 2 * p["stream"] < p["boat"] <= 24, where
        assert whole(expected) and 0 < expected <= 240, f"{where}: {expected}"
        exactly_one(item, expected, where=where)
