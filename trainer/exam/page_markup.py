"""The exam page's per-question markup, assembled in Python: through Jinja it was most of the page's cost.

A Tier-I paper shows 400 options; a template loop over them spent about 10 µs on each. The HTML is the template's
own, byte for byte (tests/exam/test_exam_page.py compares), so the page reads the same to browser and script alike.
Every fragment put in here was sanitised when its version was created; only numbers are added.

The questions are assembled as UTF-8 and put into the rendered page as bytes (`spliced`): they are most of the
page, mostly Devanagari, and encoding them again for every page cost 3 M instructions a candidate, 6% of a start
and its exam page. Each stored fragment is encoded once per process (`utf8`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from trainer.exam.screen import FirstView, ScreenQuestion

LETTERS = b"ABCD"
UTF8_CACHE_SIZE = 50_000  # fragments: a worker's fragment cache (trainer/exam/shown.py) holds about 40,000
_utf8: dict[str, bytes] = {}
# Where the questions go in the rendered page. Only our own markup and JSON (which escapes "<") follow it, so its
# last occurrence is the template's, whatever a question or passage before it holds.
ARTICLES_SLOT = Markup("<!-- the questions -->")


def utf8(text: str) -> bytes:
    """A fragment's UTF-8, encoded once per process: pages show the same stored strings again and again (their
    hash is kept with them, so a look-up costs no more than a small dict's). Threads may race to fill or clear it:
    each still gets the right bytes."""
    found = _utf8.get(text)
    if found is None:
        if len(_utf8) >= UTF8_CACHE_SIZE:
            _utf8.clear()
        found = _utf8[text] = text.encode()
    return found


def option_labels(position: int, options_html: Sequence[str], hindi_html: Sequence[str], choice: int | None) -> bytes:
    """One question's radio buttons in shown order, the saved choice checked, Hindi beside English where there is."""
    name = int(position)
    labels = []
    for shown, html in enumerate(options_html):
        checked = b" checked" if choice == shown else b""
        hindi = b'<span class="lang-hi" lang="hi">%s</span>' % utf8(hindi_html[shown]) if hindi_html else b""
        # The whitespace is what the template's loop wrote: spaces between the inline parts show as one space.
        labels.append(
            b'\n              <label class="option">'
            b'\n                <input type="radio" name="q%d" value="%d"%s>'
            b'\n                <span class="letter">%s.</span>'
            b'\n                <span class="lang-en" lang="en">%s</span>'
            b"\n                %s"
            b"\n              </label>"
            b"\n            " % (name, shown, checked, LETTERS[shown : shown + 1], utf8(html), hindi)
        )  # nothing past D, as before
    return b"".join(labels)


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


def question_articles(questions: Sequence[ScreenQuestion], first: FirstView, words: QuestionWords) -> bytes:
    """Every question's article, the first view's shown and the rest hidden, as the template wrote them (UTF-8)."""
    names = {key: str(escape(name)).encode() for key, name in words.sections.items()}
    keys = {key: str(escape(key)).encode() for key in words.sections}
    saved = words.saved.encode()
    parts = []
    for q in questions:
        passage = b'data-passage="%d"' % q.passage if q.passage else b""
        hidden = b" hidden" if q.position != first.position else b""
        hindi = b'<div class="stem lang-hi" lang="hi">%s</div>' % utf8(q.hindi_stem_html) if q.hindi_stem_html else b""
        parts.append(
            b'\n        <article class="question" id="q%d" data-position="%d" data-section="%s"'
            b"\n                 %s%s>"
            b'\n          <h2>%s <span class="muted">\xc2\xb7 %s</span>'  # a middle dot
            b'\n            <span class="saved-mark" hidden>%s</span></h2>'
            b'\n          <div class="stem lang-en" lang="en">%s</div>'
            b"\n          %s"
            b'\n          <fieldset class="options">'
            b'\n            <legend class="visually-hidden">%s</legend>'
            b"\n            %s"
            b"\n          </fieldset>"
            b'\n          <div class="feedback" hidden></div>'
            b"\n        </article>"
            b"\n      "
            % (
                q.position, q.position, keys[q.section], passage, hidden,
                (words.question % {"number": q.number}).encode(), names[q.section], saved, utf8(q.stem_html), hindi,
                (words.options_for % {"number": q.number}).encode(), q.option_labels,
            )
        )  # fmt: skip
    return b"".join(parts)


def spliced(page: str, articles: bytes) -> bytes:
    """The rendered page (with ARTICLES_SLOT where the questions go) as UTF-8, the questions put in as bytes."""
    head, slot, tail = page.rpartition(ARTICLES_SLOT)
    if not slot:
        raise RuntimeError("the exam page's template has no place for the questions")
    return b"".join((head.encode(), articles, tail.encode()))


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
