"""Exam patterns (sections, marks, timed parts, qualifying rules) as frozen dataclasses read from patterns.yaml.

A started attempt keeps a snapshot of its pattern (`Pattern.to_dict`), so later edits of the data never change
how a running or finished attempt is timed or marked. Sectional and topic tests are patterns derived here.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from pathlib import Path

import yaml

from trainer.core.wording import ENGLISH, N_, Wording

PATTERN_FILE = Path(__file__).with_name("patterns.yaml")


@dataclass(frozen=True)
class SectionRule:
    key: str
    name: str
    subject: str
    questions: int
    marks_right: float
    marks_wrong: float  # marks taken away for a wrong answer (a positive number)
    languages: tuple[str, ...] = ("en", "hi")
    topics: tuple[str, ...] = ()  # restrict the draw to these topics (topic tests); empty = all

    @property
    def max_marks(self) -> float:
        return self.questions * self.marks_right


@dataclass(frozen=True)
class Part:
    """A stretch of the paper on one timer."""

    key: str
    name: str
    minutes: int
    sections: tuple[str, ...]


@dataclass(frozen=True)
class Pattern:
    code: str
    name: str
    description: str
    paper: str
    sections: tuple[SectionRule, ...]
    parts: tuple[Part, ...]
    qualifying_percent: dict[str, float] = field(default_factory=dict)
    qualifying_groups: tuple[tuple[str, ...], ...] = ()
    merit_sections: tuple[str, ...] | None = None  # None: every section counts
    kind: str = "full"  # full / sectional / topic

    @property
    def minutes(self) -> int:
        return sum(p.minutes for p in self.parts)

    @property
    def locks(self) -> bool:
        """Several timed parts: each closes at its end and cannot be reopened."""
        return len(self.parts) > 1

    @property
    def question_count(self) -> int:
        return sum(s.questions for s in self.sections)

    @property
    def max_marks(self) -> float:
        return sum(s.max_marks for s in self.sections)

    def section(self, key: str) -> SectionRule:
        return next(s for s in self.sections if s.key == key)

    def part_of(self, section_key: str) -> int:
        """Index of the part that holds a section."""
        return next(i for i, p in enumerate(self.parts) if section_key in p.sections)

    def ordered_sections(self) -> list[SectionRule]:
        """Sections in the order the paper presents them (part by part)."""
        return [self.section(key) for part in self.parts for key in part.sections]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Pattern:
        data = dict(data)
        data["sections"] = tuple(
            SectionRule(**{**s, "languages": tuple(s["languages"]), "topics": tuple(s["topics"])})
            for s in data["sections"]
        )
        data["parts"] = tuple(Part(**{**p, "sections": tuple(p["sections"])}) for p in data["parts"])
        data["qualifying_groups"] = tuple(tuple(g) for g in data.get("qualifying_groups", ()))
        if data.get("merit_sections") is not None:
            data["merit_sections"] = tuple(data["merit_sections"])
        return cls(**data)


def parse_patterns(data: dict) -> dict[str, Pattern]:
    """Build patterns from their YAML data."""
    patterns = {}
    for code, raw in data.items():
        sections = tuple(
            SectionRule(
                s["key"],
                s["name"],
                s["subject"],
                int(s["questions"]),
                float(s["right"]),
                float(s["wrong"]),
                tuple(s.get("languages", ("en", "hi"))),
            )
            for s in raw["sections"]
        )
        parts = tuple(Part(p["key"], p["name"], int(p["minutes"]), tuple(p["sections"])) for p in raw["parts"])
        merit = raw.get("merit_sections")
        patterns[code] = Pattern(
            code=code,
            name=raw["name"],
            description=raw.get("description", ""),
            paper=raw["paper"],
            sections=sections,
            parts=parts,
            qualifying_percent=dict(raw.get("qualifying_percent", {})),
            qualifying_groups=tuple(tuple(g) for g in raw.get("qualifying_groups", ())),
            merit_sections=tuple(merit) if merit is not None else None,
        )
    return patterns


@cache
def all_patterns() -> dict[str, Pattern]:
    """Every full-paper pattern, keyed by code."""
    with open(PATTERN_FILE, encoding="utf-8") as handle:
        return parse_patterns(yaml.safe_load(handle))


def get_pattern(code: str) -> Pattern | None:
    """A full pattern by code, or a sectional test coded `<pattern>:<section>`."""
    base, _, section = code.partition(":")
    pattern = all_patterns().get(base)
    if pattern is None or not section:
        return pattern
    if section not in {s.key for s in pattern.sections}:
        return None
    return sectional_pattern(pattern, section)


def minutes_per_question(pattern: Pattern, section_key: str) -> float:
    """The time the real paper gives one question of this section (its part's minutes over its questions)."""
    part = pattern.parts[pattern.part_of(section_key)]
    return part.minutes / sum(pattern.section(k).questions for k in part.sections)


SECTIONAL_NAME = N_("%(section)s — sectional test (%(paper)s)")
TOPIC_NAME = N_("Topic test — %(section)s")  # a topic test, and a drill (a topic test of one topic)


def test_name(code: str, stored: str, words: Wording = ENGLISH) -> str:
    """The name of the test with this code in the wording's language, made from its paper's and section's names
    (stored English names are never translated); `stored` as it is for a code no pattern knows any more."""
    topic = code.startswith("topic:")
    base_code, _, section_key = code.removeprefix("topic:").partition(":")
    base = all_patterns().get(base_code)
    if base is None or (section_key and section_key not in {s.key for s in base.sections}):
        return stored
    paper = words.gettext(base.name)
    if not section_key:
        return paper
    section = words.gettext(base.section(section_key).name)
    if topic:
        return words.gettext(TOPIC_NAME, section=section)
    return words.gettext(SECTIONAL_NAME, section=section, paper=paper)


def sectional_pattern(pattern: Pattern, section_key: str) -> Pattern:
    """One section of a paper as a test of its own, with its real count and its share of the time."""
    rule = pattern.section(section_key)
    minutes = round(minutes_per_question(pattern, section_key) * rule.questions)
    return Pattern(
        code=f"{pattern.code}:{section_key}",
        name=SECTIONAL_NAME % {"section": rule.name, "paper": pattern.name},
        description=f"{rule.questions} questions of {rule.name} in {minutes} minutes, marked as in {pattern.name}.",
        paper=pattern.paper,
        sections=(rule,),
        parts=(Part(section_key, rule.name, minutes, (section_key,)),),
        kind="sectional",
    )


def topic_pattern(pattern: Pattern, section_key: str, topics: tuple[str, ...], count: int) -> Pattern:
    """`count` questions from chosen topics of a section, with the time per question the real paper allows."""
    rule = replace(pattern.section(section_key), questions=count, topics=tuple(sorted(topics)))
    minutes = max(1, math.ceil(minutes_per_question(pattern, section_key) * count))
    return Pattern(
        code=f"topic:{pattern.code}:{section_key}",
        name=TOPIC_NAME % {"section": rule.name},
        description=f"{count} questions on {', '.join(rule.topics)} in {minutes} minutes.",
        paper=pattern.paper,
        sections=(rule,),
        parts=(Part(section_key, rule.name, minutes, (section_key,)),),
        kind="topic",
    )
