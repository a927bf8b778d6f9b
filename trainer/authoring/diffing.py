"""Word-level differences between two versions of a question, field by field (pure: no database, no Flask)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

LETTERS = "ABCD"
TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "insert" or "delete"
    text: str


@dataclass(frozen=True)
class FieldDiff:
    label: str
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return any(s.kind != "same" for s in self.segments)


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The new text as runs of kept, deleted and inserted words (whitespace kept, so it reads as written)."""
    a, b = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(Segment("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("delete", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("insert", "".join(b[j1:j2])))
    return tuple(segments)


def fields_of(version) -> dict[str, str]:
    """What an instructor reads in a version, label → text (any object with QuestionVersion's attributes)."""
    fields = {
        "Topic": f"{version.topic.section}/{version.topic.key}",
        "Difficulty": version.difficulty,
        "Question": version.stem,
        **{f"Option {LETTERS[i]}": text for i, text in enumerate(version.options)},
        "Correct option": LETTERS[version.answer] if 0 <= version.answer < len(LETTERS) else str(version.answer),
        "Explanation": version.explanation,
        "Source": version.source,
    }
    hindi = version.hindi or {"stem": "", "options": [], "explanation": ""}
    fields["Question (Hindi)"] = hindi["stem"]
    fields |= {f"Option {LETTERS[i]} (Hindi)": text for i, text in enumerate(hindi["options"])}
    fields["Explanation (Hindi)"] = hindi["explanation"]
    return fields


def version_diff(old, new) -> list[FieldDiff]:
    """Every field of the two versions with its word-level difference (unchanged fields included, marked so)."""
    before, after = fields_of(old), fields_of(new)
    labels = list(after) + [label for label in before if label not in after]
    return [FieldDiff(label, word_diff(before.get(label, ""), after.get(label, ""))) for label in labels]
