"""Which section of the review a result page shows, and which sections its next and previous links lead to."""

from trainer.exam.review_sections import ALL, neighbours, shown_section

KEYS = ["reasoning", "awareness", "quant", "english"]


def test_the_first_section_is_reviewed_unless_another_or_all_is_asked_for():
    assert shown_section(KEYS, None) == shown_section(KEYS, "") == "reasoning"
    assert shown_section(KEYS, "quant") == "quant"
    assert shown_section(KEYS, ALL) == ALL


def test_a_section_the_paper_lacks_is_not_found():
    assert shown_section(KEYS, "maths") is None
    assert shown_section([], None) == ALL  # a paper without sections has nothing to choose from


def test_next_and_previous_stop_at_the_ends_and_vanish_when_every_section_is_shown():
    assert neighbours(KEYS, "reasoning") == (None, "awareness")
    assert neighbours(KEYS, "quant") == ("awareness", "english")
    assert neighbours(KEYS, "english") == ("quant", None)
    assert neighbours(KEYS, ALL) == (None, None)
