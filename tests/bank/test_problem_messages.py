"""A bank problem's message is English wherever it is printed (`bank validate`, `bank import`, logs) and can be said
in the reader's language on a page, its values (an option letter, a file:line, a nested problem) unchanged."""

from __future__ import annotations

import copy
import pickle

from trainer.bank.parsing import parse_text
from trainer.core.wording import N_, joined, say

HINDI = {
    "Hindi: %(problem)s": "हिन्दी: %(problem)s",
    "option %(letter)s is empty": "विकल्प %(letter)s खाली है",
    "stem": "प्रश्न-पाठ",
}


def in_hindi(message: str, **variables) -> str:
    """A stand-in for the catalogue's gettext (English where it has no entry)."""
    return HINDI.get(message, message) % variables if variables else HINDI.get(message, message)


TEXT = (
    "---\nid: q\n---\nStem?\nA) 1\nB)\nC) 3\nD) 4\nExplanation:\nWhy.\n"
    "[hi]\nप्रश्न?\nA) 1\nB)\nC) 3\nD) 4\nExplanation:\nक्यों।\n"
)


def test_a_layout_problem_prints_in_english_with_its_line_and_is_said_in_hindi():
    _items, problems = parse_text(TEXT, "quant/q.md")
    assert [str(p) for p in problems] == [
        "quant/q.md:6: option B is empty",
        "quant/q.md:14: Hindi: option B is empty",
    ]
    assert [say(p.message, in_hindi) for p in problems] == ["विकल्प B खाली है", "हिन्दी: विकल्प B खाली है"]


def test_joined_messages_are_each_said_and_plain_text_stays_as_it_is():
    both = joined([N_("option %(letter)s is empty", letter="A"), "a note in plain English"])
    assert both == "option A is empty; a note in plain English"
    assert say(both, in_hindi) == "विकल्प A खाली है; a note in plain English"
    assert say("file.md", in_hindi) == "file.md"


def test_a_message_keeps_its_template_when_copied_or_pickled():
    message = N_("Hindi: %(problem)s", problem=N_("stem"))
    for twin in (copy.deepcopy(message), pickle.loads(pickle.dumps(message))):
        assert twin == "Hindi: stem" and say(twin, in_hindi) == "हिन्दी: प्रश्न-पाठ"
