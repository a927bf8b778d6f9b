"""Word-level differences between two versions of a question, field by field (pure: no database, no Flask)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from trainer.core.wording import N_

LETTERS = "ABCD"
# Field labels are English keys, translated where the diff is shown.
OPTION_LABELS = (N_("Option A"), N_("Option B"), N_("Option C"), N_("Option D"))
HINDI_OPTION_LABELS = (N_("Option A (Hindi)"), N_("Option B (Hindi)"), N_("Option C (Hindi)"), N_("Option D (Hindi)"))
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
        N_("Topic"): f"{version.topic.section}/{version.topic.key}",
        N_("Difficulty"): version.difficulty,
        N_("Question"): version.stem,
        **{OPTION_LABELS[i]: text for i, text in enumerate(version.options)},
        N_("Correct option"): LETTERS[version.answer] if 0 <= version.answer < len(LETTERS) else str(version.answer),
        N_("Explanation"): version.explanation,
        N_("Source"): version.source,
    }
    hindi = version.hindi or {"stem": "", "options": [], "explanation": ""}
    fields[N_("Question (Hindi)")] = hindi["stem"]
    fields |= {HINDI_OPTION_LABELS[i]: text for i, text in enumerate(hindi["options"])}
    fields[N_("Explanation (Hindi)")] = hindi["explanation"]
    return fields


def version_diff(old, new) -> list[FieldDiff]:
    """Every field of the two versions with its word-level difference (unchanged fields included, marked so)."""
    before, after = fields_of(old), fields_of(new)
    labels = list(after) + [label for label in before if label not in after]
    return [FieldDiff(label, word_diff(before.get(label, ""), after.get(label, ""))) for label in labels]
