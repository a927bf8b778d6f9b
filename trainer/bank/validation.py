"""Check bank files against the format and the taxonomy; report every problem with file:line."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from trainer.bank.parsing import LETTERS, ParsedQuestion, Problem, QuestionContent, bank_files, parse_text
from trainer.bank.rendering import math_problems
from trainer.bank.taxonomy import SectionDef, TaxonomyError, find_taxonomy, load_taxonomy

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
REQUIRED = ("id", "section", "topic", "difficulty", "answer", "source")
DIFFICULTIES = ("easy", "medium", "hard")
LANGUAGES = ("en", "hi")
STATUSES = ("published", "draft", "retired")


@dataclass
class BankCheck:
    """The outcome of reading a bank: good questions (uid → content + status) and every problem."""

    questions: dict[str, tuple[QuestionContent, str, ParsedQuestion]]
    problems: list[Problem]


def _header_problems(q: ParsedQuestion, taxonomy: dict[str, SectionDef]) -> list[str]:
    h = q.header
    found = [f"missing field '{name}'" for name in REQUIRED if h.get(name) in (None, "")]
    if h.get("id") is not None and not ID_PATTERN.match(str(h["id"])):
        found.append(f"id {h['id']!r} must be lower-case letters, digits and '-'")
    section = h.get("section")
    if section is not None and section not in taxonomy:
        found.append(f"unknown section {section!r} (known: {', '.join(taxonomy)})")
    elif section is not None and h.get("topic") is not None and h["topic"] not in taxonomy[section].topics:
        found.append(f"unknown topic {h['topic']!r} for section {section!r} (see taxonomy.yaml)")
    if h.get("difficulty") is not None and h["difficulty"] not in DIFFICULTIES:
        found.append(f"difficulty must be one of {', '.join(DIFFICULTIES)}, not {h['difficulty']!r}")
    if h.get("answer") is not None and str(h["answer"]).strip().upper() not in LETTERS:
        found.append(f"answer must be one of A, B, C, D, not {h['answer']!r}")
    if h.get("language", "en") not in LANGUAGES:
        found.append(f"language must be one of {', '.join(LANGUAGES)}")
    if h.get("status", "published") not in STATUSES:
        found.append(f"status must be one of {', '.join(STATUSES)}")
    if not isinstance(h.get("shuffle", True), bool):
        found.append("shuffle must be true or false")
    unknown = set(h) - {*REQUIRED, "subtopic", "language", "shuffle", "status"}
    if unknown:
        found.append(f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
    return found


def _content_problems(q: ParsedQuestion) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    normalised = [" ".join(o.lower().split()) for o in q.options]
    for index, text in enumerate(normalised):
        if text and text in normalised[:index]:
            found.append(
                (q.option_lines[index], f"option {LETTERS[index]} repeats option {LETTERS[normalised.index(text)]}")
            )
    texts = [(q.body_line, q.stem), *zip(q.option_lines, q.options), (q.explanation_line or q.body_line, q.explanation)]
    for line, text in texts:
        found.extend((line, message) for message in math_problems(text))
    return found


def check_question(q: ParsedQuestion, taxonomy: dict[str, SectionDef]) -> list[Problem]:
    """Every problem with one parsed question (header values, options, maths)."""
    problems = [Problem(q.path, q.line, message) for message in _header_problems(q, taxonomy)]
    problems += [Problem(q.path, line, message) for line, message in _content_problems(q)]
    return problems


def to_content(q: ParsedQuestion) -> QuestionContent:
    """The version content of a question that passed its checks."""
    h = q.header
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
    )


def check_bank(root: Path, taxonomy: dict[str, SectionDef] | None = None) -> BankCheck:
    """Read every file under root and check it; never stops at the first problem."""
    problems: list[Problem] = []
    if taxonomy is None:
        try:
            taxonomy = load_taxonomy(find_taxonomy(root))
        except (TaxonomyError, OSError) as exc:
            return BankCheck({}, [Problem(str(root), 0, f"taxonomy: {exc}")])
    questions: dict[str, tuple[QuestionContent, str, ParsedQuestion]] = {}
    first_use: dict[str, ParsedQuestion] = {}  # every id seen, valid or not, so duplicates show in the same run
    files = bank_files(root)
    if not files:
        problems.append(Problem(str(root), 0, "no question files (*.md) found"))
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(path), 0, f"cannot read file: {exc}"))
            continue
        parsed, found = parse_text(text, str(path))
        problems += found
        for q in parsed:
            own = check_question(q, taxonomy)
            problems += own
            if q.uid in first_use:
                first = first_use[q.uid]
                problems.append(
                    Problem(q.path, q.line, f"duplicate id {q.uid!r} (first used at {first.path}:{first.line})")
                )
                continue
            if q.uid:
                first_use[q.uid] = q
            if not own and q.layout_ok:
                questions[q.uid] = (to_content(q), q.header.get("status", "published"), q)
    problems.sort(key=lambda p: (p.path, p.line))
    return BankCheck(questions, problems)


def main(argv: list[str]) -> int:
    """`python -m trainer.bank.validation PATH`: print problems, exit 1 if any."""
    root = Path(argv[0] if argv else "question_bank")
    result = check_bank(root)
    for problem in result.problems:
        print(problem)
    print(f"{len(result.questions)} valid question(s), {len(result.problems)} problem(s)")
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
