"""Scoring a DEST attempt: word-level alignment of the typed text to the passage, mistakes, speed, qualification.

Pure: no Flask, no database. The rules (what is a full or a half mistake) are data in `Rules`, and the result page
prints them from the same object, so what the page says is what was applied.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from trainer.core.wording import N_

FULL, HALF = "full", "half"
WEIGHT_NAMES = (N_("full"), N_("half"))  # how the result page names them, for the catalogue
# kind -> (weight class, what the result page calls it)
KINDS = {
    "omitted": (FULL, N_("a word of the passage left out")),
    "added": (FULL, N_("a word typed that is not in the passage (a repeated word too)")),
    "substituted": (FULL, N_("a different word typed in place of the passage's word")),
    "misspelt": (FULL, N_("the right word spelt wrongly (at most a third of its letters differ)")),
    "transposed": (FULL, N_("two neighbouring words typed in swapped order (one mistake for the pair)")),
    "case": (HALF, N_("a capital letter where the passage has a small one, or the reverse")),
    "punctuation": (HALF, N_("a punctuation mark missing, added or different, the word itself right")),
    "spacing": (HALF, N_("a space missing between two words, one inside a word, or more than one space")),
}
ALLOWANCE = {"UR": 20.0, "OBC": 25.0, "EWS": 25.0}  # per cent of the passage's words; every other category: 30
OTHER_ALLOWANCE = 30.0
REQUIRED_KDPH = 8000  # 2,000 key depressions in 15 minutes
BAND = 60  # words the alignment may drift from the diagonal (net omissions or additions) before it gives up
NARROW_BAND, WIDE_GAP = 8, 60 * 60  # the band for a stretch of more than WIDE_GAP word pairs
ANCHOR = 3  # words typed right in a row that are taken as they are, without searching alternatives
_CORE = re.compile(r"[^0-9A-Za-z]")
_GAP = re.compile(r"\S+")


@dataclass(frozen=True)
class Rules:
    """How mistakes weigh: a full mistake counts 1, a half mistake `half_weight`."""

    half_weight: float = 0.5

    def describe(self) -> list[tuple[str, str, str]]:
        """(kind, full/half, meaning) for the result page."""
        return [(kind, weight, meaning) for kind, (weight, meaning) in KINDS.items()]


@dataclass(frozen=True)
class Op:
    """One step of the alignment: passage words [start, end) against typed words, with what was wrong (if any)."""

    start: int
    end: int
    typed: str  # the typed word(s), joined by a space; "" for an omitted word
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evaluation:
    ops: list[Op]
    passage_words: int
    typed_words: int
    reached: int  # passage words up to the last one the typing reached; the rest is "not reached", not omitted
    full: int
    half: int
    mistakes: float
    error_pct: float
    key_depressions: int
    passage_key_depressions: int
    seconds: float
    kdph: float
    wpm: float
    allowance: float
    required_key_depressions: int
    speed_met: bool
    qualified: bool
    kinds: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        data = {k: v for k, v in self.__dict__.items() if k != "ops"}
        data["ops"] = [[op.start, op.end, op.typed, list(op.kinds)] for op in self.ops]
        return data


def allowance_for(category: str) -> float:
    """Allowed error percentage: UR 20%, OBC and EWS 25%, every other category 30%."""
    return ALLOWANCE.get(category, OTHER_ALLOWANCE)


def key_depressions(text: str) -> int:
    """Key depressions in a text: one per character, spaces included, trailing space not (Shift is not counted)."""
    return len(text.rstrip())


def _core(word: str) -> str:
    return _CORE.sub("", word)


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 as soon as it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


@lru_cache(maxsize=1 << 16)  # a cell and its neighbours ask about the same pairs
def compare(expected: str, typed: str) -> tuple[str, ...] | None:
    """What is wrong with `typed` in place of `expected`: () if nothing, the half-mistake kinds, ("misspelt",),
    or None when it is another word altogether (a substitution)."""
    if expected == typed:
        return ()
    core_e, core_t = _core(expected), _core(typed)
    if core_e.lower() == core_t.lower() and core_e:
        case = core_e != core_t
        # Marks missing, added or different; or the same marks in other places ("its'" for "it's").
        punctuation = _CORE.findall(expected) != _CORE.findall(typed) or expected.lower() != typed.lower()
        return ("case",) * case + ("punctuation",) * punctuation
    longer = max(len(core_e), len(core_t))
    limit = max(1, longer // 3)
    if core_e and core_t and _edit_distance(core_e.lower(), core_t.lower(), limit) <= limit:
        return ("misspelt",)
    return None


# Alignment costs: they only choose the alignment (fewest, lightest mistakes); the count uses the kinds found.
_COST = {
    "match": 0.0,
    "half": 0.3,
    "misspelt": 0.8,
    "substituted": 1.6,
    "omitted": 1.0,
    "added": 1.0,
    "transposed": 0.99,
}


def _pair_cost(kinds: tuple[str, ...] | None) -> float:
    if kinds is None:
        return _COST["substituted"]
    if not kinds:
        return 0.0
    return _COST["misspelt"] if "misspelt" in kinds else _COST["half"] * len(kinds)


def _moves(p: list[str], t: list[str], i: int, j: int):
    """Every alignment step possible from passage word i and typed word j: (di, dj, cost, op)."""
    if i < len(p) and j < len(t):
        kinds = compare(p[i], t[j])
        yield 1, 1, _pair_cost(kinds), Op(i, i + 1, t[j], ("substituted",) if kinds is None else kinds)
    if i < len(p):
        yield 1, 0, _COST["omitted"], Op(i, i + 1, "", ("omitted",))
    if j < len(t):
        yield 0, 1, _COST["added"], Op(i, i, t[j], ("added",))
    if i + 1 < len(p) and j < len(t):  # "thequick" for "the quick"
        kinds = compare(p[i] + p[i + 1], t[j])
        if kinds is not None and "misspelt" not in kinds:
            yield 2, 1, _COST["half"] * (1 + len(kinds)), Op(i, i + 2, t[j], ("spacing", *kinds))
    if i < len(p) and j + 1 < len(t):  # "qu ick" for "quick"
        kinds = compare(p[i], t[j] + t[j + 1])
        if kinds is not None and "misspelt" not in kinds:
            yield 1, 2, _COST["half"] * (1 + len(kinds)), Op(i, i + 1, f"{t[j]} {t[j + 1]}", ("spacing", *kinds))
    swapped = i + 1 < len(p) and j + 1 < len(t) and p[i] != p[i + 1]
    if swapped and compare(p[i], t[j + 1]) == () and compare(p[i + 1], t[j]) == ():  # "brown quick" for "quick brown"
        yield 2, 2, _COST["transposed"], Op(i, i + 2, f"{t[j]} {t[j + 1]}", ("transposed",))


def align(passage: list[str], typed: list[str]) -> tuple[list[Op], int]:
    """The cheapest alignment of typed words to passage words and how far into the passage it reached.

    Runs of at least ANCHOR words typed as in the passage (ignoring case and punctuation) are found first
    (difflib's matching blocks) and taken as they are; the cheapest alignment is then searched only in the gaps
    between them, where the mistakes are. Words of the passage after the last one the typing reached are not
    omissions (time ran out): the last gap may stop anywhere in the passage once every typed word is placed.
    """
    keys_p = [_core(w).lower() or w for w in passage]
    keys_t = [_core(w).lower() or w for w in typed]
    matcher = SequenceMatcher(None, keys_p, keys_t, autojunk=False)
    ops: list[Op] = []
    pi = ti = 0
    for a, b, size in matcher.get_matching_blocks():
        if size < ANCHOR:
            continue
        ops += _shifted(_align_gap(passage[pi:a], typed[ti:b], open_end=False)[0], pi)
        ops += [Op(a + k, a + k + 1, typed[b + k], compare(passage[a + k], typed[b + k])) for k in range(size)]
        pi, ti = a + size, b + size
    tail, reached = _align_gap(passage[pi:], typed[ti:], open_end=True)
    return ops + _shifted(tail, pi), pi + reached


def _shifted(ops: list[Op], offset: int) -> list[Op]:
    return [Op(op.start + offset, op.end + offset, op.typed, op.kinds) for op in ops]


def _align_gap(passage: list[str], typed: list[str], open_end: bool) -> tuple[list[Op], int]:
    """The cheapest alignment of a stretch of typed words to a stretch of the passage (dynamic programming over
    words, within a band around the diagonal); with `open_end`, the passage may be left unfinished."""
    n, m = len(passage), len(typed)
    if n == 0 or m == 0:  # nothing to pair: all omitted (or, at the open end, not reached), or all added
        omitted = [] if open_end else [Op(i, i + 1, "", ("omitted",)) for i in range(n)]
        return omitted + [Op(n, n, word, ("added",)) for word in typed], 0 if open_end and m == 0 else n
    # A long stretch with no three words typed right is not typing the passage: a narrow band keeps its cost linear.
    width = BAND if n * m <= WIDE_GAP else NARROW_BAND
    band = width + (max(0, m - n) if open_end else abs(m - n))  # an open end need not reach the passage's end
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None, Op | None]] = {(0, 0): (0.0, None, None)}
    for i in range(n + 1):
        for j in range(max(0, i - band), min(m, i + band) + 1):
            here = best.get((i, j))
            if here is None:
                continue
            for di, dj, cost, op in _moves(passage, typed, i, j):
                target = (i + di, j + dj)
                total = here[0] + cost
                if abs(target[0] - target[1]) <= band and (target not in best or total < best[target][0]):
                    best[target] = (total, (i, j), op)
    ends = [cell for cell in best if cell[1] == m] if open_end else [(n, m)]
    end = min(ends, key=lambda cell: (best[cell][0], -cell[0]))
    ops = []
    cell = end
    while best[cell][1] is not None:
        ops.append(best[cell][2])
        cell = best[cell][1]
    ops.reverse()
    return ops, end[0]


def typed_words(text: str) -> tuple[list[str], list[str]]:
    """The typed words and, for each, the whitespace typed before it."""
    words, gaps, last = [], [], 0
    for match in _GAP.finditer(text):
        words.append(match.group())
        gaps.append(text[last : match.start()])
        last = match.end()
    return words, gaps


def _spacing_marks(ops: list[Op], gaps: list[str]) -> list[Op]:
    """Mark a word typed after more than one space (or a tab, a new line) with a spacing half mistake."""
    marked, j = [], 0
    for op in ops:
        count = len(op.typed.split()) if op.typed else 0
        wrong_gap = count and (gaps[j] not in ("", " ") or j == 0 and gaps[j] != "")
        if wrong_gap and "spacing" not in op.kinds and op.kinds != ("omitted",):
            kinds = ("spacing",) if not op.kinds else (*op.kinds, "spacing")
            op = Op(op.start, op.end, op.typed, kinds)
        marked.append(op)
        j += count
    return marked


def evaluate(
    passage: str,
    typed: str,
    seconds: float,
    allotted_minutes: float,
    category: str,
    rules: Rules = Rules(),
) -> Evaluation:
    """Score typed text against the passage.

    `seconds` is the time the candidate took (at least one second is assumed), `allotted_minutes` the test's
    time without extra time: the speed requirement is 8,000 key depressions per hour over it (or the whole
    passage's key depressions where that is fewer), or having typed to the passage's last word.
    """
    words = passage.split()
    typed_list, gaps = typed_words(typed)
    ops, reached = align(words, typed_list)
    ops = _spacing_marks(ops, gaps)
    kinds = Counter(kind for op in ops for kind in op.kinds)
    full = sum(count for kind, count in kinds.items() if KINDS[kind][0] == FULL)
    half = sum(count for kind, count in kinds.items() if KINDS[kind][0] == HALF)
    mistakes = full + rules.half_weight * half
    error_pct = round(100.0 * mistakes / len(words), 2) if words else 0.0
    typed_kd, passage_kd = key_depressions(typed), key_depressions(passage)
    seconds = max(1.0, seconds)
    required = min(passage_kd, round(REQUIRED_KDPH * allotted_minutes / 60))
    allowance = allowance_for(category)
    speed_met = typed_kd >= required or bool(words) and reached == len(words)  # or typed to the passage's end
    return Evaluation(
        ops=ops,
        passage_words=len(words),
        typed_words=len(typed_list),
        reached=reached,
        full=full,
        half=half,
        mistakes=mistakes,
        error_pct=error_pct,
        key_depressions=typed_kd,
        passage_key_depressions=passage_kd,
        seconds=round(seconds, 1),
        kdph=round(typed_kd * 3600 / seconds),
        wpm=round(typed_kd / 5 / (seconds / 60), 1),
        allowance=allowance,
        required_key_depressions=required,
        speed_met=speed_met,
        qualified=speed_met and error_pct <= allowance,
        kinds=dict(kinds),
    )
