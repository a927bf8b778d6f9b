"""Near-duplicate pairs: the prefix-filtered search finds exactly the pairs comparing every two texts finds."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.bank.similarity import THRESHOLD, near_duplicates, shingles

# A tiny vocabulary, so that near-duplicates and shared stock phrases are common.
TEXTS = st.lists(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=12).map(" ".join), max_size=12)


def every_pair(texts: list[str], threshold: float) -> set[tuple[int, int, float]]:
    found = set()
    for (i, x), (j, y) in itertools.combinations(enumerate(map(shingles, texts)), 2):
        if x | y and len(x & y) / len(x | y) >= threshold:
            found.add((i, j, round(len(x & y) / len(x | y), 3)))
    return found


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from([THRESHOLD, 0.5, 0.8, 1.0]))
def test_the_search_finds_exactly_the_pairs_a_full_comparison_finds(texts, threshold):
    pairs = near_duplicates(enumerate(texts), threshold)

    assert set(pairs) == every_pair(texts, threshold)
    assert len(pairs) == len(set(pairs))
    assert all(first < second for first, second, _ in pairs)  # the earlier item first, as the gate reports them


def test_stock_phrases_shared_by_many_texts_do_not_make_the_search_quadratic():
    stock = "which of the following is the correct answer to this question"
    texts = [(n, f"{stock} {' '.join(f'w{n}x{k}' for k in range(20))}") for n in range(3000)]
    texts.append((3000, texts[7][1]))

    assert near_duplicates(texts) == [(7, 3000, 1.0)]
