"""Parse the plain-text bank format (Markdown + YAML header) into question records, with file:line problems."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

import yaml

from trainer.bank import yamlread
from trainer.bank.yamlread import YamlError
from trainer.core.wording import N_

LETTERS = "ABCD"
IN_HINDI = N_("Hindi: %(problem)s")  # a problem of a question's Hindi text
OPTION_LINE = re.compile(r"^([A-Z])\)\s?(.*)$")
EXPLANATION_LINE = "Explanation:"
DELIMITER = "---"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a bank file, located at file:line; `message` is a Message where the gate marked it, so a
    page can say it in the reader's language while the CLI prints the English."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def labelled(label: str, message: str) -> str:
    """The message inside a label template such as IN_HINDI ("" for none), still said in the reader's language."""
    return N_(label, problem=message) if label else message


def header_id(header: dict) -> str:
    """The id a header gives, or "" if it gives none (or not as text, which the validator refuses)."""
    value = header.get("id")
    return value if isinstance(value, str) else ""


@dataclass
class Layout:
    """Stem, four options and an explanation, as laid out in one language of a question's body."""

    stem: str = ""
    options: list[str] = field(default_factory=list)
    explanation: str = ""
    option_lines: list[int] = field(default_factory=list)
    body_line: int = 0
    explanation_line: int = 0  # line of the `Explanation:` heading
    ok: bool = True


@dataclass
class ParsedQuestion:
    """One question as written in a bank file (not yet checked against the taxonomy)."""

    path: str
    line: int  # line of the opening `---`
    header: dict
    text: Layout
    hindi: Layout | None = None
    hindi_line: int = 0  # line of the `[hi]` marker

    @property
    def uid(self) -> str:
        return header_id(self.header)

    # The English text is the question's primary text; these read through to it.
    stem = property(lambda self: self.text.stem)
    options = property(lambda self: self.text.options)
    explanation = property(lambda self: self.text.explanation)
    option_lines = property(lambda self: self.text.option_lines)
    body_line = property(lambda self: self.text.body_line)
    explanation_line = property(lambda self: self.text.explanation_line)

    @property
    def layout_ok(self) -> bool:
        return self.text.ok and (self.hindi is None or self.hindi.ok)


@dataclass
class ParsedGroup:
    """A shared stem (passage, cloze text, data set) that the following member questions refer to."""

    path: str
    line: int
    header: dict
    passage: str
    passage_line: int
    hindi_passage: str = ""

    @property
    def uid(self) -> str:
        return header_id(self.header)


HINDI_MARKER = "[hi]"


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
    hindi: tuple | None = None  # (stem, options tuple, explanation) in Hindi
    group: str = ""  # id of the group this question belongs to
    as_of: str = ""  # ISO date on which a time-bound fact was checked

    def content_hash(self) -> str:
        """A stable hash of everything that defines a version (a changed hash means a new version)."""
        # Fields added later join the hash only when set, so older versions keep their hashes.
        extra = {k: v for k, v in (("hindi", self.hindi), ("group", self.group), ("as_of", self.as_of)) if v}
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
                *([extra] if extra else []),
            ],
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class GroupContent:
    """The version-defining content of a group: its shared text in English (and Hindi)."""

    section: str
    topic: str
    passage: str
    source: str
    hindi_passage: str = ""

    def content_hash(self) -> str:
        payload = json.dumps([self.section, self.topic, self.passage, self.source, self.hindi_passage])
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
        problems.append(Problem(path, i + 1, N_("expected '---' to open a question header")))
        return blocks, problems
    while i < len(lines):
        start = i
        j = i + 1
        while j < len(lines) and lines[j].rstrip() != DELIMITER:
            j += 1
        if j >= len(lines):
            problems.append(Problem(path, start + 1, N_("question header is not closed by a line '---'")))
            return blocks, problems
        header_text = "\n".join(lines[start + 1 : j])
        k = j + 1
        while k < len(lines) and lines[k].rstrip() != DELIMITER:
            k += 1
        blocks.append((start + 1, header_text, j + 2, lines[j + 1 : k]))
        i = k
    return blocks, problems


def parse_layout(path: str, body: list[str], first_line: int, problems: list[Problem], label: str = "") -> Layout:
    """Read stem, options A)-D) and the explanation from body lines, reporting layout problems (each inside `label`,
    a template with `%(problem)s`, e.g. IN_HINDI)."""

    def report(line: int, message: str) -> None:
        problems.append(Problem(path, line, labelled(label, message)))

    layout = Layout(body_line=first_line)
    before = len(problems)
    stem: list[str] = []
    explanation: list[str] | None = None
    written = 0  # option lines seen, the ones past D) included
    for offset, raw in enumerate(body):
        lineno = first_line + offset
        if explanation is not None:
            explanation.append(raw)
            continue
        if raw.strip() == EXPLANATION_LINE:
            explanation = []
            layout.explanation_line = lineno
            continue
        match = OPTION_LINE.match(raw)
        if match:
            expected = LETTERS[len(layout.options)] if len(layout.options) < 4 else None
            if match.group(1) != expected:
                report(
                    lineno,
                    N_(
                        "option '%(letter)s)' out of place: options must be A) B) C) D) in order, exactly four",
                        letter=match.group(1),
                    ),
                )
            written += 1
            if len(layout.options) < len(LETTERS):  # a fifth option is refused above; gates see at most four
                layout.options.append(match.group(2).strip())
                layout.option_lines.append(lineno)
        elif layout.options and raw.strip():
            report(
                lineno,
                N_(
                    "text after the options: an option is one line, and the explanation starts with a line "
                    "'Explanation:'"
                ),
            )
        elif not layout.options:
            stem.append(raw)
    layout.stem = "\n".join(stem).strip()
    layout.explanation = "\n".join(explanation or []).strip()
    if not layout.stem:
        report(first_line, N_("the question has no stem (text before the options)"))
    if written != len(LETTERS):
        report(first_line, N_("expected 4 options A) to D), found %(count)s", count=written))
    for letter, text, lineno in zip(LETTERS, layout.options, layout.option_lines):
        if not text:
            report(lineno, N_("option %(letter)s is empty", letter=letter))
    if explanation is None or not layout.explanation:
        report(first_line, N_("missing explanation: add a line 'Explanation:' followed by the worked solution"))
    layout.ok = len(problems) == before
    return layout


def split_hindi(body: list[str]) -> tuple[list[str], list[str] | None, int]:
    """Split body lines at the `[hi]` marker: (English lines, Hindi lines or None, marker offset)."""
    for offset, raw in enumerate(body):
        if raw.strip() == HINDI_MARKER:
            return body[:offset], body[offset + 1 :], offset
    return body, None, -1


def _parse_block(
    path: str, header: dict, header_line: int, body_line: int, body: list[str], problems: list[Problem]
) -> ParsedQuestion | ParsedGroup:
    english, hindi, marker = split_hindi(body)
    if header.get("type") == "group":
        passage = "\n".join(english).strip()
        if not passage:
            problems.append(Problem(path, body_line, N_("the group has no shared text (passage, cloze text or data)")))
        return ParsedGroup(path, header_line, header, passage, body_line, "\n".join(hindi or []).strip())
    parsed = ParsedQuestion(path, header_line, header, parse_layout(path, english, body_line, problems))
    if hindi is not None:
        parsed.hindi_line = body_line + marker
        parsed.hindi = parse_layout(path, hindi, parsed.hindi_line + 1, problems, label=IN_HINDI)
    return parsed


def read_header(text: str) -> dict | None:
    """A header as a dict (None unless it is a mapping); YamlError for YAML we cannot read or a repeated key."""
    node = yamlread.compose(text) if text.strip() else None
    if not isinstance(node, yaml.MappingNode):
        return None
    return {key: yamlread.value(value) for key, value, _line in yamlread.entries(node)}


def parse_text(text: str, path: str) -> tuple[list[ParsedQuestion | ParsedGroup], list[Problem]]:
    """Parse one bank file's text; return its questions and groups, in order, and every layout problem found."""
    blocks, problems = split_blocks(text, path)
    questions: list[ParsedQuestion | ParsedGroup] = []
    for header_line, header_text, body_line, body in blocks:
        try:
            header = read_header(header_text)
        except YamlError as exc:
            problems.append(
                Problem(
                    path, header_line + 1 + exc.line, N_("header is not valid YAML: %(reason)s", reason=exc.message)
                )
            )
            continue
        if header is None:
            problems.append(Problem(path, header_line, N_("header must be 'key: value' lines")))
            continue
        questions.append(_parse_block(path, header, header_line, body_line, body, problems))
    return questions, problems
