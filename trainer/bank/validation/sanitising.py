"""Gate: no words are lost to the sanitiser (malformed markup can make it read the rest of a text as a comment)."""

from __future__ import annotations

from trainer.bank.parsing import LETTERS, Layout, ParsedGroup, ParsedQuestion, Problem
from trainer.bank.rendering import removed_text
from trainer.bank.validation.gate import Context, Gate

SHOWN = 60  # characters of each dropped run quoted in the message


def dropped_message(where: str, text: str) -> str | None:
    """A message naming the words sanitising drops from `text` (None when every word survives)."""
    runs = removed_text(text)
    if not runs:
        return None
    quoted = ", ".join(repr(run if len(run) <= SHOWN else run[: SHOWN - 1] + "…") for run in runs)
    return (
        f"{where}: candidates would not see {quoted}: the sanitiser drops it"
        " (look for malformed or unsafe markup just before it)"
    )


def _layout_texts(layout: Layout, prefix: str) -> list[tuple[int, str, str]]:
    """(line, what, text) for the stem, each option and the explanation of one language's text."""
    texts = [(layout.body_line, f"{prefix}stem", layout.stem)]
    texts += [
        (line, f"{prefix}option {LETTERS[i]}", text)
        for i, (line, text) in enumerate(zip(layout.option_lines, layout.options))
    ]
    texts.append((layout.explanation_line or layout.body_line, f"{prefix}explanation", layout.explanation))
    return texts


def question_problems(q: ParsedQuestion, context: Context) -> list[Problem]:
    """Texts of a question (both languages) that lose words when sanitised."""
    texts = _layout_texts(q.text, "")
    if q.hindi is not None:
        texts += _layout_texts(q.hindi, "Hindi ")
    found = ((line, dropped_message(what, text)) for line, what, text in texts)
    return [Problem(q.path, line, message) for line, message in found if message]


def group_problems(g: ParsedGroup, context: Context) -> list[Problem]:
    """A group's shared text (both languages) that loses words when sanitised."""
    found = (dropped_message(what, text) for what, text in (("passage", g.passage), ("Hindi passage", g.hindi_passage)))
    return [Problem(g.path, g.passage_line, message) for message in found if message]


GATE = Gate("sanitising", question=question_problems, group=group_problems)
