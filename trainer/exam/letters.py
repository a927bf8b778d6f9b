"""Option letters in an explanation, told in the order the candidate saw the options.

Explanations name options by the letter they were written with ("Option B takes 35% of the wrong base"). On the
result page options are listed as written, so those letters hold; but practice feedback appears beside the
shuffled options of the test itself, where written B may be shown as D. There the letters are rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

LETTERS = "ABCD"
# "Option B", "options A and C", "Options A, B or D", "विकल्प C", "विकल्पों A और D"
REFERENCE = re.compile(
    r"(?P<word>\b[Oo]ptions?|विकल्पों|विकल्प)(?P<space>\s+)"
    r"(?P<letters>[A-D](?:(?:,\s*|\s+(?:and|or|और|या)\s+)[A-D])*)(?![\w])"
)


def as_shown(text: str, option_order: Sequence[int]) -> str:
    """`text` with every option letter after "option(s)"/"विकल्प" changed from written to shown order.

    `option_order[i]` is the written index of the option shown at position i.
    """
    if list(option_order) == sorted(option_order):
        return text
    shown_letter = {LETTERS[written]: LETTERS[shown] for shown, written in enumerate(option_order)}

    def swap(match: re.Match) -> str:
        letters = re.sub(r"\b[A-D]\b", lambda m: shown_letter[m.group(0)], match.group("letters"))
        return match.group("word") + match.group("space") + letters

    return REFERENCE.sub(swap, text)
