"""Gate: figure options are described alike, so a screen-reader user cannot pick out the key by its description.

A figure's text description (`aria-label`, `alt`) must say what is drawn, in the same terms for every option. A
label that describes an option by its defect ("missing", "instead of") or against another option ("reversed",
"a wider N", "lying on its side") gives distractors away; so does a key described in far more or less detail.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from trainer.bank.parsing import IN_HINDI, LETTERS, Layout, ParsedQuestion, Problem, labelled
from trainer.bank.validation.gate import Context, Gate
from trainer.core.wording import N_

# An SVG's aria-label, an <img>'s alt, or a Markdown image's ![alt](…).
LABEL = re.compile(r"""\b(?:aria-label|alt)\s*=\s*(?:"([^"]*)"|'([^']*)')|!\[([^\]]*)\]\(""", re.IGNORECASE)
DEFECT_WORDS = {
    "missing",
    "extra",
    "wrong",
    "incorrect",
    "broken",
    "differs",
    "different",
    "differently",
    "instead",
    "incomplete",
    "misplaced",
    "mistaken",
    "absent",
    "lacks",
    "lacking",
    "faulty",
}
RELATIVE_WORDS = {
    "reversed",
    "mirrored",
    "flipped",
    "rotated",
    "turned",
    "inverted",
    "upside-down",
    "backwards",
    "on-its-side",
    "other",
    "another",
    "similar",
    "unlike",
    "further",
    "farther",
}
# A comparative compares the option with another one, unless it compares parts of one figure: "wider than it is
# tall", "the longer side".
COMPARATIVES = {
    "shorter",
    "longer",
    "taller",
    "wider",
    "narrower",
    "flatter",
    "steeper",
    "larger",
    "smaller",
    "bigger",
    "thicker",
    "thinner",
    "fewer",
}
PHRASES = {"upside down": "upside-down", "on its side": "on-its-side"}
# The same in a Hindi label (spelt without nukta, which _words drops). Hindi builds comparisons with "से ... अधिक/कम",
# which also compare parts of one figure ("चौड़ाई से अधिक ऊँचा"), so Hindi comparatives are not checked.
# fmt: off
HINDI_TELLING = {
    "गायब", "लुप्त", "अनुपस्थित", "अतिरिक्त", "गलत", "अशुद्ध", "त्रुटिपूर्ण", "टूटा", "टूटी", "टूटे", "भिन्न", "अलग",
    "बजाय", "अधूरा", "अधूरी", "अधूरे", "उलटा", "उलटी", "उलटे", "उल्टा", "उल्टी", "उल्टे", "पलटा", "पलटी", "पलटे",
    "प्रतिबिंब", "प्रतिबिम्ब", "दर्पण", "घुमाया", "घुमाई", "घुमाए", "घूमा", "घूमी", "दूसरा", "दूसरी", "दूसरे",
    "अन्य", "विपरीत", "मिलता-जुलता", "मिलती-जुलती",
}
# fmt: on
DETAIL_RATIO, DETAIL_WORDS = 1.3, 4  # a key label this many times and words longer or shorter than all others


def option_labels(options: Sequence[str]) -> list[str]:
    """The text description of each option's figure(s), joined ("" for an option without one)."""
    return [" ".join("".join(groups) for groups in LABEL.findall(option)) for option in options]


def _words(label: str) -> list[str]:
    text = label.lower()
    for phrase, token in PHRASES.items():
        text = text.replace(phrase, token)
    return re.findall(
        r"[a-z][a-z'-]*|[\u0900-\u0963\u0966-\u097f][\u0900-\u0963\u0966-\u097f-]*", text.replace("\u093c", "")
    )


def _telling_words(label: str) -> set[str]:
    """The words of a label that describe an option by a defect or against another option."""
    words = _words(label)
    found = set()
    for i, word in enumerate(words):
        compares_parts = "than" in words[i + 1 : i + 5] or (i > 0 and words[i - 1] == "the")
        if word in DEFECT_WORDS or word in RELATIVE_WORDS or word in HINDI_TELLING:
            found.add(word)
        if word in COMPARATIVES and not compares_parts:
            found.add(word)
    return found


def _detail_problem(labels: list[str], key: int) -> str | None:
    sizes = [len(_words(label)) for label in labels]
    others = sizes[:key] + sizes[key + 1 :]
    if sizes[key] >= DETAIL_RATIO * max(others) and sizes[key] - max(others) >= DETAIL_WORDS:
        return N_(
            "more detail (%(words)s words) than any other option (at most %(most)s)", words=sizes[key], most=max(others)
        )
    if sizes[key] * DETAIL_RATIO <= min(others) and min(others) - sizes[key] >= DETAIL_WORDS:
        return N_(
            "less detail (%(words)s words) than any other option (at least %(least)s)",
            words=sizes[key],
            least=min(others),
        )
    return None


def label_problems(options: Sequence[str], key: int | None) -> list[str]:
    """What in the options' figure descriptions tells them apart other than what is drawn (empty if nothing)."""
    labels = option_labels(options)
    if sum(bool(label) for label in labels) < 2:
        return []
    found = [
        N_("option %(letter)s has a figure with no description", letter=LETTERS[i])
        for i, label in enumerate(labels)
        if not label
    ]
    telling = [_telling_words(label) for label in labels]
    unequal: dict[str, list[str]] = {}  # option letters having a word → those words
    for word in sorted(set().union(*telling)):
        having = "".join(LETTERS[i] for i, words in enumerate(telling) if word in words)
        if len(having) < len(labels):
            unequal.setdefault(having, []).append(repr(word))
    for having, words in unequal.items():
        found.append(
            N_(
                "the figure descriptions give options away: %(words)s only in option %(letters)s; say what each "
                "option shows, in the same terms, not how it differs from another",
                words=", ".join(words),
                letters=", ".join(having),
            )
        )
    if key is not None and all(labels):
        detail = _detail_problem(labels, key)
        if detail:
            found.append(
                N_(
                    "the key's figure description has %(detail)s: describe every option in the same detail",
                    detail=detail,
                )
            )
    return found


def _key(q: ParsedQuestion) -> int | None:
    answer = str(q.header.get("answer", "")).strip().upper()
    return LETTERS.index(answer) if len(answer) == 1 and answer in LETTERS else None


def question_problems(q: ParsedQuestion, context: Context) -> list[Problem]:
    """Problems with the option figures' descriptions, in each language, at the first option's line."""
    layouts: list[tuple[str, Layout]] = [("", q.text)] + ([(IN_HINDI, q.hindi)] if q.hindi is not None else [])
    problems = []
    for prefix, layout in layouts:
        if layout.ok and len(layout.options) == len(LETTERS):
            line = layout.option_lines[0] if layout.option_lines else layout.body_line
            problems += [Problem(q.path, line, labelled(prefix, m)) for m in label_problems(layout.options, _key(q))]
    return problems


GATE = Gate("option-labels", question=question_problems)
