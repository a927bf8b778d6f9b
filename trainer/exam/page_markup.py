"""The exam page's per-option markup, assembled in Python: through Jinja it was most of the page's cost.

A Tier-I paper shows 400 options; a template loop over them spent about 10 µs on each. The HTML is the template's
own, byte for byte (tests/exam/test_exam_page.py compares), so the page reads the same to browser and script alike.
Every fragment put in here was sanitised when its version was created; only numbers are added.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

LETTERS = "ABCD"

# The whitespace is what the template's loop produced: spaces between the inline parts show as one space.
_OPTION = (
    '\n              <label class="option">'
    '\n                <input type="radio" name="q{position}" value="{shown}"{checked}>'
    '\n                <span class="letter">{letter}.</span>'
    '\n                <span class="lang-en">{html}</span>'
    "\n                {hindi}"
    "\n              </label>"
    "\n            "
)
_HINDI = '<span class="lang-hi" lang="hi">{html}</span>'


def option_labels(position: int, options_html: Sequence[str], hindi_html: Sequence[str], choice: int | None) -> Markup:
    """One question's radio buttons in shown order, the saved choice checked, Hindi beside English where there is."""
    return Markup(
        "".join(
            _OPTION.format(
                position=int(position),
                shown=shown,
                checked=" checked" if choice == shown else "",
                letter=LETTERS[shown : shown + 1],  # as the template's 'ABCD'[i]: nothing past D
                html=html,
                hindi=_HINDI.format(html=hindi_html[shown]) if hindi_html else "",
            )
            for shown, html in enumerate(options_html)
        )
    )
