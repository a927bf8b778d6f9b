"""Item statistics as Moodle defines them, from one question version's responses: pure functions, no Flask, no DB.

Every response is one candidate's first graded strict attempt at a paper holding the version. Scores are fractions
of what was possible, so papers of different lengths and markings can be pooled, and negative marking is allowed:

- item score x = (marks − lowest possible) / (highest − lowest): right 1, wrong 0, blank 0.2 on +2/−0.5;
- rest-of-test score X = the same fraction for the paper's other questions.

Facility = mean x; SD = sample standard deviation of x; discrimination index = Pearson correlation r(x, X);
discriminative efficiency = cov(x, X) / the largest covariance those same x and X values could have (both sorted
the same way). Top and bottom thirds are taken by X; candidates tied at a third's edge are shared out pro rata.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from trainer.core.wording import ENGLISH, N_, Wording

SCALE = 10_000  # an item score is kept as a whole number of 1/10,000: equal scores share one bin
# The rest-of-test score is kept to 1/200 of its range (1.25 marks of a 100-question Tier-I paper), so a version has
# a few hundred bins however many candidates answer it; correlations move by about 0.001, shares by under 1%.
REST_STEPS = 200
BLANK = -1  # the "answer" of a response that chose no option
TOO_HARD, TOO_EASY = 0.10, 0.95


@dataclass(frozen=True)
class Bin:
    """`count` responses that chose `answer` (BLANK: none), scoring item_key/SCALE and rest_key/REST_STEPS."""

    answer: int
    item_key: int
    rest_key: int
    count: int


@dataclass(frozen=True)
class Response:
    """One candidate's answer to the item within one attempt, with the marks of the item and of the paper."""

    answer: int | None
    key: int
    marks_right: float
    marks_wrong: float  # positive: what a wrong answer takes away
    rest_marks: float  # the marks the candidate got on the paper's other questions
    rest_max: float
    rest_min: float  # the lowest possible on the other questions (every one wrong): −Σ marks_wrong


@dataclass(frozen=True)
class OptionShare:
    """Who chose one option (or none): share of all responses, of the top third and of the bottom third."""

    answer: int  # option index as written, or BLANK
    is_key: bool
    count: int
    overall: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Flag:
    code: str
    option: int | None = None  # the distractor concerned, where there is one


@dataclass
class ItemStats:
    n: int
    facility: float | None
    sd: float | None
    discrimination: float | None
    efficiency: float | None
    options: list[OptionShare] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


# The worse first: the list of flagged questions sorts by the worst flag, then by how many.
SEVERITY = {"wrong_key": 4, "negative_discrimination": 3, "too_hard": 2, "too_easy": 2, "unused_distractor": 1}


def to_bin(response: Response) -> Bin | None:
    """The response's bin, or None when it says nothing (an item or a rest of test that cannot vary)."""
    item_range = response.marks_right + response.marks_wrong
    rest_range = response.rest_max - response.rest_min
    if item_range <= 0 or rest_range <= 0:
        return None
    if response.answer is None:
        marks = 0.0
    else:
        marks = response.marks_right if response.answer == response.key else -response.marks_wrong
    item = (marks + response.marks_wrong) / item_range
    rest = (response.rest_marks - response.rest_min) / rest_range
    answer = BLANK if response.answer is None else response.answer
    return Bin(answer, round(item * SCALE), round(rest * REST_STEPS), 1)


def compute(bins: list[Bin], key: int, option_count: int) -> ItemStats:
    """Facility, SD, discrimination, efficiency, option shares and flags of one version from its bins."""
    bins = [b for b in bins if b.count > 0]
    n = sum(b.count for b in bins)
    if n == 0:
        return ItemStats(0, None, None, None, None)
    xs = [(b.item_key / SCALE, b.rest_key / REST_STEPS, b.count) for b in bins]
    mean_x = sum(x * c for x, _, c in xs) / n
    mean_rest = sum(r * c for _, r, c in xs) / n
    sd = discrimination = efficiency = None
    if n >= 2:
        var_x = sum(c * (x - mean_x) ** 2 for x, _, c in xs) / (n - 1)
        var_rest = sum(c * (r - mean_rest) ** 2 for _, r, c in xs) / (n - 1)
        cov = sum(c * (x - mean_x) * (r - mean_rest) for x, r, c in xs) / (n - 1)
        sd = math.sqrt(var_x)
        if var_x > 0 and var_rest > 0:
            discrimination = cov / math.sqrt(var_x * var_rest)
            cov_max = (sorted_products(xs) - n * mean_x * mean_rest) / (n - 1)
            efficiency = cov / cov_max if cov_max > 1e-12 else None
    options = option_shares(bins, key, option_count, n)
    stats = ItemStats(n, mean_x, sd, discrimination, efficiency, options)
    stats.flags = flags_of(stats)
    return stats


def sorted_products(xs: list[tuple[float, float, int]]) -> float:
    """Σ x₍ₖ₎·X₍ₖ₎ with both lists sorted ascending: the pairing that gives the largest covariance."""
    items = sorted((x, c) for x, _, c in xs)
    rests = sorted((r, c) for _, r, c in xs)
    total, i, j = 0.0, 0, 0
    left_x, left_r = items[0][1], rests[0][1]
    while i < len(items) and j < len(rests):
        taken = min(left_x, left_r)  # a run of equal x paired with a run of equal X
        total += taken * items[i][0] * rests[j][0]
        left_x, left_r = left_x - taken, left_r - taken
        if left_x == 0:
            i += 1
            left_x = items[i][1] if i < len(items) else 0
        if left_r == 0:
            j += 1
            left_r = rests[j][1] if j < len(rests) else 0
    return total


def thirds(bins: list[Bin], n: int) -> tuple[dict[int, float], dict[int, float]]:
    """Responses per answer in the bottom and top thirds by rest-of-test score (n/3 each; ties shared pro rata)."""
    by_rest: dict[int, list[Bin]] = defaultdict(list)
    for b in bins:
        by_rest[b.rest_key].append(b)
    size = n / 3
    bottom = _take(by_rest, sorted(by_rest), size)
    top = _take(by_rest, sorted(by_rest, reverse=True), size)
    return bottom, top


def _take(by_rest: dict[int, list[Bin]], order: list[int], size: float) -> dict[int, float]:
    taken: dict[int, float] = defaultdict(float)
    room = size
    for rest in order:
        if room <= 1e-12:
            break
        group = by_rest[rest]
        count = sum(b.count for b in group)
        share = min(1.0, room / count)  # the part of a tied group that fits in the third
        for b in group:
            taken[b.answer] += b.count * share
        room -= count * share
    return taken


def option_shares(bins: list[Bin], key: int, option_count: int, n: int) -> list[OptionShare]:
    """One row per option as written (then "no answer" if anyone left it blank)."""
    counts: dict[int, int] = defaultdict(int)
    for b in bins:
        counts[b.answer] += b.count
    bottom, top = thirds(bins, n)
    size = n / 3
    answers = list(range(option_count)) + ([BLANK] if counts.get(BLANK) else [])
    return [
        OptionShare(
            answer,
            answer == key,
            counts.get(answer, 0),
            counts.get(answer, 0) / n,
            top.get(answer, 0.0) / size,
            bottom.get(answer, 0.0) / size,
        )
        for answer in answers
    ]


def flags_of(stats: ItemStats) -> list[Flag]:
    """What looks wrong with the item, worst first."""
    found: list[Flag] = []
    key = next((o for o in stats.options if o.is_key), None)
    for option in stats.options:
        if option.answer != BLANK and not option.is_key and key is not None and option.top > key.top + 1e-9:
            found.append(Flag("wrong_key", option.answer))
    if stats.discrimination is not None and stats.discrimination < 0:
        found.append(Flag("negative_discrimination"))
    if stats.facility is not None and stats.facility < TOO_HARD:
        found.append(Flag("too_hard"))
    if stats.facility is not None and stats.facility > TOO_EASY:
        found.append(Flag("too_easy"))
    unused = [o for o in stats.options if o.answer != BLANK and not o.is_key and o.count == 0]
    found += [Flag("unused_distractor", o.answer) for o in unused]
    return sorted(found, key=lambda f: -SEVERITY[f.code])


def severity(flags: list[Flag]) -> int:
    """A sort key: the worst flag first, then the number of flags (0: nothing flagged)."""
    return max((SEVERITY[f.code] for f in flags), default=0) * 100 + len(flags)


def letter(answer: int) -> str:
    return "no answer" if answer == BLANK else "ABCDEFGHIJ"[answer] if 0 <= answer < 10 else str(answer + 1)


FLAG_SENTENCES = {
    "wrong_key": N_("Option %(option)s was chosen by more of the top third than the key: check the key."),
    "negative_discrimination": N_("Candidates who do worse on the rest of the test do better on this question."),
    "too_hard": N_("Very hard: facility under 0.10 (almost nobody gets it right)."),
    "too_easy": N_("Very easy: facility over 0.95 (it tells candidates apart very little)."),
    "unused_distractor": N_("Nobody chose option %(option)s: it distracts nobody."),
}


def flag_words(flag: Flag, wording: Wording = ENGLISH) -> str:
    """A flag as a sentence an instructor can act on, in the wording's language."""
    sentence = FLAG_SENTENCES[flag.code]
    if "%(option)s" not in sentence:
        return wording.gettext(sentence)
    return wording.gettext(sentence, option=letter(flag.option) if flag.option is not None else "")


def stored_flag_words(flags: list[dict], wording: Wording = ENGLISH) -> list[str]:
    """The sentences of flags as stored (a list of {code, option})."""
    return [flag_words(Flag(f["code"], f.get("option")), wording) for f in flags]
