"""Parse the plain-text bank format (Markdown + YAML header) into question records, with file:line problems."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

LETTERS = "ABCD"
OPTION_LINE = re.compile(r"^([A-Z])\)\s?(.*)$")
EXPLANATION_LINE = "Explanation:"
DELIMITER = "---"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a bank file, located at file:line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class ParsedQuestion:
    """One question as written in a bank file (not yet checked against the taxonomy)."""

    path: str
    line: int  # line of the opening `---`
    header: dict
    stem: str
    options: list[str]
    explanation: str
    option_lines: list[int] = field(default_factory=list)
    body_line: int = 0
    explanation_line: int = 0  # line of the `Explanation:` heading
    layout_ok: bool = True

    @property
    def uid(self) -> str:
        return str(self.header.get("id", ""))


@dataclass(frozen=True)
class QuestionContent:
    """The version-defining content of a question, as stored in a QuestionVersion."""

    section: str
    topic: str
    difficulty: str
    stem: str
    options: tuple[str, ...]
    answer: int
    explanation: str
    source: str
    language: str = "en"
    subtopic: str = ""
    shuffle: bool = True

    def content_hash(self) -> str:
        """A stable hash of everything that defines a version (a changed hash means a new version)."""
        payload = json.dumps(
            [
                self.section,
                self.topic,
                self.difficulty,
                self.stem,
                list(self.options),
                self.answer,
                self.explanation,
                self.source,
                self.language,
                self.subtopic,
                self.shuffle,
            ],
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def split_blocks(text: str, path: str) -> tuple[list[tuple[int, str, int, list[str]]], list[Problem]]:
    """Split a file into (header_line, header_text, body_line, body_lines) blocks."""
    lines = text.splitlines()
    blocks: list[tuple[int, str, int, list[str]]] = []
    problems: list[Problem] = []
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and lines[i].rstrip() != DELIMITER:
        problems.append(Problem(path, i + 1, "expected '---' to open a question header"))
        return blocks, problems
    while i < len(lines):
        start = i
        j = i + 1
        while j < len(lines) and lines[j].rstrip() != DELIMITER:
            j += 1
        if j >= len(lines):
            problems.append(Problem(path, start + 1, "question header is not closed by a line '---'"))
            return blocks, problems
        header_text = "\n".join(lines[start + 1 : j])
        k = j + 1
        while k < len(lines) and lines[k].rstrip() != DELIMITER:
            k += 1
        blocks.append((start + 1, header_text, j + 2, lines[j + 1 : k]))
        i = k
    return blocks, problems


def parse_body(parsed: ParsedQuestion, body: list[str], first_line: int, problems: list[Problem]) -> None:
    """Fill stem, options and explanation from the body lines, reporting layout problems."""
    stem: list[str] = []
    explanation: list[str] | None = None
    seen_option = False
    for offset, raw in enumerate(body):
        lineno = first_line + offset
        if explanation is not None:
            explanation.append(raw)
            continue
        if raw.strip() == EXPLANATION_LINE:
            explanation = []
            parsed.explanation_line = lineno
            continue
        match = OPTION_LINE.match(raw)
        if match:
            seen_option = True
            expected = LETTERS[len(parsed.options)] if len(parsed.options) < 4 else None
            if match.group(1) != expected:
                problems.append(
                    Problem(
                        parsed.path,
                        lineno,
                        f"option '{match.group(1)})' out of place: options must be A) B) C) D) in order, exactly four",
                    )
                )
            parsed.options.append(match.group(2).strip())
            parsed.option_lines.append(lineno)
        elif seen_option and raw.strip():
            problems.append(
                Problem(
                    parsed.path,
                    lineno,
                    "text after the options: an option is one line, "
                    "and the explanation starts with a line 'Explanation:'",
                )
            )
        elif not seen_option:
            stem.append(raw)
    parsed.stem = "\n".join(stem).strip()
    parsed.explanation = "\n".join(explanation or []).strip()
    where = first_line
    if not parsed.stem:
        problems.append(Problem(parsed.path, where, "the question has no stem (text before the options)"))
    if len(parsed.options) != 4:
        problems.append(Problem(parsed.path, where, f"expected 4 options A) to D), found {len(parsed.options)}"))
    for letter, text, lineno in zip(LETTERS, parsed.options, parsed.option_lines):
        if not text:
            problems.append(Problem(parsed.path, lineno, f"option {letter} is empty"))
    if explanation is None or not parsed.explanation:
        problems.append(
            Problem(
                parsed.path, where, "missing explanation: add a line 'Explanation:' followed by the worked solution"
            )
        )


def parse_text(text: str, path: str) -> tuple[list[ParsedQuestion], list[Problem]]:
    """Parse one bank file's text; return its questions and every layout problem found."""
    blocks, problems = split_blocks(text, path)
    questions: list[ParsedQuestion] = []
    for header_line, header_text, body_line, body in blocks:
        try:
            header = yaml.safe_load(header_text) if header_text.strip() else None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = header_line + 1 + (mark.line if mark else 0)
            reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            problems.append(Problem(path, line, f"header is not valid YAML: {reason}"))
            continue
        if not isinstance(header, dict):
            problems.append(Problem(path, header_line, "header must be 'key: value' lines"))
            continue
        parsed = ParsedQuestion(path, header_line, header, "", [], "", body_line=body_line)
        before = len(problems)
        parse_body(parsed, body, body_line, problems)
        parsed.layout_ok = len(problems) == before
        questions.append(parsed)
    return questions, problems


def bank_files(root: Path) -> list[Path]:
    """Every question file under root (a single file is accepted too), in a stable order."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.md") if p.name.lower() != "readme.md")
