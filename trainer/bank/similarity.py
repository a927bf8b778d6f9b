"""Near-duplicate detection: word-trigram overlap between normalised question texts."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable

WORD = re.compile(r"[^\W_]+", re.UNICODE)
THRESHOLD = 0.7  # Jaccard similarity of word trigrams above which two items count as near-duplicates


def shingles(text: str, size: int = 3) -> frozenset[tuple[str, ...]]:
    """The set of `size`-word runs of the lower-cased text (short texts give one shingle of all their words)."""
    words = WORD.findall(text.lower())
    if len(words) <= size:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def near_duplicates(
    items: Iterable[tuple[Hashable, str]], threshold: float = THRESHOLD
) -> list[tuple[Hashable, Hashable, float]]:
    """Pairs (first key, second key, similarity) whose texts overlap at least `threshold`, in input order."""
    keys: list[Hashable] = []
    sets: list[frozenset] = []
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    pairs = []
    for key, text in items:
        mine = shingles(text)
        overlap: dict[int, int] = defaultdict(int)
        for shingle in mine:
            for other in index[shingle]:
                overlap[other] += 1
        for other, common in overlap.items():
            score = common / len(mine | sets[other])
            if score >= threshold:
                pairs.append((keys[other], key, round(score, 3)))
        position = len(keys)
        keys.append(key)
        sets.append(mine)
        for shingle in mine:
            index[shingle].append(position)
    return pairs
