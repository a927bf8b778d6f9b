"""The DEST evaluation against hand-worked cases: each expected count was worked out on paper first."""

from __future__ import annotations

import random

import pytest

from trainer.skills.evaluation import KINDS, _align_gap, align, allowance_for, compare, evaluate, key_depressions
from trainer.skills.passages import library

PASSAGE = "The Ministry has issued a revised circular on leave. All officers must apply in advance."
# 15 words, 88 key depressions (characters, spaces included)


def score(typed: str, seconds: float = 60, minutes: float = 0.5, category: str = "UR"):
    return evaluate(PASSAGE, typed, seconds, minutes, category)


def errors(result) -> list[tuple[str, str, tuple[str, ...]]]:
    words = PASSAGE.split()
    return [(" ".join(words[op.start : op.end]), op.typed, op.kinds) for op in result.ops if op.kinds]


def test_a_passage_typed_perfectly_has_no_mistake_and_qualifies():
    result = score(PASSAGE)

    assert (result.full, result.half, result.error_pct) == (0, 0, 0.0)
    assert result.passage_words == result.typed_words == result.reached == 15
    assert result.key_depressions == key_depressions(PASSAGE) == 88
    assert result.kdph == 88 * 60  # 88 in one minute
    assert result.wpm == 17.6  # 88 / 5 per minute
    assert result.qualified


def test_an_omitted_word_is_one_full_mistake_and_the_words_after_it_still_match():
    result = score(PASSAGE.replace("revised ", ""))

    assert errors(result) == [("revised", "", ("omitted",))]
    assert (result.full, result.half) == (1, 0)
    assert result.error_pct == round(100 / 15, 2)  # 6.67


def test_an_extra_word_is_one_full_mistake():
    result = score(PASSAGE.replace("must apply", "must always apply"))

    assert errors(result) == [("", "always", ("added",))]
    assert (result.full, result.half) == (1, 0)


def test_two_transposed_words_are_one_full_mistake_not_two():
    result = score(PASSAGE.replace("revised circular", "circular revised"))

    assert errors(result) == [("revised circular", "circular revised", ("transposed",))]
    assert (result.full, result.half, result.mistakes) == (1, 0, 1)


def test_case_errors_are_half_mistakes():
    result = score(PASSAGE.replace("The Ministry", "the ministry").replace("All", "ALL"))

    assert errors(result) == [
        ("The", "the", ("case",)),
        ("Ministry", "ministry", ("case",)),
        ("All", "ALL", ("case",)),
    ]
    assert (result.full, result.half, result.mistakes) == (0, 3, 1.5)
    assert result.error_pct == 10.0  # 1.5 of 15 words


def test_punctuation_spacing_and_spelling():
    typed = "The Ministry has issued a revised circlar on leave All officers must apply inadvance."  # 3 errors
    result = score(typed)

    assert errors(result) == [
        ("circular", "circlar", ("misspelt",)),
        ("leave.", "leave", ("punctuation",)),
        ("in advance.", "inadvance.", ("spacing",)),
    ]
    assert (result.full, result.half, result.mistakes) == (1, 2, 2.0)


def test_a_substituted_word_is_one_full_mistake():
    result = score(PASSAGE.replace("leave", "transfers"))

    assert errors(result) == [("leave.", "transfers.", ("substituted",))]


def test_an_empty_submission_has_no_mistakes_but_does_not_qualify():
    result = score("")

    assert (result.full, result.half, result.error_pct, result.typed_words, result.reached) == (0, 0, 0.0, 0, 0)
    assert result.key_depressions == 0 and result.kdph == 0
    assert not result.speed_met and not result.qualified


def test_words_not_reached_are_not_omissions_but_the_speed_requirement_fails():
    result = score("The Ministry has issued a revised", minutes=0.5)  # needs min(88, 8000/120=67) keys

    assert result.reached == 6 and result.full == 0
    assert result.required_key_depressions == 67
    assert result.key_depressions == 33 and not result.speed_met and not result.qualified


def test_reaching_the_last_word_meets_the_speed_requirement_even_with_fewer_key_depressions():
    result = score(PASSAGE.replace("revised ", ""), seconds=60, minutes=1)  # 80 keys; 8000 an hour needs 133, cap 88

    assert result.key_depressions == 80 and result.required_key_depressions == 88
    assert result.reached == 15 and result.speed_met and result.qualified


def test_too_many_errors_fail_by_category_allowance():
    typed = PASSAGE.replace("revised ", "").replace("leave", "pay").replace("must ", "")  # 3 full: 20%
    assert score(typed, category="UR").error_pct == 20.0
    assert score(typed, category="UR").qualified  # at most 20% for UR
    worse = typed.replace("All", "all")  # 3.5 mistakes: 23.33%
    assert not score(worse, category="UR").qualified
    assert score(worse, category="OBC").qualified and score(worse, category="EWS").qualified
    assert (allowance_for("UR"), allowance_for("OBC"), allowance_for("SC"), allowance_for("ST")) == (20, 25, 30, 30)


def test_a_double_space_is_a_half_mistake():
    result = score(PASSAGE.replace("issued a", "issued  a"))

    assert errors(result) == [("a", "a", ("spacing",))]


@pytest.mark.parametrize(
    ("expected", "typed", "kinds"),
    [
        ("Ministry", "Ministry", ()),
        ("Ministry", "ministry", ("case",)),
        ("leave.", "leave,", ("punctuation",)),
        ("Leave.", "leave", ("case", "punctuation")),
        ("government", "goverment", ("misspelt",)),
        ("officers", "office", ("misspelt",)),
        ("leave", "salary", None),
    ],
)
def test_compare_names_what_differs(expected, typed, kinds):
    assert compare(expected, typed) == kinds


def test_an_omission_early_in_a_long_passage_does_not_cascade():
    passage = " ".join(f"word{i}" for i in range(400))
    typed = " ".join(f"word{i}" for i in range(400) if i not in (3, 200)) + " extra"

    result = evaluate(passage, typed, 900, 15, "UR")

    assert result.kinds == {"omitted": 2, "added": 1}


@pytest.mark.parametrize("seed", range(12))
def test_anchoring_on_runs_typed_right_finds_as_few_mistakes_as_searching_the_whole_passage(seed):
    """The anchored alignment (fast) against the plain search over every word (slow), on mistyped passages."""
    rng = random.Random(seed)
    passage = library()["warmup-5-0" + str(seed % 3 + 1)].text.split()
    typed = []
    for word in passage:
        roll = rng.random()
        if roll < 0.04:
            continue
        mistakes = ([word, word], [word.lower()], [word[:-1] or "x"])  # doubled, case, misspelt
        typed += mistakes[rng.randrange(3)] if roll < 0.15 else [word]
    anchored, reached = align(passage, typed)
    searched, searched_reached = _align_gap(passage, typed, open_end=True)

    def weight(ops):
        return sum(1 if KINDS[k][0] == "full" else 0.5 for op in ops for k in op.kinds)

    assert weight(anchored) == weight(searched)
    assert reached == searched_reached
