"""Sentences built in pure code take their gettext from the caller: plain English by default, the reader's in a request.

Messages use `%(name)s` placeholders as Flask-Babel's gettext does, so the same calls are extracted for the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


def N_(message: str) -> str:
    """Mark a string for the catalogue where pure code defines it; it is translated where it is shown."""
    return message


def english(message: str, **variables) -> str:
    return message % variables if variables else message


def english_plural(singular: str, plural: str, num: int, **variables) -> str:
    return (singular if num == 1 else plural) % {"num": num, **variables}


def english_day(when: datetime) -> str:
    return f"{when:%d %b %Y}"


@dataclass(frozen=True)
class Wording:
    gettext: Callable[..., str] = english
    ngettext: Callable[..., str] = english_plural
    day: Callable[[datetime], str] = english_day  # a date in a sentence ("05 Dec 2026")


ENGLISH = Wording()
