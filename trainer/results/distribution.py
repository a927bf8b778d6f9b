"""Pure standing arithmetic: rank, percentile, topper, average and the top 10%'s pace from a score distribution.

A distribution is a list of bins (score in hundredths of a mark, how many candidates scored it, the seconds they
spent in all). Its size is bounded by the distinct scores the marking allows, never by the number of candidates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

TOP_SHARE = 0.10  # "the top 10%": candidates whom fewer than this share of candidates outscored


@dataclass(frozen=True)
class Bin:
    centimarks: int
    count: int
    seconds: float = 0.0


@dataclass(frozen=True)
class Standing:
    """Where one score stands among N candidates; every figure is None when nobody is counted yet."""

    candidates: int
    rank: int | None = None  # 1 + candidates with a higher score
    percentile: float | None = None  # 100 · m / N, m = candidates with this score or less
    topper: float | None = None
    average: float | None = None
    top_seconds: float | None = None  # average time of the top 10% (see top_share_seconds)


def to_centimarks(marks: float) -> int:
    """Marks as whole hundredths (marks are multiples of 0.25, so this is exact)."""
    return round(marks * 100)


def standing(bins: Iterable[Bin], marks: float) -> Standing:
    """Rank and percentile (P = m/N, as SSC's normalisation defines it) of `marks` among the distribution."""
    ordered = sorted((b for b in bins if b.count > 0), key=lambda b: b.centimarks)
    total = sum(b.count for b in ordered)
    if total == 0:
        return Standing(0)
    mine = to_centimarks(marks)
    higher = sum(b.count for b in ordered if b.centimarks > mine)
    at_or_below = total - higher
    return Standing(
        candidates=total,
        rank=1 + higher,
        percentile=100.0 * at_or_below / total,
        topper=ordered[-1].centimarks / 100,
        average=sum(b.centimarks * b.count for b in ordered) / total / 100,
        top_seconds=top_share_seconds(ordered, total),
    )


def top_share_seconds(ordered: list[Bin], total: int) -> float | None:
    """Average seconds of the top 10%: the candidates whom fewer than 10% of all candidates outscored.

    A tie is never split, so the group can be larger than 10% (bins in ascending score order).
    """
    count, seconds = 0, 0.0
    for b in reversed(ordered):
        if count >= TOP_SHARE * total:  # `count` candidates outscored everyone in this bin
            break
        count += b.count
        seconds += b.seconds
    return seconds / count if count else None
