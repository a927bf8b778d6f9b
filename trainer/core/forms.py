"""The base of every form: Flask-WTF's, with WTForms' own messages ("This field is required.", "Field must be
between 8 and 128 characters long.", "Not a valid integer value.") in the interface language.

WTForms ships no Hindi, so its messages are translated in our `wtforms` catalogue
(`translations/<lang>/LC_MESSAGES/wtforms.po`, made from WTForms' own `wtforms.pot`), read through Flask-Babel
like our `messages` catalogue: the account's language, the header switch or the browser's.
"""

from __future__ import annotations

import wtforms
from flask_babel import Domain
from flask_wtf import FlaskForm

WTFORMS = Domain(domain="wtforms")  # the app's translation directories, WTForms' catalogue name


class WTFormsTranslations:
    """What WTForms asks of a translations object: plain look-ups, as WTForms fills in the placeholders itself."""

    def gettext(self, string: str) -> str:
        return WTFORMS.get_translations().gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return WTFORMS.get_translations().ngettext(singular, plural, n)


TRANSLATIONS = WTFormsTranslations()


def _translations(meta, form) -> WTFormsTranslations:
    return TRANSLATIONS


class Form(FlaskForm):
    """A CSRF-protected form whose built-in validation messages are in the reader's language."""

    class Meta:
        get_translations = _translations


class Subform(wtforms.Form):
    """A form inside a form (a `FormField`): no CSRF token of its own, its messages in the reader's language too
    (a `FormField` builds it with its own meta, not its parent's)."""

    class Meta:
        get_translations = _translations
