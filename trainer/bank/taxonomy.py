"""The topic taxonomy (sections → topics) read from question_bank/taxonomy.yaml, refused with file:line if malformed."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from trainer.bank import yamlread
from trainer.bank.files import UnreadableFile, read_text
from trainer.bank.models import Topic
from trainer.bank.parsing import Problem
from trainer.bank.yamlread import YamlError

KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SECTION_FIELDS = ("name", "name_hi", "papers", "topics")
TOPIC_FIELDS = ("name", "name_hi", "weights", "source")


def parse_weight(raw) -> tuple[float, float] | None:
    """A weight as written (a number, or a range "a-b") as (low, high); None unless finite, >= 0 and low <= high."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return None
    parts = raw.split("-") if isinstance(raw, str) else [raw]
    try:
        values = [float(part) for part in parts]
    except (ValueError, OverflowError):
        return None
    if len(values) > 2 or not all(math.isfinite(v) and v >= 0 for v in values) or values[0] > values[-1]:
        return None
    return values[0], values[-1]


@dataclass(frozen=True)
class TopicDef:
    """A topic of the syllabus with its typical weight per paper (as written) and the weight's source; `name_hi` is
    its name on Hindi pages ("" shows the English name)."""

    section: str
    key: str
    name: str
    weights: dict[str, str] = field(default_factory=dict)
    source: str = ""
    name_hi: str = ""

    def weight(self, paper: str) -> float:
        """Typical questions per paper; a range "a-b" counts as its midpoint, a missing paper as 0.

        A value the loader refuses counts as 0 too, so a database imported before the loader checked weights
        still draws papers (the next import replaces it).
        """
        low, high = parse_weight(self.weights.get(paper, 0)) or (0.0, 0.0)
        return (low + high) / 2


@dataclass(frozen=True)
class SectionDef:
    key: str
    name: str
    papers: tuple[str, ...]
    topics: dict[str, TopicDef]
    name_hi: str = ""


class TaxonomyError(ValueError):
    """The taxonomy file is missing or malformed; `problems` says what and where (file:line)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class _Reader:
    """Walks the YAML nodes of a taxonomy, collecting every problem with its line."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line + 1, message))

    def entries(self, node: yaml.Node, what: str, allowed: tuple[str, ...] | None = None) -> list | None:
        """The (key, node) pairs of a mapping, or None (with a problem) if the node is not one."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(yamlread.line_of(node), f"{what} must be a mapping of 'key: value' entries")
            return None
        try:
            found = yamlread.entries(node)
        except YamlError as exc:
            self.problem(exc.line, exc.message)
            return None
        hint = " (in {...} an unquoted comma ends a value: quote it)" if node.flow_style else ""
        for key, _node, line in found:
            if allowed is not None and key not in allowed:
                self.problem(line, f"{what}: unknown key {str(key)!r} (known: {', '.join(allowed)}){hint}")
        return [(key, value) for key, value, _line in found]

    def value(self, node: yaml.Node):
        try:
            return yamlread.value(node)
        except YamlError as exc:
            self.problem(exc.line, exc.message)
            return None

    def text(self, value, line: int, what: str, limit: int | None = None, key: bool = False) -> str | None:
        """The value if it is non-empty text that fits `limit` (and is a key's shape); else None, with a problem."""
        if not isinstance(value, str) or not value.strip():
            self.problem(line, f"{what} must be text, not {value!r:.60}")
        elif limit is not None and len(value) > limit:
            self.problem(line, f"{what} is {len(value)} characters long; the most it may be is {limit}")
        elif key and not KEY.match(value):
            self.problem(line, f"{what} {value!r} must be lower-case letters, digits and '-'")
        else:
            return value
        return None

    def weights(self, node: yaml.Node, what: str, papers: tuple[str, ...]) -> dict[str, str]:
        found: dict[str, str] = {}
        for paper, weight_node in self.entries(node, f"{what} weights") or []:
            line = yamlread.line_of(weight_node)
            if paper not in papers:
                self.problem(line, f"{what}: weight for {paper!r}, which is not one of the section's papers {papers}")
                continue
            before = len(self.problems)
            weight = self.value(weight_node)
            if len(self.problems) > before:  # not readable at all: already reported
                continue
            if parse_weight(weight) is None:
                self.problem(line, f"{what}: weight {weight!r:.60} must be a number >= 0 or a range like 1-2")
            else:
                found[paper] = str(weight)
        return found

    def topic(self, section: str, key, node: yaml.Node, papers: tuple[str, ...]) -> TopicDef | None:
        line = yamlread.line_of(node)
        what = f"topic {section}/{key}"
        key = self.text(key, line, "topic key", Topic.key.type.length, key=True)
        fields = dict(self.entries(node, what, TOPIC_FIELDS) or [])
        if "name" not in fields:
            self.problem(line, f"{what} needs a name")
        name = (
            self.text(self.value(fields["name"]), line, f"{what} name", Topic.name.type.length)
            if "name" in fields
            else None
        )
        name_hi = self.optional_text(fields, "name_hi", line, f"{what} name_hi", Topic.name_hi.type.length)
        weights = self.weights(fields["weights"], what, papers) if "weights" in fields else {}
        source = self.optional_text(fields, "source", line, f"{what} source", Topic.weight_source.type.length)
        if key is None or name is None or source is None or name_hi is None:
            return None
        return TopicDef(section, key, name, weights, source, name_hi)

    def optional_text(self, fields: dict, name: str, line: int, what: str, limit: int | None = None) -> str | None:
        """A field that may be left out ("" then), else checked as `text` (None, with a problem, if it is not)."""
        return self.text(self.value(fields[name]), line, what, limit) if name in fields else ""

    def section(self, key, node: yaml.Node) -> SectionDef | None:
        line = yamlread.line_of(node)
        key = self.text(key, line, "section key", Topic.section.type.length, key=True)
        fields = dict(self.entries(node, f"section {key}", SECTION_FIELDS) or [])
        name = self.text(self.value(fields["name"]), line, f"section {key} name") if "name" in fields else key
        name_hi = self.optional_text(fields, "name_hi", line, f"section {key} name_hi")
        papers = self.papers(fields["papers"], key) if "papers" in fields else ()
        if not isinstance(fields.get("topics"), yaml.MappingNode) or not fields["topics"].value:
            self.problem(line, f"section {key} needs a 'topics' mapping with at least one topic")
            return None
        topics = {}
        for topic_key, topic_node in self.entries(fields["topics"], f"section {key} topics") or []:
            topic = self.topic(key or "?", topic_key, topic_node, papers)
            if topic is not None:
                topics[topic.key] = topic
        return SectionDef(key, name, papers, topics, name_hi or "") if key and name else None

    def papers(self, node: yaml.Node, section) -> tuple[str, ...]:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(yamlread.line_of(node), f"section {section} papers must be a list like [tier1, tier2]")
            return ()
        papers = [self.text(self.value(item), yamlread.line_of(item), "a paper", key=True) for item in node.value]
        return tuple(p for p in papers if p)


def parse_taxonomy(text: str, path: str) -> dict[str, SectionDef]:
    """The section map of a taxonomy file's text, or TaxonomyError with every problem found (file:line)."""
    reader = _Reader(path)
    try:
        root = yamlread.compose(text)
    except YamlError as exc:
        raise TaxonomyError([Problem(path, exc.line + 1, f"not valid YAML: {exc.message}")]) from None
    sections: dict[str, SectionDef] = {}
    top = dict(reader.entries(root, "the taxonomy", ("sections",)) or []) if root is not None else {}
    for key, node in reader.entries(top["sections"], "sections") or [] if "sections" in top else []:
        section = reader.section(key, node)
        if section is not None:
            sections[section.key] = section
    if not sections and not reader.problems:
        reader.problem(0, "the taxonomy has no sections (write 'sections:' and one mapping per section)")
    if reader.problems:
        raise TaxonomyError(reader.problems)
    return sections


def load_taxonomy(path: Path) -> dict[str, SectionDef]:
    """Read and parse a taxonomy YAML file; TaxonomyError if it cannot be read or is malformed."""
    try:
        text = read_text(Path(path))
    except UnreadableFile as exc:
        raise TaxonomyError([Problem(str(path), exc.line, exc.message)]) from None
    return parse_taxonomy(text, str(path))


def find_taxonomy(root: Path) -> Path:
    """The taxonomy file for a bank folder (or for the folder holding a single bank file)."""
    folder = root if root.is_dir() else root.parent
    for candidate in [folder, *folder.parents]:
        if (candidate / "taxonomy.yaml").exists():
            return candidate / "taxonomy.yaml"
    raise TaxonomyError([Problem(str(folder), 0, f"no taxonomy.yaml in {folder} or above it")])
