"""Mastery per topic: a Beta posterior over the chance of answering right, recent answers weighing more."""

from __future__ import annotations

import math
from dataclasses import dataclass

PRIOR_MEAN = 0.5  # no facility known for the topic yet: halfway between a guess (0.25) and certain
PRIOR_STRENGTH = 4.0  # the prior counts as four answers, so three right answers do not look like mastery
DECAY = 0.85  # each newer graded attempt with the topic keeps 85% of the older counts' weight
MIN_ANSWERS = 5  # below this many answers the page says "not enough data"
CREDIBLE = 0.90  # the interval shown: the central 90% of the posterior
MIN_FACILITY_ANSWERS = 30  # all candidates' answers in a topic before its facility replaces the default prior


@dataclass(frozen=True)
class Mastery:
    mean: float
    low: float
    high: float
    answered: int

    @property
    def enough_data(self) -> bool:
        return self.answered >= MIN_ANSWERS


def prior_mean(attempted: int, correct: int) -> float:
    """The prior mastery of a topic: its facility over every candidate's answers, once there are enough of them,
    smoothed toward PRIOR_MEAN and kept between a guess (0.25) and 0.95."""
    if attempted < MIN_FACILITY_ANSWERS:
        return PRIOR_MEAN
    smoothed = (correct + PRIOR_STRENGTH * PRIOR_MEAN) / (attempted + PRIOR_STRENGTH)
    return min(0.95, max(0.25, smoothed))


def decayed(recent_right: float, recent_wrong: float, right: int, wrong: int) -> tuple[float, float]:
    """The recency-weighted counts after one more graded attempt with `right` and `wrong` answers in the topic."""
    return recent_right * DECAY + right, recent_wrong * DECAY + wrong


def mastery(recent_right: float, recent_wrong: float, answered: int, prior_mean: float = PRIOR_MEAN) -> Mastery:
    """The posterior mean and 90% credible interval of Beta(prior + weighted right, prior + weighted wrong)."""
    a, b = _posterior(recent_right, recent_wrong, prior_mean)
    tail = (1 - CREDIBLE) / 2
    return Mastery(a / (a + b), beta_quantile(tail, a, b), beta_quantile(1 - tail, a, b), answered)


def point_mastery(recent_right: float, recent_wrong: float, answered: int, prior_mean: float = PRIOR_MEAN) -> Mastery:
    """The posterior mean alone (the interval collapsed onto it): for pages that show many estimates and no ranges,
    where a Newton solve per interval end would dominate the page's time."""
    a, b = _posterior(recent_right, recent_wrong, prior_mean)
    return Mastery(a / (a + b), a / (a + b), a / (a + b), answered)


def _posterior(recent_right: float, recent_wrong: float, prior_mean: float) -> tuple[float, float]:
    return PRIOR_STRENGTH * prior_mean + recent_right, PRIOR_STRENGTH * (1 - prior_mean) + recent_wrong


def beta_quantile(q: float, a: float, b: float) -> float:
    """The x with I_x(a, b) = q: Newton steps from the normal approximation, kept inside a shrinking bracket."""
    log_beta = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    mean, sd = a / (a + b), math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    z = math.sqrt(2) * _inverse_erf(2 * q - 1)
    low, high = 0.0, 1.0
    x = min(max(mean + z * sd, 1e-6), 1 - 1e-6)
    for _ in range(100):
        error = regularized_beta(x, a, b) - q
        if abs(error) < 1e-10:
            break
        low, high = (x, high) if error < 0 else (low, x)
        density = math.exp((a - 1) * math.log(x) + (b - 1) * math.log(1 - x) - log_beta)
        step = x - error / density if density > 0 else -1.0
        x = step if low < step < high else (low + high) / 2  # a step out of the bracket bisects instead
    return x


def _inverse_erf(y: float) -> float:
    """erf⁻¹(y) for |y| < 1 (Winitzki's approximation; only a starting point for Newton's method)."""
    y = min(max(y, -0.999999), 0.999999)
    k = 0.147
    ln = math.log(1 - y * y)
    first = 2 / (math.pi * k) + ln / 2
    return math.copysign(math.sqrt(math.sqrt(first * first - ln / k) - first), y)


def regularized_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b), the Beta(a, b) distribution function, by its continued fraction (Numerical Recipes 6.4)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x))
    if x < (a + 1) / (a + b + 2):
        return front * _continued_fraction(x, a, b) / a
    return 1 - front * _continued_fraction(1 - x, b, a) / b


def _continued_fraction(x: float, a: float, b: float) -> float:
    tiny = 1e-300
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= d * c
        if abs(d * c - 1) < 1e-12:
            break
    return result
