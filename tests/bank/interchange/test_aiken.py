"""Aiken: question text, `A)`/`A.` options, `ANSWER:`; broken questions are errors at their line, never a crash."""

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.bank.interchange import aiken
from trainer.bank.interchange.items import InterchangeError, Item

SAMPLE = """What is the correct answer to this question?
A. Is it this one?
B. Maybe this answer?
C. Possibly this one?
D. Must be this one!
ANSWER: D

Which LMS has the most quiz import formats?
A) Moodle
B) ATutor
C) Claroline
D) Blackboard
E) WebCT
F) Ilias
ANSWER: A
"""


def parse(text: str):
    return aiken.parse(text.encode(), "q.txt")


def test_both_option_styles_read_with_their_key():
    first, second = parse(SAMPLE).items
    assert (first.line, first.stem, first.answer) == (1, "What is the correct answer to this question?", 3)
    assert first.options == ["Is it this one?", "Maybe this answer?", "Possibly this one?", "Must be this one!"]
    assert (second.line, len(second.options), second.answer, second.explanation) == (8, 6, 0, "")


def test_a_broken_question_is_an_error_at_its_line_and_the_next_one_still_reads():
    parsed = parse("Q one\nA) x\nB) y\nANSWER: C\n\nQ two\nA) x\nB) y\nANSWER: B\n\nQ three\nA) x\n")
    assert [(e.line, e.message) for e in parsed.errors] == [
        (1, "ANSWER 'C' is not one of the options' letters"),
        (11, "the file ends before this question's ANSWER line"),
    ]
    assert [i.stem for i in parsed.items] == ["Q two"]


def test_what_we_write_reads_back_the_same():
    items = [Item("", 0, "Stem", ["a", "b", "c", "d"], 1, "lost", uid="u")]
    (back,) = parse(aiken.write(items)).items
    assert (back.stem, back.options, back.answer) == ("Stem", ["a", "b", "c", "d"], 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Q?", "A) a", "B. b", "C) c", "ANSWER: B", "ANSWER:", "", "x", "E) e"]), max_size=30))
def test_any_lines_give_items_or_located_errors_never_a_crash(lines):
    try:
        parsed = parse("\n".join(lines))
    except InterchangeError as exc:
        assert exc.line >= 0
        return
    assert all(e.path == "q.txt" and e.line >= 1 for e in parsed.errors)
