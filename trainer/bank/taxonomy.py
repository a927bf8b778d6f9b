"""The topic taxonomy (sections → topics) read from question_bank/taxonomy.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class TopicDef:
    """A topic of the syllabus with its typical weight per paper (as written) and the weight's source."""

    section: str
    key: str
    name: str
    weights: dict[str, str] = field(default_factory=dict)
    source: str = ""

    def weight(self, paper: str) -> float:
        """Typical questions per paper; a range "a-b" counts as its midpoint, a missing paper as 0."""
        raw = str(self.weights.get(paper, 0))
        low, _, high = raw.partition("-")
        return (float(low) + float(high or low)) / 2


@dataclass(frozen=True)
class SectionDef:
    key: str
    name: str
    papers: tuple[str, ...]
    topics: dict[str, TopicDef]


class TaxonomyError(ValueError):
    """The taxonomy file is malformed."""


def parse_taxonomy(data: dict) -> dict[str, SectionDef]:
    """Build the section map from the YAML data, or raise TaxonomyError naming the bad entry."""
    sections: dict[str, SectionDef] = {}
    for key, raw in (data or {}).get("sections", {}).items():
        if not isinstance(raw, dict) or not isinstance(raw.get("topics"), dict):
            raise TaxonomyError(f"section {key!r} needs a 'topics' mapping")
        topics = {}
        for topic_key, topic in raw["topics"].items():
            if not isinstance(topic, dict) or "name" not in topic:
                raise TaxonomyError(f"topic {key}/{topic_key} needs a name")
            weights = {paper: str(w) for paper, w in (topic.get("weights") or {}).items()}
            topics[topic_key] = TopicDef(key, topic_key, topic["name"], weights, topic.get("source", ""))
        sections[key] = SectionDef(key, raw.get("name", key), tuple(raw.get("papers", ())), topics)
    if not sections:
        raise TaxonomyError("the taxonomy has no sections")
    return sections


def load_taxonomy(path: Path) -> dict[str, SectionDef]:
    """Read and parse a taxonomy YAML file."""
    with open(path, encoding="utf-8") as handle:
        return parse_taxonomy(yaml.safe_load(handle))


def find_taxonomy(root: Path) -> Path:
    """The taxonomy file for a bank folder (or for the folder holding a single bank file)."""
    folder = root if root.is_dir() else root.parent
    for candidate in [folder, *folder.parents]:
        if (candidate / "taxonomy.yaml").exists():
            return candidate / "taxonomy.yaml"
    raise TaxonomyError(f"no taxonomy.yaml in {folder} or above it")
