"""Probability with dice, coins and a pack of 52 cards; the answer is a fraction in lowest terms.

Mistakes offered: counting (2, 6) and (6, 2) as one outcome (21 outcomes for two dice, n+1 for n coins), "exactly"
read as "at least", the ace of spades counted twice in "a spade or an ace", drawing with replacement, and the
complement.
"""

from __future__ import annotations

import random
from fractions import Fraction
from itertools import combinations, combinations_with_replacement, product

from trainer.bank.generators._bilingual import assemble, choose_wrong, frac, fraction_option
from trainer.bank.generators.base import Generated, generator

DECK = [(rank, suit) for suit in "SHDC" for rank in range(1, 14)]  # 1 = ace, 11-13 = jack, queen, king
RED = "HD"
COUNT_WORDS = {1: ("One", "एक"), 2: ("Two", "दो"), 3: ("Three", "तीन"), 4: ("Four", "चार")}


def _prime(n: int) -> bool:
    return n > 1 and all(n % d for d in range(2, n))


# key -> (English, Hindi, predicate(outcome, k), parts counted separately by the double-counting slip)
DIE = {
    "even": ("an even number", "एक सम संख्या", lambda f, k: f[0] % 2 == 0),
    "prime": ("a prime number", "एक अभाज्य संख्या", lambda f, k: _prime(f[0])),
    "greater": ("a number greater than {k}", "{k} से बड़ी संख्या", lambda f, k: f[0] > k),
}
DICE = {
    "sum": ("a sum of {k}", "योग {k}", lambda f, k: sum(f) == k),
    "doublet": ("a doublet (the same number on both)", "द्विक (दोनों पासों पर एक ही संख्या)", lambda f, k: f[0] == f[1]),
    "multiple": ("a sum that is a multiple of {k}", "{k} से विभाज्य योग", lambda f, k: sum(f) % k == 0),
    "product-even": ("an even product of the two numbers", "दोनों संख्याओं का सम गुणनफल", lambda f, k: f[0] * f[1] % 2 == 0),
    "difference": (
        "a difference of {k} between the two numbers",
        "दोनों संख्याओं का अंतर {k}",
        lambda f, k: abs(f[0] - f[1]) == k,
    ),
}
COINS = {
    "exactly": ("exactly {k} heads", "ठीक {k} चित", lambda c, k: c.count("H") == k),
    "at-least": ("at least {k} heads", "कम से कम {k} चित", lambda c, k: c.count("H") >= k),
    "at-most": ("at most {k} heads", "अधिक से अधिक {k} चित", lambda c, k: c.count("H") <= k),
}
CARD = {
    "king": ("a king", "बादशाह", lambda c, k: c[0] == 13, None),
    "red": ("a red card", "लाल पत्ता", lambda c, k: c[1] in RED, None),
    "face": (
        "a face card (jack, queen or king)",
        "तस्वीर वाला पत्ता (गुलाम, बेगम या बादशाह)",
        lambda c, k: c[0] > 10,
        None,
    ),
    "red-face": ("a red face card", "लाल रंग का तस्वीर वाला पत्ता", lambda c, k: c[0] > 10 and c[1] in RED, None),
    "spade-or-ace": ("a spade or an ace", "हुकुम का पत्ता या इक्का", lambda c, k: c[1] == "S" or c[0] == 1, (13, 4)),
    "red-or-king": ("a red card or a king", "लाल पत्ता या बादशाह", lambda c, k: c[1] in RED or c[0] == 13, (26, 4)),
    "heart-or-face": (
        "a heart or a face card",
        "पान का पत्ता या तस्वीर वाला पत्ता",
        lambda c, k: c[1] == "H" or c[0] > 10,
        (13, 12),
    ),
}
TWO_CARDS = {  # predicate on an unordered pair; English, Hindi, LaTeX count of favourable pairs
    "both-kings": ("both are kings", "दोनों बादशाह हों", lambda p: p[0][0] == p[1][0] == 13, "\\binom{4}{2}"),
    "both-red": ("both are red", "दोनों लाल हों", lambda p: p[0][1] in RED and p[1][1] in RED, "\\binom{26}{2}"),
    "both-face": (
        "both are face cards",
        "दोनों तस्वीर वाले पत्ते हों",
        lambda p: p[0][0] > 10 and p[1][0] > 10,
        "\\binom{12}{2}",
    ),
    "both-spades": ("both are spades", "दोनों हुकुम के हों", lambda p: p[0][1] == p[1][1] == "S", "\\binom{13}{2}"),
    "king-and-queen": (
        "one is a king and the other a queen",
        "एक बादशाह और दूसरा बेगम हो",
        lambda p: sorted((p[0][0], p[1][0])) == [12, 13],
        "4 \\times 4",
    ),
}
PLAN = {
    "easy": [("die", ["even", "prime", "greater"]), ("coins", ["exactly", "at-least"]), ("card", list(CARD)[:3])],
    "medium": [("dice", ["sum", "doublet"]), ("coins", list(COINS)), ("card", list(CARD)[3:])],
    "hard": [
        ("dice", ["multiple", "product-even", "difference"]),
        ("coins", list(COINS)),
        ("two-cards", list(TWO_CARDS)),
    ],
}


def _draw(rng: random.Random, difficulty: str) -> dict:
    experiment, events = rng.choice(PLAN[difficulty])
    event = rng.choice(events)
    count = {"die": 1, "dice": 2, "coins": {"easy": 2, "medium": 3, "hard": 4}[difficulty]}.get(experiment, 1)
    k = {
        "greater": rng.randint(2, 4),
        "sum": rng.randint(3, 11),
        "multiple": rng.randint(3, 5),
        "difference": rng.randint(1, 4),
    }.get(event, 0)
    if experiment == "coins":
        k = rng.randint(1, count - 1)
    return {"experiment": experiment, "event": event, "count": count, "k": k}


def _space(p: dict) -> list:
    if p["experiment"] in ("die", "dice"):
        return list(product(range(1, 7), repeat=p["count"]))
    if p["experiment"] == "coins":
        return ["".join(t) for t in product("HT", repeat=p["count"])]
    return DECK if p["experiment"] == "card" else list(combinations(DECK, 2))


def _test(p: dict):
    experiment, event, k = p["experiment"], p["event"], p["k"]
    if experiment == "two-cards":
        return TWO_CARDS[event][2]
    table = {"die": DIE, "dice": DICE, "coins": COINS, "card": CARD}[experiment]
    predicate = table[event][2]
    return lambda outcome: predicate(outcome, k)


def _slips(p: dict, favourable: int, total: int) -> list:
    """Probabilities that the usual mistakes give."""
    test, slips = _test(p), [1 - Fraction(favourable, total)]
    if p["experiment"] == "dice":  # unordered outcomes: 21 of them
        unordered = list(combinations_with_replacement(range(1, 7), 2))
        slips.append(Fraction(sum(map(test, unordered)), len(unordered)))
    if p["experiment"] == "coins":  # outcomes as numbers of heads: n + 1 of them
        heads = ["H" * h + "T" * (p["count"] - h) for h in range(p["count"] + 1)]
        slips.append(Fraction(sum(map(test, heads)), len(heads)))
        other = "at-least" if p["event"] == "exactly" else "exactly"
        slips.append(Fraction(sum(COINS[other][2](c, p["k"]) for c in _space(p)), total))
    if p["experiment"] == "card" and CARD[p["event"]][3]:
        slips.append(Fraction(sum(CARD[p["event"]][3]), 52))  # the common card counted twice
    if p["experiment"] == "two-cards":  # with replacement
        slips.append(Fraction(sum(test(pair) for pair in product(DECK, repeat=2)), 52 * 52))
    return [*slips, Fraction(favourable + 1, total), Fraction(max(favourable - 1, 1), total)]


def _texts(p: dict) -> tuple[str, str]:
    experiment, k = p["experiment"], p["k"]
    if experiment == "two-cards":
        en, hi = TWO_CARDS[p["event"]][:2]
        return (
            f"Two cards are drawn together from a well-shuffled pack of 52 cards. What is the probability that {en}?",
            f"52 पत्तों की अच्छी तरह फेंटी गई गड्डी में से दो पत्ते एक साथ निकाले जाते हैं। {hi}, इसकी प्रायिकता क्या है?",
        )
    table = {"die": DIE, "dice": DICE, "coins": COINS, "card": CARD}[experiment]
    en, hi = (text.replace("{k}", str(k)) for text in table[p["event"]][:2])
    if experiment == "card":
        return (
            f"One card is drawn from a well-shuffled pack of 52 cards. What is the probability that it is {en}?",
            f"52 पत्तों की अच्छी तरह फेंटी गई गड्डी में से एक पत्ता निकाला जाता है। उसके {hi} होने की प्रायिकता क्या है?",
        )
    if experiment == "coins":
        word, word_hi = COUNT_WORDS[p["count"]]
        en = en.replace("1 heads", "1 head")
        return (
            f"{word} coins are tossed together. What is the probability of getting {en}?",
            f"{word_hi} सिक्के एक साथ उछाले जाते हैं। {hi} आने की प्रायिकता क्या है?",
        )
    if experiment == "die":
        return (
            f"A fair die is thrown once. What is the probability of getting {en}?",
            f"एक निष्पक्ष पासा एक बार फेंका जाता है। {hi} आने की प्रायिकता क्या है?",
        )
    return (
        f"Two fair dice are thrown together. What is the probability of getting {en}?",
        f"दो निष्पक्ष पासे एक साथ फेंके जाते हैं। {hi} आने की प्रायिकता क्या है?",
    )


NOTES = {
    "die": ("Each of the 6 faces is equally likely.", "6 में से हर फलक समसंभाव्य है।"),
    "dice": (
        "(2, 6) and (6, 2) are different outcomes: counting them once (21 outcomes) is the usual slip.",
        "(2, 6) और (6, 2) अलग परिणाम हैं: इन्हें एक गिनना (21 परिणाम) आम गलती है।",
    ),
    "coins": (
        "HHT, HTH and THH are different outcomes: counting only the number of heads is the usual slip.",
        "HHT, HTH और THH अलग परिणाम हैं: केवल चितों की संख्या गिनना आम गलती है।",
    ),
    "card": ("A card in both groups is counted once.", "दोनों समूहों में आने वाला पत्ता एक ही बार गिना जाता है।"),
    "two-cards": ("Drawn together means without replacement.", "एक साथ निकालने का अर्थ है बिना वापस रखे।"),
}


def _outcome(o) -> str:
    if isinstance(o, str):
        return o
    return str(o[0]) if len(o) == 1 else f"({', '.join(map(str, o))})"


def _steps(p: dict, favourable: int, total: int, listed: list) -> tuple[list[str], list[str]]:
    if p["experiment"] == "two-cards":
        count = f"{TWO_CARDS[p['event']][3]} = {favourable}"
        en = [f"Ways to draw 2 cards: $\\binom{{52}}{{2}} = {total}$; favourable ways: ${count}$."]
        hi = [f"2 पत्ते निकालने के कुल तरीके: $\\binom{{52}}{{2}} = {total}$; अनुकूल तरीके: ${count}$।"]
    else:
        shown = ", ".join(map(_outcome, listed)) if len(listed) <= 12 and p["experiment"] != "card" else ""
        en = [f"Equally likely outcomes: {total}; favourable: {favourable}" + (f", namely {shown}." if shown else ".")]
        hi = [f"समसंभाव्य परिणाम: {total}; अनुकूल: {favourable}" + (f", अर्थात् {shown}।" if shown else "।")]
    answer = Fraction(favourable, total)
    reduced = f" = {frac(answer)}" if answer.denominator != total else ""
    ratio = f"P = \\frac{{{favourable}}}{{{total}}}{reduced}"
    note, note_hi = NOTES[p["experiment"]]
    if p["experiment"] == "card" and not CARD[p["event"]][3]:
        note, note_hi = (
            "The pack has 4 suits of 13 cards; jack, queen and king are face cards.",
            ("गड्डी में 13-13 पत्तों के 4 सूट हैं; गुलाम, बेगम और बादशाह तस्वीर वाले पत्ते हैं।"),
        )
    return [*en, f"${ratio}$. {note}"], [*hi, f"${ratio}$। {note_hi}"]


@generator("quant-probability-events", "quant", "probability", "Probability with dice, coins and cards")
def events(rng: random.Random, difficulty: str) -> Generated:
    """Easy: one die, two coins, one card; medium: two dice, three coins, compound card events; hard: dice sums
    and products, four coins, two cards drawn together."""
    params = _draw(rng, difficulty)
    space, test = _space(params), _test(params)
    listed = [outcome for outcome in space if test(outcome)]
    favourable, total = len(listed), len(space)
    answer = Fraction(favourable, total)
    slips = [s for s in _slips(params, favourable, total) if 0 < s < 1]
    wrong = choose_wrong(answer, slips, fraction_option, lambda i: Fraction(favourable + i + 1, total))
    stem, hindi_stem = _texts(params)
    steps, hindi_steps = _steps(params, favourable, total, listed)
    return assemble(
        rng,
        (fraction_option(answer),) * 2,
        [(fraction_option(w),) * 2 for w in wrong],
        stem=stem,
        hindi_stem=hindi_stem,
        steps=steps,
        hindi_steps=hindi_steps,
        params=params,
    )
