"""The exam page's per-option markup, assembled in Python: through Jinja it was most of the page's cost.

A Tier-I paper shows 400 options; a template loop over them spent about 10 µs on each. The HTML is the template's
own, byte for byte (tests/exam/test_exam_page.py compares), so the page reads the same to browser and script alike.
Every fragment put in here was sanitised when its version was created; only numbers are added.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

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
