"""The driver: read every bank file, run each gate in GATES on it, collect problems and what is valid.

Adding a gate: write a module beside this one (say `sanitiser.py`) that ends with
`GATE = Gate("sanitiser", question=..., group=..., bank=...)` (any hook may be left out; see gate.py for what
each hook receives), import it here and add `sanitiser.GATE` to GATES. Each hook returns `Problem(path, line,
message)`s and never raises, whatever the header holds; an item with any problem is not valid (not imported).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from trainer.bank.files import UnreadableFile, bank_files, read_text
from trainer.bank.parsing import (
    GroupContent,
    ParsedGroup,
    ParsedQuestion,
    Problem,
    QuestionContent,
    parse_text,
)
from trainer.bank.taxonomy import SectionDef, TaxonomyError, find_taxonomy, load_taxonomy
from trainer.bank.validation import (
    columns,
    groups,
    headers,
    hindi,
    hindi_figures,
    layout,
    near_duplicates,
    option_labels,
    sanitising,
)
from trainer.bank.validation.content import to_content, to_group_content
from trainer.bank.validation.gate import Context, Gate
from trainer.core.wording import N_

GATES: tuple[Gate, ...] = (
    headers.GATE,
    columns.GATE,
    layout.GATE,
    hindi.GATE,
    hindi_figures.GATE,
    groups.GATE,
    near_duplicates.GATE,
    sanitising.GATE,
    option_labels.GATE,
)


@dataclass
class BankCheck:
    """The outcome of reading a bank: good questions and groups (uid → content, status, parsed) and every problem."""

    questions: dict[str, tuple[QuestionContent, str, ParsedQuestion]]
    problems: list[Problem]
    groups: dict[str, tuple[GroupContent, str, ParsedGroup]] = field(default_factory=dict)
    parsed: list[ParsedQuestion | ParsedGroup] = field(default_factory=list)  # every item read, bar duplicates


class _Reader:
    """Accumulates one run over a bank: what is valid and every problem."""

    def __init__(self, taxonomy: dict[str, SectionDef], gates: tuple[Gate, ...]):
        self.taxonomy = taxonomy
        self.gates = gates
        self.result = BankCheck({}, [])
        self.first_use: dict[str, ParsedQuestion | ParsedGroup] = {}  # every id, valid or not

    def read_file(self, path: Path) -> None:
        try:
            text = read_text(path)
        except UnreadableFile as exc:
            self.result.problems.append(Problem(str(path), exc.line, exc.message))
            return
        items, found = parse_text(text, str(path))
        self.result.problems.extend(found)
        context = Context(self.taxonomy, {})
        for item in items:
            if not self._duplicate(item):
                self._check(item, context)

    def _check(self, item: ParsedQuestion | ParsedGroup, context: Context) -> None:
        self.result.parsed.append(item)
        if isinstance(item, ParsedGroup):
            context.groups_here[item.uid] = item
            own = [p for gate in self.gates if gate.group for p in gate.group(item, context)]
            if not own:
                self.result.groups[item.uid] = (to_group_content(item), item.header.get("status", "published"), item)
        else:
            own = [p for gate in self.gates if gate.question for p in gate.question(item, context)]
            if not own and item.layout_ok:
                self.result.questions[item.uid] = (to_content(item), item.header.get("status", "published"), item)
        self.result.problems.extend(own)

    def _duplicate(self, item) -> bool:
        first = self.first_use.get(item.uid)
        if first is not None:
            self.result.problems.append(
                Problem(
                    item.path,
                    item.line,
                    N_(
                        "duplicate id %(uid)r (first used at %(where)s)",
                        uid=item.uid,
                        where=f"{first.path}:{first.line}",
                    ),
                )
            )
            return True
        if item.uid:
            self.first_use[item.uid] = item
        return False

    def finish(self) -> BankCheck:
        for gate in self.gates:
            if gate.bank:
                self.result.problems.extend(gate.bank(self.result))
        self.result.problems.sort(key=lambda p: (p.path, p.line))
        return self.result


def check_bank(root: Path, taxonomy: dict[str, SectionDef] | None = None, gates: tuple[Gate, ...] = GATES) -> BankCheck:
    """Read every file under root and check it; never stops at the first problem."""
    if taxonomy is None:
        try:
            taxonomy = load_taxonomy(find_taxonomy(root))
        except TaxonomyError as exc:
            return BankCheck({}, list(exc.problems))
    reader = _Reader(taxonomy, gates)
    files = bank_files(root)
    if not files:
        reader.result.problems.append(Problem(str(root), 0, N_("no question files (*.md) found")))
    for path in files:
        reader.read_file(path)
    return reader.finish()
