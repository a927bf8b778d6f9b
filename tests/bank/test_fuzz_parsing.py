"""Fuzzing the bank file parser: whatever the text, it returns items and located problems, never raises."""

from hypothesis import given

from tests.bank.fuzzing import FUZZ, assert_located, files, question_files
from trainer.bank.parsing import ParsedGroup, ParsedQuestion, parse_text


@FUZZ
@given(files)
def test_any_text_parses_to_items_and_located_problems(text):
    items, problems = parse_text(text, "bank/quant/f.md")
    assert_located(problems, "bank/quant/f.md", text)
    for item in items:
        assert isinstance(item, ParsedQuestion | ParsedGroup)
        assert isinstance(item.header, dict) and isinstance(item.uid, str)
        assert 1 <= item.line <= len(text.splitlines())


@FUZZ
@given(question_files)
def test_every_item_is_located_at_its_opening_delimiter(text):
    items, problems = parse_text(text, "f.md")
    lines = text.splitlines()
    assert all(lines[item.line - 1].rstrip() == "---" for item in items), [item.line for item in items]
    assert_located(problems, "f.md", text)
