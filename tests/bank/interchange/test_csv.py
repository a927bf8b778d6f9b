"""CSV: the template's columns, Hindi columns, bad rows at their line, and a round trip through our writer."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.bank.interchange import csvfile
from trainer.bank.interchange.items import InterchangeError, Item


def parse(text: str):
    return csvfile.parse(text.encode(), "q.csv")


def test_the_template_reads_back_as_its_example_question():
    (item,) = parse(csvfile.template()).items
    assert (item.uid, item.section, item.topic, item.answer, item.line) == (
        "quant-percentage-901",
        "quant",
        "percentage",
        2,
        2,
    )


def test_a_multi_line_cell_keeps_the_line_of_the_next_row_right():
    header = "section,topic,stem,option_a,option_b,option_c,option_d,answer,explanation\n"
    text = header + 'quant,percentage,"two\nlines",a,b,c,d,A,why\nquant,percentage,s,a,b,c,,B,why\n'
    first, second = parse(text).items
    assert (first.line, first.stem, second.line, second.options) == (2, "two\nlines", 4, ["a", "b", "c"])


def test_bad_rows_are_errors_at_their_lines():
    header = "section,topic,stem,option_a,option_b,option_c,option_d,answer\n"
    parsed = parse(header + "quant,percentage,s,a,b,c,d,E\nquant,percentage,s,a,b\n")
    assert [(e.line, e.message.split(",")[0]) for e in parsed.errors] == [
        (2, "answer must be the letter of a filled option (A-D)"),
        (3, "the row does not have one value per column"),
    ]


def test_an_unknown_or_missing_column_is_refused_at_line_1():
    with pytest.raises(InterchangeError) as caught:
        parse("section,topic,question\n")
    assert caught.value.line == 1 and "unknown column(s): question" in caught.value.message


def test_semicolons_between_columns_get_a_hint():
    with pytest.raises(InterchangeError, match="separated by ';'"):
        parse("section;topic;stem;option_a;option_b;option_c;option_d;answer\n")


def test_what_we_write_reads_back_the_same_hindi_included():
    hindi = ("प्रश्न 5?", ["1", "2", "3", "5"], "क्योंकि 5")
    items = [Item("", 0, "Question 5?\nwith, commas \"quoted\"", ["1", "2", "3", "5"], 3, "because 5", uid="q-5",
                  section="quant", topic="percentage", difficulty="hard", source="a book", hindi=hindi)]  # fmt: skip
    (back,) = parse(csvfile.write(items)).items
    assert (back.uid, back.stem, back.options, back.answer, back.difficulty, back.source) == (
        "q-5", items[0].stem, items[0].options, 3, "hard", "a book"
    )  # fmt: skip
    assert back.hindi == hindi


PIECES = ["a", ",", '"', "\n", "\r", "\x00", "B", "section", "topic", "stem", "answer"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_any_text_gives_items_or_located_errors_never_a_crash(pieces):
    text = "section,topic,stem,option_a,option_b,option_c,option_d,answer\n" + "".join(pieces)
    try:
        parsed = parse(text)
    except InterchangeError as exc:
        assert exc.path == "q.csv" and exc.line >= 0
        return
    assert all(e.path == "q.csv" and e.line >= 1 for e in parsed.errors)
