"""Gate: no words are lost to the sanitiser (malformed markup can make it read the rest of a text as a comment)."""

from __future__ import annotations

from trainer.bank.parsing import LETTERS, Layout, ParsedGroup, ParsedQuestion, Problem
from trainer.bank.rendering import removed_text
from trainer.bank.validation.gate import Context, Gate
from trainer.core.wording import N_

SHOWN = 60  # characters of each dropped run quoted in the message


def dropped_message(where: str, text: str) -> str | None:
    """A message naming the words sanitising drops from `text` (None when every word survives)."""
    runs = removed_text(text)
    if not runs:
        return None
    quoted = ", ".join(repr(run if len(run) <= SHOWN else run[: SHOWN - 1] + "…") for run in runs)
    return N_(
        "%(part)s: candidates would not see %(quoted)s: the sanitiser drops it (look for malformed or unsafe markup "
        "just before it)",
        part=where,
        quoted=quoted,
    )


def _layout_texts(layout: Layout, hindi: bool) -> list[tuple[int, str, str]]:
    """(line, what, text) for the stem, each option and the explanation of one language's text."""
    texts = [(layout.body_line, N_("stem"), layout.stem)]
    texts += [
        (line, N_("option %(letter)s", letter=LETTERS[i]), text)
        for i, (line, text) in enumerate(zip(layout.option_lines, layout.options))
    ]
    texts.append((layout.explanation_line or layout.body_line, N_("explanation"), layout.explanation))
    return [(line, N_("Hindi %(part)s", part=what) if hindi else what, text) for line, what, text in texts]


def question_problems(q: ParsedQuestion, context: Context) -> list[Problem]:
    """Texts of a question (both languages) that lose words when sanitised."""
    texts = _layout_texts(q.text, hindi=False)
    if q.hindi is not None:
        texts += _layout_texts(q.hindi, hindi=True)
    found = ((line, dropped_message(what, text)) for line, what, text in texts)
    return [Problem(q.path, line, message) for line, message in found if message]


def group_problems(g: ParsedGroup, context: Context) -> list[Problem]:
    """A group's shared text (both languages) that loses words when sanitised."""
    found = (
        dropped_message(what, text)
        for what, text in ((N_("passage"), g.passage), (N_("Hindi passage"), g.hindi_passage))
    )
    return [Problem(g.path, g.passage_line, message) for message in found if message]


GATE = Gate("sanitising", question=question_problems, group=group_problems)
