"""Typing progress from scored attempts: the most frequent error kinds and words, and the drill made of them. Pure."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass

from trainer.skills.report import error_words

DRILL_WORDS = 12  # the most frequent error words a drill holds
DRILL_REPEATS = 3  # each typed this many times, in a shuffled order
_CORE = re.compile(r"[^0-9A-Za-z]")


@dataclass(frozen=True)
class ErrorSummary:
    kinds: list[tuple[str, int]]  # most frequent first
    words: list[tuple[str, int]]  # the word as the passage spells it (its commonest form), how often it went wrong


def summarise(scored: list[tuple[str, dict]]) -> ErrorSummary:
    """Error kinds and words over (passage, result) pairs; words are grouped ignoring case and punctuation."""
    kinds: Counter[str] = Counter()
    words: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for passage, result in scored:
        kinds.update({kind: count for kind, count in result.get("kinds", {}).items()})
        for word, _kind in error_words(passage, result):
            core = _CORE.sub("", word)
            if not core:
                continue
            words[core.lower()] += 1
            forms.setdefault(core.lower(), Counter())[core] += 1
    ranked = sorted(words.items(), key=lambda item: (-item[1], item[0]))
    return ErrorSummary(
        sorted(kinds.items(), key=lambda item: (-item[1], item[0])),
        [(forms[key].most_common(1)[0][0], count) for key, count in ranked],
    )


def drill_text(words: list[str], rng: random.Random, repeats: int = DRILL_REPEATS) -> str:
    """The drill passage: each word `repeats` times, shuffled so no word follows itself where avoidable."""
    pool = [w for w in words for _ in range(repeats)]
    rng.shuffle(pool)
    for i in range(1, len(pool)):  # move a repeat away from its twin
        if pool[i] == pool[i - 1]:
            swap = next((j for j in range(len(pool)) if pool[j] != pool[i] and j not in (i - 1, i)), None)
            if swap is not None:
                pool[i], pool[swap] = pool[swap], pool[i]
    return " ".join(pool)
