"""Figures in a Hindi text: drawn as in the English text, described in Hindi, and described alike."""

from tests.factories import write_bank
from trainer.bank.validation import check_bank
from trainer.bank.validation.hindi_figures import drawings
from trainer.config import PROJECT_ROOT

UID = "reasoning-embedded-figures-901"
SVG = '<svg viewBox="0 0 60 60" role="img" aria-label="{}"><path d="{}"/></svg>'
PATHS = ("M10 10V50", "M20 10V50", "M30 10V50", "M40 10V50")
ENGLISH = [f"Option figure: a vertical line {n} units from the left" for n in (1, 2, 3, 4)]
HINDI = [f"विकल्प आकृति: बाएँ से {n} इकाई दूर एक ऊर्ध्वाधर रेखा" for n in (1, 2, 3, 4)]


def item(hindi_labels=HINDI, hindi_paths=PATHS) -> str:
    def options(labels, paths):
        return "\n".join(f"{letter}) {SVG.format(label, path)}" for letter, label, path in zip("ABCD", labels, paths))

    return f"""---
id: {UID}
section: reasoning
topic: embedded-figures
difficulty: easy
answer: B
source: original
---
Which option figure is hidden in the question figure?

{options(ENGLISH, PATHS)}

Explanation:
Option B follows the lines of the figure.

[hi]
कौन-सी विकल्प आकृति प्रश्न आकृति में छिपी है?

{options(hindi_labels, hindi_paths)}

Explanation:
विकल्प B आकृति की रेखाओं पर चलता है।
"""


def problems(tmp_path, text: str, name: str = "reasoning/figures.md") -> list[str]:
    check = check_bank(write_bank(tmp_path, {name: text}))
    return [str(p).removeprefix(f"{tmp_path}/") for p in check.problems]


def test_hindi_figures_drawn_alike_and_described_in_hindi_pass(tmp_path):
    assert problems(tmp_path, item()) == []


def test_a_figure_left_with_its_english_description_in_the_hindi_text_is_refused(tmp_path):
    labels = [*HINDI[:2], ENGLISH[2], HINDI[3]]
    assert problems(tmp_path, item(hindi_labels=labels)) == [
        f"reasoning/figures.md:24: {UID}: a figure description in the Hindi option C is not in Hindi:"
        " 'Option figure: a vertical line 3 units from the left'"
    ]


def test_a_hindi_figure_drawn_differently_is_refused(tmp_path):
    # the same numbers in another order: the number check cannot see it, the drawing is another
    paths = (PATHS[0], "M10 20V50", *PATHS[2:])
    assert problems(tmp_path, item(hindi_paths=paths)) == [
        f"reasoning/figures.md:23: {UID}: figure 1 of the Hindi option B is drawn differently from figure 1 of the"
        " English option B: copy the English figure and translate only its description"
    ]


def test_a_figure_left_out_of_the_hindi_text_is_refused(tmp_path):
    text = item().replace(f"A) {SVG.format(HINDI[0], PATHS[0])}", "A) एक ऊर्ध्वाधर रेखा 1")
    assert (
        f"reasoning/figures.md:22: {UID}: the Hindi option A has 0 figure(s) but the English option A has 1"
    ) in problems(tmp_path, text)


def test_hindi_descriptions_that_give_a_distractor_away_are_refused(tmp_path):
    labels = [*HINDI[:2], HINDI[2] + ", उलटी", HINDI[3]]
    assert problems(tmp_path, item(hindi_labels=labels)) == [
        "reasoning/figures.md:22: Hindi: the figure descriptions give options away: 'उलटी' only in option C;"
        " say what each option shows, in the same terms, not how it differs from another"
    ]


def test_a_drawing_is_its_elements_and_geometry_not_its_words():
    english = '<svg aria-label="Bar chart"><rect x="1" height="5"/><text x="1">Jan</text></svg> ![a dot](a.png)'
    hindi = '<svg aria-label="दंड आरेख"><rect x="1" height="5"/><text x="1">जनवरी</text></svg> ![एक बिंदु](a.png)'
    assert drawings(english) == drawings(hindi)
    assert drawings(english) != drawings(hindi.replace('height="5"', 'height="6"'))
    assert drawings(english) != drawings(hindi.replace("a.png", "b.png"))


def test_a_data_set_whose_hindi_chart_is_drawn_differently_is_refused(tmp_path):
    chart = '<svg role="img" aria-label="{}"><rect x="10" y="20" width="30" height="{}"/></svg>'
    group = f"""---
id: quant-di-901
type: group
section: quant
topic: data-interpretation
source: original
---
Study the chart.

{chart.format("Bar chart: January 45", 45)}

[hi]
आरेख का अध्ययन करें।

{chart.format("दंड आरेख: जनवरी 45", 54)}
"""
    found = problems(tmp_path, group, "quant/di.md")
    assert (
        "quant/di.md:8: quant-di-901: figure 1 of the Hindi text is drawn differently from figure 1 of the English"
        " text: copy the English figure and translate only its description"
    ) in found


def test_the_bundled_bank_has_every_hindi_figure_drawn_alike_and_described_in_hindi():
    check = check_bank(PROJECT_ROOT / "question_bank")
    assert [str(p) for p in check.problems if "Hindi" in p.message] == []
