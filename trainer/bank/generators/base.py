"""What a generator is and returns, the registry, and the few helpers every generator uses."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from trainer.bank.parsing import QuestionContent

DIFFICULTIES = ("easy", "medium", "hard")


@dataclass(frozen=True)
class Generated:
    """One generated question in both languages, with the parameters it was built from.

    `params` lets tests recompute the answer independently. The explanation's last line must read
    `Answer: <the correct option's text>` (and `उत्तर: <…>` in Hindi).
    """

    stem: str
    options: tuple[str, str, str, str]
    answer: int
    explanation: str
    hindi_stem: str
    hindi_options: tuple[str, str, str, str]
    hindi_explanation: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Generator:
    key: str  # unique, e.g. "quant-percentage-of"
    section: str  # taxonomy section
    topic: str  # taxonomy topic
    title: str
    make: Callable[[random.Random, str], Generated]  # (rng, difficulty) -> question


REGISTRY: dict[str, Generator] = {}


def generator(key: str, section: str, topic: str, title: str):
    """Register a function `make(rng, difficulty) -> Generated` as a generator."""

    def register(make: Callable[[random.Random, str], Generated]):
        if key in REGISTRY:
            raise ValueError(f"generator {key!r} registered twice")
        REGISTRY[key] = Generator(key, section, topic, title, make)
        return make

    return register


def rng_for(key: str, seed: int, difficulty: str) -> random.Random:
    """The random source of one generated item: the same key, seed and difficulty give the same question."""
    return random.Random(f"{key}:{seed}:{difficulty}")


def generate(gen: Generator, seed: int, difficulty: str) -> QuestionContent:
    """Make the question for (seed, difficulty) as version content, ready to store."""
    item = gen.make(rng_for(gen.key, seed, difficulty), difficulty)
    return QuestionContent(
        section=gen.section,
        topic=gen.topic,
        difficulty=difficulty,
        stem=item.stem,
        options=item.options,
        answer=item.answer,
        explanation=item.explanation,
        source=f"generated: {gen.key} (seed {seed})",
        hindi=(item.hindi_stem, item.hindi_options, item.hindi_explanation),
    )


def place(correct: str, wrong: list[str], rng: random.Random) -> tuple[tuple[str, str, str, str], int]:
    """Four options with the correct one at a random position; raises if the options are not distinct."""
    options = [correct, *wrong[:3]]
    if len(set(options)) != 4:
        raise ValueError(f"options are not distinct: {options}")
    rng.shuffle(options)
    return tuple(options), options.index(correct)  # type: ignore[return-value]


def distinct_wrong(correct, candidates, rng: random.Random, fallback: Callable[[int], object]) -> list:
    """Three wrong values from `candidates` (plausible mistakes), topped up by `fallback(i)`, all distinct."""
    chosen = []
    for value in candidates:
        if value != correct and value not in chosen and (not isinstance(value, int | float) or value > 0):
            chosen.append(value)
    i = 1
    while len(chosen) < 3:
        value = fallback(i)
        if value != correct and value not in chosen:
            chosen.append(value)
        i += 1
    return chosen[:3]


def num(value: float | Fraction | int) -> str:
    """A number as the exam prints it: integers plainly, else up to two decimals without trailing zeros."""
    if isinstance(value, Fraction) and value.denominator == 1:
        value = value.numerator
    if isinstance(value, int):
        return f"{value:,}".replace(",", "") if abs(value) < 100000 else f"{value}"
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text


def rupees(value) -> str:
    return f"Rs. {num(value)}"


def repeated_terms(text: str) -> list[str]:
    """Terms that appear twice in one sum of an inline formula (`$3\\cos^2 0^\\circ - 2\\cos^2 0^\\circ$`).

    Still a valid question, but it reads as a slip: a generator should combine or redraw such terms. Terms are
    split at top-level + and − (not inside braces or brackets) and compared without their numeric coefficient;
    plain numbers are ignored.
    """
    found = []
    for formula in re.findall(r"\$([^$]+)\$", text):
        terms, depth, current = [], 0, ""
        for ch in formula:
            if ch in "{([":
                depth += 1
            elif ch in "})]":
                depth -= 1
            if depth == 0 and ch in "+-":
                terms.append(current)
                current = ""
            else:
                current += ch
        terms.append(current)
        seen = set()
        for term in terms:
            core = re.sub(r"^\s*[\d.]*\s*(\\times|\\cdot)?\s*", "", term).strip()
            if not re.search(r"[A-Za-z]", core) or core.startswith(("\\times", "\\cdot", "=")):
                continue
            if core in seen:
                found.append(core)
            seen.add(core)
    return found
