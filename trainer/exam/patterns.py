"""Exam patterns (sections, counts, marks, timers) read from patterns.yaml into frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

PATTERN_FILE = Path(__file__).with_name("patterns.yaml")


@dataclass(frozen=True)
class SectionRule:
    key: str
    name: str
    subject: str
    questions: int
    marks_right: float
    marks_wrong: float  # marks taken away for a wrong answer (a positive number)

    @property
    def max_marks(self) -> float:
        return self.questions * self.marks_right


@dataclass(frozen=True)
class Pattern:
    code: str
    name: str
    description: str
    paper: str
    minutes: int
    free_movement: bool
    sections: tuple[SectionRule, ...]
    qualifying_percent: dict[str, float]

    @property
    def question_count(self) -> int:
        return sum(s.questions for s in self.sections)

    @property
    def max_marks(self) -> float:
        return sum(s.max_marks for s in self.sections)

    def section(self, key: str) -> SectionRule:
        return next(s for s in self.sections if s.key == key)


def parse_patterns(data: dict) -> dict[str, Pattern]:
    """Build patterns from their YAML data."""
    patterns = {}
    for code, raw in data.items():
        sections = tuple(
            SectionRule(s["key"], s["name"], s["subject"], int(s["questions"]), float(s["right"]), float(s["wrong"]))
            for s in raw["sections"]
        )
        patterns[code] = Pattern(
            code=code,
            name=raw["name"],
            description=raw.get("description", ""),
            paper=raw["paper"],
            minutes=int(raw["minutes"]),
            free_movement=bool(raw.get("free_movement", True)),
            sections=sections,
            qualifying_percent=dict(raw.get("qualifying_percent", {})),
        )
    return patterns


@cache
def all_patterns() -> dict[str, Pattern]:
    """Every pattern, keyed by code."""
    with open(PATTERN_FILE, encoding="utf-8") as handle:
        return parse_patterns(yaml.safe_load(handle))


def get_pattern(code: str) -> Pattern | None:
    return all_patterns().get(code)
