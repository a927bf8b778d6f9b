"""The packed counts of what a candidate has seen: what is packed comes back, folds add up."""

from __future__ import annotations

from collections import Counter

from trainer.exam.seen import fold, pack, unpack


def test_packed_counts_come_back_as_they_were():
    counts = {7: 1, 3: 4, 2_000_000_000: 2}
    assert unpack(pack(counts)) == counts
    assert len(pack(counts)) == 3 * 8  # two 32-bit numbers a question, whatever the history's length


def test_nothing_packed_is_nothing_seen():
    assert unpack(None) == {} == unpack(pack({}))


def test_folding_adds_showings_to_the_counts_without_changing_them():
    counts = {1: 2, 5: 1}
    assert fold(counts, Counter([5, 5, 9])) == {1: 2, 5: 3, 9: 1}
    assert counts == {1: 2, 5: 1}
