"""Pure standing arithmetic: rank, percentile, topper, average and the top 10%'s pace from a score distribution.

A distribution is a list of bins (score in hundredths of a mark, how many candidates scored it, the seconds they
spent in all). Its size is bounded by the distinct scores the marking allows, never by the number of candidates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

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
    top_seconds: float | None = None  # average time of the top 10% (see Summary.top_count)


@dataclass(frozen=True)
class Summary:
    """What a standing needs from a distribution, for one score: six numbers, whatever the number of candidates.

    `summarise` defines them over the bins; the service computes the same in one SQL query (service.summaries).
    """

    candidates: int
    higher: int  # candidates with more marks
    top_centimarks: int | None
    centimark_sum: int  # Σ score × count
    top_count: int  # the top 10%: candidates whom fewer than TOP_SHARE of all candidates outscored
    top_seconds: float  # their time in all


def to_centimarks(marks: float) -> int:
    """Marks as whole hundredths (marks are multiples of 0.25, so this is exact)."""
    return round(marks * 100)


def summarise(bins: Iterable[Bin], marks: float) -> Summary:
    """The summary of a distribution for one score. A tie is never split, so the top 10% can be more than 10%."""
    ordered = sorted((b for b in bins if b.count > 0), key=lambda b: b.centimarks, reverse=True)
    total = sum(b.count for b in ordered)
    mine = to_centimarks(marks)
    above = top_count = 0
    top_seconds = 0.0
    for b in ordered:
        if above < TOP_SHARE * total:  # `above` candidates outscored everyone in this bin
            top_count += b.count
            top_seconds += b.seconds
        above += b.count
    return Summary(
        candidates=total,
        higher=sum(b.count for b in ordered if b.centimarks > mine),
        top_centimarks=ordered[0].centimarks if ordered else None,
        centimark_sum=sum(b.centimarks * b.count for b in ordered),
        top_count=top_count,
        top_seconds=top_seconds,
    )


def with_score(summary: Summary, marks: float) -> Summary:
    """The summary as if one more candidate, with these marks, were counted: where an attempt that does not count
    (a repeat, a practice) would have stood. Its time is unknown here, so the top 10%'s pace is left as it is."""
    mine = to_centimarks(marks)
    top = mine if summary.top_centimarks is None else max(summary.top_centimarks, mine)
    return replace(summary, candidates=summary.candidates + 1, top_centimarks=top,
                   centimark_sum=summary.centimark_sum + mine)  # fmt: skip


def standing_of(summary: Summary) -> Standing:
    """Rank (1 + candidates with more marks) and percentile (P = m/N, m = candidates with these marks or fewer, as
    SSC's normalisation defines it), topper, average and the top 10%'s average time."""
    total = summary.candidates
    if total == 0:
        return Standing(0)
    return Standing(
        candidates=total,
        rank=1 + summary.higher,
        percentile=100.0 * (total - summary.higher) / total,
        topper=summary.top_centimarks / 100,
        average=summary.centimark_sum / total / 100,
        top_seconds=summary.top_seconds / summary.top_count if summary.top_count else None,
    )


def standing(bins: Iterable[Bin], marks: float) -> Standing:
    """Where `marks` stands in a distribution given as bins."""
    return standing_of(summarise(bins, marks))
