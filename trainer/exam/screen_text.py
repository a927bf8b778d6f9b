"""The exam screen's words its script shows (palette states, dialogs, notices, timer announcements), in the
interface language, for the page's JSON data block: the script itself holds no English.

Placeholders stay in Python's `%(name)s` form; the script fills them in.
"""

from __future__ import annotations

from functools import lru_cache

from flask_babel import get_locale
from flask_babel import gettext as _

from trainer.exam.page_markup import QuestionWords
from trainer.exam.patterns import Pattern, test_name
from trainer.exam.screen import PALETTE_LABELS
from trainer.i18n import LANGUAGES, N_, interface_wording

# Every pattern, section and part name of patterns.yaml, for the catalogue (tests/exam/test_screen_language.py
# checks that none is missing). A derived test's name (sectional, topic) is made from them: shown_test_name.
PAPER_NAMES = (
    N_("SSC CGL Tier-I (2025 pattern)"),
    N_("SSC CGL Tier-I (2026 variant, section timers)"),
    N_("SSC CGL Tier-II Paper-I"),
    N_("SSC CGL Tier-II Paper-I (2026 variant, module timers)"),
    N_("General Intelligence & Reasoning"),
    N_("General Awareness"),
    N_("Quantitative Aptitude"),
    N_("English Comprehension"),
    N_("Mathematical Abilities"),
    N_("Reasoning & General Intelligence"),
    N_("English Language & Comprehension"),
    N_("Computer Knowledge"),
    N_("Reasoning"),
    N_("English"),
    N_("Whole paper"),
    N_("Section-I"),
    N_("Section-II"),
    N_("Section-III (Computer Knowledge)"),
)
# Every paper's description in patterns.yaml, which the tests page shows under its name (checked like the names).
PAPER_DESCRIPTIONS = (
    N_(
        "100 questions in four sections of 25, 60 minutes on one timer, free movement between sections. +2 for a "
        "right answer, −0.50 for a wrong one."
    ),
    N_(
        "The same 100 questions, but each section has its own 15-minute timer and locks when it ends; there is no "
        "going back. (Reported for 2026, not confirmed.)"
    ),
    N_(
        "Section-I (Mathematical Abilities 30 + Reasoning 30, 60 minutes), Section-II (English 45 + General "
        "Awareness 25, 60 minutes), Section-III Module-I Computer Knowledge (20, 15 minutes, qualifying). +3 / −1. "
        "Each section closes when its time ends and the next opens; no going back."
    ),
    N_(
        "As Tier-II Paper-I, but every module has its own timer: Mathematics 30, Reasoning 30, English 40, General "
        "Awareness 20, Computer 15 minutes. (Reported for 2026, not confirmed.)"
    ),
)


def shown_name(name: str) -> str:
    """A pattern, section or part name (or a paper's description) in the interface language; one the catalogue
    lacks stays as it is."""
    return _(name) if name else name  # gettext("") would answer with the catalogue's header


def shown_test_name(code: str, stored: str) -> str:
    """A test's name in the interface language, from its code (sectional and topic tests named from their parts)."""
    return test_name(code, stored, interface_wording())


def question_words(pattern: Pattern) -> QuestionWords:
    """The words each question of the page repeats, looked up once for the page."""
    return QuestionWords(
        question=_("Question %(number)s"),
        options_for=_("Options for question %(number)s"),
        saved=_("saved"),
        sections={s.key: shown_name(s.name) for s in pattern.ordered_sections()},
    )


def screen_text() -> dict:
    """Every string static/js/exam.js shows, translated for the current request (not to be changed: it is shared)."""
    return _screen_text(str(get_locale()))


@lru_cache(maxsize=len(LANGUAGES))
def _screen_text(language: str) -> dict:
    """The words in `language`, the request's: looked up once per process, not 30 times on every exam page."""
    return {
        # pairs, not an object: the page's JSON has its keys sorted, and the legend's order matters
        "palette": [[state, _(label)] for state, label in PALETTE_LABELS.items()],
        "section": _("Section"),
        "closed": _("(closed)"),
        "opensLater": _("(opens later)"),
        "questionState": _("Question %(number)s: %(state)s"),
        "notSaved": _("Not saved: %(reason)s."),
        "signedInAgain": _("Signed in again: sending your answers."),
        "chooseFirst": _("Choose an option first."),
        "right": _("Right."),
        "wrong": _("Wrong."),
        "answerIs": _("The answer is %(letter)s."),
        "report": _("Report a problem with this question"),
        "newTab": _("(opens in a new tab)"),
        "timeOver": _("Time is over. Submitting your answers."),
        "partChange": _("%(closed)s is closed. %(open)s is open now."),
        "oneMinuteLeft": _("1 minute left."),
        "minutesLeft": _("%(minutes)s minutes left."),
        "oneMinuteLeftIn": _("1 minute left in %(part)s."),
        "minutesLeftIn": _("%(minutes)s minutes left in %(part)s."),
    }
