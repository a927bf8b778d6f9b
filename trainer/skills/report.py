"""The result page's view of a scored attempt: the passage word by word, each error with its kind and what was typed."""

from __future__ import annotations

from dataclasses import dataclass

from trainer.core.wording import N_
from trainer.skills.evaluation import KINDS

LABELS = {  # translated where shown: the template passes each through gettext
    "omitted": N_("omitted"),
    "added": N_("added"),
    "substituted": N_("substituted"),
    "misspelt": N_("misspelt"),
    "transposed": N_("transposed"),
    "case": N_("case"),
    "punctuation": N_("punctuation"),
    "spacing": N_("spacing"),
}
KIND_NAMES = (N_("test"), N_("warmup"), N_("drill"))  # an attempt's kind, as the typing pages name it


@dataclass(frozen=True)
class Segment:
    expected: str  # passage word(s); "" for an added word
    typed: str
    kinds: tuple[str, ...]
    weight: str  # "", "full" or "half" (the heaviest of its kinds)

    @property
    def label(self) -> str:
        return ", ".join(LABELS[k] for k in self.kinds)


def segments(passage: str, result: dict) -> tuple[list[Segment], str]:
    """(the passage as typed, segment by segment; the words not reached, as one string)."""
    words = passage.split()
    out = []
    for start, end, typed, kinds in result["ops"]:
        kinds = tuple(kinds)
        weight = "full" if any(KINDS[k][0] == "full" for k in kinds) else ("half" if kinds else "")
        out.append(Segment(" ".join(words[start:end]), typed, kinds, weight))
    return out, " ".join(words[result["reached"] :])


def error_words(passage: str, result: dict) -> list[tuple[str, str]]:
    """(word, kind) for each error: the passage's word, or the typed word for an added one."""
    found = []
    for segment in segments(passage, result)[0]:
        for kind in segment.kinds:
            word = segment.expected or segment.typed
            found.extend((w, kind) for w in word.split())
    return found
