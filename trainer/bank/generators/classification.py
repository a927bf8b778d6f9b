"""Classification (odd one out): three numbers share a property and one does not — multiples, squares, primes
(with a composite that looks prime), cubes — or three letter-clusters/number pairs follow one rule and one is a
letter or a unit off.

The wrong options are the members of the group; the odd one is built as the mistake a hurried reader misses
(91 = 7 × 13 looks prime, 63 sits next to the square 64).
"""

from __future__ import annotations

import random

from trainer.bank.generators._bilingual import LETTERS, assemble, same, shift
from trainer.bank.generators.base import Generated, generator

PLAN = {"easy": ["multiple", "square"], "medium": ["prime", "cube", "multiple"], "hard": ["pair", "letters"]}
LOOKS_PRIME = [51, 57, 87, 91, 111, 117, 119, 133, 143, 161, 171, 187, 203, 209, 217, 221, 247, 253]


def is_prime(n: int) -> bool:
    return n > 1 and all(n % d for d in range(2, int(n**0.5) + 1))


def _numbers(rng: random.Random, kind: str, difficulty: str) -> tuple[list, object, dict]:
    """Three members and the odd item, with the parameter of the rule."""
    if kind == "multiple":
        k = rng.randint(6, 13) if difficulty == "easy" else rng.randint(13, 19)
        members = [k * m for m in rng.sample(range(3, 16 if difficulty == "easy" else 30), 3)]
        odd = k * rng.randint(3, 15) + rng.choice([-2, -1, 1, 2])
        return members, odd, {"k": k}
    if kind == "square":
        roots = rng.sample(range(4, 20), 4)
        return [r * r for r in roots[:3]], roots[3] ** 2 + rng.choice([-1, 1]), {}
    if kind == "cube":
        roots = rng.sample(range(2, 11), 4)
        return [r**3 for r in roots[:3]], roots[3] ** 3 + rng.choice([-1, 1]), {}
    primes = [p for p in range(41, 260) if is_prime(p)]
    return rng.sample(primes, 3), rng.choice(LOOKS_PRIME), {}


def _pair(rng: random.Random) -> tuple[list, object, dict]:
    """Pairs a – b with b = a² + k; the odd pair is one unit off."""
    k = rng.choice([-2, -1, 1, 2, 3])
    firsts = rng.sample(range(3, 16), 4)
    pairs = [f"{a} – {a * a + k}" for a in firsts[:3]]
    a = firsts[3]
    return pairs, f"{a} – {a * a + k + rng.choice([-1, 1])}", {"k": k}


def _letters(rng: random.Random) -> tuple[list, object, dict]:
    """Clusters whose letters move by fixed steps; the odd cluster has one letter a place off."""
    steps = [rng.randint(1, 5) for _ in range(rng.choice([2, 3]))]
    clusters = []
    for start in rng.sample(range(26 - sum(steps)), 4):
        letters = [start]
        for s in steps:
            letters.append(letters[-1] + s)
        clusters.append("".join(LETTERS[x] for x in letters))
    odd = list(clusters[3])
    where = rng.randrange(1, len(odd))
    odd[where] = shift(odd[where], rng.choice([-1, 1]))
    return clusters[:3], "".join(odd), {"steps": steps}


def _clear(items: list, odd) -> bool:
    """No other simple property (parity, square, cube, prime, a multiple of 3-20) singles out a different item."""
    if not all(isinstance(i, int) for i in items):
        return True
    tests = [lambda n: n % 2 == 0, lambda n: round(n**0.5) ** 2 == n, lambda n: round(n ** (1 / 3)) ** 3 == n, is_prime]
    tests += [lambda n, k=k: n % k == 0 for k in range(3, 21)]
    for test in tests:
        alone = [i for i in items if test(i)]
        others = [i for i in items if not test(i)]
        for group in (alone, others):
            if len(group) == 1 and group[0] != odd:
                return False
    return True


def _explain(kind: str, members: list, odd, rule: dict) -> tuple[str, str]:
    group = ", ".join(map(str, members))
    if kind == "multiple":
        k = rule["k"]
        return f"{group} are multiples of {k}; {odd} is not.", f"{group}, {k} के गुणज हैं; {odd} नहीं है।"
    if kind in ("square", "cube"):
        en, hi = ("squares", "वर्ग") if kind == "square" else ("cubes", "घन")
        return f"{group} are perfect {en}; {odd} is not.", f"{group} पूर्ण {hi} हैं; {odd} नहीं है।"
    if kind == "prime":
        return (f"{group} are prime; {odd} is not ({_factor(odd)}).", f"{group} अभाज्य हैं; {odd} नहीं है ({_factor(odd)})।")
    if kind == "pair":
        k = f"{rule['k']:+d}"
        return (
            f"In {group} the second number is (first)² {k}; {odd} breaks the rule.",
            f"{group} में दूसरी संख्या = (पहली)² {k}; {odd} इस नियम को तोड़ता है।",
        )
    moves = ", ".join(f"+{s}" for s in rule["steps"])
    return (
        f"In {group} the letters move {moves}; in {odd} one letter is a place off.",
        f"{group} में अक्षर क्रमशः {moves} स्थान आगे बढ़ते हैं; {odd} में एक अक्षर एक स्थान हटकर है।",
    )


def _factor(n: int) -> str:
    d = next(d for d in range(2, n) if n % d == 0)
    return f"$ {n} = {d} \\times {n // d}$"


@generator("reasoning-classification-odd", "reasoning", "classification", "Odd one out")
def odd_one_out(rng: random.Random, difficulty: str) -> Generated:
    """Easy: multiples or squares; medium: primes, cubes, bigger multiples; hard: number pairs or letter-clusters."""
    kind = rng.choice(PLAN[difficulty])
    while True:
        members, odd, rule = (
            _pair(rng) if kind == "pair" else _letters(rng) if kind == "letters" else _numbers(rng, kind, difficulty)
        )
        fine = odd not in members and len(set(members)) == 3 and (not isinstance(odd, int) or odd > 0)
        if fine and _clear([*members, odd], odd):
            break
    params = {"kind": kind, "items": [*members, odd], "odd": odd, **rule}
    what, what_hi = {"pair": ("number-pairs", "संख्या-युग्मों"), "letters": ("letter-clusters", "अक्षर-समूहों")}.get(
        kind, ("numbers", "संख्याओं")
    )
    en, hi = _explain(kind, members, odd, rule)
    shown = sorted(map(str, params["items"]), key=lambda t: (len(t), t))
    listed, listed_hi = f"{', '.join(shown[:3])} and {shown[3]}", f"{', '.join(shown[:3])} और {shown[3]}"
    return assemble(
        rng,
        same(str(odd)),
        [same(str(m)) for m in members],
        stem=f"Three of the four {what} {listed} are alike in a certain way and one is different. Select the odd "
        "one out.",
        hindi_stem=f"चार {what_hi} {listed_hi} में से तीन किसी प्रकार समान हैं और एक उनसे भिन्न है। भिन्न का चयन करें।",
        steps=[en],
        hindi_steps=[hi],
        params=params,
    )
