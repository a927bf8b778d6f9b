"""Gate: a question's group is defined above it in the same file with the same section/topic; no group is empty."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from trainer.bank.parsing import ParsedGroup, ParsedQuestion, Problem
from trainer.bank.validation.gate import Context, Gate
from trainer.core.wording import N_

if TYPE_CHECKING:
    from trainer.bank.validation.bank import BankCheck


def question_problems(q: ParsedQuestion, context: Context) -> list[Problem]:
    """The question names a group: it must be defined above, in this file, under the same section and topic."""
    name = q.header.get("group")
    if name is None:
        return []
    group = context.groups_here.get(str(name))
    if group is None:
        return [
            Problem(q.path, q.line, N_("group %(name)r is not defined above this question in the same file", name=name))
        ]
    if (group.header.get("section"), group.header.get("topic")) != (q.header.get("section"), q.header.get("topic")):
        return [
            Problem(
                q.path,
                q.line,
                N_(
                    "section/topic must match its group %(name)r (%(place)s)",
                    name=name,
                    place=f"{group.header.get('section')}/{group.header.get('topic')}",
                ),
            )
        ]
    return []


def empty_groups(check: BankCheck) -> list[Problem]:
    """A group no question of its own file names."""
    members = Counter(
        (item.path, str(item.header.get("group", ""))) for item in check.parsed if isinstance(item, ParsedQuestion)
    )
    return [
        Problem(item.path, item.line, N_("group %(name)r has no questions", name=item.uid))
        for item in check.parsed
        if isinstance(item, ParsedGroup) and not members[(item.path, item.uid)]
    ]


GATE = Gate("groups", question=question_problems, bank=empty_groups)
