"""Gate: no valid question (or group passage) repeats most of another's word runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.bank.parsing import Problem
from trainer.bank.similarity import near_duplicates
from trainer.bank.validation.gate import Gate
from trainer.core.wording import N_

if TYPE_CHECKING:
    from trainer.bank.validation.bank import BankCheck


def near_duplicate_problems(check: BankCheck) -> list[Problem]:
    """One problem per near-duplicate pair, at the later item, naming the earlier one."""
    singles = [(uid, f"{c.stem} {' '.join(c.options)}") for uid, (c, _, _) in check.questions.items() if not c.group]
    passages = [(uid, c.passage) for uid, (c, _, _) in check.groups.items()]
    located = {**check.questions, **check.groups}
    found = []
    for first, second, score in near_duplicates(singles) + near_duplicates(passages):
        a, b = located[first][2], located[second][2]
        found.append(
            Problem(
                b.path,
                b.line,
                N_(
                    "near-duplicate of %(uid)r at %(where)s (%(share)s of word runs shared)",
                    uid=first,
                    where=f"{a.path}:{a.line}",
                    share=f"{score:.0%}",
                ),
            )
        )
    return found


GATE = Gate("near-duplicates", bank=near_duplicate_problems)
