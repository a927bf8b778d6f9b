"""Average: the average changes when a member joins, leaves or is replaced; find that member's value."""

from __future__ import annotations

import random
from fractions import Fraction

from trainer.bank.generators._quant import build, retry, show, tex
from trainer.bank.generators.base import Generated, generator

# kind: English unit, Hindi unit, range of the group's average, range the member's value must fall in
CONTEXTS = {
    "age": ("years", "वर्ष", (12, 16), (24, 60)),
    "weight": ("kg", "किग्रा", (50, 68), (40, 100)),
    "marks": ("marks", "अंक", (50, 75), (10, 100)),
}
EVENTS = {
    "easy": ("join", ["age", "weight"]),
    "medium": ("leave", ["weight", "marks"]),
    "hard": ("replace", ["weight"]),
}
SIZES = {"easy": (10, 30), "medium": (15, 40), "hard": (8, 30)}
CHANGES = [Fraction(1, 2), Fraction(1), Fraction(3, 2), Fraction(2)]
GROUPS = {
    "age": ("The average age of {n} students of a class is {a} years.", "एक कक्षा के {n} छात्रों की औसत आयु {a} वर्ष है।"),
    "weight": ("The average weight of {n} men is {a} kg.", "{n} व्यक्तियों का औसत भार {a} किग्रा है।"),
    "marks": ("The average marks of {n} students is {a}.", "{n} छात्रों के औसत अंक {a} हैं।"),
}
EVENT_TEXTS = {  # when…, and the question, in English and Hindi
    ("join", "age"): (
        "When the teacher's age is included",
        "शिक्षक की आयु सम्मिलित करने पर",
        "What is the teacher's age?",
        "शिक्षक की आयु कितनी है?",
    ),
    ("join", "weight"): (
        "When a new man joins them",
        "एक नए व्यक्ति के शामिल होने पर",
        "What is the new man's weight?",
        "नए व्यक्ति का भार कितना है?",
    ),
    ("leave", "weight"): (
        "When one man leaves",
        "एक व्यक्ति के चले जाने पर",
        "What is the weight of the man who left?",
        "जाने वाले व्यक्ति का भार कितना है?",
    ),
    ("leave", "marks"): (
        "When one student leaves",
        "एक छात्र के चले जाने पर",
        "How many marks did the student who left score?",
        "जाने वाले छात्र के अंक कितने हैं?",
    ),
}


def member_value(p: dict) -> Fraction:
    """What the question asks for, from the change in the total."""
    n, average, change = p["size"], Fraction(p["average"]), Fraction(p["change"])
    if p["event"] == "join":
        return (n + 1) * (average + change) - n * average
    if p["event"] == "leave":
        return n * average - (n - 1) * (average + change)
    return p["replaced"] + n * change


def _draw(rng: random.Random, difficulty: str) -> dict:
    event, kinds = EVENTS[difficulty]

    def draw(r):
        kind = r.choice(kinds)
        (low, high), (vlow, vhigh) = CONTEXTS[kind][2:]
        sign = 1 if kind == "age" or event == "replace" else r.choice([1, -1])
        p = {"kind": kind, "event": event, "size": r.randint(*SIZES[difficulty]), "average": r.randint(low, high)}
        p["change"] = str(sign * r.choice(CHANGES))
        p["replaced"] = r.randint(vlow, vhigh - 20) if event == "replace" else None
        return p

    def ok(p):
        value, (vlow, vhigh) = member_value(p), CONTEXTS[p["kind"]][3]
        return value.denominator == 1 and vlow <= value <= vhigh

    return retry(rng, draw, ok)


def _texts(p: dict) -> tuple[str, str]:
    change = Fraction(p["change"])
    group, hgroup = (t.format(n=p["size"], a=p["average"]) for t in GROUPS[p["kind"]])
    unit, hunit = CONTEXTS[p["kind"]][:2]
    unit = "mark" if unit == "marks" and abs(change) == 1 else unit
    by, hby = f"{show(abs(change))} {unit}", f"{show(abs(change))} {hunit}"
    move, hmove = ("increases", "बढ़ जाता है") if change > 0 else ("decreases", "घट जाता है")
    if p["event"] == "replace":
        old = p["replaced"]
        return (
            f"{group} When one of them, weighing {old} kg, is replaced by a new man, the average {move} by {by}. "
            "What is the weight of the new man?",
            f"{hgroup} उनमें से {old} किग्रा भार वाले एक व्यक्ति के स्थान पर एक नया व्यक्ति आने से औसत {hby} {hmove}। "
            "नए व्यक्ति का भार कितना है?",
        )
    when, hwhen, question, hquestion = EVENT_TEXTS[(p["event"], p["kind"])]
    return f"{group} {when}, the average {move} by {by}. {question}", f"{hgroup} {hwhen} औसत {hby} {hmove}। {hquestion}"


def _work(p: dict, answer: Fraction) -> tuple[str, list, str, str]:
    """The total-based calculation, the slips candidates make, and the main slip in words."""
    n, avg, change = p["size"], p["average"], Fraction(p["change"])
    new = avg + change
    if p["event"] == "join":
        work = f"{n + 1} \\times {tex(new)} - {n} \\times {avg} = {tex(answer)}"
        slips = [avg + n * change, avg - (n + 1) * change, avg + (n - 1) * change, new]
        return (
            work,
            slips,
            f"counting {n} members after the change instead of {n + 1}",
            f"बाद में {n + 1} की जगह {n} सदस्य गिनना",
        )
    if p["event"] == "leave":
        work = f"{n} \\times {avg} - {n - 1} \\times {tex(new)} = {tex(answer)}"
        slips = [avg - n * change, avg + (n - 1) * change, avg - (n - 2) * change, new]
        return (
            work,
            slips,
            f"counting {n} members after the change instead of {n - 1}",
            f"बाद में {n - 1} की जगह {n} सदस्य गिनना",
        )
    old = p["replaced"]
    work = f"{old} + {n} \\times {tex(change)} = {tex(answer)}"
    slips = [old + change, old + (n + 1) * change, old - n * change, old + (n - 1) * change]
    return work, slips, f"adding the change once instead of {n} times", f"परिवर्तन को {n} बार की जगह एक बार जोड़ना"


@generator("quant-average-member-change", "quant", "average", "Average after a member joins, leaves or is replaced")
def member_change(rng: random.Random, difficulty: str) -> Generated:
    """Easy: a member joins; medium: a member leaves; hard: a member is replaced."""
    p = _draw(rng, difficulty)
    answer = member_value(p)
    unit, hunit = CONTEXTS[p["kind"]][:2]
    stem, hindi_stem = _texts(p)
    work, slips, slip, hslip = _work(p, answer)
    steps = [
        "Work with totals (total = average × number): the value asked for is the change in the total.",
        f"$ {work}$ {unit}.",
        f"A common slip is {slip}.",
    ]
    hindi_steps = [
        "योग से हल करें (योग = औसत × संख्या): पूछा गया मान कुल योग में आया अंतर है।",
        f"$ {work}$ {hunit}।",
        f"आम गलती: {hslip}।",
    ]
    return build(
        rng, answer, [s for s in slips if Fraction(s).denominator == 1], stem=stem, hindi_stem=hindi_stem,
        steps=steps, hindi_steps=hindi_steps, params=p, en=lambda v: f"{show(v)} {unit}",
        hi=lambda v: f"{show(v)} {hunit}", fallback=lambda i: answer + i,
    )  # fmt: skip
