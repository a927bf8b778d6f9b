"""GIFT: the published grammar's awkward parts, unsupported types, drafts, and a round trip through our writer."""

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.bank.interchange import gift
from trainer.bank.interchange.items import InterchangeError, Item

SAMPLE = r"""// a comment line, ignored
$CATEGORY: $course$/top/quant/percentage

::Q one::[markdown]What is 10\% of 200 \{in rupees\}\: exactly?
And a second line {
  =20 # right: 200 x 0.1
  ~2 # a tenth of the tenth
  ~%-25%200
  ~\=10
  #### General feedback.
}

::Weighted:: Pick the key {~%100%alpha ~%0%beta ~gamma ~delta}

Is the sky green? {F}

Name a colour {=red =blue}

Two right answers {~%50%a ~%50%b ~c ~d}

The capital of India is {~Mumbai =New Delhi ~Chennai ~Kolkata} city.
"""


def parse(text: str):
    return gift.parse(text.encode(), "bank.gift")


def test_escapes_titles_feedback_weights_and_categories_follow_the_grammar():
    parsed = parse(SAMPLE)
    first, weighted, missing_word = parsed.items
    assert first.title == "Q one"
    assert first.stem == "What is 10\\% of 200 {in rupees}: exactly?\nAnd a second line"
    assert first.options == ["20", "2", "200", "=10"]
    assert (first.answer, first.explanation, first.line) == (0, "right: 200 x 0.1", 4)
    assert first.category == "$course$/top/quant/percentage"
    assert (weighted.answer, weighted.options) == (0, ["alpha", "beta", "gamma", "delta"])
    assert missing_word.stem == "The capital of India is _____ city."
    assert missing_word.answer == 1


def test_every_other_type_is_reported_with_its_line():
    parsed = parse(SAMPLE)
    assert [(u.line, u.kind) for u in parsed.unsupported] == [
        (15, "truefalse"),
        (17, "shortanswer"),
        (19, "multiple-answer (weights other than one 100% key)"),
    ]


def test_broken_braces_are_an_error_at_the_question_line_and_the_rest_still_reads():
    parsed = parse("First {~a =b\n\nSecond {~a =b ~c ~d}\n")
    assert [(e.line, "braces" in e.message) for e in parsed.errors] == [(1, True)]
    assert len(parsed.items) == 1


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte():
    try:
        gift.parse(b"ok {=a ~b}\n\nbad \xff {=a ~b}", "x.gift")
    except InterchangeError as exc:
        assert (exc.line, "UTF-8" in exc.message) == (3, True)
    else:
        raise AssertionError("expected an InterchangeError")


def test_what_we_write_reads_back_the_same():
    items = [
        Item("", 0, "Line one\n\nA {brace}, a ~tilde, = sign, # hash: colon \\frac{1}{2}", ["a", "b=c", "d#e", "f"], 2,
             "Because:\nreasons", uid="quant-1", category="quant/percentage"),
    ]  # fmt: skip
    back = parse(gift.write(items)).items
    assert [(i.uid or i.title, i.stem, i.options, i.answer, i.explanation, i.category) for i in back] == [
        ("quant-1", items[0].stem, items[0].options, 2, "Because:\nreasons", "quant/percentage")
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("{}~=#%:$\\/\n abcAT-0123456789[]>")), max_size=200))
def test_any_text_gives_items_or_located_errors_never_a_crash(text):
    try:
        parsed = parse(text)
    except InterchangeError as exc:
        assert exc.path == "bank.gift" and exc.line >= 0
        return
    assert all(e.path == "bank.gift" and e.line >= 1 for e in parsed.errors)
    assert all(u.line >= 1 for u in parsed.unsupported)


def test_answers_and_feedback_may_carry_their_own_format_marker():
    text = "::Q2:: What's between orange and green?\n{\n    =yellow # right; good!\n    ~red # [html]wrong\n"
    text += "    ~[plain]blue # wrong\n}\n"
    (item,) = parse(text).items
    assert (item.options, item.explanation) == (["yellow", "red", "blue"], "right; good!")
