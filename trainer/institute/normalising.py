"""Pure release arithmetic: SSC's equipercentile normalisation across shifts, then ranks and percentiles with ties.

1. Within each shift a score's percentile is P = 100 · m / N (m: the shift's candidates with that score or less).
2. For a candidate's percentile, every shift gives the raw score it takes there to stand at that percentile,
   interpolated linearly between the shift's own (percentile, score) points.
3. The normalised score is the average of those scores over all shifts (shared/exam-facts.md). With one shift it is
   the raw score.

Arithmetic is exact (fractions); normalised marks are rounded to hundredths, and ranks and ties are decided on the
rounded marks, which are the ones candidates see. The same sittings always give the same release.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction

TOTAL = ""  # the key of the whole paper among the sections


@dataclass(frozen=True)
class Sitting:
    """One candidate's graded sitting: who, which shift, raw marks in all and per section."""

    who: Hashable
    shift: int
    total: float
    sections: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Place:
    """Where one set of marks (the whole paper or a section) stands after normalisation."""

    raw: float
    normalised: float
    rank: int  # 1 + candidates with more normalised marks
    percentile: float  # 100 · m / N over everyone, m: candidates with these normalised marks or fewer


@dataclass(frozen=True)
class Placed:
    who: Hashable
    shift: int
    overall: Place
    sections: dict[str, Place]


@dataclass(frozen=True)
class Summary:
    candidates: int
    topper: float | None
    average: float | None


@dataclass(frozen=True)
class Release:
    placed: list[Placed]  # by rank, then by who (ids: comparable)
    summary: dict[str, Summary]  # TOTAL and each section


class ShiftCurve:
    """A shift's marks as (percentile, score) points: what percentile a score stands at, what score a percentile."""

    def __init__(self, scores: Iterable[Fraction] | Counter) -> None:
        counts = scores if isinstance(scores, Counter) else Counter(scores)
        size = sum(counts.values())
        self.scores = sorted(counts)
        running, self.percentiles = 0, []
        for score in self.scores:
            running += counts[score]
            self.percentiles.append(Fraction(100 * running, size))
        self._at = dict(zip(self.scores, self.percentiles, strict=True))

    def percentile_of(self, score: Fraction) -> Fraction:
        return self._at[score]

    def score_at(self, percentile: Fraction) -> Fraction:
        """The score standing at `percentile` here: below the lowest point the lowest score, else interpolated."""
        k = bisect_left(self.percentiles, percentile)
        if k == 0:
            return self.scores[0]
        if k == len(self.percentiles):
            return self.scores[-1]
        p0, p1 = self.percentiles[k - 1], self.percentiles[k]
        x0, x1 = self.scores[k - 1], self.scores[k]
        return x0 + (x1 - x0) * (percentile - p0) / (p1 - p0)


def equipercentile(by_shift: dict[int, list[Fraction] | Counter]) -> dict[tuple[int, Fraction], Fraction]:
    """Normalised marks of each (shift, raw score) present: the average over shifts of the score at its percentile."""
    curves = {shift: ShiftCurve(scores) for shift, scores in by_shift.items() if scores}
    normalised = {}
    for shift, curve in curves.items():
        for score in curve.scores:
            percentile = curve.percentile_of(score)
            normalised[(shift, score)] = sum(c.score_at(percentile) for c in curves.values()) / len(curves)
    return normalised


def hundredths(value: Fraction) -> int:
    """Rounded to whole hundredths, halves up (exact: no float rounding decides a tie)."""
    return (value * 100 + Fraction(1, 2)).__floor__()


def rank_all(centimarks: dict[Hashable, int]) -> dict[Hashable, tuple[int, float]]:
    """(rank, percentile) of each candidate's marks: equal marks share a rank; P = 100 · (candidates ≤ mine) / N."""
    ordered = sorted(centimarks.values())
    size = len(ordered)
    placed = {}
    for who, mine in centimarks.items():
        at_or_below = bisect_left(ordered, mine + 1)
        placed[who] = (1 + size - at_or_below, round(100 * at_or_below / size, 2))
    return placed


def _places(sittings: list[Sitting], marks_of) -> tuple[dict[Hashable, Place], Summary]:
    # Marks repeat (multiples of 0.25): the exact arithmetic runs once per distinct (shift, marks), not per person.
    raw = {s.who: marks_of(s) for s in sittings}
    exact = {marks: Fraction(marks) for marks in set(raw.values())}
    counted = Counter((s.shift, raw[s.who]) for s in sittings)
    by_shift: dict[int, Counter] = defaultdict(Counter)
    for (shift, marks), n in counted.items():
        by_shift[shift][exact[marks]] = n
    cents_at = {key: hundredths(value) for key, value in equipercentile(by_shift).items()}
    cents = {s.who: cents_at[(s.shift, exact[raw[s.who]])] for s in sittings}
    ranks = rank_all(cents)
    places = {who: Place(float(raw[who]), cents[who] / 100, *ranks[who]) for who in raw}
    average = hundredths(Fraction(sum(cents.values()), 100 * len(cents))) / 100 if cents else None
    return places, Summary(len(cents), max(cents.values()) / 100 if cents else None, average)


def release(sittings: Iterable[Sitting]) -> Release:
    """Normalise the whole paper and each section across shifts, then rank everyone; raise ValueError on a
    candidate counted twice."""
    sittings = list(sittings)
    if len({s.who for s in sittings}) != len(sittings):
        raise ValueError("a candidate has more than one sitting")
    overall, summary = _places(sittings, lambda s: s.total)
    summaries = {TOTAL: summary}
    by_section = {}
    for key in sorted({k for s in sittings for k in s.sections}):
        having = [s for s in sittings if key in s.sections]
        by_section[key], summaries[key] = _places(having, lambda s, key=key: s.sections[key])
    placed = [
        Placed(s.who, s.shift, overall[s.who], {k: p[s.who] for k, p in by_section.items() if s.who in p})
        for s in sittings
    ]
    placed.sort(key=lambda p: (p.overall.rank, p.who))
    return Release(placed, summaries)
