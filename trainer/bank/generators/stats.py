"""Statistics of a small data set: mean, median, mode (easy and medium) and standard deviation (hard).

Mistakes offered: the middle of the unsorted list as the median, dividing by n−1, the variance for the standard
deviation, the most frequent value confused with the median or the largest value.
"""

from __future__ import annotations

import random
from fractions import Fraction
from math import isqrt

from trainer.bank.generators._bilingual import assemble, choose_wrong, numeric, ordinal
from trainer.bank.generators.base import Generated, generator, num

SIZES = {"easy": ([5, 7], 10, 60), "medium": ([6, 8, 9], 20, 150)}
NAMES = {"mean": ("mean", "माध्य"), "median": ("median", "माध्यिका"), "mode": ("mode", "बहुलक")}


def _median(values: list[int]) -> Fraction:
    ordered, n = sorted(values), len(values)
    return Fraction(ordered[n // 2]) if n % 2 else Fraction(ordered[n // 2 - 1] + ordered[n // 2], 2)


def _data(rng: random.Random, difficulty: str, measure: str) -> list[int]:
    sizes, low, high = SIZES[difficulty]
    n = rng.choice(sizes)
    while True:
        if measure == "mode":  # one value three times, one twice, the rest once
            common, runner, *singles = rng.sample(range(low, high + 1), n - 3)
            values = [common] * 3 + [runner] * 2 + singles
        else:
            values = rng.sample(range(low, high + 1), n)
        if measure == "mean":
            values[-1] -= sum(values) % n  # a whole mean
        if min(values) >= low and (measure == "mode" or len(set(values)) == n):
            rng.shuffle(values)
            return values


def terminating(value) -> Fraction | None:
    """The value if it prints exactly with at most two decimals, else None (no rounded distractors)."""
    value = Fraction(value)
    return value if (value * 100).denominator == 1 else None


def _mean(values: list[int]):
    n, total = len(values), sum(values)
    mean = Fraction(total, n)
    work = f"\\frac{{{total}}}{{{n}}} = {num(mean)}"
    return (
        mean,
        [Fraction(total, n - 1), Fraction(total, n + 1), _median(values)],
        [f"Sum $= {total}$, count $= {n}$.", f"Mean $= {work}$. Dividing by {n - 1} (miscounting) is the usual slip."],
        [f"योग $= {total}$, संख्या $= {n}$।", f"माध्य $= {work}$। {n - 1} से भाग देना (गिनती में चूक) आम गलती है।"],
    )


def _middle(values: list[int]):
    n, ordered, median = len(values), sorted(values), _median(values)
    listed = ", ".join(map(str, ordered))
    unsorted_middle = Fraction(values[n // 2]) if n % 2 else Fraction(values[n // 2 - 1] + values[n // 2], 2)
    middle = ordinal(n // 2 + 1)
    where = f"the middle ({middle}) value" if n % 2 else f"the average of the {ordinal(n // 2)} and {middle} values"
    where_hi = f"बीच का ({n // 2 + 1}वाँ) मान" if n % 2 else f"{n // 2}वें और {n // 2 + 1}वें मानों का औसत"
    return (
        median,
        [unsorted_middle, Fraction(sum(values), n), Fraction(ordered[n // 2])],
        [f"In order: {listed}.", f"The median is {where}: {num(median)}. Taking the middle of the list as given, "
         "without sorting, is the usual slip."],
        [f"आरोही क्रम में: {listed}।", f"माध्यिका {where_hi} है: {num(median)}। बिना क्रम में लगाए बीच का मान ले लेना "
         "आम गलती है।"],
    )  # fmt: skip


def _mode(values: list[int]):
    ordered = sorted(values)
    listed = ", ".join(map(str, ordered))
    answer = max(ordered, key=lambda v: (values.count(v), -v))
    runner = max((v for v in ordered if v != answer), key=lambda v: (values.count(v), v))
    times = values.count(answer)
    return (
        Fraction(answer),
        [_median(values), Fraction(runner), Fraction(max(values)), Fraction(sum(values), len(values))],
        [f"In order: {listed}.", f"{answer} occurs {times} times, more than any other value, so it is the mode."],
        [f"आरोही क्रम में: {listed}।", f"{answer} सबसे अधिक ({times} बार) आता है, अतः यही बहुलक है।"],
    )


def _central(rng: random.Random, difficulty: str) -> tuple[dict, Fraction, list, list[str], list[str]]:
    measure = rng.choice(["mean", "median"] if difficulty == "easy" else ["mean", "median", "mode"])
    values = _data(rng, difficulty, measure)
    answer, mistakes, steps, hindi_steps = {"mean": _mean, "median": _middle, "mode": _mode}[measure](values)
    return {"measure": measure, "values": values}, answer, mistakes, steps, hindi_steps


def _spread(rng: random.Random) -> tuple[dict, Fraction, list, list[str], list[str]]:
    """Standard deviation (population, divide by n) of a set whose squared deviations average a perfect square."""
    while True:
        n, reach = rng.choice([5, 6, 8, 10]), rng.randint(3, 8)
        deviations = [rng.randint(-reach, reach) for _ in range(n - 1)]
        deviations.append(-sum(deviations))
        squares = sum(d * d for d in deviations)
        if abs(deviations[-1]) <= reach and squares % n == 0 and isqrt(squares // n) ** 2 == squares // n >= 4:
            break
    mean = rng.randint(2 * reach, 60)
    values = [mean + d for d in deviations]
    sd, variance = isqrt(squares // n), squares // n
    mean_deviation = Fraction(sum(abs(d) for d in deviations), n)
    sample = Fraction(squares, n - 1)
    whole = sample.numerator if sample.denominator == 1 else 0
    sample_sd = isqrt(whole) if whole and isqrt(whole) ** 2 == whole else None  # divided by n - 1
    mistakes = [variance, mean_deviation, sample_sd]
    deviations_text = ", ".join(str(d) for d in deviations)
    steps = [
        f"Mean $= \\frac{{{sum(values)}}}{{{n}}} = {mean}$; deviations from it: {deviations_text}.",
        f"Sum of squared deviations $= {squares}$; variance $= \\frac{{{squares}}}{{{n}}} = {variance}$.",
        f"Standard deviation $= \\sqrt{{{variance}}} = {sd}$. Stopping at the variance is the usual slip.",
    ]
    hindi_steps = [
        f"माध्य $= \\frac{{{sum(values)}}}{{{n}}} = {mean}$; माध्य से विचलन: {deviations_text}।",
        f"विचलनों के वर्गों का योग $= {squares}$; प्रसरण $= \\frac{{{squares}}}{{{n}}} = {variance}$।",
        f"मानक विचलन $= \\sqrt{{{variance}}} = {sd}$। प्रसरण पर ही रुक जाना आम गलती है।",
    ]
    return {"measure": "sd", "values": values}, Fraction(sd), mistakes, steps, hindi_steps


@generator("quant-statistics-measures", "quant", "statistics", "Mean, median, mode or standard deviation of data")
def measures(rng: random.Random, difficulty: str) -> Generated:
    """Easy: mean or median of 5-7 values; medium: mean, median (even count) or mode; hard: standard deviation."""
    params, answer, mistakes, steps, hindi_steps = _spread(rng) if difficulty == "hard" else _central(rng, difficulty)
    data = ", ".join(map(str, params["values"]))
    name, hindi_name = NAMES.get(params["measure"], ("standard deviation", "मानक विचलन"))
    candidates = [terminating(m) if m is not None and m > 0 else None for m in mistakes]
    wrong = choose_wrong(answer, candidates, num, lambda i: answer + i)
    return assemble(
        rng,
        numeric(answer),
        [numeric(w) for w in wrong],
        stem=f"What is the {name} of the following data?\n\n{data}",
        hindi_stem=f"निम्नलिखित आँकड़ों का {hindi_name} क्या है?\n\n{data}",
        steps=steps,
        hindi_steps=hindi_steps,
        params=params,
    )
