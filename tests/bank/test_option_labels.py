"""The option-labels gate: figure options described alike, so a screen-reader user cannot pick out the key."""

import pytest

from tests.factories import write_bank
from trainer.bank.generators import all_generators
from trainer.bank.generators.base import DIFFICULTIES, rng_for
from trainer.bank.validation import check_bank
from trainer.bank.validation.option_labels import label_problems, option_labels

SVG = '<svg viewBox="0 0 60 60" width="90" height="90" role="img" aria-label="Option figure: {}"><path d="M{}"/></svg>'
# reasoning-embedded-figures-011 as it was: the key (D) described plainly, the distractors by their defects.
LEAKY = (
    "a lightning bolt that slants down to the right",
    "a lightning bolt whose lower stroke is shorter and flatter",
    "a lightning bolt lying on its side",
    "a lightning bolt: a line slanting down to the left, a short step to the right, then another line slanting down"
    " to the left",
)
NEUTRAL = (
    "a lightning bolt drawn from the top: a line slanting down to the right, a step to the left, then a line slanting"
    " down to the right",
    "a lightning bolt drawn from the top: a line slanting down to the left, a step to the right, then a line slanting"
    " gently down to the left",
    "a lightning bolt drawn from the right: a line slanting up to the left, a step down, then a line slanting up to"
    " the left",
    "a lightning bolt drawn from the top: a line slanting down to the left, a step to the right, then a line slanting"
    " down to the left",
)


def figures(labels) -> list[str]:
    return [SVG.format(label, f"{10 * i} 10V50") for i, label in enumerate(labels)]


def bank_question(labels, answer: str = "D") -> str:
    options = "\n".join(f"{letter}) {svg}" for letter, svg in zip("ABCD", figures(labels)))
    return f"""---
id: reasoning-embedded-figures-901
section: reasoning
topic: embedded-figures
difficulty: hard
answer: {answer}
source: original
---
Which option figure is hidden in the question figure?

{options}

Explanation:
Option D follows the lines of the figure.
"""


def test_labels_that_describe_distractors_by_their_defects_are_refused_at_the_options(tmp_path):
    check = check_bank(write_bank(tmp_path, {"reasoning/figures.md": bank_question(LEAKY)}))
    messages = [str(p) for p in check.problems]
    assert all(m.startswith(f"{tmp_path}/reasoning/figures.md:11: ") for m in messages), messages
    assert any("'flatter', 'shorter' only in option B" in m for m in messages)
    assert any("'on-its-side' only in option C" in m for m in messages)
    assert any("key's figure description has more detail" in m for m in messages)
    assert "reasoning-embedded-figures-901" not in check.questions


def test_labels_that_say_what_each_option_shows_pass(tmp_path):
    check = check_bank(write_bank(tmp_path, {"reasoning/figures.md": bank_question(NEUTRAL)}))
    assert check.problems == []


@pytest.mark.parametrize(
    "labels",
    [
        ("a triangle, wider than it is tall", "a triangle, taller than it is wide", "a square", "a circle"),
        (
            "a trapezium with the longer side at the top",
            "a trapezium with the longer side at the bottom",
            "a kite",
            "a dot",
        ),
        (
            "an arrow with one side missing",
            "a dot with one side missing",
            "a ring with one side missing",
            "a bar with one side missing",
        ),
    ],
)
def test_words_that_compare_parts_of_one_figure_or_that_every_option_shares_pass(labels):
    assert label_problems(figures(labels), 0) == []


def test_a_key_described_in_far_less_detail_is_refused():
    labels = ("a square", *(f"a square with a dot at the {corner} corner and a line across" for corner in "ABC"))
    assert label_problems(figures(labels), 0) == [
        "the key's figure description has less detail (4 words) than any other option (at least 15):"
        " describe every option in the same detail"
    ]


def test_an_option_figure_without_a_description_is_refused():
    options = [*figures(NEUTRAL[:3]), '<svg viewBox="0 0 60 60"><path d="M1 1"/></svg>']
    assert label_problems(options, 0) == ["option D has a figure with no description"]


def test_image_descriptions_are_compared_too():
    options = [
        "![a dot](a.png)",
        '<img src="b.png" alt="a ring">',
        "![a bar](c.png)",
        "![a bar with a missing end](d.png)",
    ]
    assert option_labels(options) == ["a dot", "a ring", "a bar", "a bar with a missing end"]
    assert label_problems(options, 0) == [
        "the figure descriptions give options away: 'missing' only in option D;"
        " say what each option shows, in the same terms, not how it differs from another"
    ]


def test_options_without_figures_are_not_this_gates_business():
    assert label_problems(["12", "15", "18", "21"], 2) == []


def figural_items():
    """Every generated question whose options are figures: (generator key, seed, difficulty, item)."""
    for key, gen in sorted(all_generators().items()):
        for difficulty in DIFFICULTIES:
            for seed in range(40):
                item = gen.make(rng_for(key, seed, difficulty), difficulty)
                if any(option_labels(item.options)):
                    yield key, seed, difficulty, item


def test_every_figural_generator_describes_its_options_alike():
    seen, found = set(), []
    for key, seed, difficulty, item in figural_items():
        seen.add(key)
        for options in (item.options, item.hindi_options):
            found += [f"{key} seed {seed} {difficulty}: {m}" for m in label_problems(options, item.answer)]
    assert len(seen) >= 3, seen  # mirror images, paper folding, figure series at least
    assert found == []
