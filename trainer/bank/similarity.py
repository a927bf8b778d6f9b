"""Near-duplicate detection: word-trigram overlap between normalised question texts."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
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
    """Pairs (first key, second key, similarity) whose texts overlap at least `threshold`, in input order.

    Prefix filtering keeps this near-linear even when many texts share stock phrases ("which of the following"):
    two sets with Jaccard similarity >= t share at least ceil(t*|x|) shingles, so each text is indexed and looked
    up only by its |x| - ceil(t*|x|) + 1 rarest shingles, and any pair that can reach the threshold meets there.
    """
    keys: list[Hashable] = []
    sets: list[frozenset] = []
    for key, text in items:
        keys.append(key)
        sets.append(shingles(text))
    frequency = Counter(shingle for mine in sets for shingle in mine)
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    pairs = []
    for position, mine in enumerate(sets):
        # the 1e-9 keeps float error (0.7 * 10 = 7.000000000000001) from shortening the prefix below what is exact
        prefix = sorted(mine, key=lambda s: (frequency[s], s))[
            : len(mine) - math.ceil(threshold * len(mine) - 1e-9) + 1
        ]
        for other in sorted({other for shingle in prefix for other in index[shingle]}):
            score = len(mine & sets[other]) / len(mine | sets[other])
            if score >= threshold:
                pairs.append((keys[other], keys[position], round(score, 3)))
        for shingle in prefix:
            index[shingle].append(position)
    return pairs
