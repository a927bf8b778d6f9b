"""Coding-decoding with letter shifts: every letter moved by k, opposite letters (A↔Z), the word reversed and
shifted, alternate +k/−k, or a shift that grows with the position.

Mistakes offered: the shift in the wrong direction, one place short or long, the reversal forgotten, the
alternation started the wrong way round, the position shift counted from 0.
"""

from __future__ import annotations

import random

from trainer.bank.generators._bilingual import LETTERS, assemble, choose_wrong, same, shift
from trainer.bank.generators.base import Generated, generator

WORDS = [
    "MANGO", "TABLE", "CHAIR", "PENCIL", "GARDEN", "FLOWER", "WINDOW", "SCHOOL", "MARKET", "OFFICE", "LETTER",
    "NATION", "RIVER", "PLANT", "CLOUD", "BRAIN", "FRUIT", "TRAIN", "HOUSE", "PAPER", "LEMON", "SUGAR", "WATER",
    "STONE", "CANDLE", "BOTTLE", "POCKET", "FOREST", "SILVER", "PLANET", "FILE", "DESK", "NOTE", "BOOK", "LAMP",
    "CLERK", "RECORD", "BUDGET", "MINUTE", "FOLDER", "RULE", "SEAL", "STAMP", "LEDGER",
]  # fmt: skip
KINDS = {"easy": ["shift"], "medium": ["shift", "opposite", "reverse"], "hard": ["alternate", "position", "reverse"]}


def encode(word: str, kind: str, k: int) -> str:
    if kind == "shift":
        return "".join(shift(ch, k) for ch in word)
    if kind == "opposite":  # A↔Z, B↔Y: positions add up to 27
        return "".join(LETTERS[25 - LETTERS.index(ch)] for ch in word)
    if kind == "reverse":
        return "".join(shift(ch, k) for ch in reversed(word))
    if kind == "alternate":
        return "".join(shift(ch, k if i % 2 == 0 else -k) for i, ch in enumerate(word))
    return "".join(shift(ch, k * (i + 1)) for i, ch in enumerate(word))  # position: +1, +2, +3 … (times k = ±1)


def _mistakes(word: str, kind: str, k: int) -> list[str]:
    if kind == "shift":
        return [
            encode(word, "shift", -k),
            encode(word, "shift", k + 1),
            encode(word, "shift", k - 1) if k != 1 else None,
        ]
    if kind == "opposite":  # positions adding to 26 or 28, or the code read backwards
        near = ["".join(LETTERS[(24 - LETTERS.index(ch)) % 26] for ch in word)]
        return [*near, "".join(LETTERS[(26 - LETTERS.index(ch)) % 26] for ch in word), encode(word, kind, k)[::-1]]
    if kind == "reverse":
        return [encode(word, "shift", k), encode(word, "reverse", -k), encode(word, "reverse", k + 1)]
    if kind == "alternate":
        return [encode(word, "alternate", -k), encode(word, "shift", k), encode(word, "alternate", k + 1)]
    zero_based = "".join(shift(ch, k * i) for i, ch in enumerate(word))
    return [zero_based, encode(word, "position", -k), encode(word, "shift", k)]


def _moves(word: str, code: str, kind: str) -> str:
    source = word[::-1] if kind == "reverse" else word
    parts = []
    for a, b in zip(source, code):
        d = (LETTERS.index(b) - LETTERS.index(a)) % 26
        parts.append(f"{a}→{b}" if kind == "opposite" else f"{a}→{b} ({d - 26 if d > 13 else d:+d})")
    return ", ".join(parts)


RULES = {
    "shift": ("every letter moves {k} place(s)", "हर अक्षर {k} स्थान खिसकता है"),
    "opposite": (
        "every letter is replaced by its opposite letter (A↔Z, B↔Y …: positions add up to 27)",
        "हर अक्षर के स्थान पर उसका विपरीत अक्षर (A↔Z, B↔Y …: स्थानों का योग 27) लिखा जाता है",
    ),
    "reverse": (
        "the word is written backwards and every letter moves {k} place(s)",
        "शब्द को उलटा लिखकर हर अक्षर {k} स्थान खिसकाया जाता है",
    ),
    "alternate": ("the letters move {k} and {-k} places alternately", "अक्षर बारी-बारी से {k} और {-k} स्थान खिसकते हैं"),
    "position": ("the n-th letter moves n places ({k} × position)", "n-वाँ अक्षर n स्थान ({k} × स्थान) खिसकता है"),
}


@generator("reasoning-coding-decoding-shift", "reasoning", "coding-decoding", "Letter-shift codes")
def letter_shift(rng: random.Random, difficulty: str) -> Generated:
    """Easy: a shift of ±1 or ±2; medium: any shift, opposite letters, reversed and shifted; hard: alternating or
    position-growing shifts, reversed with a larger shift."""
    kind = rng.choice(KINDS[difficulty])
    k = rng.choice([-1, 1]) * (rng.randint(1, 2) if difficulty == "easy" else rng.randint(1, 4))
    if kind in ("position",) or (kind == "reverse" and difficulty == "medium"):
        k = rng.choice([-1, 1])
    given, asked = rng.sample(WORDS, 2)
    code, answer = encode(given, kind, k), encode(asked, kind, k)
    mistakes = [m for m in _mistakes(asked, kind, k) if m != asked]  # a "code" equal to the word is no option
    wrong = choose_wrong(
        answer, mistakes, str, lambda i: encode(asked, "shift", k + 1 + i) if (k + 1 + i) % 26 else None
    )
    rule_en, rule_hi = (text.replace("{k}", f"{k:+d}").replace("{-k}", f"{-k:+d}") for text in RULES[kind])
    return assemble(
        rng,
        same(answer),
        [same(w) for w in wrong],
        stem=f"In a certain code language, '{given}' is written as '{code}'. How will '{asked}' be written in that "
        "language?",
        hindi_stem=f"एक निश्चित कूट भाषा में '{given}' को '{code}' लिखा जाता है। उसी भाषा में '{asked}' को कैसे लिखा जाएगा?",
        steps=[f"{given}: {_moves(given, code, kind)}.", f"So {rule_en}.", f"{asked}: {_moves(asked, answer, kind)}."],
        hindi_steps=[
            f"{given}: {_moves(given, code, kind)}।",
            f"अतः {rule_hi}।",
            f"{asked}: {_moves(asked, answer, kind)}।",
        ],
        params={"kind": kind, "k": k, "given": given, "asked": asked},
    )
