"""Series: the missing number (arithmetic, geometric, difference, ×m + c, squares/cubes, two interleaved series)
and the missing letter or letter-cluster (constant skips, growing skips, clusters with one skip per position).

Mistakes offered: the term one step too far, a difference that was not increased (off by one in the pattern),
a skip counted one letter short or long, the series run in the wrong direction.
"""

from __future__ import annotations

import random

from trainer.bank.generators._bilingual import LETTERS, assemble, choose_wrong, numeric, same, shift
from trainer.bank.generators.base import Generated, generator

NUMBER_KINDS = {
    "easy": ["arithmetic", "geometric"],
    "medium": ["second-difference", "multiply-add", "squares"],
    "hard": ["alternating", "alternate-ops", "cubes", "growing-multiplier"],
}


def _rule(rng: random.Random, kind: str) -> dict:
    pick = rng.randint
    return {
        "arithmetic": lambda: {"a": pick(2, 60), "d": rng.choice([-1, 1, 1]) * pick(3, 19)},
        "geometric": lambda: {"a": pick(1, 7), "r": rng.choice([2, 2, 3])},
        "second-difference": lambda: {"a": pick(2, 40), "d0": pick(1, 9), "dd": pick(1, 5)},
        "multiply-add": lambda: {"a": pick(2, 9), "m": 2, "c": rng.choice([-3, -2, -1, 1, 2, 3, 5])},
        "squares": lambda: {"s": pick(2, 9), "c": rng.choice([-2, -1, 0, 1, 2])},
        "alternating": lambda: {"a": pick(2, 30), "b": pick(40, 90), "d1": pick(2, 9), "d2": -pick(2, 9)},
        "alternate-ops": lambda: {"a": pick(2, 9), "m": rng.choice([2, 3]), "c": pick(1, 9)},
        "cubes": lambda: {"s": pick(1, 6), "c": rng.choice([-1, 0, 1, 2])},
        "growing-multiplier": lambda: {"a": pick(1, 6), "c": rng.choice([0, 1])},
    }[kind]()


def term(kind: str, r: dict, i: int) -> int:
    """The i-th term (from 0) of the series."""
    if kind == "arithmetic":
        return r["a"] + i * r["d"]
    if kind == "geometric":
        return r["a"] * r["r"] ** i
    if kind == "second-difference":
        return r["a"] + i * r["d0"] + r["dd"] * i * (i - 1) // 2
    if kind in ("squares", "cubes"):
        return (r["s"] + i) ** (2 if kind == "squares" else 3) + r["c"]
    if kind == "alternating":
        return r["a"] + i // 2 * r["d1"] if i % 2 == 0 else r["b"] + i // 2 * r["d2"]
    value = r["a"]
    for j in range(i):
        if kind == "multiply-add":
            value = value * r["m"] + r["c"]
        elif kind == "alternate-ops":
            value = value * r["m"] if j % 2 == 0 else value + r["c"]
        else:  # growing-multiplier: ×1, ×2, ×3, … (+ c each time)
            value = value * (j + 1) + r["c"]
    return value


def _describe(kind: str, r: dict) -> tuple[str, str]:
    if kind == "arithmetic":
        more, d = r["d"] > 0, abs(r["d"])
        return (
            f"each term is {d} {'more' if more else 'less'} than the one before",
            f"हर पद पिछले पद से {d} {'अधिक' if more else 'कम'} है",
        )
    if kind == "geometric":
        return f"each term is {r['r']} times the one before", f"हर पद पिछले पद का {r['r']} गुना है"
    if kind == "second-difference":
        diffs = ", ".join(str(r["d0"] + k * r["dd"]) for k in range(4))
        return (f"the differences {diffs}, … grow by {r['dd']}", f"अंतर {diffs}, … हर बार {r['dd']} बढ़ते हैं")
    if kind == "multiply-add":
        op = f"$\\times {r['m']} {'+' if r['c'] > 0 else '-'} {abs(r['c'])}$"
        return f"each term is the one before {op}", f"हर पद = पिछला पद {op}"
    if kind in ("squares", "cubes"):
        power = 2 if kind == "squares" else 3
        extra = "" if r["c"] == 0 else f" {'+' if r['c'] > 0 else '-'} {abs(r['c'])}"
        text = f"$n^{power}{extra}$"
        return (
            f"the terms are {text} for n = {r['s']}, {r['s'] + 1}, {r['s'] + 2}, …",
            f"पद {text} हैं, जहाँ n = {r['s']}, {r['s'] + 1}, {r['s'] + 2}, …",
        )
    if kind == "alternating":
        return (
            f"two series alternate: the 1st, 3rd, 5th … terms change by +{r['d1']}, the 2nd, 4th … by {r['d2']}",
            f"दो श्रृंखलाएँ एकांतर क्रम में हैं: पहला, तीसरा, पाँचवाँ … पद +{r['d1']} से और दूसरा, चौथा … पद {r['d2']} से बदलता है",
        )
    if kind == "alternate-ops":
        ops = f"$\\times {r['m']}$ and $+ {r['c']}$"
        return f"the steps alternate {ops}", f"चरण बारी-बारी से {ops} हैं"
    extra = f" $+ {r['c']}$" if r["c"] else ""
    return (
        f"the multipliers grow: $\\times 1$, $\\times 2$, $\\times 3$, …{extra}",
        f"गुणक बढ़ते हैं: $\\times 1$, $\\times 2$, $\\times 3$, …{extra}",
    )


def _number_params(rng: random.Random, difficulty: str) -> dict:
    while True:
        kind = rng.choice(NUMBER_KINDS[difficulty])
        rule = _rule(rng, kind)
        length = {"easy": 5, "medium": 6, "hard": 7}[difficulty]
        blank = length - 1 if difficulty == "easy" else rng.randint(2, length - 1)
        terms = [term(kind, rule, i) for i in range(length + 1)]
        if all(0 < t <= 2000 for t in terms) and len(set(terms)) == len(terms):
            return {"kind": kind, "rule": rule, "length": length, "blank": blank}


@generator("reasoning-series-number", "reasoning", "series", "Missing number in a series")
def number_series(rng: random.Random, difficulty: str) -> Generated:
    """Easy: arithmetic or geometric, next term; medium: difference, ×m + c or square series; hard: interleaved,
    alternating operations, cubes, growing multipliers, the gap anywhere."""
    params = _number_params(rng, difficulty)
    kind, rule, length, blank = params["kind"], params["rule"], params["length"], params["blank"]
    terms = [term(kind, rule, i) for i in range(length + 1)]
    answer = terms[blank]
    previous_step = terms[blank - 1] - terms[blank - 2]
    mistakes = [
        terms[blank - 1] + previous_step,  # last difference repeated, not grown
        terms[blank + 1] if blank == length - 1 else (terms[blank - 1] + terms[blank + 1]) // 2,  # one step too far
        answer + previous_step // 2,
        answer + 1,
        answer - 1,
    ]
    wrong = choose_wrong(answer, [m for m in mistakes if m and m > 0], str, lambda i: answer + 2 * i)
    shown = ", ".join("?" if i == blank else str(t) for i, t in enumerate(terms[:length]))
    rule_en, rule_hi = _describe(kind, rule)
    full = ", ".join(map(str, terms[:length]))
    return assemble(
        rng,
        numeric(answer),
        [numeric(w) for w in wrong],
        stem=f"Which number will replace the question mark (?) in the following series?\n\n{shown}",
        hindi_stem=f"निम्नलिखित श्रृंखला में प्रश्नवाचक चिह्न (?) के स्थान पर कौन-सी संख्या आएगी?\n\n{shown}",
        steps=[f"Pattern: {rule_en}.", f"The complete series is {full}."],
        hindi_steps=[f"प्रतिरूप: {rule_hi}।", f"पूरी श्रृंखला: {full}।"],
        params=params,
    )


def _letter_params(rng: random.Random, difficulty: str) -> dict:
    """steps[p][i]: the move of position p from item i to item i+1."""
    count = {"easy": 5, "medium": 5, "hard": 5}[difficulty]
    width = {"easy": 1, "medium": rng.choice([1, 2]), "hard": 3}[difficulty]
    while True:
        starts = [rng.randrange(26) for _ in range(width)]
        steps = []
        for _ in range(width):
            base, grow = rng.choice([-1, 1]) * rng.randint(2 if width == 1 else 1, 6), 0
            if difficulty != "easy" and rng.random() < 0.5:
                grow = rng.choice([1, 1, -1]) if width == 1 or difficulty == "hard" else 0
            steps.append([base + grow * i for i in range(count - 1)])
        if width == 1 and difficulty != "easy" and steps[0][0] == steps[0][1]:
            continue  # a single-letter series must have growing skips from medium on
        if all(s != 0 for row in steps for s in row):
            blank = count - 1 if difficulty != "hard" else rng.randint(1, count - 1)
            return {"starts": starts, "steps": steps, "blank": blank, "wrap": width > 1}


def letters_of(p: dict) -> list[str]:
    items = []
    for i in range(len(p["steps"][0]) + 1):
        items.append("".join(LETTERS[(s + sum(row[:i])) % 26] for s, row in zip(p["starts"], p["steps"])))
    return items


def _letters_ok(p: dict) -> bool:
    if p["wrap"]:
        return True
    positions = [p["starts"][0] + sum(p["steps"][0][:i]) for i in range(len(p["steps"][0]) + 1)]
    return all(0 <= x < 26 for x in positions)


@generator("reasoning-series-letter", "reasoning", "series", "Missing letter or letter-cluster in a series")
def letter_series(rng: random.Random, difficulty: str) -> Generated:
    """Easy: one letter, a constant skip; medium: growing skips or two-letter clusters; hard: three-letter clusters
    with their own skips (wrapping from Z to A), the gap anywhere."""
    params = _letter_params(rng, difficulty)
    while not _letters_ok(params):
        params = _letter_params(rng, difficulty)
    items, blank = letters_of(params), params["blank"]
    answer = items[blank]
    moves = [row[blank - 1] for row in params["steps"]]
    before = items[blank - 1]
    near = ["".join(shift(ch, m + (k == j)) for k, (ch, m) in enumerate(zip(before, moves))) for j in range(len(moves))]
    mistakes = [
        *near,
        "".join(shift(ch, m - 1) for ch, m in zip(before, moves)),
        "".join(shift(ch, -m) for ch, m in zip(before, moves)),
        answer[::-1],
    ]
    wrong = choose_wrong(answer, mistakes, str, lambda i: "".join(shift(ch, 2 * i + 1) for ch in answer))
    shown = ", ".join("?" if i == blank else item for i, item in enumerate(items))
    table = "; ".join(" ".join(f"{ch}({LETTERS.index(ch) + 1})" for ch in item) for item in items)
    wrap = (" (after Z comes A again)", " (Z के बाद फिर A आता है)") if params["wrap"] else ("", "")
    what, what_hi = ("letter", "अक्षर") if len(answer) == 1 else ("letter-cluster", "अक्षर-समूह")
    skips = ", ".join("/".join(f"{row[i]:+d}" for row in params["steps"]) for i in range(len(items) - 1))
    return assemble(
        rng,
        same(answer),
        [same(w) for w in wrong],
        stem=f"Select the {what} that can replace the question mark (?) in the following series.\n\n{shown}",
        hindi_stem=f"उस {what_hi} का चयन करें जो निम्नलिखित श्रृंखला में प्रश्नवाचक चिह्न (?) के स्थान पर आ सकता है।\n\n{shown}",
        steps=[f"Letter positions: {table}.", f"Moves from term to term: {skips}{wrap[0]}."],
        hindi_steps=[f"अक्षरों के स्थान: {table}।", f"एक पद से अगले पद तक चाल: {skips}{wrap[1]}।"],
        params=params,
    )
