"""Practice feedback names options by the letters the candidate sees, not those they were written with."""

from trainer.exam.letters import as_shown

SHOWN_AS = [2, 0, 3, 1]  # shown A is written C, shown B is written A, shown C is written D, shown D is written B


def test_a_written_letter_becomes_the_letter_the_option_is_shown_under():
    text = "Option A takes 35% of the wrong base; option B forgets the sign."
    assert as_shown(text, SHOWN_AS) == "Option B takes 35% of the wrong base; option D forgets the sign."


def test_lists_of_letters_and_hindi_references_are_rewritten_too():
    assert as_shown("Options A and C are rates, not amounts.", SHOWN_AS) == "Options B and A are rates, not amounts."
    assert as_shown("Options A, B or D fail.", SHOWN_AS) == "Options B, D or C fail."
    assert as_shown("विकल्प D में भूल है; विकल्पों A और B में नहीं।", SHOWN_AS) == "विकल्प C में भूल है; विकल्पों B और D में नहीं।"


def test_other_capital_letters_and_unshuffled_options_are_left_alone():
    text = "A and B start together; Option A is the trap. Vitamin D, option Delta."
    assert as_shown(text, SHOWN_AS) == "A and B start together; Option B is the trap. Vitamin D, option Delta."
    assert as_shown(text, [0, 1, 2, 3]) == text
