"""Every generator, over many seeds: a complete, valid, reproducible question in both languages."""

from dataclasses import replace

import pytest

from tests.bank.generators.figure_support import hindi_figure_problems
from trainer.bank.generators import all_generators, generate
from trainer.bank.generators.base import DIFFICULTIES, repeated_terms, rng_for
from trainer.bank.rendering import math_problems
from trainer.bank.taxonomy import load_taxonomy
from trainer.bank.validation import numbers
from trainer.config import PROJECT_ROOT

GENERATORS = sorted(all_generators())
SEEDS = range(60)
TAXONOMY = load_taxonomy(PROJECT_ROOT / "question_bank" / "taxonomy.yaml")


@pytest.mark.parametrize("key", GENERATORS)
def test_every_generated_question_is_complete_and_valid(key):
    gen = all_generators()[key]
    assert gen.topic in TAXONOMY[gen.section].topics
    for difficulty in DIFFICULTIES:
        for seed in SEEDS:
            item = gen.make(rng_for(key, seed, difficulty), difficulty)
            where = f"{key} seed {seed} {difficulty}"
            assert len(item.options) == 4 and all(o.strip() for o in item.options), where
            assert len(set(item.options)) == 4, f"{where}: options repeat {item.options}"
            assert 0 <= item.answer < 4, where
            assert item.explanation.strip().splitlines()[-1] == f"Answer: {item.options[item.answer]}", where
            assert item.hindi_explanation.strip().splitlines()[-1] == f"उत्तर: {item.hindi_options[item.answer]}", where
            assert len(item.hindi_options) == 4, where
            assert numbers(item.stem) == numbers(item.hindi_stem), f"{where}: Hindi stem numbers differ"
            for en, hi in zip(item.options, item.hindi_options):
                assert numbers(en) == numbers(hi), f"{where}: Hindi option {hi!r} vs {en!r}"
            for text in (item.stem, *item.options, item.explanation, item.hindi_stem, item.hindi_explanation):
                assert not math_problems(text), f"{where}: {math_problems(text)}"
            assert not repeated_terms(item.stem), f"{where}: the stem repeats {repeated_terms(item.stem)}"
            assert not repeated_terms(item.hindi_stem), f"{where}: the Hindi stem repeats a term"
            assert hindi_figure_problems(item) == [], where


@pytest.mark.parametrize("key", GENERATORS)
def test_the_same_seed_gives_the_same_question(key):
    gen = all_generators()[key]
    assert generate(gen, 7, "medium") == generate(gen, 7, "medium")
    assert len({generate(gen, seed, "medium").stem for seed in range(20)}) > 5  # and seeds vary it


def test_a_generator_that_leaves_a_figure_described_in_english_in_its_hindi_text_is_caught():
    gen = all_generators()["reasoning-mirror-water-images-figure"]
    item = gen.make(rng_for(gen.key, 3, "easy"), "easy")
    assert hindi_figure_problems(item) == []
    english_options = replace(item, hindi_options=item.options, hindi_explanation=item.explanation)
    found = hindi_figure_problems(english_options)
    assert "a figure description in the Hindi option A is not in Hindi: 'Answer figure: line through" in found[0]
    english_stem = replace(item, hindi_stem=item.hindi_stem.split("\n\n")[0] + "\n\n" + item.stem.split("\n\n")[1])
    assert hindi_figure_problems(english_stem)[0].startswith("a figure description in the Hindi stem is not in Hindi")


def test_there_are_generators_for_quant_and_reasoning():
    sections = {g.section for g in all_generators().values()}
    assert {"quant"} <= sections


def test_a_stem_that_repeats_a_term_is_caught():
    assert repeated_terms("What is $3\\cos^2 0^\\circ - 2\\cos^2 0^\\circ$?") == ["\\cos^2 0^\\circ"]
    bodmas = "Simplify: $\\frac{2}{3} + \\frac{5}{7} \\div \\frac{1}{7} - \\frac{2}{3}$"
    assert repeated_terms(bodmas) == ["\\frac{2}{3}"]
    assert not repeated_terms("What is $2\\sin^2 30^\\circ + \\cos^2 30^\\circ - 4 + 4$?")  # plain numbers aside
    assert not repeated_terms("$\\left(\\sin^2 a + \\sin^2 b\\right) + \\sin^2 a$ is one bracket and one term")
