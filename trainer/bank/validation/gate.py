"""What a gate is: a named check run on each question, each group, or the whole bank once every file is read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trainer.bank.parsing import ParsedGroup, ParsedQuestion, Problem
from trainer.bank.taxonomy import SectionDef

if TYPE_CHECKING:
    from trainer.bank.validation.bank import BankCheck


@dataclass(frozen=True)
class Context:
    """What a gate may look at besides the item itself."""

    taxonomy: dict[str, SectionDef]
    groups_here: dict[str, ParsedGroup]  # groups defined above the item, in the same file (the driver fills it)


@dataclass(frozen=True)
class Gate:
    """One check of the bank. Any hook may be left out; each returns the problems it finds (never raises).

    `question` and `group` see every parsed item, whatever its header holds (any YAML type), so they must not
    assume a field's type unless an earlier gate's problems would already have refused the item: they all run.
    `bank` runs once at the end with the result so far (valid items and `parsed`, every non-duplicate item).
    """

    name: str
    question: Callable[[ParsedQuestion, Context], list[Problem]] | None = None
    group: Callable[[ParsedGroup, Context], list[Problem]] | None = None
    bank: Callable[[BankCheck], list[Problem]] | None = None
