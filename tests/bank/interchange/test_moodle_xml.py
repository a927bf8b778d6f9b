"""Moodle XML: CDATA, text formats, fractions, feedback, base64 images, unsupported types, hostile XML, round trip."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.bank.interchange import moodle_xml
from trainer.bank.interchange.items import InterchangeError, Item
from trainer.bank.rendering import render

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
SAMPLE = f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/quant/percentage</text></category>
  </question>
  <question type="multichoice">
    <name><text>Percent one</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>What is 10% of <b>200</b>? <img src="@@PLUGINFILE@@/dot.png" alt="dot"></p>]]></text>
      <file name="dot.png" path="/" encoding="base64">{PNG}</file>
    </questiontext>
    <generalfeedback format="markdown"><text>General: 200 x 0.1 = 20.</text></generalfeedback>
    <single>true</single>
    <answer fraction="100" format="html"><text>20</text>
      <feedback><text>Right: a tenth of 200.</text></feedback></answer>
    <answer fraction="0"><text>2</text></answer>
    <answer fraction="-25"><text>200</text></answer>
    <answer fraction="0.0"><text>&lt;b&gt;0.2&lt;/b&gt;</text></answer>
  </question>
  <question type="multichoice">
    <name><text>Two keys</text></name>
    <questiontext format="moodle_auto_format"><text>Pick two</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>a</text></answer><answer fraction="50"><text>b</text></answer>
  </question>
  <question type="truefalse"><name><text>TF</text></name></question>
  <question type="essay"><name><text>E</text></name></question>
  <question type="matching"><name><text>M</text></name></question>
</quiz>
"""


def parse(text: str):
    return moodle_xml.parse(text.encode(), "quiz.xml")


def test_a_multichoice_question_reads_with_its_category_key_feedback_and_inlined_image():
    (item,) = parse(SAMPLE).items
    assert (item.line, item.title, item.category) == (6, "Percent one", "$course$/top/quant/percentage")
    assert item.stem.startswith("<p>What is 10% of <b>200</b>?")
    assert f'src="data:image/png;base64,{PNG}"' in item.stem
    assert item.options == ["20", "2", "200", "<b>0.2</b>"]
    assert (item.answer, item.explanation) == (0, "Right: a tenth of 200.")


def test_every_other_type_is_reported_at_its_element_line():
    kinds = [(u.line, u.kind) for u in parse(SAMPLE).unsupported]
    assert kinds == [
        (20, "multichoice with several right answers (<single>false</single>)"),
        (26, "truefalse"),
        (27, "essay"),
        (28, "matching"),
    ]


def test_general_feedback_is_the_explanation_when_the_key_has_none():
    text = SAMPLE.replace("<feedback><text>Right: a tenth of 200.</text></feedback>", "")
    assert parse(text).items[0].explanation == "General: 200 x 0.1 = 20."


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (SAMPLE[:400], 10, "not well-formed"),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE q [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n<quiz>&b;</quiz>',
            0,
            "refused",
        ),
        ('<!DOCTYPE quiz SYSTEM "file:///etc/passwd">\n<quiz/>', 0, "refused"),
        ("<html><body/></html>", 1, "expected <quiz>"),
    ],
)
def test_malformed_or_hostile_xml_is_one_located_error(text, line, words):
    with pytest.raises(InterchangeError) as caught:
        parse(text)
    assert caught.value.line == line and words in caught.value.message


def test_what_we_write_reads_back_the_same():
    items = [Item("", 0, "A <b>bold</b> & ]]> stem\n\nline two", ["a", "b<c", "d&e", "f"], 3, "why", uid="quant-9",
                  category="quant/percentage")]  # fmt: skip
    (back,) = parse(moodle_xml.write(items)).items
    assert (back.uid, back.stem, back.options, back.answer, back.explanation) == (
        "quant-9", items[0].stem, items[0].options, 3, "why"
    )  # fmt: skip
    assert back.category == "$course$/top/quant/percentage"


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: f"<quiz>{t}</quiz>".encode())))
def test_any_bytes_give_items_or_located_errors_never_a_crash(data):
    try:
        parsed = moodle_xml.parse(data, "quiz.xml")
    except InterchangeError as exc:
        assert exc.path == "quiz.xml" and exc.line >= 0
        return
    assert all(e.path == "quiz.xml" and e.line >= 1 for e in parsed.errors)


def test_a_file_that_is_not_an_image_is_reported_not_kept():
    text = SAMPLE.replace('name="dot.png"', 'name="bonjour.mp3"')
    (item,) = parse(text).items
    assert item.notes == ["file 'bonjour.mp3' (audio/mpeg) was not kept"]


def test_the_old_image_and_image_base64_fields_become_an_inline_image():
    old = f"<image>dot.png</image>\n<image_base64>\n{PNG}\n</image_base64>\n    <generalfeedback"
    (item,) = parse(SAMPLE.replace("<generalfeedback", old, 1)).items
    assert item.stem.endswith(f'\n\n<img src="data:image/png;base64,{PNG}" alt="">')
    assert f"data:image/png;base64,{PNG}" in render(item.stem)  # the sanitiser keeps data:image URLs
