"""Which part of the question-by-question review a result page shows: one section, or the whole paper on request.

A full mock's review is a hundred questions with their options, keys, explanations in both languages and report
forms, several thousand elements with the maths: shown at once it kept a phone's main thread busy for a second or
two (Lighthouse performance 75-88, issue #12). The summary stays on top and the review shows one section at a time,
with links to the others and to every section on one page.
"""

from __future__ import annotations

ALL = "all"  # the whole review on one page: longer to load, but searchable and printable in one go


def shown_section(keys: list[str], requested: str | None) -> str | None:
    """The section to review: the one asked for, the first when none is, ALL, or None for one the paper lacks."""
    if not requested:
        return keys[0] if keys else ALL
    return requested if requested == ALL or requested in keys else None


def neighbours(keys: list[str], shown: str) -> tuple[str | None, str | None]:
    """The sections just before and after the one shown (None at either end, and when every section is shown)."""
    if shown not in keys:
        return None, None
    at = keys.index(shown)
    return (keys[at - 1] if at > 0 else None), (keys[at + 1] if at + 1 < len(keys) else None)
