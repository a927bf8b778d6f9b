"""The interface language (English or Hindi): Flask-Babel wired to the account's choice, the switch, the browser.

The question language of a test is separate (the exam screen's own English/Hindi switch): a candidate may read the
site in Hindi and answer the questions in English.

Catalogues live in `translations/` as gettext `.po` files (in git); the compiled `.mo` files are written into the
instance folder when the app starts, whenever a `.po` file is newer than its compiled copy.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, current_app, has_request_context, request
from flask_babel import Babel, force_locale, format_datetime, get_locale, get_translations, gettext, ngettext
from flask_login import current_user
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from trainer.config import PROJECT_ROOT
from trainer.core.clock import utcnow
from trainer.core.errors import DomainError
from trainer.core.wording import N_, Wording, say  # noqa: F401  (N_ re-exported: one marker for pure code and views)

LANGUAGES = {"en": "English", "hi": "हिन्दी"}
DEFAULT_LANGUAGE = "en"
COOKIE = "lang"  # the header switch's choice for visitors who are not signed in (a year)
CATALOGUES = PROJECT_ROOT / "translations"

babel = Babel()


def select_language() -> str:
    """The account's preference, else the header switch's cookie, else the browser's Accept-Language."""
    if not has_request_context():  # a command or a service called outside a request speaks the default
        return DEFAULT_LANGUAGE
    if current_user.is_authenticated and getattr(current_user, "locale", None) in LANGUAGES:
        return current_user.locale
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES), default=DEFAULT_LANGUAGE)


@contextmanager
def speaking_to(person) -> Iterator[None]:
    """Words for one person, e.g. an e-mail to them: in their account's language, else the request's (English in a
    command)."""
    chosen = getattr(person, "locale", None)
    with force_locale(chosen if chosen in LANGUAGES else select_language()):
        yield


def interface_language() -> str:
    """The language pages are being rendered in (for `<html lang>` and the switch)."""
    locale = get_locale()
    return str(locale.language) if locale else DEFAULT_LANGUAGE


def interface_wording() -> Wording:
    """Sentences built in pure code, in the interface language (trainer.core.wording)."""
    return Wording(gettext, ngettext, lambda when: format_datetime(when, "dd MMM y"))


def local_name(named) -> str:
    """A topic's or section's name (anything with `name` and `name_hi`, e.g. a Topic row or a TopicDef) in the
    interface language: its Hindi name on Hindi pages when the taxonomy gives one, else its English name."""
    hindi = getattr(named, "name_hi", "")
    return hindi if hindi and interface_language() == "hi" else named.name


def translated(text: str) -> str:
    """A Message from pure code (a bank check's problem, a parser's error) in the interface language; other text as
    it is."""
    return say(text, gettext)


def error_text(exc: DomainError) -> str:
    """A domain error's message in the interface language (as it is, if the catalogue does not have it); a moment
    among its values is written in the site's time zone, the zone named."""
    values = {k: moment(v) if isinstance(v, datetime) else v for k, v in exc.variables.items()}
    return gettext(exc.message, **values)


# Times are stored in UTC and shown and typed in the site's zone (TRAINER_TIMEZONE, India's by default): an
# institute in Pune schedules a live mock for 10:00 IST and its candidates read 10:00 IST. Flask-Babel's
# `datetimeformat` converts to that zone (BABEL_DEFAULT_TIMEZONE); pages name it with `zone`.


def site_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["TIMEZONE"])


def zone_name(when: datetime | None = None) -> str:
    """The zone's short name at that moment (now by default): "IST", "UTC", "BST" in a British summer."""
    when = utcnow() if when is None else when if when.tzinfo else when.replace(tzinfo=UTC)  # naive: UTC, as stored
    return when.astimezone(site_zone()).tzname() or current_app.config["TIMEZONE"]


def from_site_time(typed: datetime) -> datetime:
    """A time typed in a form (no zone: the site's), as an aware UTC moment."""
    return typed.replace(tzinfo=site_zone()).astimezone(UTC)


def site_date(when: datetime) -> date:
    """The date it is where the site is at that moment: a candidate in India at 01:00 IST is already on the next
    day, though UTC is not."""
    return when.astimezone(site_zone()).date()


def site_day_end(day: date) -> datetime:
    """The last minute of a date a person picked ("until the end of that day" where the site is), in UTC."""
    return datetime.combine(day, time(23, 59), tzinfo=site_zone()).astimezone(UTC)


def moment(when: datetime) -> str:
    """A moment as people here read it: "08 Dec 2026, 10:00 IST"."""
    return f"{format_datetime(when, 'dd MMM y, HH:mm')} {zone_name(when)}"


def window(opens: datetime, closes: datetime) -> str:
    """A short window: "08 Dec 10:00–08 Dec 13:00 IST"."""
    return f"{format_datetime(opens, 'dd MMM HH:mm')}–{format_datetime(closes, 'dd MMM HH:mm')} {zone_name(opens)}"


def compile_catalogues(source: Path, target: Path) -> None:
    """Compile every `<lang>/LC_MESSAGES/*.po` under `source` into `.mo` files under `target` when out of date.

    Each file is written to a temporary name and renamed, so app servers starting together never read half a file.
    """
    for po in source.glob("*/LC_MESSAGES/*.po"):
        mo = target / po.relative_to(source).with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as file:
            catalogue = read_po(file, locale=po.parts[-3])
        handle, partial = tempfile.mkstemp(dir=mo.parent, suffix=".partial")
        with os.fdopen(handle, "wb") as file:
            write_mo(file, catalogue)
        os.replace(partial, mo)


# A page's `_()` and `ngettext()` look their words up in the catalogue the render began with. Flask-Babel's own
# callables find the request's locale and catalogue again for every string (about 11 µs each; the exam page has
# about fifty). A render inside `force_locale` (an e-mail in its reader's language) begins with that catalogue.
PAGE_CATALOGUE = "_interface_catalogue"


def _catalogue(context: Context):
    found = context.get(PAGE_CATALOGUE)  # absent in a template rendered without Flask (jinja_env.from_string)
    return found if found is not None else get_translations()


@pass_context
def _page_gettext(context: Context, string: str) -> str:
    return _catalogue(context).ugettext(string)


@pass_context
def _page_ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    return _catalogue(context).ungettext(singular, plural, n)


@pass_context
def _page_underscore(context: Context, string: str, **variables) -> str:
    """A template's `_()` in one call. Jinja's own `_` resolves `gettext` from the context and calls it, which wraps
    `_page_gettext` in a second context call: three frames and two look-ups more for each of a page's strings. The
    result is the same: Markup where the template autoescapes, used as a format string (which changes nothing in a
    text without "%")."""
    text = _catalogue(context).ugettext(string)
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables if variables or "%" in text else text


def init_i18n(app: Flask) -> None:
    compiled = Path(app.instance_path) / "translations"
    compile_catalogues(CATALOGUES, compiled)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["TIMEZONE"]
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(compiled)
    babel.init_app(app, locale_selector=select_language)
    app.jinja_env.install_gettext_callables(gettext=_page_gettext, ngettext=_page_ngettext, newstyle=True)
    app.jinja_env.globals["_"] = _page_underscore
    app.add_template_filter(local_name)  # `topics | map('local_name')`: a list of topics named for the page

    @app.context_processor
    def languages():
        return {
            PAGE_CATALOGUE: get_translations(),
            "languages": LANGUAGES,
            "interface_language": interface_language,
            "wording": interface_wording,
            "local_name": local_name,
            "zone": zone_name(),
        }
