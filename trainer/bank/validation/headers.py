"""Gate: header fields (required, known, allowed values, ids, section and topic in the taxonomy)."""

from __future__ import annotations

import datetime as dt
import re

from trainer.bank.parsing import LETTERS, ParsedGroup, ParsedQuestion, Problem
from trainer.bank.taxonomy import SectionDef
from trainer.bank.validation.gate import Context, Gate
from trainer.core.wording import N_

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
REQUIRED = ("id", "section", "topic", "difficulty", "answer", "source")
OPTIONAL = ("subtopic", "language", "shuffle", "status", "group", "as_of", "review")
GROUP_REQUIRED = ("id", "type", "section", "topic", "source")
GROUP_OPTIONAL = ("subtopic", "status", "language")
DIFFICULTIES = ("easy", "medium", "hard")
LANGUAGES = ("en", "hi")
STATUSES = ("published", "draft", "retired")
DATED_TOPICS = ("current-affairs",)  # topics whose facts go stale: `as_of` is required
TEXT_FIELDS = (
    "id",
    "type",
    "section",
    "topic",
    "difficulty",
    "answer",
    "source",
    "subtopic",
    "language",
    "status",
    "group",
)


def as_date(value) -> dt.date | None:
    """A header date (YAML gives a date; a quoted string is read as ISO), or None if it is not one (or has a time)."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def kind(value) -> str:
    """What a YAML value is, in an author's words."""
    if isinstance(value, bool):
        return N_("true/false")
    if isinstance(value, int | float):
        return N_("a number")
    if isinstance(value, dt.date):
        return N_("a date")
    if isinstance(value, dict):
        return N_("a mapping")
    if isinstance(value, list | tuple | set):
        return N_("a list")
    return type(value).__name__


def _type_problems(h: dict) -> list[str]:
    """Fields that must be text but are not (a list, a mapping, a number...): quote the value to make it text."""
    return [
        N_("%(name)s must be text, not %(kind)s (%(value)s)", name=name, kind=kind(h[name]), value=f"{h[name]!r:.60}")
        for name in TEXT_FIELDS
        if h.get(name) is not None and not isinstance(h[name], str)
    ]


def _common_header_problems(h: dict, taxonomy: dict[str, SectionDef], required, optional) -> list[str]:
    found = [N_("missing field '%(name)s'", name=name) for name in required if h.get(name) in (None, "")]
    found += _type_problems(h)
    text = {name: value for name, value in h.items() if isinstance(value, str)}
    if "id" in text and not ID_PATTERN.match(text["id"]):
        found.append(N_("id %(uid)r must be lower-case letters, digits and '-'", uid=text["id"]))
    section, topic = text.get("section"), text.get("topic")
    if section is not None and section not in taxonomy:
        found.append(N_("unknown section %(section)r (known: %(known)s)", section=section, known=", ".join(taxonomy)))
    elif section is not None and topic is not None and topic not in taxonomy[section].topics:
        found.append(
            N_("unknown topic %(topic)r for section %(section)r (see taxonomy.yaml)", topic=topic, section=section)
        )
    if h.get("status", "published") not in STATUSES:
        found.append(N_("status must be one of %(allowed)s", allowed=", ".join(STATUSES)))
    if h.get("language", "en") not in LANGUAGES:
        found.append(N_("language must be one of %(allowed)s", allowed=", ".join(LANGUAGES)))
    unknown = set(h) - {*required, *optional}
    if unknown:
        found.append(N_("unknown field(s): %(fields)s", fields=", ".join(sorted(map(str, unknown)))))
    return found


def _question_header_problems(h: dict, taxonomy: dict[str, SectionDef]) -> list[str]:
    found = _common_header_problems(h, taxonomy, REQUIRED, OPTIONAL)
    if h.get("difficulty") is not None and h["difficulty"] not in DIFFICULTIES:
        found.append(
            N_(
                "difficulty must be one of %(allowed)s, not %(value)r",
                allowed=", ".join(DIFFICULTIES),
                value=h["difficulty"],
            )
        )
    if isinstance(h.get("answer"), str) and h["answer"].strip().upper() not in tuple(LETTERS):
        found.append(N_("answer must be one of A, B, C, D, not %(value)r", value=h["answer"]))
    if not isinstance(h.get("shuffle", True), bool):
        found.append(N_("shuffle must be true or false"))
    if h.get("as_of") is not None and as_date(h["as_of"]) is None:
        found.append(N_("as_of must be a date YYYY-MM-DD, not %(value)r", value=h["as_of"]))
    if h.get("topic") in DATED_TOPICS and h.get("as_of") is None:
        found.append(N_("topic %(topic)r needs 'as_of: YYYY-MM-DD' (the date the fact was checked)", topic=h["topic"]))
    review = h.get("review")
    if review is not None and not (
        isinstance(review, dict)
        and isinstance(review.get("reader"), str)
        and review["reader"].strip()
        and as_date(review.get("date")) is not None
        and isinstance(review.get("agreed"), bool)
    ):
        found.append(N_("review must be {reader: NAME, date: YYYY-MM-DD, agreed: true/false}"))
    return found


def question_problems(q: ParsedQuestion, context: Context) -> list[Problem]:
    """Every problem with a question's header values, at the header's line."""
    return [Problem(q.path, q.line, m) for m in _question_header_problems(q.header, context.taxonomy)]


def group_problems(g: ParsedGroup, context: Context) -> list[Problem]:
    """Every problem with a group's header values, at the header's line."""
    messages = _common_header_problems(g.header, context.taxonomy, GROUP_REQUIRED, GROUP_OPTIONAL)
    return [Problem(g.path, g.line, m) for m in messages]


GATE = Gate("headers", question=question_problems, group=group_problems)
