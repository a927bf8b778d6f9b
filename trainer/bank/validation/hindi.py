"""Gate: the Hindi text asks the same question (same numbers in stem and options) and renders."""

from __future__ import annotations

import re

from trainer.bank.parsing import IN_HINDI, LETTERS, ParsedGroup, ParsedQuestion, Problem, labelled
from trainer.bank.rendering import math_problems
from trainer.bank.validation.gate import Context, Gate
from trainer.bank.validation.layout import layout_problems
from trainer.core.wording import N_

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


def numbers(text: str) -> list[str]:
    """The numbers in a text, as sorted strings (Devanagari digits read as ASCII, digit-group commas ignored)."""
    found = NUMBER.findall(text.translate(DEVANAGARI_DIGITS))
    return sorted(n.replace(",", "") for n in found)


def _hindi_problems(q: ParsedQuestion) -> list[tuple[int, str]]:
    hindi = q.hindi
    found = layout_problems(hindi, IN_HINDI)
    if not hindi.ok:
        return found
    if numbers(q.stem) != numbers(hindi.stem):
        found.append(
            (
                hindi.body_line,
                N_(
                    "Hindi stem has numbers %(hindi)s but the English stem has %(english)s",
                    hindi=str(numbers(hindi.stem)),
                    english=str(numbers(q.stem)),
                ),
            )
        )
    for letter, line, en, hi in zip(LETTERS, hindi.option_lines, q.options, hindi.options):
        if numbers(en) != numbers(hi):
            found.append(
                (
                    line,
                    N_(
                        "Hindi option %(letter)s has numbers %(hindi)s but the English option has %(english)s",
                        letter=letter,
                        hindi=str(numbers(hi)),
                        english=str(numbers(en)),
                    ),
                )
            )
    return found


def question_problems(q: ParsedQuestion, context: Context) -> list[Problem]:
    """Problems with a question's Hindi text (checked once the English text is well laid out)."""
    if q.hindi is None or not q.text.ok:
        return []
    return [Problem(q.path, line, message) for line, message in _hindi_problems(q)]


def group_problems(g: ParsedGroup, context: Context) -> list[Problem]:
    """Maths that would not render in a group's shared Hindi text."""
    return [Problem(g.path, g.passage_line, labelled(IN_HINDI, m)) for m in math_problems(g.hindi_passage)]


GATE = Gate("hindi", question=question_problems, group=group_problems)
