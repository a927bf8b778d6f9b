"""Number and letter series: every term rebuilt independently from the rule in the parameters."""

from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for


def items(key):
    gen = all_generators()[key]
    for difficulty in DIFFICULTIES:
        for seed in range(150):
            yield difficulty, gen.make(rng_for(key, seed, difficulty), difficulty)


def rebuild(kind: str, r: dict, count: int) -> list[int]:
    """The series term by term, each from the one(s) before."""
    if kind in ("squares", "cubes"):
        power = 2 if kind == "squares" else 3
        return [n**power + r["c"] for n in range(r["s"], r["s"] + count)]
    if kind == "alternating":
        odd = [r["a"] + r["d1"] * j for j in range(count)]
        even = [r["b"] + r["d2"] * j for j in range(count)]
        return [odd[i // 2] if i % 2 == 0 else even[i // 2] for i in range(count)]
    terms, step = [r["a"]], r.get("d0")
    while len(terms) < count:
        last, i = terms[-1], len(terms) - 1
        if kind == "arithmetic":
            terms.append(last + r["d"])
        elif kind == "geometric":
            terms.append(last * r["r"])
        elif kind == "second-difference":
            terms.append(last + step)
            step += r["dd"]
        elif kind == "multiply-add":
            terms.append(last * r["m"] + r["c"])
        elif kind == "alternate-ops":
            terms.append(last * r["m"] if i % 2 == 0 else last + r["c"])
        else:  # growing multiplier
            terms.append(last * (i + 1) + r["c"])
    return terms


def test_number_series_key_is_the_missing_term():
    for difficulty, item in items("reasoning-series-number"):
        p = item.params
        terms = rebuild(p["kind"], p["rule"], p["length"])
        shown = ", ".join("?" if i == p["blank"] else str(t) for i, t in enumerate(terms))
        assert item.stem.endswith(shown) and item.hindi_stem.endswith(shown)
        assert sum(o == str(terms[p["blank"]]) for o in item.options) == 1
        assert item.options[item.answer] == str(terms[p["blank"]])
        assert all(0 < t <= 2000 for t in terms) and len(set(terms)) == len(terms)
        assert all(int(o) > 0 for o in item.options)
        if difficulty == "easy":
            assert p["kind"] in ("arithmetic", "geometric") and p["blank"] == p["length"] - 1
        if difficulty == "hard":
            assert p["length"] == 7


def letter(position: int) -> str:
    return chr(ord("A") + position % 26)


def test_letter_series_key_is_the_missing_cluster():
    for difficulty, item in items("reasoning-series-letter"):
        p = item.params
        clusters = []
        positions = list(p["starts"])
        for i in range(len(p["steps"][0]) + 1):
            clusters.append("".join(letter(x) for x in positions))
            if i < len(p["steps"][0]):
                positions = [x + row[i] for x, row in zip(positions, p["steps"])]
        expected = clusters[p["blank"]]
        shown = ", ".join("?" if i == p["blank"] else c for i, c in enumerate(clusters))
        assert item.stem.endswith(shown) and item.hindi_stem.endswith(shown)
        assert sum(o == expected for o in item.options) == 1
        assert item.options[item.answer] == expected
        assert all(len(o) == len(expected) and o.isalpha() and o.isupper() for o in item.options)
        assert len(expected) == {"easy": 1, "medium": len(expected), "hard": 3}[difficulty]
        if len(expected) == 1:  # single letters stay inside A…Z, no wrapping
            singles = [p["starts"][0] + sum(p["steps"][0][:i]) for i in range(len(clusters))]
            assert all(0 <= x < 26 for x in singles)
