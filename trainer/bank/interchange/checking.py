"""Run imported items through the bank's own gates: pass -> published, fail a quality gate -> draft with reasons.

The gates are the ones `bank validate` runs on native files (trainer/bank/validation), applied to each item as a
ParsedQuestion; the result is a BankCheck, which `bank.service.import_bank` imports like any native bank.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer.bank.interchange.categories import resolve
from trainer.bank.interchange.items import InterchangeError, Item
from trainer.bank.parsing import LETTERS, Layout, ParsedQuestion, Problem, QuestionContent
from trainer.bank.taxonomy import SectionDef
from trainer.bank.validation import GATES, BankCheck, as_date, to_content
from trainer.bank.validation.gate import Context
from trainer.core.wording import N_, joined

# A failure of these gates means the item cannot be stored at all (no topic, a value too long): an error.
STORAGE_GATES = ("headers", "columns")


@dataclass
class Checked:
    """Items that passed (published), failed a quality gate (draft, with reasons), or cannot be imported."""

    check: BankCheck
    drafts: dict[str, list[str]] = field(default_factory=dict)  # uid -> reasons
    errors: list[InterchangeError] = field(default_factory=list)
    items: dict[str, Item] = field(default_factory=dict)  # uid -> item, for file:line in reports


def header(item: Item) -> dict:
    h = {
        "id": item.uid,
        "section": item.section,
        "topic": item.topic,
        "difficulty": item.difficulty,
        "answer": LETTERS[item.answer] if item.answer is not None and item.answer < len(LETTERS) else "A",
        "source": item.source,
    }
    optional = {
        "subtopic": item.subtopic,
        "as_of": item.as_of,
        "language": item.language if item.language != "en" else "",
    }
    h |= {name: value for name, value in optional.items() if value}
    if not item.shuffle:
        h["shuffle"] = False
    return h


def layout(stem: str, options: list[str], explanation: str, line: int) -> Layout:
    return Layout(
        stem.strip(), [o.strip() for o in options[:4]], explanation.strip(), [line] * min(len(options), 4), line, line
    )


def structure_problems(item: Item) -> list[str]:
    """What `parse_layout` would say about this item's shape if it were written in the native format."""
    found = []
    if len(item.options) != len(LETTERS):
        found.append(N_("expected 4 options A) to D), found %(count)s", count=len(item.options)))
    found += [
        N_("option %(letter)s is empty", letter=LETTERS[i] if i < 4 else i + 1)
        for i, o in enumerate(item.options)
        if not o.strip()
    ]
    if not item.explanation.strip():
        found.append(N_("missing explanation (no feedback on the right answer and no general feedback)"))
    if item.answer is not None and item.answer >= len(LETTERS):
        found.append(N_("the key is option %(number)s: only A to D can be keys", number=item.answer + 1))
    return found


def as_parsed(item: Item) -> ParsedQuestion:
    parsed = ParsedQuestion(
        item.path, item.line, header(item), layout(item.stem, item.options, item.explanation, item.line)
    )
    if item.hindi:
        stem, options, explanation = item.hindi
        parsed.hindi = layout(stem, list(options), explanation, item.line)
        parsed.hindi_line = item.line
    return parsed


def draft_content(item: Item) -> QuestionContent:
    """The content of an item kept as a draft: as written, whatever its shape."""
    hindi = (
        (item.hindi[0].strip(), tuple(o.strip() for o in item.hindi[1]), item.hindi[2].strip()) if item.hindi else None
    )
    return QuestionContent(
        section=item.section, topic=item.topic, difficulty=item.difficulty, stem=item.stem.strip(),
        options=tuple(o.strip() for o in item.options), answer=item.answer, explanation=item.explanation.strip(),
        source=item.source, subtopic=item.subtopic, hindi=hindi, language=item.language, shuffle=item.shuffle,
        as_of=as_date(item.as_of).isoformat() if as_date(item.as_of) else "",
    )  # fmt: skip


def _storable(item: Item) -> str:
    """Why the item cannot be kept even as a draft ("" if it can)."""
    if not item.stem.strip():
        return N_("the question has no text")
    if len(item.options) < 2:
        return N_("a multiple-choice question needs at least two options")
    if item.answer is None or not 0 <= item.answer < len(item.options):
        return N_("no single right answer")
    return ""


def check_items(items: list[Item], mapping: dict[str, str], taxonomy: dict[str, SectionDef]) -> Checked:
    """Place each item in a topic, run every gate on it, and sort it into published, draft or error."""
    result = Checked(BankCheck({}, []))
    context = Context(taxonomy, {})
    for item in items:
        try:
            resolve(item, mapping, taxonomy)
        except InterchangeError as exc:
            result.errors.append(exc)
            continue
        _check_one(item, context, result)
    for gate in GATES:
        if gate.bank:
            for problem in gate.bank(result.check):
                _demote(result, problem)
    return result


def _check_one(item: Item, context: Context, result: Checked) -> None:
    if item.uid in result.items:
        first = result.items[item.uid]
        result.errors.append(
            InterchangeError(
                item.path, item.line, N_("duplicate id %(uid)r (first at %(where)s)", uid=item.uid, where=first.where)
            )
        )
        return
    parsed = as_parsed(item)
    by_gate = {gate.name: gate.question(parsed, context) for gate in GATES if gate.question}
    storage = [p.message for name in STORAGE_GATES for p in by_gate.get(name, [])]
    reasons = structure_problems(item) + [p.message for n, ps in by_gate.items() if n not in STORAGE_GATES for p in ps]
    fatal = storage or [reason for reason in [_storable(item)] if reason]
    if fatal:
        result.errors.append(InterchangeError(item.path, item.line, joined(fatal)))
        return
    result.items[item.uid] = item
    if reasons:
        result.check.questions[item.uid] = (draft_content(item), "draft", parsed)
        result.drafts[item.uid] = reasons
    else:
        result.check.questions[item.uid] = (to_content(parsed), "published", parsed)
    result.check.parsed.append(parsed)


def _demote(result: Checked, problem: Problem) -> None:
    """A bank-wide gate (near-duplicates) found a problem at an item: keep it as a draft."""
    for uid, (content, _status, parsed) in list(result.check.questions.items()):
        if (parsed.path, parsed.line) == (problem.path, problem.line):
            result.check.questions[uid] = (content, "draft", parsed)
            result.drafts.setdefault(uid, []).append(problem.message)
            return
