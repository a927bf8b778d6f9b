"""Gate: every value fits the database column it is stored in (lengths read from the models), and no NUL.

SQLite stores an over-long string or a NUL character without complaint; PostgreSQL refuses the whole import.
"""

from __future__ import annotations

from sqlalchemy.orm import InstrumentedAttribute

from trainer.bank.models import ItemGroup, ItemGroupVersion, Question, QuestionVersion
from trainer.bank.parsing import IN_HINDI, Layout, ParsedGroup, ParsedQuestion, Problem, labelled
from trainer.bank.validation.gate import Context, Gate
from trainer.core.wording import N_

QUESTION_FIELDS: dict[str, InstrumentedAttribute] = {
    "id": Question.uid,
    "status": Question.status,
    "difficulty": QuestionVersion.difficulty,
    "language": QuestionVersion.language,
    "subtopic": QuestionVersion.subtopic,
    "source": QuestionVersion.source,
    "group": ItemGroup.uid,
}
GROUP_FIELDS: dict[str, InstrumentedAttribute] = {
    "id": ItemGroup.uid,
    "status": ItemGroup.status,
    "source": ItemGroupVersion.source,
}
NUL = "\x00"


def max_length(column: InstrumentedAttribute) -> int | None:
    """The longest string a column takes (None: no limit)."""
    return getattr(column.type, "length", None)


def _header_problems(path: str, line: int, header: dict, fields: dict[str, InstrumentedAttribute]) -> list[Problem]:
    found = []
    for name, column in fields.items():
        value = header.get(name)
        limit = max_length(column)
        if isinstance(value, str) and limit is not None and len(value) > limit:
            found.append(
                Problem(
                    path,
                    line,
                    N_(
                        "%(name)s is %(length)s characters long; the most it may be is %(limit)s",
                        name=name,
                        length=len(value),
                        limit=limit,
                    ),
                )
            )
    for name, value in header.items():
        if isinstance(value, str) and NUL in value:
            found.append(
                Problem(path, line, N_("%(name)s holds a NUL character (\\0), which the database refuses", name=name))
            )
    return found


def _text_problems(path: str, layout: Layout, label: str = "") -> list[Problem]:
    texts = [
        (layout.body_line, N_("stem"), layout.stem),
        *((line, N_("an option"), text) for line, text in zip(layout.option_lines, layout.options)),
        (layout.explanation_line or layout.body_line, N_("the explanation"), layout.explanation),
    ]
    return [
        Problem(
            path,
            line,
            labelled(label, N_("%(name)s holds a NUL character (\\0), which the database refuses", name=what)),
        )
        for line, what, text in texts
        if NUL in text
    ]


def question_problems(q: ParsedQuestion, context: Context) -> list[Problem]:
    """Header values longer than their columns; NUL characters in the header or the text."""
    found = _header_problems(q.path, q.line, q.header, QUESTION_FIELDS) + _text_problems(q.path, q.text)
    if q.hindi is not None:
        found += _text_problems(q.path, q.hindi, IN_HINDI)
    return found


def group_problems(g: ParsedGroup, context: Context) -> list[Problem]:
    """Header values longer than their columns; NUL characters in the header or the shared text."""
    found = _header_problems(g.path, g.line, g.header, GROUP_FIELDS)
    if NUL in g.passage or NUL in g.hindi_passage:
        found.append(
            Problem(
                g.path, g.passage_line, N_("the shared text holds a NUL character (\\0), which the database refuses")
            )
        )
    return found


GATE = Gate("columns", question=question_problems, group=group_problems)
