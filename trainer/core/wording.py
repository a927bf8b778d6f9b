"""Sentences built in pure code take their gettext from the caller: plain English by default, the reader's in a request.

Messages use `%(name)s` placeholders as Flask-Babel's gettext does, so the same calls are extracted for the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


class Message(str):
    """A sentence that is its English text to every str operation (the CLI, logs, tests) and remembers its catalogue
    template and values, so a page can say it in the reader's language (`Message.say`) with the same values.

    A value may itself be a Message (a problem inside "Hindi: %(problem)s"): it is said in the same language.
    """

    template: str
    variables: dict[str, object]

    def __new__(cls, template: str, **variables: object) -> Message:
        made = super().__new__(cls, english(template, **variables))
        made.template, made.variables = str(template), variables
        return made

    def say(self, gettext: Callable[..., str]) -> str:
        """The sentence through `gettext` (a Wording's, or Flask-Babel's): translated, values filled in."""
        values = {
            name: value.say(gettext) if isinstance(value, Message) else value for name, value in self.variables.items()
        }
        return gettext(self.template, **values)

    def __reduce__(self):  # pickled and copied as what it is, not as its English text
        return _rebuild, (self.template, self.variables)


def _rebuild(template: str, variables: dict[str, object]) -> Message:
    return Message(template, **variables)


def say(text: str, gettext: Callable[..., str]) -> str:
    """A Message in gettext's language; any other text (a file name, plain English) as it is."""
    return text.say(gettext) if isinstance(text, Message) else text


def N_(message: str, **variables: object) -> Message:
    """Mark a sentence for the catalogue where it is written; it is translated where it is shown (`Message.say`)."""
    return Message(message, **variables)


def joined(parts: list[str], separator: str = "; ") -> Message:
    """Sentences run together ("a; b"), each still said in the reader's language (the joint is not translated)."""
    names = [f"part{i}" for i in range(len(parts))]
    template = separator.replace("%", "%%").join(f"%({name})s" for name in names)
    return Message(template, **dict(zip(names, parts, strict=True)))


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
