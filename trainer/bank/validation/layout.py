"""Gate: the text itself (no option repeats another, maths that renders) in the stem, options and explanation."""

from __future__ import annotations

from trainer.bank.parsing import LETTERS, Layout, ParsedGroup, ParsedQuestion, Problem, labelled
from trainer.bank.rendering import math_problems
from trainer.bank.validation.gate import Context, Gate
from trainer.core.wording import N_


def layout_problems(layout: Layout, label: str = "") -> list[tuple[int, str]]:
    """(line, message) for repeated options and maths that would not render, in one language's text."""
    found: list[tuple[int, str]] = []
    normalised = [" ".join(o.lower().split()) for o in layout.options]
    for index, text in enumerate(normalised):
        if text and text in normalised[:index]:
            repeated = LETTERS[normalised.index(text)]
            found.append(
                (
                    layout.option_lines[index],
                    labelled(
                        label, N_("option %(letter)s repeats option %(other)s", letter=LETTERS[index], other=repeated)
                    ),
                )
            )
    texts = [
        (layout.body_line, layout.stem),
        *zip(layout.option_lines, layout.options),
        (layout.explanation_line or layout.body_line, layout.explanation),
    ]
    for line, text in texts:
        found.extend((line, labelled(label, message)) for message in math_problems(text))
    return found


def question_problems(q: ParsedQuestion, context: Context) -> list[Problem]:
    """Problems in the English text of a question (the Hindi text has its own gate)."""
    return [Problem(q.path, line, message) for line, message in layout_problems(q.text)]


def group_problems(g: ParsedGroup, context: Context) -> list[Problem]:
    """Maths that would not render in a group's shared English text."""
    return [Problem(g.path, g.passage_line, m) for m in math_problems(g.passage)]


GATE = Gate("layout", question=question_problems, group=group_problems)
