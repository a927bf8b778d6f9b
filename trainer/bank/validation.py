"""Check bank files against the format and the taxonomy; report every problem with file:line."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from trainer.bank.parsing import (
    LETTERS,
    GroupContent,
    Layout,
    ParsedGroup,
    ParsedQuestion,
    Problem,
    QuestionContent,
    bank_files,
    parse_text,
)
from trainer.bank.rendering import math_problems
from trainer.bank.similarity import near_duplicates
from trainer.bank.taxonomy import SectionDef, TaxonomyError, find_taxonomy, load_taxonomy

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
REQUIRED = ("id", "section", "topic", "difficulty", "answer", "source")
OPTIONAL = ("subtopic", "language", "shuffle", "status", "group", "as_of", "review")
GROUP_REQUIRED = ("id", "type", "section", "topic", "source")
GROUP_OPTIONAL = ("subtopic", "status", "language")
DIFFICULTIES = ("easy", "medium", "hard")
LANGUAGES = ("en", "hi")
STATUSES = ("published", "draft", "retired")
DATED_TOPICS = ("current-affairs",)  # topics whose facts go stale: `as_of` is required
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


@dataclass
class BankCheck:
    """The outcome of reading a bank: good questions and groups (uid → content, status, parsed) and every problem."""

    questions: dict[str, tuple[QuestionContent, str, ParsedQuestion]]
    problems: list[Problem]
    groups: dict[str, tuple[GroupContent, str, ParsedGroup]] = field(default_factory=dict)


def _common_header_problems(h: dict, taxonomy: dict[str, SectionDef], required, optional) -> list[str]:
    found = [f"missing field '{name}'" for name in required if h.get(name) in (None, "")]
    if h.get("id") is not None and not ID_PATTERN.match(str(h["id"])):
        found.append(f"id {h['id']!r} must be lower-case letters, digits and '-'")
    section = h.get("section")
    if section is not None and section not in taxonomy:
        found.append(f"unknown section {section!r} (known: {', '.join(taxonomy)})")
    elif section is not None and h.get("topic") is not None and h["topic"] not in taxonomy[section].topics:
        found.append(f"unknown topic {h['topic']!r} for section {section!r} (see taxonomy.yaml)")
    if h.get("status", "published") not in STATUSES:
        found.append(f"status must be one of {', '.join(STATUSES)}")
    if h.get("language", "en") not in LANGUAGES:
        found.append(f"language must be one of {', '.join(LANGUAGES)}")
    unknown = set(h) - {*required, *optional}
    if unknown:
        found.append(f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
    return found


def as_date(value) -> dt.date | None:
    """A header date (YAML gives a date; a quoted string is read as ISO), or None if it is not one."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _header_problems(h: dict, taxonomy: dict[str, SectionDef]) -> list[str]:
    found = _common_header_problems(h, taxonomy, REQUIRED, OPTIONAL)
    if h.get("difficulty") is not None and h["difficulty"] not in DIFFICULTIES:
        found.append(f"difficulty must be one of {', '.join(DIFFICULTIES)}, not {h['difficulty']!r}")
    if h.get("answer") is not None and str(h["answer"]).strip().upper() not in LETTERS:
        found.append(f"answer must be one of A, B, C, D, not {h['answer']!r}")
    if not isinstance(h.get("shuffle", True), bool):
        found.append("shuffle must be true or false")
    if h.get("as_of") is not None and as_date(h["as_of"]) is None:
        found.append(f"as_of must be a date YYYY-MM-DD, not {h['as_of']!r}")
    if h.get("topic") in DATED_TOPICS and h.get("as_of") is None:
        found.append(f"topic {h['topic']!r} needs 'as_of: YYYY-MM-DD' (the date the fact was checked)")
    review = h.get("review")
    if review is not None and not (
        isinstance(review, dict)
        and review.get("reader")
        and as_date(review.get("date")) is not None
        and isinstance(review.get("agreed"), bool)
    ):
        found.append("review must be {reader: NAME, date: YYYY-MM-DD, agreed: true/false}")
    return found


def numbers(text: str) -> list[str]:
    """The numbers in a text, as sorted strings (Devanagari digits read as ASCII, digit-group commas ignored)."""
    found = NUMBER.findall(text.translate(DEVANAGARI_DIGITS))
    return sorted(n.replace(",", "") for n in found)


def _layout_problems(layout: Layout, label: str = "") -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    normalised = [" ".join(o.lower().split()) for o in layout.options]
    for index, text in enumerate(normalised):
        if text and text in normalised[:index]:
            repeated = LETTERS[normalised.index(text)]
            found.append((layout.option_lines[index], f"{label}option {LETTERS[index]} repeats option {repeated}"))
    texts = [
        (layout.body_line, layout.stem),
        *zip(layout.option_lines, layout.options),
        (layout.explanation_line or layout.body_line, layout.explanation),
    ]
    for line, text in texts:
        found.extend((line, f"{label}{message}") for message in math_problems(text))
    return found


def _hindi_problems(q: ParsedQuestion) -> list[tuple[int, str]]:
    """The Hindi text must ask the same question: same numbers in the stem and in each option."""
    hindi = q.hindi
    found = _layout_problems(hindi, "Hindi: ")
    if not hindi.ok:
        return found
    if numbers(q.stem) != numbers(hindi.stem):
        found.append(
            (
                hindi.body_line,
                f"Hindi stem has numbers {numbers(hindi.stem)} but the English stem has {numbers(q.stem)}",
            )
        )
    for letter, line, en, hi in zip(LETTERS, hindi.option_lines, q.options, hindi.options):
        if numbers(en) != numbers(hi):
            found.append(
                (line, f"Hindi option {letter} has numbers {numbers(hi)} but the English option has {numbers(en)}")
            )
    return found


def check_question(q: ParsedQuestion, taxonomy: dict[str, SectionDef]) -> list[Problem]:
    """Every problem with one parsed question (header values, options, maths, the Hindi text)."""
    problems = [Problem(q.path, q.line, message) for message in _header_problems(q.header, taxonomy)]
    found = _layout_problems(q.text)
    if q.hindi is not None and q.text.ok:
        found += _hindi_problems(q)
    problems += [Problem(q.path, line, message) for line, message in found]
    return problems


def check_group(g: ParsedGroup, taxonomy: dict[str, SectionDef]) -> list[Problem]:
    """Every problem with a group's header and shared text."""
    h = g.header
    problems = [
        Problem(g.path, g.line, m) for m in _common_header_problems(h, taxonomy, GROUP_REQUIRED, GROUP_OPTIONAL)
    ]
    problems += [Problem(g.path, g.passage_line, m) for m in math_problems(g.passage)]
    problems += [Problem(g.path, g.passage_line, f"Hindi: {m}") for m in math_problems(g.hindi_passage)]
    return problems


def to_content(q: ParsedQuestion) -> QuestionContent:
    """The version content of a question that passed its checks."""
    h = q.header
    hindi = (q.hindi.stem, tuple(q.hindi.options), q.hindi.explanation) if q.hindi else None
    as_of = as_date(h["as_of"]).isoformat() if h.get("as_of") is not None else ""
    return QuestionContent(
        section=h["section"],
        topic=h["topic"],
        difficulty=h["difficulty"],
        stem=q.stem,
        options=tuple(q.options),
        answer=LETTERS.index(str(h["answer"]).strip().upper()),
        explanation=q.explanation,
        source=str(h["source"]),
        language=h.get("language", "en"),
        subtopic=str(h.get("subtopic") or ""),
        shuffle=h.get("shuffle", True),
        hindi=hindi,
        group=str(h.get("group") or ""),
        as_of=as_of,
    )


def to_group_content(g: ParsedGroup) -> GroupContent:
    h = g.header
    return GroupContent(h["section"], h["topic"], g.passage, str(h["source"]), g.hindi_passage)


def _membership_problems(q: ParsedQuestion, groups_here: dict[str, ParsedGroup]) -> list[Problem]:
    name = q.header.get("group")
    if name is None:
        return []
    group = groups_here.get(str(name))
    if group is None:
        return [Problem(q.path, q.line, f"group {name!r} is not defined above this question in the same file")]
    if (group.header.get("section"), group.header.get("topic")) != (q.header.get("section"), q.header.get("topic")):
        return [
            Problem(
                q.path,
                q.line,
                f"section/topic must match its group {name!r} "
                f"({group.header.get('section')}/{group.header.get('topic')})",
            )
        ]
    return []


class _Reader:
    """Accumulates one run over a bank: what is valid and every problem."""

    def __init__(self, taxonomy: dict[str, SectionDef]):
        self.taxonomy = taxonomy
        self.result = BankCheck({}, [])
        self.first_use: dict[str, ParsedQuestion | ParsedGroup] = {}  # every id, valid or not

    def read_file(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.result.problems.append(Problem(str(path), 0, f"cannot read file: {exc}"))
            return
        items, found = parse_text(text, str(path))
        self.result.problems.extend(found)
        groups_here: dict[str, ParsedGroup] = {}
        members: Counter[str] = Counter()
        for item in items:
            if self._duplicate(item):
                continue
            if isinstance(item, ParsedGroup):
                groups_here[item.uid] = item
                own = check_group(item, self.taxonomy)
                if not own:
                    self.result.groups[item.uid] = (
                        to_group_content(item),
                        item.header.get("status", "published"),
                        item,
                    )
            else:
                own = check_question(item, self.taxonomy) + _membership_problems(item, groups_here)
                members[str(item.header.get("group", ""))] += 1
                if not own and item.layout_ok:
                    self.result.questions[item.uid] = (to_content(item), item.header.get("status", "published"), item)
            self.result.problems.extend(own)
        for uid, group in groups_here.items():
            if not members[uid]:
                self.result.problems.append(Problem(group.path, group.line, f"group {uid!r} has no questions"))

    def _duplicate(self, item) -> bool:
        first = self.first_use.get(item.uid)
        if first is not None:
            self.result.problems.append(
                Problem(item.path, item.line, f"duplicate id {item.uid!r} (first used at {first.path}:{first.line})")
            )
            return True
        if item.uid:
            self.first_use[item.uid] = item
        return False

    def check_near_duplicates(self) -> None:
        singles = [
            (uid, f"{c.stem} {' '.join(c.options)}") for uid, (c, _, _) in self.result.questions.items() if not c.group
        ]
        passages = [(uid, c.passage) for uid, (c, _, _) in self.result.groups.items()]
        located = {**self.result.questions, **self.result.groups}
        for first, second, score in near_duplicates(singles) + near_duplicates(passages):
            a, b = located[first][2], located[second][2]
            self.result.problems.append(
                Problem(
                    b.path,
                    b.line,
                    f"near-duplicate of {first!r} at {a.path}:{a.line} ({score:.0%} of word runs shared)",
                )
            )


def check_bank(root: Path, taxonomy: dict[str, SectionDef] | None = None) -> BankCheck:
    """Read every file under root and check it; never stops at the first problem."""
    if taxonomy is None:
        try:
            taxonomy = load_taxonomy(find_taxonomy(root))
        except (TaxonomyError, OSError) as exc:
            return BankCheck({}, [Problem(str(root), 0, f"taxonomy: {exc}")])
    reader = _Reader(taxonomy)
    files = bank_files(root)
    if not files:
        reader.result.problems.append(Problem(str(root), 0, "no question files (*.md) found"))
    for path in files:
        reader.read_file(path)
    reader.check_near_duplicates()
    reader.result.problems.sort(key=lambda p: (p.path, p.line))
    return reader.result


def main(argv: list[str]) -> int:
    """`python -m trainer.bank.validation PATH`: print problems, exit 1 if any."""
    root = Path(argv[0] if argv else "question_bank")
    result = check_bank(root)
    for problem in result.problems:
        print(problem)
    print(
        f"{len(result.questions)} valid question(s), {len(result.groups)} group(s), {len(result.problems)} problem(s)"
    )
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
