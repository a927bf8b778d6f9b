"""Order and ranking: ranks from both ends of a class or a row, people between two persons, and an interchange.

Mistakes offered are the off-by-one slips: adding both ranks without subtracting the person counted twice,
subtracting two, forgetting the people in between, and using the position before the interchange.
"""

from __future__ import annotations

import random

from trainer.bank.generators._bilingual import assemble, choose_wrong, ordinal
from trainer.bank.generators.base import Generated, generator

PEOPLE = [("Rohan", "रोहन"), ("Meena", "मीना"), ("Arjun", "अर्जुन"), ("Priya", "प्रिया"), ("Vikas", "विकास"),
          ("Sunita", "सुनीता"), ("Deepak", "दीपक"), ("Kavita", "कविता")]  # fmt: skip
FEMININE = {"Meena", "Priya", "Sunita", "Kavita"}
PLAN = {"easy": ["total", "other-end"], "medium": ["between", "other-end"], "hard": ["interchange", "new-rank"]}
TOP = {"easy": 25, "medium": 40, "hard": 60}


def _draw(rng: random.Random, difficulty: str) -> dict:
    kind, top = rng.choice(PLAN[difficulty]), TOP[difficulty]
    a, b = rng.sample(range(len(PEOPLE)), 2)
    params = {"kind": kind, "a": a, "b": b}
    if kind == "total":
        return params | {"top": rng.randint(3, top), "bottom": rng.randint(3, top)}
    if kind == "other-end":
        n = rng.randint(top // 2, 2 * top)
        return params | {"n": n, "left": rng.randint(2, n - 1)}
    if kind == "between":
        return params | {"left": rng.randint(3, top), "right": rng.randint(3, top), "gap": rng.randint(2, 12)}
    while True:
        left, right = rng.randint(3, top), rng.randint(3, top)
        new_left = rng.choice([v for v in range(3, top + 15) if abs(v - left) >= 3])
        if left < new_left + right - 2:  # the first person's old place lies inside the row
            return params | {"left": left, "right": right, "new_left": new_left}


def answer_of(p: dict) -> int:
    kind = p["kind"]
    if kind == "total":
        return p["top"] + p["bottom"] - 1
    if kind == "other-end":
        return p["n"] - p["left"] + 1
    if kind == "between":
        return p["left"] + p["gap"] + p["right"]
    if kind == "interchange":
        return p["new_left"] + p["right"] - 1
    return p["new_left"] + p["right"] - p["left"]  # B's new rank from the right: n - left + 1


def _texts(p: dict) -> tuple[str, str]:
    (x, x_hi), (y, y_hi) = PEOPLE[p["a"]], PEOPLE[p["b"]]
    kind = p["kind"]
    if kind == "total":
        return (
            f"In a class, {x} ranks {ordinal(p['top'])} from the top and {ordinal(p['bottom'])} from the bottom. "
            "How many students are there in the class?",
            f"एक कक्षा में {x_hi} का स्थान ऊपर से {p['top']}वाँ और नीचे से {p['bottom']}वाँ है। कक्षा में कितने विद्यार्थी हैं?",
        )
    if kind == "other-end":
        return (
            f"In a row of {p['n']} children, {x} is {ordinal(p['left'])} from the left end. What is {x}'s position "
            f"from the right end?",
            f"{p['n']} बच्चों की एक पंक्ति में {x_hi} बाएँ छोर से {p['left']}वें स्थान पर है। दाएँ छोर से {x_hi} का स्थान कौन-सा है?",
        )
    start = (
        f"In a row, {x} is {ordinal(p['left'])} from the left end and {y} is {ordinal(p['right'])} from the right end."
    )
    start_hi = f"एक पंक्ति में {x_hi} बाएँ छोर से {p['left']}वें और {y_hi} दाएँ छोर से {p['right']}वें स्थान पर है।"
    if kind == "between":
        return (
            f"{start} There are {p['gap']} children between them, and {x} is to the left of {y}. How many children "
            "are there in the row?",
            f"{start_hi} उनके बीच {p['gap']} बच्चे हैं और {x_hi}, {y_hi} के बाईं ओर है। पंक्ति में कितने बच्चे हैं?",
        )
    swap = f" When they interchange their positions, {x} becomes {ordinal(p['new_left'])} from the left end."
    verb = "आ जाती है" if x in FEMININE else "आ जाता है"
    swap_hi = f" जब वे आपस में स्थान बदल लेते हैं, तो {x_hi} बाएँ छोर से {p['new_left']}वें स्थान पर {verb}।"
    if kind == "interchange":
        return f"{start}{swap} How many children are there in the row?", f"{start_hi}{swap_hi} पंक्ति में कितने बच्चे हैं?"
    return (
        f"{start}{swap} What is {y}'s new position from the right end?",
        f"{start_hi}{swap_hi} अब दाएँ छोर से {y_hi} का स्थान कौन-सा है?",
    )


def _steps(p: dict, answer: int) -> tuple[list[str], list[str]]:
    kind = p["kind"]
    if kind == "total":
        work = f"{p['top']} + {p['bottom']} - 1 = {answer}"
        return (
            [f"Total $= {work}$: the person is counted in both ranks, so subtract 1."],
            [f"कुल $= {work}$: वह व्यक्ति दोनों स्थानों में गिना गया है, इसलिए 1 घटाएँ।"],
        )
    if kind == "other-end":
        work = f"{p['n']} - {p['left']} + 1 = {answer}"
        return [f"Position from the right $= {work}$."], [f"दाएँ से स्थान $= {work}$।"]
    if kind == "between":
        work = f"{p['left']} + {p['gap']} + {p['right']} = {answer}"
        return ([f"Nobody is counted twice: total $= {work}$."], [f"कोई दो बार नहीं गिना गया: कुल $= {work}$।"])
    n = p["new_left"] + p["right"] - 1
    first = (
        f"After the interchange the first person stands where the second stood, so the second person was "
        f"{ordinal(p['new_left'])} from the left: total $= {p['new_left']} + {p['right']} - 1 = {n}$."
    )
    first_hi = (
        f"स्थान बदलने पर पहला व्यक्ति दूसरे के स्थान पर है, अतः दूसरा व्यक्ति बाएँ से {p['new_left']}वें स्थान पर था: कुल "
        f"$= {p['new_left']} + {p['right']} - 1 = {n}$।"
    )
    if kind == "interchange":
        return [first], [first_hi]
    work = f"{n} - {p['left']} + 1 = {answer}"
    return (
        [first, f"The second person now stands {ordinal(p['left'])} from the left: from the right $= {work}$."],
        [first_hi, f"दूसरा व्यक्ति अब बाएँ से {p['left']}वें स्थान पर है: दाएँ से $= {work}$।"],
    )


@generator("reasoning-order-ranking-row", "reasoning", "order-ranking", "Ranks from both ends of a row")
def row_rank(rng: random.Random, difficulty: str) -> Generated:
    """Easy: total from two ranks, rank from the other end; medium: people between two persons; hard: an
    interchange of positions."""
    params = _draw(rng, difficulty)
    answer = answer_of(params)
    asks_rank = params["kind"] in ("other-end", "new-rank")
    mistakes = [answer + 1, answer - 1, answer - 2, answer + 2]
    if params["kind"] == "between":
        mistakes = [params["left"] + params["right"], answer - 1, answer + 1, params["left"] + params["right"] - 1]
    if params["kind"] == "new-rank":
        mistakes = [params["right"], answer - 1, answer + 1]
    wrong = choose_wrong(answer, [m for m in mistakes if m > 0], str, lambda i: answer + 2 + i)

    def show(v: int) -> tuple[str, str]:
        return (ordinal(v), f"{v}वाँ") if asks_rank else (str(v), str(v))

    stem, hindi_stem = _texts(params)
    steps, hindi_steps = _steps(params, answer)
    return assemble(
        rng, show(answer), [show(w) for w in wrong], stem=stem, hindi_stem=hindi_stem, steps=steps,
        hindi_steps=hindi_steps, params=params,
    )  # fmt: skip
