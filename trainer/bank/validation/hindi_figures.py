"""Gate: the Hindi text shows the English text's figures, drawn the same, with their descriptions in Hindi.

A translator may translate a figure's description (`aria-label`, `alt`) and the words drawn in it (a chart's
month names), never the drawing: a screen-reader user and a sighted user must get the same figure in both
languages. A figure in the Hindi text whose description has no Devanagari was left in English.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from trainer.bank.parsing import LETTERS, ParsedGroup, ParsedQuestion, Problem
from trainer.bank.validation.gate import Context, Gate
from trainer.bank.validation.option_labels import LABEL
from trainer.core.wording import N_, Message

FIGURE = re.compile(r"<svg\b.*?</svg\s*>|<img\b[^>]*>|!\[[^\]]*\]\(\s*([^)\s]*)", re.IGNORECASE | re.DOTALL)
DESCRIPTIONS = {"aria-label", "alt", "title"}  # attributes that say what a figure shows, in the text's language
DEVANAGARI = re.compile(r"[\u0900-\u0963\u0966-\u097f]")


class _Drawing(HTMLParser):
    """The elements of one figure with their attributes, less the descriptions and the words drawn."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, tuple(sorted((k, v) for k, v in attrs if k not in DESCRIPTIONS))))

    def handle_endtag(self, tag):
        self.elements.append(("/" + tag,))


def drawings(text: str) -> list[tuple]:
    """What each figure in a text draws, in order: its elements and their geometry, without any words."""
    found = []
    for match in FIGURE.finditer(text):
        if match.group(1) is not None:  # a Markdown image: what is drawn is the picture it points at
            found.append((("img", (("src", match.group(1)),)),))
            continue
        parser = _Drawing()
        parser.feed(match.group(0))
        parser.close()
        found.append(tuple(parser.elements))
    return found


def _of(uid: str, message: str) -> Message:
    """`uid: message`: the question's id before what is wrong with it."""
    return Message("%(uid)s: %(problem)s", uid=uid, problem=message)


def text_problems(where: str, english: str, hindi: str) -> list[str]:
    """What is wrong with the figures of one Hindi text (`where`: "stem", "option A"…) against its English text:
    a figure missing or added, drawn differently, or described without Devanagari. Also used on generated items."""
    en, hi = drawings(english), drawings(hindi)
    if len(en) != len(hi):
        return [
            N_(
                "the Hindi %(part)s has %(hindi)s figure(s) but the English %(part)s has %(english)s",
                part=where,
                hindi=len(hi),
                english=len(en),
            )
        ]
    found = [
        N_(
            "figure %(number)s of the Hindi %(part)s is drawn differently from figure %(number)s of the English "
            "%(part)s: copy the English figure and translate only its description",
            number=n,
            part=where,
        )
        for n, (a, b) in enumerate(zip(en, hi), start=1)
        if a != b
    ]
    for label in ("".join(groups) for groups in LABEL.findall(hindi)):
        if not DEVANAGARI.search(label):
            found.append(
                N_(
                    "a figure description in the Hindi %(part)s is not in Hindi: %(label)r",
                    part=where,
                    label=label[:60],
                )
            )
    return found


def question_problems(q: ParsedQuestion, context: Context) -> list[Problem]:
    """Figures of the Hindi text that differ from the English ones or are described in English."""
    hindi = q.hindi
    if hindi is None or not (q.text.ok and hindi.ok) or len(hindi.options) != len(q.options):
        return []
    parts = [(N_("stem"), hindi.body_line, q.stem, hindi.stem)]
    parts += [
        (N_("option %(letter)s", letter=LETTERS[i]), line, en, hi)
        for i, (line, en, hi) in enumerate(zip(hindi.option_lines, q.options, hindi.options))
    ]
    parts.append((N_("explanation"), hindi.explanation_line or hindi.body_line, q.explanation, hindi.explanation))
    return [
        Problem(q.path, line, _of(q.uid, message))
        for where, line, english, text in parts
        for message in text_problems(where, english, text)
    ]


def group_problems(g: ParsedGroup, context: Context) -> list[Problem]:
    """The same for a group's shared text (a data set's chart)."""
    if not g.hindi_passage:
        return []
    return [
        Problem(g.path, g.passage_line, _of(g.uid, m)) for m in text_problems(N_("text"), g.passage, g.hindi_passage)
    ]


GATE = Gate("hindi-figures", question=question_problems, group=group_problems)
