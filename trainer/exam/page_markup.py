"""The exam page's per-question markup, assembled in Python: through Jinja it was most of the page's cost.

A Tier-I paper shows 400 options; a template loop over them spent about 10 µs on each. The HTML is the template's
own, byte for byte (tests/exam/test_exam_page.py compares), so the page reads the same to browser and script alike.
Every fragment put in here was sanitised when its version was created; only numbers are added.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from trainer.exam.screen import FirstView, ScreenQuestion

LETTERS = "ABCD"


def option_labels(position: int, options_html: Sequence[str], hindi_html: Sequence[str], choice: int | None) -> Markup:
    """One question's radio buttons in shown order, the saved choice checked, Hindi beside English where there is."""
    name = int(position)
    labels = []
    for shown, html in enumerate(options_html):
        checked = " checked" if choice == shown else ""
        hindi = f'<span class="lang-hi" lang="hi">{hindi_html[shown]}</span>' if hindi_html else ""
        # The whitespace is what the template's loop wrote: spaces between the inline parts show as one space.
        labels.append(
            f'\n              <label class="option">'
            f'\n                <input type="radio" name="q{name}" value="{shown}"{checked}>'
            f'\n                <span class="letter">{LETTERS[shown : shown + 1]}.</span>'  # nothing past D, as before
            f'\n                <span class="lang-en">{html}</span>'
            f"\n                {hindi}"
            f"\n              </label>"
            f"\n            "
        )
    return Markup("".join(labels))


class _Escaped(dict):
    """Section keys and palette states escaped for an attribute, each once a page rather than once a question."""

    def __missing__(self, key: str) -> str:
        self[key] = value = str(escape(key))
        return value


@dataclass(frozen=True)
class QuestionWords:
    """The words every question of the page repeats, translated once per page.

    Through the template each question asked the catalogue five times: 500 look-ups on a Tier-I paper, the
    largest part of the page's cost once the radio buttons were assembled here. Translations are trusted text (the
    template did not escape them either); section names are escaped here.
    """

    question: str  # "Question %(number)s" in the interface language
    options_for: str  # "Options for question %(number)s"
    saved: str
    sections: Mapping[str, str]  # section key → its name as shown


def question_articles(questions: Sequence[ScreenQuestion], first: FirstView, words: QuestionWords) -> Markup:
    """Every question's article, the first view's shown and the rest hidden, as the template wrote them."""
    names = {key: escape(name) for key, name in words.sections.items()}
    keys = _Escaped()
    parts = []
    for q in questions:
        passage = f'data-passage="{q.passage}"' if q.passage else ""
        hidden = " hidden" if q.position != first.position else ""
        hindi = f'<div class="stem lang-hi" lang="hi">{q.hindi_stem_html}</div>' if q.hindi_stem_html else ""
        parts.append(
            f'\n        <article class="question" id="q{q.position}" data-position="{q.position}"'
            f' data-section="{keys[q.section]}"'
            f"\n                 {passage}{hidden}>"
            f'\n          <h2>{words.question % {"number": q.number}} <span class="muted">· {names[q.section]}</span>'
            f'\n            <span class="saved-mark" hidden>{words.saved}</span></h2>'
            f'\n          <div class="stem lang-en">{q.stem_html}</div>'
            f"\n          {hindi}"
            f'\n          <fieldset class="options">'
            f'\n            <legend class="visually-hidden">{words.options_for % {"number": q.number}}</legend>'
            f"\n            {q.option_labels}"
            f"\n          </fieldset>"
            f'\n          <div class="feedback" hidden></div>'
            f"\n        </article>"
            f"\n      "
        )
    return Markup("".join(parts))


def palette_buttons(questions: Sequence[ScreenQuestion], first: FirstView, words: QuestionWords) -> Markup:
    """The palette's numbered buttons, the open section's shown, the first question marked current."""
    keys = _Escaped()
    parts = []
    for q in questions:
        current = " current" if q.position == first.position else ""
        hidden = " hidden" if q.section != first.section else ""
        parts.append(
            f'\n          <button type="button" class="pal {keys[q.palette]}{current}" data-position="{q.position}"'
            f' data-section="{keys[q.section]}"'
            f'\n                  aria-label="{words.question % {"number": q.number}}"{hidden}>{q.number}</button>'
            f"\n        "
        )
    return Markup("".join(parts))
